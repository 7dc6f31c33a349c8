import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /** Responses received in the run. */
  requests: number;
  tool: 'wrk' | 'autocannon';
}

/** True when wrk (Debian package) is installed: it is lighter than autocannon on two cores. */
export function hasWrk(): boolean {
  return spawnSync('wrk', ['--version']).error === undefined;
}

/** Drives load at `baseUrl` over `paths` (rotated) for `seconds` with `connections` connections. */
export async function runLoad(
  baseUrl: string,
  paths: string[],
  options: {
    seconds: number;
    connections: number;
    headers?: Record<string, string>;
    workDir: string;
  },
): Promise<LoadResult> {
  if (hasWrk()) return runWrk(baseUrl, paths, options);
  return runAutocannon(baseUrl, paths, options);
}

function runWrk(
  baseUrl: string,
  paths: string[],
  options: {
    seconds: number;
    connections: number;
    headers?: Record<string, string>;
    workDir: string;
  },
): LoadResult {
  const script = join(options.workDir, `paths-${Math.random().toString(36).slice(2)}.lua`);
  const headerLines = Object.entries(options.headers ?? {})
    .map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`)
    .join('\n');
  writeFileSync(
    script,
    `${headerLines}
local paths = {${paths.map((p) => JSON.stringify(p)).join(',')}}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("JSON{\\"rps\\":%f,\\"p50\\":%f,\\"p99\\":%f,\\"non2xx\\":%d,\\"requests\\":%d}\\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests))
end
`,
  );
  const out = execFileSync(
    'wrk',
    ['-t1', `-c${options.connections}`, `-d${options.seconds}s`, '-s', script, baseUrl],
    {
      encoding: 'utf8',
    },
  );
  const json = /JSON(\{.*\})/.exec(out)?.[1];
  if (!json) throw new Error(`could not read wrk output:\n${out}`);
  const parsed = JSON.parse(json) as {
    rps: number;
    p50: number;
    p99: number;
    non2xx: number;
    requests: number;
  };
  return {
    requestsPerSecond: parsed.rps,
    p50Ms: parsed.p50,
    p99Ms: parsed.p99,
    non2xx: parsed.non2xx,
    requests: parsed.requests,
    tool: 'wrk',
  };
}

async function runAutocannon(
  baseUrl: string,
  paths: string[],
  options: { seconds: number; connections: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const result = await autocannon({
    url: baseUrl,
    connections: options.connections,
    duration: options.seconds,
    headers: options.headers ?? {},
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx + result.errors,
    requests: result.requests.total,
    tool: 'autocannon',
  };
}
