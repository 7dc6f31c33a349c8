import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const fixture = new URL('./hit-limit-process.ts', import.meta.url).pathname;

/**
 * Runs `processes` separate Node processes that each hit one shared limit `hits` times at the
 * same moment; returns how many hits each process was allowed.
 */
export async function hitFromProcesses(options: {
  databaseUrl: string;
  redisUrl?: string;
  prefix: string;
  limit: number;
  hits: number;
  processes: number;
}): Promise<number[]> {
  const children = Array.from({ length: options.processes }, () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        fixture,
        options.databaseUrl,
        options.redisUrl ?? '-',
        options.prefix,
        String(options.limit),
        String(options.hits),
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const lines = createInterface({ input: child.stdout });
    const output: string[] = [];
    let onLine: (() => void) | undefined;
    lines.on('line', (line) => {
      output.push(line);
      onLine?.();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const nextLine = (index: number) =>
      new Promise<string>((resolve, reject) => {
        const check = () => {
          if (output[index] !== undefined) resolve(output[index]);
        };
        onLine = check;
        check();
        void exited.then((code) => reject(new Error(`limit process exited with ${code}`)));
      });
    return { child, nextLine, exited };
  });
  try {
    for (const { nextLine } of children) await nextLine(0); // every process is ready…
    for (const { child } of children) child.stdin.end('go\n'); // …then all go at once
    const results = await Promise.all(children.map(({ nextLine }) => nextLine(1)));
    await Promise.all(children.map(({ exited }) => exited));
    return results.map((line) => (JSON.parse(line) as { allowed: number }).allowed);
  } finally {
    for (const { child } of children) if (child.exitCode === null) child.kill('SIGKILL');
  }
}
