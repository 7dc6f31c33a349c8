/** Progress on stderr: a rewritten line on a terminal, a plain line every 10 % otherwise. */
export function printProgress(stream: NodeJS.WriteStream = process.stderr) {
  let last = '';
  return (progress: { phase: string; done: number; total: number }) => {
    const { phase, done, total } = progress;
    if (stream.isTTY) {
      stream.write(`\r${phase}: ${done}${total > 0 ? ` of ${total}` : ''}   `);
      if (total > 0 && done === total) stream.write('\n');
      return;
    }
    if (total === 0) return;
    const step = `${phase}:${Math.floor((done / total) * 10)}`;
    if (step === last) return;
    last = step;
    stream.write(`${phase}: ${done} of ${total}\n`);
  };
}

/** 1234567 → "1.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}
