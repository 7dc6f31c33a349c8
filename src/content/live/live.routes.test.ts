import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { readEventStream } from '../../platform/events/domain-events.js';
import { buildArticle, buildTestApp, signInAs, type TestApp } from '../../test-support/test-app.js';
import { livePublishJob } from './live-publish.job.js';

type Headers = Record<string, string>;
interface Update {
  id: number;
  version: number;
  status: string;
  headline: string;
  plain_text: string;
  pinned: boolean;
  key_event: boolean;
  correction: string;
  authors: { name: string }[];
  published_at: string | null;
}

describeEachDialect('live desk API', (getDatabase) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(getDatabase());
  });
  after(() => t.close());

  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    headers: Headers,
    body?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });

  async function liveArticle(editor: Headers) {
    const article = await buildArticle(getDatabase(), { status: 'published', title: 'War latest' });
    const started = await call('PUT', `/api/admin/articles/${article.id}/live`, editor, {
      state: 'live',
    });
    assert.equal(started.statusCode, 200, started.body);
    return article;
  }

  it('starts a coverage, posts, edits and deletes updates with history, events and purges', async () => {
    const editor = await signInAs(t, 'editor', 'Olena Desk');
    const article = await liveArticle(editor.headers);
    const state = (
      await call('GET', `/api/admin/articles/${article.id}`, editor.headers)
    ).json() as {
      article: { live: string };
    };
    assert.equal(state.article.live, 'live');

    t.purged.length = 0;
    const posted = await call(
      'POST',
      `/api/admin/articles/${article.id}/live/updates`,
      editor.headers,
      {
        headline: 'Explosions in Kyiv',
        html: '<p>Air defence is working over the capital.</p>',
        status: 'published',
        key_event: true,
      },
    );
    assert.equal(posted.statusCode, 201, posted.body);
    const update = (posted.json() as { update: Update }).update;
    assert.equal(update.status, 'published');
    assert.equal(update.plain_text, 'Air defence is working over the capital.');
    assert.ok(update.authors[0]?.name.startsWith('Olena Desk'), 'the byline is the poster');
    assert.ok(update.published_at);
    assert.ok(
      t.purged.includes(`live:${article.id}`) && t.purged.includes(`article:${article.id}`),
    );
    assert.ok(t.purged.includes('home'), 'a key event changes the home page');

    const stale = await call('PATCH', `/api/admin/live/updates/${update.id}`, editor.headers, {
      version: update.version + 5,
      headline: 'x',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /changed by someone else/);

    const edited = await call('PATCH', `/api/admin/live/updates/${update.id}`, editor.headers, {
      version: update.version,
      headline: 'Explosions heard in Kyiv',
      correction: 'An earlier version said the explosions were in Lviv.',
      pinned: true,
    });
    assert.equal(edited.statusCode, 200, edited.body);
    const second = (edited.json() as { update: Update }).update;
    assert.equal(second.version, update.version + 1);
    assert.equal(second.published_at, update.published_at, 'an edit keeps the time it was posted');
    assert.equal(second.pinned, true);

    const deleted = await call('DELETE', `/api/admin/live/updates/${update.id}`, editor.headers);
    assert.equal(deleted.statusCode, 204);
    const history = (
      await call('GET', `/api/admin/live/updates/${update.id}/revisions`, editor.headers)
    ).json() as {
      revisions: { version: number; snapshot: { status: string; headline: string } }[];
    };
    assert.deepEqual(
      history.revisions.map((r) => [r.version, r.snapshot.status]),
      [
        [3, 'deleted'],
        [2, 'published'],
        [1, 'published'],
      ],
    );
    const feed = (
      await call('GET', `/api/admin/articles/${article.id}/live`, editor.headers)
    ).json() as {
      updates: Update[];
    };
    assert.deepEqual(feed.updates, []);
    const types = (await readEventStream(getDatabase().db, `article:${article.id}`)).map(
      (e) => e.type,
    );
    assert.deepEqual(
      types.filter((type) => type.startsWith('live.')),
      [
        'live.coverage-changed',
        'live.update-published',
        'live.update-changed',
        'live.update-deleted',
      ],
    );
  });

  it('keeps roles: contributors draft, authors publish their own, only editors pin others’ coverage and push', async () => {
    const editor = await signInAs(t, 'editor');
    const contributor = await signInAs(t, 'contributor');
    const author = await signInAs(t, 'author');
    const article = await liveArticle(editor.headers);
    const url = `/api/admin/articles/${article.id}/live/updates`;

    const refused = await call('POST', url, contributor.headers, {
      html: '<p>Hi</p>',
      status: 'published',
    });
    assert.equal(refused.statusCode, 403);
    const draft = await call('POST', url, contributor.headers, { html: '<p>Draft</p>' });
    assert.equal(draft.statusCode, 201);

    assert.equal(
      (
        await call('POST', url, author.headers, {
          html: '<p>x</p>',
          status: 'published',
          pinned: true,
        })
      ).statusCode,
      403,
    );
    assert.equal(
      (
        await call('POST', url, author.headers, {
          html: '<p>x</p>',
          status: 'published',
          push: true,
        })
      ).statusCode,
      403,
    );
    const own = await call('POST', url, author.headers, {
      html: '<p>From the field</p>',
      status: 'published',
    });
    assert.equal(own.statusCode, 201);
    const ownUpdate = (own.json() as { update: Update }).update;
    const byEditor = (
      (
        await call('POST', url, editor.headers, { html: '<p>Desk</p>', status: 'published' })
      ).json() as {
        update: Update;
      }
    ).update;
    assert.equal(
      (
        await call('PATCH', `/api/admin/live/updates/${byEditor.id}`, author.headers, {
          version: 1,
          headline: 'mine',
        })
      ).statusCode,
      403,
    );
    assert.equal(
      (
        await call('PATCH', `/api/admin/live/updates/${ownUpdate.id}`, author.headers, {
          version: 1,
          headline: 'Fixed',
        })
      ).statusCode,
      200,
    );
    // Drafts are each person's own.
    const editorView = (
      await call('GET', `/api/admin/articles/${article.id}/live`, editor.headers)
    ).json() as {
      drafts: Update[];
      updates: Update[];
    };
    assert.deepEqual(editorView.drafts, []);
    assert.equal(editorView.updates.length, 2);
    const contributorView = (
      await call('GET', `/api/admin/articles/${article.id}/live`, contributor.headers)
    ).json() as {
      drafts: Update[];
    };
    assert.equal(contributorView.drafts.length, 1);
  });

  it('refuses bad input with messages, and updates to an article that is not live', async () => {
    const editor = await signInAs(t, 'editor');
    const plain = await buildArticle(getDatabase(), { status: 'published' });
    const notLive = await call(
      'POST',
      `/api/admin/articles/${plain.id}/live/updates`,
      editor.headers,
      {
        html: '<p>x</p>',
        status: 'published',
      },
    );
    assert.equal(notLive.statusCode, 409);
    assert.match(notLive.body, /Start the live coverage/);
    const article = await liveArticle(editor.headers);
    const url = `/api/admin/articles/${article.id}/live/updates`;
    assert.equal(
      (await call('POST', url, editor.headers, { status: 'published' })).statusCode,
      422,
    );
    assert.equal((await call('POST', url, editor.headers, { status: 'nonsense' })).statusCode, 422);
    assert.equal(
      (await call('POST', url, editor.headers, { html: '<p>x</p>', extra: 1 })).statusCode,
      422,
    );
    const past = await call('POST', url, editor.headers, {
      html: '<p>x</p>',
      status: 'scheduled',
      published_at: '2001-01-01T10:00',
    });
    assert.equal(past.statusCode, 422);
    assert.match(past.body, /future/);
    assert.equal(
      (await call('PATCH', '/api/admin/live/updates/999999', editor.headers, { version: 1 }))
        .statusCode,
      404,
    );
    assert.equal(
      (
        await call('PUT', `/api/admin/articles/${plain.id}/live`, editor.headers, {
          state: 'ended',
        })
      ).statusCode,
      409,
    );
    // Unsafe HTML is sanitized like an article body.
    const posted = await call('POST', url, editor.headers, {
      html: '<p onclick="steal()">Hi<script>alert(1)</script></p>',
      status: 'published',
    });
    assert.equal(posted.statusCode, 201);
    assert.doesNotMatch(
      JSON.stringify((posted.json() as { update: { doc: unknown } }).update.doc),
      /script|onclick/,
    );
  });

  it('publishes a scheduled update when its time comes, once', async () => {
    const editor = await signInAs(t, 'editor');
    const article = await liveArticle(editor.headers);
    const soon = new Date(Date.now() + 60_000);
    const settings = await t.services.settings.get();
    const wall = new Intl.DateTimeFormat('sv-SE', {
      timeZone: settings.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .format(soon)
      .replace(' ', 'T');
    const response = await call(
      'POST',
      `/api/admin/articles/${article.id}/live/updates`,
      editor.headers,
      {
        html: '<p>Curfew begins</p>',
        status: 'scheduled',
        published_at: wall,
      },
    );
    assert.equal(response.statusCode, 201, `${response.body} (zone ${settings.timeZone})`);
    const scheduled = (response.json() as { update: Update }).update;
    assert.equal(scheduled.status, 'scheduled');
    const deps = { ...t.services, now: () => new Date(Date.now() + 3_600_000) };
    const context = { logger: t.services.logger, attempt: 1, jobId: 0 } as unknown as Parameters<
      typeof livePublishJob.handler
    >[2];
    await livePublishJob.handler({}, deps, context);
    await livePublishJob.handler({}, deps, context);
    const feed = (
      await call('GET', `/api/admin/articles/${article.id}/live`, editor.headers)
    ).json() as {
      updates: Update[];
    };
    assert.equal(feed.updates[0]?.status, 'published');
    const published = (await readEventStream(getDatabase().db, `article:${article.id}`)).filter(
      (e) => e.type === 'live.update-published',
    );
    assert.equal(published.length, 1);
  });

  it('shows who is on the desk and who is typing', async () => {
    const editor = await signInAs(t, 'editor', 'Iryna');
    const author = await signInAs(t, 'author', 'Mykola');
    const article = await liveArticle(editor.headers);
    const url = `/api/admin/articles/${article.id}/live/presence`;
    await call('POST', url, editor.headers, { typing: true });
    const seen = (await call('POST', url, author.headers, { typing: false })).json() as {
      present: { name: string; typing: boolean }[];
    };
    assert.deepEqual(seen.present.map((p) => [p.name.split(' ')[0], p.typing]).sort(), [
      ['Iryna', true],
      ['Mykola', false],
    ]);
    assert.equal((await call('DELETE', url, author.headers)).statusCode, 204);
  });
});
