import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../../', import.meta.url).pathname;

export interface RunningServer {
  baseUrl: string;
  /** The `masthead serve` process. */
  pid: number;
  dataDir: string;
  /** Everything the server printed, for finding the seeded admin password. */
  output(): string;
  /** SIGKILL, as a crash or a pulled plug would stop it. */
  kill(): void;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `masthead serve` from the sources in a child process with its own data folder
 * (SQLite unless `env.DATABASE_URL` says otherwise) and waits until it answers /healthz.
 */
export async function startServer(
  options: { env?: Record<string, string>; args?: string[]; startTimeoutMs?: number } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'masthead-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'src/main.ts'),
      'serve',
      // One web process unless a test asks for more: a 2-core CI machine runs these side by side.
      ...(options.args?.includes('--processes') ? [] : ['--processes', '1']),
      ...(options.args ?? []),
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        BASE_URL: baseUrl,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        // Each publish in a browser test narrates the article; one niced audio child keeps
        // that from starving the pages the browser is waiting for on a 2-core CI machine.
        NARRATION_CONCURRENCY: '1',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start within ${startTimeoutMs / 1000} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    baseUrl,
    pid: child.pid ?? 0,
    dataDir,
    output: () => output,
    kill: () => child.kill('SIGKILL'),
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The admin credentials `serve` printed after seeding the demo newsroom. */
export function seededAdmin(server: RunningServer): { email: string; password: string } {
  const match = /Sign in as (\S+) with password (\S+)/.exec(server.output());
  if (!match?.[1] || !match[2])
    throw new Error(`no seeded admin in server output:\n${server.output()}`);
  return { email: match[1], password: match[2] };
}
