import assert from 'node:assert/strict';
import { it } from 'node:test';
import { subscribeDomains } from '../jobs.js';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { createEventBus, readEventStream } from '../platform/events/domain-events.js';
import { testEvents } from '../test-support/test-app.js';
import { publishDueArticles } from './article-publishing.js';
import type { ArticleCreateInput } from './article.input.js';
import { createArticle, removeArticle, updateArticle } from './article.service.js';
import { linkTranslation } from './article-translation.service.js';

const admin = { role: 'admin' as const, userId: null, tokenId: null };

describeEachDialect('content events', (getDatabase) => {
  const db = () => getDatabase().db;
  const depsWith = (events = testEvents()) => ({
    now: () => new Date(),
    timeZone: 'UTC',
    internalHosts: ['news.test'],
    events,
  });
  /** Creates an article (one byline, tagged Events) in its own transaction. */
  const create = (
    deps: ReturnType<typeof depsWith>,
    input: Pick<ArticleCreateInput, 'title' | 'status'> & Partial<ArticleCreateInput>,
  ) =>
    db()
      .transaction()
      .execute((tx) =>
        createArticle(tx, deps, { authors: ['Olena Shevchuk'], tags: ['Events'], ...input }, admin),
      );
  const types = async (articleId: number) =>
    (await readEventStream(db(), `article:${articleId}`)).map((e) => e.type);

  it('records exactly one of created/updated/published/unpublished per change, in order, then deleted', async () => {
    const deps = depsWith();
    const { article } = await create(deps, {
      title: 'Events draft',
      status: 'draft',
      html: '<p>a</p>',
    });
    const edit = (input: Record<string, unknown>, version: number) =>
      db()
        .transaction()
        .execute((tx) => updateArticle(tx, deps, article.id, { ...input, version }, admin));
    await edit({ title: 'Events draft, retitled' }, 1);
    await edit({ status: 'published' }, 2);
    await edit({ slug: 'events-renamed' }, 3);
    await edit({ status: 'unpublished' }, 4);
    await db()
      .transaction()
      .execute((tx) => removeArticle(tx, deps.events, article.id, admin));
    assert.deepEqual(await types(article.id), [
      'article.created',
      'article.updated',
      'article.published',
      'article.updated',
      'article.slug-changed',
      'article.unpublished',
      'article.deleted',
    ]);
    const history = await readEventStream(db(), `article:${article.id}`);
    const published = history[2]?.data;
    assert.equal(published?.status, 'published');
    assert.equal(published?.previousStatus, 'draft');
    assert.equal(published?.origin, 'newsroom');
    assert.deepEqual(history[4]?.data, {
      articleId: article.id,
      slug: 'events-renamed',
      previousSlug: 'events-draft',
    });
  });

  it('announces a scheduled publication as article.published, and a translation link', async () => {
    const deps = depsWith();
    const future = new Date(Date.now() + 3600_000).toISOString();
    const { article } = await create(deps, {
      title: 'Embargoed events',
      status: 'scheduled',
      published_at: future,
      html: '<p>a</p>',
    });
    await db()
      .transaction()
      .execute((tx) => publishDueArticles(tx, deps.events, new Date(Date.now() + 7200_000)));
    const { article: other } = await create(deps, {
      title: 'Події',
      status: 'draft',
      language: 'uk',
      html: '<p>б</p>',
    });
    await db()
      .transaction()
      .execute((tx) => linkTranslation(tx, deps.events, other.id, article.id, admin));
    assert.deepEqual(await types(article.id), ['article.created', 'article.published']);
    assert.deepEqual(await types(other.id), ['article.created', 'article.translation-linked']);
    const [, linked] = await readEventStream(db(), `article:${other.id}`);
    assert.deepEqual(
      [...((linked?.data.articleIds as number[] | undefined) ?? [])].sort((a, b) => a - b),
      [article.id, other.id].sort((a, b) => a - b),
    );
  });

  it('rolls the change back, with its event, when a subscriber fails', async () => {
    const events = subscribeDomains(createEventBus());
    events.subscribe(['article.created'], {
      name: 'test.refuses',
      handle: async () => {
        throw new Error('subscriber failed');
      },
    });
    const before = await db().selectFrom('domain_events').select('id').execute();
    await assert.rejects(
      create(depsWith(events), { title: 'Never stored', status: 'published', html: '<p>a</p>' }),
      /subscriber failed/,
    );
    const stored = await db()
      .selectFrom('articles')
      .select('id')
      .where('title', '=', 'Never stored')
      .execute();
    assert.equal(stored.length, 0);
    const afterRows = await db().selectFrom('domain_events').select('id').execute();
    assert.equal(afterRows.length, before.length);
  });
});

it('every domain subscribes to publishing, in a fixed order', () => {
  const bus = subscribeDomains(createEventBus());
  assert.deepEqual(bus.subscribersOf('article.published'), [
    'search.index-article',
    'audio.narrate',
    'audio.live-summary',
    'audio.briefing-stories',
    'site.websub-ping',
    'site.oembed-fetch',
  ]);
  assert.deepEqual(bus.subscribersOf('article.deleted'), [
    'search.unindex-article',
    'audio.briefing-stories',
  ]);
  assert.deepEqual(bus.subscribersOf('live.update-published'), [
    'audio.live-summary',
    'push.live-alert',
  ]);
  assert.deepEqual(bus.subscribersOf('tag.changed'), [
    'search.reindex-bylines',
    'audio.narrate-access',
  ]);
  assert.throws(
    () => bus.subscribe(['article.published'], { name: 'audio.narrate', handle: async () => {} }),
    /already subscribes/,
  );
});
