import { loadConfig } from '../config.js';
import { narrateArticle } from '../audio/narration.service.js';
import { openAppServices } from '../jobs.js';

/** Where the command writes; tests pass their own streams. */
export interface NarrateArticleIo {
  output: NodeJS.WritableStream;
  errors: NodeJS.WritableStream;
}

/**
 * `masthead narrate article <id-or-slug>`: runs the narration pipeline once, now, in this
 * process (the same code the `audio.narrate` job runs), and prints the file and the timing.
 */
export async function runNarrateArticle(args: string[], io: NarrateArticleIo): Promise<number> {
  const [target, ...extra] = args;
  if (!target || extra.length > 0 || target.startsWith('-')) {
    io.errors.write('Usage: masthead narrate article <id-or-slug>\n');
    return 2;
  }
  const config = loadConfig();
  const runtime = await openAppServices(config, 'narrate');
  try {
    const { db } = runtime.database;
    const row = /^\d+$/.test(target)
      ? await db
          .selectFrom('articles')
          .select(['id', 'status'])
          .where('id', '=', Number(target))
          .executeTakeFirst()
      : await db
          .selectFrom('articles')
          .select(['id', 'status'])
          .where('slug', '=', target)
          .executeTakeFirst();
    if (!row) {
      io.errors.write(`No article with id or slug "${target}".\n`);
      return 1;
    }
    if (row.status !== 'published') {
      io.errors.write(
        `Article ${row.id} is ${row.status}; only published articles are narrated.\n`,
      );
      return 1;
    }
    const started = performance.now();
    const result = await narrateArticle(runtime, row.id);
    const seconds = (performance.now() - started) / 1000;
    const audioSeconds = (result.durationMs ?? 0) / 1000;
    // A gated article has two files: the public preview and the whole body (ADR 0026).
    const spoken = result.paragraphs + (result.fullParagraphs ?? 0);
    io.output.write(
      [
        `file      ${config.dataDir}/audio/${result.file ?? ''}`,
        `url       ${config.baseUrl}/audio/${result.file ?? ''}`,
        ...(result.fullFile
          ? [
              `full      ${config.dataDir}/audio/full/${result.fullFile} (the whole body, for entitled readers: ${config.baseUrl}/audio/full/${row.id}/${result.fullFile})`,
            ]
          : []),
        `engine    ${result.engine ?? ''}`,
        `audio     ${audioSeconds.toFixed(1)} s, ${result.bytes ?? 0} bytes`,
        `paragraphs ${spoken} (${result.synthesized} synthesized, ${spoken - result.synthesized} from cache)`,
        `took      ${seconds.toFixed(2)} s (real-time factor ${audioSeconds > 0 ? (seconds / audioSeconds).toFixed(3) : 'n/a'})`,
      ].join('\n') + '\n',
    );
    return 0;
  } finally {
    await runtime.close();
  }
}
