import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchSite } from './site.bench.js';

// `npm run bench`: builds the server, runs each benchmark, prints and saves the report.
// BENCH_SECONDS / BENCH_ARTICLES shorten a run while developing.

const root = new URL('../', import.meta.url).pathname;
execFileSync(process.execPath, [join(root, 'scripts/ensure-built.mjs')], { stdio: 'inherit' });

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const articles = Number(process.env.BENCH_ARTICLES ?? 10_000);
const only = process.argv.slice(2);
const reports: string[] = [];
if (only.length === 0 || only.includes('site')) {
  reports.push(await benchSite({ articles, seconds, connections: 50 }));
}
const report = `${reports.join('\n\n')}\n`;
console.log(report);
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(
  join(root, 'bench/results/latest.md'),
  `Run at ${new Date().toISOString()}\n\n${report}`,
);
