import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BehavingSink } from './behaving-smtp-sink.js';

// Runs a send in a child process and kills it with SIGKILL (send-fault.test.ts and the
// newsletter benchmark's fault trials).

const childSource = new URL('./send-child.ts', import.meta.url).pathname;

/**
 * The child as one plain-JS file (esbuild, which tsx already brings), so each of the many
 * child processes starts in a fraction of a second instead of compiling TypeScript again.
 */
export async function bundleSendChild(): Promise<{ args: string[]; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'masthead-fault-'));
  const outfile = join(dir, 'send-child.mjs');
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [childSource],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
    absWorkingDir: process.cwd(),
  });
  // Bare imports must resolve from the project, not from the temporary folder.
  const linked = join(dir, 'node_modules');
  symlinkSync(join(process.cwd(), 'node_modules'), linked);
  return { args: [outfile], cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs the send in a child process and kills it with SIGKILL once `afterMessages` more
 * messages reached the sink (0: as soon as it starts) — a random point of the send whatever
 * the machine's speed.
 */
export function runAndKill(
  command: string[],
  sink: BehavingSink,
  afterMessages: number,
): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, command, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    let watch: NodeJS.Timeout | undefined;
    proc.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('ready') || watch) return;
      const target = sink.total() + afterMessages;
      watch = setInterval(() => {
        if (sink.total() >= target) proc.kill('SIGKILL');
      }, 1);
    });
    proc.on('error', reject);
    proc.on('exit', (_code, signal) => {
      if (watch) clearInterval(watch);
      resolve(signal === 'SIGKILL' ? 'killed' : 'finished');
    });
  });
}
