import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../../', import.meta.url).pathname;

export interface Child {
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Runs a command in the background, keeping what it prints. */
export function startChild(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Child {
  let output = '';
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** `masthead <args>` from the sources, to its end; its output, or an error with it. */
export async function runMasthead(args: string[], env: Record<string, string>): Promise<string> {
  const child = startChild(
    process.execPath,
    ['--import', 'tsx', join(root, 'src/main.ts'), ...args],
    env,
  );
  const code = await new Promise<number | null>((resolve) => child.process.once('exit', resolve));
  if (code !== 0) throw new Error(`masthead ${args.join(' ')} exited ${code}:\n${child.output()}`);
  return child.output();
}

/**
 * HAProxy in front of the given nodes: health checks on /healthz every 300 ms, a node is
 * down after 2 failures, and a request whose connection fails is retried on another node.
 */
export function startHaproxy(directory: string, port: number, nodes: string[]): Child {
  const config = join(directory, 'haproxy.cfg');
  writeFileSync(
    config,
    `global
  maxconn 2000
defaults
  mode http
  timeout connect 1s
  timeout client 30s
  timeout server 30s
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response response-timeout 502 503
frontend site
  bind 127.0.0.1:${port}
  default_backend nodes
backend nodes
  balance roundrobin
  option httpchk GET /healthz
  http-check expect status 200
${nodes.map((node, i) => `  server node${i + 1} ${node.replace(/^http:\/\//, '')} check inter 300 fall 2 rise 1`).join('\n')}
`,
  );
  return startChild('haproxy', ['-db', '-f', config]);
}
