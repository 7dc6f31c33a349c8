import { createDomainEvents } from '../src/jobs.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { importWordPress } from '../src/importers/wordpress/wordpress-import.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';

// A 1,000-post WordPress export written the way WordPress 6 writes one (the test fixture's
// header, namespaces and CDATA; Gutenberg block comments; categories, tags, authors, drafts,
// attachments and featured images), imported into an empty SQLite database: once through
// `importWordPress` in this process, once end to end through the CLI (`masthead import
// wordpress`, a new process: start-up, migrations, import, report).

const root = new URL('../', import.meta.url).pathname;
const fixture = join(root, 'test/fixtures/wordpress/export.xml');

const words =
  'city council power grid energy winter school water front region minister court report people support village attack repair station heating shelter volunteers'.split(
    ' ',
  );

function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cdata = (text: string) => `<![CDATA[${text}]]>`;

/** Writes a WXR file with `posts` posts (and one attachment for every third post). */
export function writeWxr(path: string, posts: number): void {
  const rand = random(11);
  const sentence = (n: number) =>
    Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]).join(' ');
  const header = readFileSync(fixture, 'utf8').split('\t<item>')[0] ?? '';
  const authors = Array.from(
    { length: 12 },
    (_, i) =>
      `\t<wp:author><wp:author_id>${i + 10}</wp:author_id><wp:author_login>${cdata(`reporter${i}`)}</wp:author_login><wp:author_email>${cdata(`r${i}@old.example`)}</wp:author_email><wp:author_display_name>${cdata(`Reporter ${i}`)}</wp:author_display_name><wp:author_first_name>${cdata('')}</wp:author_first_name><wp:author_last_name>${cdata('')}</wp:author_last_name></wp:author>\n`,
  ).join('');
  const out: string[] = [header.replace('\t<generator>', `${authors}\t<generator>`)];
  for (let i = 0; i < posts; i += 1) {
    const id = 1000 + i;
    const date = new Date(Date.UTC(2016, 0, 1) + i * 3 * 86_400_000 + 9 * 3600_000);
    const ymd = date.toISOString().slice(0, 10);
    const wpDate = `${ymd} ${date.toISOString().slice(11, 19)}`;
    const slug = `story-${i}-${sentence(3).replace(/ /g, '-')}`;
    const paragraphs = Array.from({ length: 6 + Math.floor(rand() * 8) }, (_, n) =>
      n === 3
        ? `<!-- wp:heading -->\n<h2 class="wp-block-heading">${sentence(5)}</h2>\n<!-- /wp:heading -->`
        : `<!-- wp:paragraph -->\n<p>${sentence(40 + Math.floor(rand() * 40))} <a href="https://example.org/${n}">${sentence(2)}</a> &amp; <strong>${sentence(3)}</strong>.</p>\n<!-- /wp:paragraph -->`,
    );
    if (i % 10 === 0)
      paragraphs.push(
        `<!-- wp:embed {"url":"https://www.youtube.com/watch?v=v${i}","type":"video","providerNameSlug":"youtube"} -->\n<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">\nhttps://www.youtube.com/watch?v=v${i}\n</div></figure>\n<!-- /wp:embed -->`,
      );
    const attachment = i % 3 === 0 ? 50_000 + i : undefined;
    if (attachment)
      paragraphs.splice(
        1,
        0,
        `<!-- wp:image {"id":${attachment},"sizeSlug":"large"} -->\n<figure class="wp-block-image size-large"><img src="https://old.kyivledger.example/wp-content/uploads/${ymd.slice(0, 4)}/${ymd.slice(5, 7)}/photo-${i}.jpg" alt="${sentence(4)}" class="wp-image-${attachment}"/><figcaption class="wp-element-caption">${sentence(6)}</figcaption></figure>\n<!-- /wp:image -->`,
      );
    const status = i % 20 === 7 ? 'draft' : 'publish';
    const tags = [1, 2, 3].map((k) => `tag-${(i * k + k) % 50}`);
    out.push(`\t<item>
\t\t<title>${cdata(`${sentence(6)} &amp; ${sentence(2)}`)}</title>
\t\t<link>https://old.kyivledger.example/${ymd.replace(/-/g, '/')}/${slug}/</link>
\t\t<pubDate>${date.toUTCString().replace('GMT', '+0000')}</pubDate>
\t\t<dc:creator>${cdata(`reporter${i % 12}`)}</dc:creator>
\t\t<guid isPermaLink="false">https://old.kyivledger.example/?p=${id}</guid>
\t\t<description></description>
\t\t<content:encoded>${cdata(paragraphs.join('\n\n'))}</content:encoded>
\t\t<excerpt:encoded>${cdata(sentence(18))}</excerpt:encoded>
\t\t<wp:post_id>${id}</wp:post_id>
\t\t<wp:post_date>${cdata(wpDate)}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(status === 'draft' ? '0000-00-00 00:00:00' : wpDate)}</wp:post_date_gmt>
\t\t<wp:comment_status>${cdata('open')}</wp:comment_status>
\t\t<wp:ping_status>${cdata('open')}</wp:ping_status>
\t\t<wp:post_name>${cdata(status === 'draft' ? '' : slug)}</wp:post_name>
\t\t<wp:status>${cdata(status)}</wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:menu_order>0</wp:menu_order>
\t\t<wp:post_type>${cdata('post')}</wp:post_type>
\t\t<wp:post_password>${cdata('')}</wp:post_password>
\t\t<wp:is_sticky>0</wp:is_sticky>
\t\t<category domain="category" nicename="section-${i % 8}">${cdata(`Section ${i % 8}`)}</category>
${tags.map((t) => `\t\t<category domain="post_tag" nicename="${t}">${cdata(t.replace('-', ' '))}</category>`).join('\n')}
${attachment ? `\t\t<wp:postmeta>\n\t\t<wp:meta_key>${cdata('_thumbnail_id')}</wp:meta_key>\n\t\t<wp:meta_value>${cdata(String(attachment))}</wp:meta_value>\n\t\t</wp:postmeta>` : ''}
\t</item>
`);
    if (attachment)
      out.push(`\t<item>
\t\t<title>${cdata(`photo-${i}`)}</title>
\t\t<link>https://old.kyivledger.example/photo-${i}/</link>
\t\t<dc:creator>${cdata(`reporter${i % 12}`)}</dc:creator>
\t\t<content:encoded>${cdata('')}</content:encoded>
\t\t<excerpt:encoded>${cdata(sentence(6))}</excerpt:encoded>
\t\t<wp:post_id>${attachment}</wp:post_id>
\t\t<wp:post_date_gmt>${cdata(wpDate)}</wp:post_date_gmt>
\t\t<wp:post_name>${cdata(`photo-${i}`)}</wp:post_name>
\t\t<wp:status>${cdata('inherit')}</wp:status>
\t\t<wp:post_parent>${id}</wp:post_parent>
\t\t<wp:post_type>${cdata('attachment')}</wp:post_type>
\t\t<wp:attachment_url>${cdata(`https://old.kyivledger.example/wp-content/uploads/${ymd.slice(0, 4)}/${ymd.slice(5, 7)}/photo-${i}.jpg`)}</wp:attachment_url>
\t\t<wp:postmeta>
\t\t<wp:meta_key>${cdata('_wp_attachment_image_alt')}</wp:meta_key>
\t\t<wp:meta_value>${cdata(sentence(4))}</wp:meta_value>
\t\t</wp:postmeta>
\t</item>
`);
  }
  out.push('</channel>\n</rss>\n');
  writeFileSync(path, out.join(''));
}

/** Imports a generated export in-process and through the CLI; returns the report as Markdown. */
export async function benchImport(options: { posts: number }): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'masthead-import-bench-'));
  try {
    const file = join(dir, 'export.xml');
    writeWxr(file, options.posts);
    const megabytes = statSync(file).size / 1e6;

    const database = openDatabase(`sqlite:${join(dir, 'in-process.db')}`);
    await migrateToLatest(database.db);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const report = await importWordPress(
      {
        db: database.db,
        now: () => new Date(),
        timeZone: 'Europe/Kyiv',
        internalHosts: ['news.test'],
        events: createDomainEvents(),
      },
      file,
    );
    const used = process.cpuUsage(cpu);
    const inProcessMs = performance.now() - started;
    await database.destroy();

    // End to end: a new process from the sources (tsx), an empty database, the whole command.
    const cliStarted = performance.now();
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/main.ts'), 'import', 'wordpress', file],
      {
        cwd: root,
        encoding: 'utf8',
        env: {
          ...process.env,
          DATABASE_URL: `sqlite:${join(dir, 'cli.db')}`,
          DATA_DIR: join(dir, 'data'),
          LOG_LEVEL: 'silent',
        },
      },
    );
    const cliMs = performance.now() - cliStarted;
    if (cli.status !== 0) throw new Error(`masthead import failed:\n${cli.stderr}`);
    const imported = /Imported (\d+) article/.exec(cli.stdout)?.[1] ?? '?';
    const load = loadavg()[0]?.toFixed(1) ?? '?';
    const target = (ms: number) => (ms < 10_000 ? 'met' : 'NOT met');
    return `## WordPress import (${options.posts.toLocaleString('en-US')} posts)

A generated WXR of ${megabytes.toFixed(1)} MB (WordPress 6 shape: namespaces, CDATA, Gutenberg
blocks, ${options.posts.toLocaleString('en-US')} posts of 6–14 blocks with links, headings, images and
YouTube embeds, 5 % drafts, 3 tags and a category each, 12 authors, an attachment and featured
image for every third post), imported into an empty SQLite database.

| run | articles | wall-clock | target < 10 s |
|---|---|---|---|
| \`importWordPress\` in-process (CPU ${((used.user + used.system) / 1000 / 1000).toFixed(1)} s) | ${report.imported} (${Object.entries(
      report.byStatus,
    )
      .map(([s, n]) => `${n} ${s}`)
      .join(
        ', ',
      )}); ${report.featuredImages} featured images, ${report.redirects} redirects | ${(inProcessMs / 1000).toFixed(2)} s | ${target(inProcessMs)} |
| \`masthead import wordpress\` end to end (new process via tsx: start-up, migrations, import, report) | ${imported} | ${(cliMs / 1000).toFixed(2)} s | ${target(cliMs)} |

Load average was ${load} on ${cpus().length} cores.`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node --import tsx bench/import.bench.ts [posts]` runs it alone.
if (process.argv[1]?.endsWith('import.bench.ts')) {
  console.log(await benchImport({ posts: Number(process.argv[2] ?? 1000) }));
}
