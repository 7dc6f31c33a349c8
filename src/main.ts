import { UsageError } from './cli/options.js';
import { ConfigError } from './config.js';
import { AppError } from './platform/errors.js';

// CLI entry: `masthead <command>`. Each command module is imported only when used, so
// `serve` starts fast.

interface Command {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

const commands: Record<string, Command> = {
  serve: {
    summary: 'Run the web server (and, by default, the job worker) in this process',
    usage: `masthead serve [--no-worker] [--no-seed] [--processes N]

  Migrates the database, seeds the demo newsroom into an empty database (unless --no-seed),
  and serves the site on HOST:PORT (default 127.0.0.1:3000).
  --no-worker     serve web requests only; run \`masthead worker\` elsewhere for jobs
  --no-seed       never seed demo content
  --processes N   web processes sharing the port (1-64; default: one per CPU core). This
                  process migrates, seeds and runs the job worker; a web process that dies
                  is restarted. 1 serves from this process alone.`,
    run: async (args) => (await import('./cli/serve.command.js')).runServe(args),
  },
  worker: {
    summary: 'Run only the background job worker',
    usage: `masthead worker

  Runs durable jobs (scheduled publishing, cache purges, …) until stopped with Ctrl-C.
  Several workers may run at once on PostgreSQL.`,
    run: async (args) => (await import('./cli/worker.command.js')).runWorker(args),
  },
  migrate: {
    summary: 'Apply database migrations (or revert the last one with --down)',
    usage: `masthead migrate [--down]`,
    run: async (args) => (await import('./cli/migrate.command.js')).runMigrate(args),
  },
  seed: {
    summary: 'Load the demo newsroom into an empty database',
    usage: `masthead seed

  Refuses (exit 1) when the database already has articles or users.`,
    run: async (args) => (await import('./cli/seed.command.js')).runSeed(args),
  },
  user: {
    summary: 'Manage staff accounts: user create',
    usage: `masthead user create --email EMAIL --password PASSWORD --role ROLE --name NAME

  ROLE is contributor, author, editor or admin.`,
    run: async (args) => (await import('./cli/user.command.js')).runUser(args),
  },
  search: {
    summary: 'Manage the full-text search index: search reindex',
    usage: `masthead search reindex

  Rebuilds the search index from every published article, in one transaction (searches keep
  answering from the old index until it commits). \`serve\` does this by itself when the
  index is empty but articles are published.`,
    run: async (args) => (await import('./cli/search.command.js')).runSearch(args),
  },
  media: {
    summary: 'Media library upkeep: media crops',
    usage: `masthead media crops

  Adds the 16:9, 4:3 and 1:1 crops (used in articles' structured data) to library images
  uploaded before crops were made, from each image's largest stored JPEG/PNG. New uploads get
  them at once; running it again does nothing to images that have them.`,
    run: async (args) => (await import('./cli/media.command.js')).runMedia(args),
  },
  storage: {
    summary: 'Move media and audio to another store: storage migrate --to URL',
    usage: `masthead storage migrate --to URL [--from URL]

  Copies every media file and narration MP3 from the store in use (STORAGE_URL, or --from)
  to another one: --to s3://bucket/prefix?region=…&endpoint=…&forcePathStyle=1 (credentials
  from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) or --to local (DATA_DIR). Safe while the
  site serves; stopped at any point, running it again copies only what is missing. Then set
  STORAGE_URL to the new store on every node and restart.`,
    run: async (args) => (await import('./cli/storage.command.js')).runStorage(args),
  },
  import: {
    summary:
      'Import from WordPress, Ghost or a Masthead export: import wordpress|ghost|masthead FILE',
    usage: `masthead import wordpress <export.xml> [--media-dir <uploads folder>]
masthead import ghost <export.json>
masthead import masthead <export.json> [--merge]

  Imports posts (slugs, dates, statuses, authors, categories and tags, content, excerpts,
  featured images linked from their old URLs) from the file WordPress's Tools → Export writes.
  Old permalinks redirect (301) to the new URLs. The file is streamed, so large exports are
  fine; the whole import is one transaction: a broken or truncated file imports nothing.
  Running it again adds nothing twice. Prints a report of what was imported and skipped.
  --media-dir: a copy of wp-content/uploads; attachments found there (by their path after
  uploads/, or by file name) are copied into the media library with their variants, and
  featured images use the library copies instead of links.
  Ghost: the JSON from Settings → Migration → Export; posts come from their HTML, with
  tags (internal #tags left out), staff authors in order, featured images and excerpts,
  and members as newsletter subscribers with their subscriptions and consent.
  Masthead: a file from \`masthead export\`, read back as it was (uuids, slugs, dates,
  statuses) into a database without articles; --merge skips articles already there.`,
    run: async (args) => (await import('./cli/import.command.js')).runImport(args),
  },
  export: {
    summary: 'Export all content to a JSON file: export FILE',
    usage: `masthead export <out.json>

  Writes articles, authors, tags, collections, site settings and redirects in the format
  described in docs/export-format.md ("masthead_export": 1), streamed in batches.
  \`masthead import masthead <out.json>\` reads it back into an empty database.`,
    run: async (args) => (await import('./cli/export.command.js')).runExport(args),
  },
  backup: {
    summary: 'Back up the database and media/audio to one file: backup FILE, backup --verify FILE',
    usage: `masthead backup FILE [--include-blobs]
masthead backup --verify FILE

  Writes a consistent snapshot while the site serves: every table (JSON lines, dialect-neutral)
  and every media and audio file, with a manifest of sha256s, in one gzipped tar (ADR 0020).
  With S3 storage the files stay in the bucket and only their keys, sizes and sha256s are
  listed; --include-blobs copies them in too. The file holds password hashes, session ids and
  other secrets: encrypt it before copying it anywhere.
  --verify  reads the whole file, checks every sha256 and row count, prints a summary;
            exit code 1 on any mismatch.`,
    run: async (args) => (await import('./cli/backup.command.js')).runBackup(args),
  },
  restore: {
    summary: 'Restore a backup file into an empty install: restore FILE [--force]',
    usage: `masthead restore FILE [--force]

  Verifies the whole file, migrates DATABASE_URL, inserts every row in one transaction and
  writes the files to STORAGE_URL (each checked by sha256), then rebuilds the search index.
  Works across SQLite and PostgreSQL. Refuses (exit 1) a database that already has content,
  a file from a newer Masthead, and a damaged file; nothing is half-restored.
  --force   delete everything in the database first, then restore`,
    run: async (args) => (await import('./cli/restore.command.js')).runRestore(args),
  },
  token: {
    summary: 'Manage staff API tokens: token create',
    usage: `masthead token create --name NAME --role ROLE

  Prints the token once, as the last line. Use it as \`Authorization: Bearer <token>\`.`,
    run: async (args) => (await import('./cli/token.command.js')).runToken(args),
  },
  newsletter: {
    summary: 'Send a newsletter issue with a progress bar: newsletter send',
    usage: `masthead newsletter send ISSUE_ID [--lanes N] [--watch]

  Starts sending the issue (if it is a draft or scheduled) and runs the send in this process,
  showing progress; workers elsewhere may share it. A send interrupted by a crash resumes where
  it stopped; messages in flight at the crash are reported as ambiguous, never resent on their own.
  --lanes N   parallel senders in this process (1-8, default 1)
  --watch     only show the progress of a send run by the workers`,
    run: async (args) => (await import('./cli/newsletter.command.js')).runNewsletter(args),
  },
  narrate: {
    summary:
      'Narration tools: narrate normalize (text as the speech engine will say it), narrate article ID|SLUG, narrate gc, narrate voice add|list|remove',
    usage: `masthead narrate normalize [--language TAG] [--text "…"]

  Prints the spoken form of news text, as the narration engine is given it: numbers,
  dates, times, money, units, acronyms, abbreviations and addresses in words, lowercase,
  one output line per input line (standard input, or the lines of --text).
  --text "…"        normalize this text instead of reading standard input
  --language TAG    BCP 47 language tag (default en; also --lang): en and uk have rules,
                    other languages pass through with whitespace cleaned up
  Mistakes on the command line exit with code 2.
  Example: echo 'Oct. 6, 2022: $1.2 billion for the U.S.' | masthead narrate normalize

masthead narrate article <id-or-slug>
  Narrates a published article now (normally the audio.narrate job does it on publish and
  on every edit) and prints the MP3's path, URL, engine, length and the time it took.
  Unchanged paragraphs come from the paragraph cache. TTS_ENGINE picks the engine.

masthead narrate gc [--grace-hours N] [--dry-run]
  Deletes narration audio no narration points to and unused for the grace period (default
  72 hours): MP3s replaced by a re-narration, paragraph cache entries edited away, and the
  audio of articles unpublished for longer than that. The worker runs it daily.

masthead narrate voice add DIR [--name NAME] [--language TAG] [--speaker N] [--all-passages] [--no-measure]
  Registers a neural voice: a Piper/VITS or Kokoro model folder for sherpa-onnx (model .onnx,
  tokens.txt, espeak-ng-data/, the model's .onnx.json config; Kokoro also voices.bin). A missing
  or broken file is named and the command exits with 1. The voice then reads a test passage
  through the narration pipeline (needs npm install sherpa-onnx-node) and its real-time factor
  and word error rate (pocketsphinx, when installed) are shown and stored: TTS_ENGINE=auto uses
  the voice where they beat the built-in voices; narrations fall back to the best built-in
  voice if it fails. --all-passages measures with every benchmark passage; --no-measure
  registers without reading (then only a voice rule naming it uses it).
masthead narrate voice list
masthead narrate voice remove NAME`,
    run: async (args) => (await import('./cli/narrate.command.js')).runNarrate(args),
  },
};

function printHelp(): void {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`);
  console.log(`Masthead — publishing for independent newsrooms

Usage: masthead <command> [options]   (masthead <command> --help for details)

Commands:
${lines.join('\n')}

Configuration comes from the environment: DATABASE_URL, HOST, PORT, BASE_URL, DATA_DIR,
SMTP_URL, MAIL_FROM, STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, TTS_ENGINE, LOG_LEVEL.`);
}

/** Runs the CLI and returns the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    printHelp();
    return name === undefined ? 1 : 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Unknown command "${name}". Run \`masthead --help\` for the list.`);
    return 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`Usage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof AppError || error instanceof UsageError) {
      console.error(error.message);
      if (error instanceof AppError && error.fields) {
        for (const [field, messages] of Object.entries(error.fields))
          console.error(`  ${field}: ${messages.join('; ')}`);
      }
      if (error instanceof UsageError) console.error(`Usage: ${command.usage.split('\n')[0]}`);
      return 1;
    }
    throw error;
  }
}

// Run directly (`node dist/server/main.js …` or `tsx src/main.ts …`), not when imported by bin/masthead.js.
const invokedPath = process.argv[1] ?? '';
if (
  /[\\/]main\.(js|ts)$/.test(invokedPath) &&
  import.meta.url.endsWith(invokedPath.replace(/\\/g, '/'))
) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
