import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A PostgreSQL server of the test's own (initdb on a spare port), so a test can stop and
// restart it without touching the machine's shared server that other tests use. Needs the
// Debian server binaries and, as root, the `postgres` system user (PostgreSQL refuses root).

const binaries = (() => {
  try {
    const version = readdirSync('/usr/lib/postgresql').sort().at(-1);
    return version ? `/usr/lib/postgresql/${version}/bin` : undefined;
  } catch {
    return undefined;
  }
})();

export interface PrivatePostgres {
  url: string;
  restart(): void;
  stop(): void;
}

/** Why a private server cannot be made here, or undefined when it can. */
export function privatePostgresUnavailable(): string | undefined {
  if (!binaries) return 'the PostgreSQL server binaries are not installed';
  if (process.getuid?.() === 0) {
    try {
      execFileSync('id', ['postgres'], { stdio: 'ignore' });
    } catch {
      return 'running as root without a postgres user';
    }
  }
  return undefined;
}

function asPostgres(command: string, args: string[]): void {
  const run =
    process.getuid?.() === 0
      ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
      : [command, args];
  execFileSync(run[0] as string, run[1] as string[], { stdio: 'pipe', timeout: 60_000 });
}

export function startPrivatePostgres(port: number): PrivatePostgres {
  const directory = mkdtempSync(join(tmpdir(), 'masthead-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(directory, uid, gid);
  }
  const data = join(directory, 'data');
  asPostgres(`${binaries}/initdb`, [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  const options = `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const pgctl = (action: string, extra: string[] = []) =>
    asPostgres(`${binaries}/pg_ctl`, [
      action,
      '-D',
      data,
      '-w',
      '-o',
      options,
      '-l',
      join(directory, 'log'),
      ...extra,
    ]);
  pgctl('start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: () => pgctl('restart', ['-m', 'fast']),
    stop: () => {
      try {
        pgctl('stop', ['-m', 'immediate']);
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
  };
}
