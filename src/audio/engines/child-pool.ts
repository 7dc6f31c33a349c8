import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';

// Speech engines and the MP3 encoder run in child processes: espeak-ng is GPL (kept out of
// Masthead's process), synthesis and encoding are CPU-bound (kept off the web server's event
// loop), and a stuck engine can be killed without taking the server down.

/** The audio children's niceness (0 normal … 19 lowest): below the web server's. */
const childNiceness = 10;

export interface ChildRequest {
  kind: string;
  payload: unknown;
}

interface Pending {
  id: number;
  request: ChildRequest;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timeoutMs: number;
  signal: AbortSignal | undefined;
}

interface Slot {
  child: ChildProcess | undefined;
  busy: Pending | undefined;
  timer: NodeJS.Timeout | undefined;
  memory: NodeJS.Timeout | undefined;
}

export interface ChildPool {
  run<T>(request: ChildRequest, options: { timeoutMs: number; signal?: AbortSignal }): Promise<T>;
  close(): void;
}

/** The child entry script, as TypeScript under tsx (tests, dev) or JavaScript in dist/. */
function childScript(): { path: string; execArgv: string[] } {
  const ts = fileURLToPath(new URL('./audio.child.ts', import.meta.url));
  if (existsSync(ts)) return { path: ts, execArgv: ['--import', 'tsx'] };
  return { path: fileURLToPath(new URL('./audio.child.js', import.meta.url)), execArgv: [] };
}

/** Limits for children that run operator-supplied code paths (neural models). */
export interface ChildPoolOptions {
  /** A child whose resident memory passes this is killed (checked every 200 ms while busy). */
  maxRssBytes?: number;
  /** Extra Node flags, e.g. --max-old-space-size. */
  execArgv?: string[];
  /** Another child script (tests inject failing children). */
  script?: string;
}

/** A process's resident memory from /proc (Linux); undefined where it cannot be read. */
function residentBytes(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A pool of up to `size` child processes (the concurrency limit). Requests beyond that wait in
 * a queue. A request that times out or is aborted kills its child (a fresh one is forked for
 * the next request). Idle children do not keep the parent alive and exit with it.
 */
export function createChildPool(
  name: string,
  size: number,
  limits: ChildPoolOptions = {},
): ChildPool {
  const slots: Slot[] = Array.from({ length: size }, () => ({
    child: undefined,
    busy: undefined,
    timer: undefined,
    memory: undefined,
  }));
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  function spawnChild(slot: Slot): ChildProcess {
    const script = limits.script
      ? { path: limits.script, execArgv: limits.script.endsWith('.ts') ? ['--import', 'tsx'] : [] }
      : childScript();
    const child = fork(script.path, [name], {
      execArgv: [...script.execArgv, ...(limits.execArgv ?? [])],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child.on(
      'message',
      (message: { id: number; ok: boolean; result?: unknown; error?: string }) => {
        const pending = slot.busy;
        if (!pending || pending.id !== message.id) return;
        finish(slot, () =>
          message.ok
            ? pending.resolve(message.result)
            : pending.reject(new Error(message.error ?? 'engine failed')),
        );
      },
    );
    // Narration is background work: the children yield the CPU to the web server and the
    // worker's other jobs (nice 10). Not permitted everywhere (some containers): then as is.
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, childNiceness);
      } catch {
        // keep the default priority
      }
    }
    setRef(child, false);
    child.on('exit', (code, signal) => {
      // A child killed for a timeout or the memory limit was replaced already: its exit must
      // not fail the request its successor is running.
      if (slot.child !== child) return;
      slot.child = undefined;
      const pending = slot.busy;
      if (pending)
        finish(slot, () =>
          pending.reject(
            new Error(
              `${name} process exited (${signal ?? code})${stderr ? `: ${stderr.trim()}` : ''}`,
            ),
          ),
        );
    });
    return child;
  }

  function setRef(child: ChildProcess, ref: boolean) {
    const channel = child.channel as { ref?: () => void; unref?: () => void } | undefined;
    const stderr = child.stderr as { ref?: () => void; unref?: () => void } | null;
    if (ref) {
      child.ref();
      channel?.ref?.();
      stderr?.ref?.();
    } else {
      child.unref();
      channel?.unref?.();
      stderr?.unref?.();
    }
  }

  function finish(slot: Slot, settle: () => void) {
    if (slot.timer) clearTimeout(slot.timer);
    if (slot.memory) clearInterval(slot.memory);
    const pending = slot.busy;
    slot.busy = undefined;
    slot.timer = undefined;
    slot.memory = undefined;
    pending?.signal?.removeEventListener('abort', onAbort);
    if (slot.child) setRef(slot.child, false);
    settle();
    pump();
  }

  function kill(slot: Slot, reason: string) {
    const pending = slot.busy;
    const child = slot.child;
    slot.child = undefined;
    child?.kill('SIGKILL');
    if (pending) finish(slot, () => pending.reject(new Error(reason)));
  }

  function onAbort(this: AbortSignal) {
    const slot = slots.find((s) => s.busy?.signal === this);
    if (slot) kill(slot, 'aborted');
  }

  function pump() {
    for (const slot of slots) {
      if (slot.busy || queue.length === 0 || closed) continue;
      const pending = queue.shift();
      if (!pending) return;
      if (pending.signal?.aborted) {
        pending.reject(new Error('aborted'));
        continue;
      }
      slot.busy = pending;
      slot.child ??= spawnChild(slot);
      setRef(slot.child, true);
      slot.timer = setTimeout(
        () => kill(slot, `${name} timed out after ${Math.round(pending.timeoutMs / 1000)} s`),
        pending.timeoutMs,
      );
      const { maxRssBytes } = limits;
      const pid = slot.child.pid;
      if (maxRssBytes !== undefined && pid !== undefined)
        slot.memory = setInterval(() => {
          const rss = residentBytes(pid);
          if (rss !== undefined && rss > maxRssBytes)
            kill(
              slot,
              `${name} used ${Math.round(rss / 2 ** 20)} MB, more than its ${Math.round(maxRssBytes / 2 ** 20)} MB limit`,
            );
        }, 200);
      pending.signal?.addEventListener('abort', onAbort);
      slot.child.send({ id: pending.id, ...pending.request });
    }
  }

  return {
    run<T>(request: ChildRequest, options: { timeoutMs: number; signal?: AbortSignal }) {
      if (closed) return Promise.reject(new Error(`${name} pool is closed`));
      return new Promise<T>((resolve, reject) => {
        queue.push({
          id: nextId++,
          request,
          resolve: resolve as (value: unknown) => void,
          reject,
          timeoutMs: options.timeoutMs,
          signal: options.signal,
        });
        pump();
      });
    },
    close() {
      closed = true;
      for (const slot of slots) kill(slot, `${name} pool closed`);
      for (const pending of queue.splice(0)) pending.reject(new Error(`${name} pool closed`));
    },
  };
}
