import { z } from 'zod';
import type { AppServices } from '../platform/app-services.js';
import { defineJob } from '../platform/jobs/job-definition.js';
import { localeFor, translator } from '../site/i18n/translate.js';
import { findArticleForComments, findComment, findCommentReader } from './comment.repository.js';
import { loadOptOutSecret, optOutToken } from './comment-tokens.js';

// The email to the author of a top-level comment when someone replies (a durable job, queued
// in the transaction that published the reply). Nothing is sent when the author opted out or
// was banned, replied to themselves, or when either comment is no longer shown.

type ReplyMailDeps = Pick<AppServices, 'database' | 'mail' | 'config' | 'settings'>;

export const replyEmailJob = defineJob({
  name: 'comments.reply-email',
  version: 1,
  payload: z.object({ replyId: z.number().int().positive() }),
  async handler({ replyId }, deps: ReplyMailDeps) {
    const { db } = deps.database;
    const reply = await findComment(db, replyId);
    if (!reply || reply.status !== 'published' || reply.parent_id === null) return;
    const parent = await findComment(db, reply.parent_id);
    if (!parent || parent.member_id === reply.member_id) return;
    if (parent.status !== 'published' && parent.status !== 'held') return;
    const [reader, member, article] = await Promise.all([
      findCommentReader(db, parent.member_id),
      db
        .selectFrom('members')
        .select('email')
        .where('id', '=', parent.member_id)
        .executeTakeFirst(),
      findArticleForComments(db, { id: reply.article_id }),
    ]);
    if (!reader || reader.notify_replies === 0 || reader.banned_at || !member || !article) return;
    const settings = await deps.settings.get();
    const t = translator(localeFor(article.language || settings.language));
    const base = deps.config.baseUrl;
    const optOut = `${base}/comments/opt-out?token=${optOutToken(await loadOptOutSecret(db), parent.member_id)}`;
    const excerpt =
      reply.body_text.length > 600 ? `${reply.body_text.slice(0, 600)}…` : reply.body_text;
    const params = { name: reply.author_name, title: article.title };
    await deps.mail.send({
      to: member.email,
      subject: t('comments.mail.subject', params),
      text: `${t('comments.mail.text', params)}

${excerpt}

${t('comments.mail.read')}
${base}/comments/${article.slug}/#comment-${reply.id}

--
${t('comments.mail.optOut')}
${optOut}
${settings.name}
`,
      headers: {
        'Auto-Submitted': 'auto-generated',
        'List-Unsubscribe': `<${optOut}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
  },
});
