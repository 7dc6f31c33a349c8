import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
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

/**
 * A pool of up to `size` child processes (the concurrency limit). Requests beyond that wait in
 * a queue. A request that times out or is aborted kills its child (a fresh one is forked for
 * the next request). Idle children do not keep the parent alive and exit with it.
 */
export function createChildPool(name: string, size: number): ChildPool {
  const slots: Slot[] = Array.from({ length: size }, () => ({
    child: undefined,
    busy: undefined,
    timer: undefined,
  }));
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  function spawnChild(slot: Slot): ChildProcess {
    const script = childScript();
    const child = fork(script.path, [name], {
      execArgv: script.execArgv,
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
      if (slot.child === child) slot.child = undefined;
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
    const pending = slot.busy;
    slot.busy = undefined;
    slot.timer = undefined;
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
