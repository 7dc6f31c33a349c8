import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildAdminUi, signIn, startAdminTestServer } from '../test/e2e/support/admin.js';
import { launchBrowser } from '../test/e2e/support/browser.js';
import { seededAdmin } from '../test/e2e/support/server.js';

// The admin app's two budgets (issue 3): initial JS for /admin/ ≤ 300 KB gzip, and typing in a
// 5,000-word article under 16 ms per keystroke in Chromium, measured with the Performance API.

const root = new URL('../', import.meta.url).pathname;
const distDir = join(root, 'dist/admin-ui');

/** The entry chunk of /admin/ and every chunk it imports statically (not the lazy routes). */
function initialChunks(): string[] {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\/admin\/([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error('no entry script in dist/admin-ui/index.html');
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(distDir, file), 'utf8');
    // Static imports only: `import … from"./x.js"` / `import"./x.js"`, never `import("./x.js")`.
    for (const match of code.matchAll(/(?:from|import)\s*["']\.\/([^"']+\.js)["']/g))
      if (match[1]) visit(join('assets', match[1]));
  };
  visit(entry);
  return [...seen];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function fiveThousandWords() {
  const words = 'council budget river park school hospital reporter evening market bridge'.split(
    ' ',
  );
  const paragraphs = Array.from({ length: 50 }, (_, p) => ({
    type: 'paragraph',
    content: [
      { type: 'text', text: Array.from({ length: 100 }, (_, w) => words[(p + w) % 10]).join(' ') },
    ],
  }));
  return { type: 'doc', content: paragraphs };
}

async function measureTyping(keystrokes: number) {
  const server = await startAdminTestServer();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const admin = seededAdmin(server);
    await signIn(page, server.baseUrl, admin.email, admin.password);
    const id = await page.evaluate(async (doc) => {
      const me = await (await fetch('/api/admin/whoami')).json();
      const response = await fetch('/api/admin/articles', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ title: 'Typing benchmark', doc }),
      });
      return (await response.json()).article.id as number;
    }, fiveThousandWords());
    await page.goto(`${server.baseUrl}/admin/articles/${id}/edit`);
    const body = page.getByRole('textbox', { name: 'Article body' });
    await body.waitFor();
    const words = await page.evaluate(
      () =>
        Array.from(document.querySelectorAll('.prose p'))
          .map((p) => p.textContent ?? '')
          .join(' ')
          .split(/\s+/)
          .filter(Boolean).length,
    );
    await body.click();
    await page.keyboard.press('Control+End');
    await page.evaluate(() => {
      const w = window as unknown as { frame: number[]; work: number[] };
      w.frame = [];
      w.work = [];
      let t0 = 0;
      const el = document.querySelector('.prose') as HTMLElement;
      el.addEventListener('keydown', (e) => (t0 = e.timeStamp), true);
      el.addEventListener('input', () => {
        const start = t0;
        // The input event fires once the browser has updated the DOM for the keystroke…
        w.work.push(performance.now() - start);
        // …and the next animation frame, after ProseMirror and React ran, is when it can show.
        requestAnimationFrame(() => w.frame.push(performance.now() - start));
      });
    });
    const text = 'the quick brown fox jumps over the lazy dog ';
    for (let i = 0; i < keystrokes; i++)
      await page.keyboard
        .type(text[i % text.length] ?? 'x', { delay: 0 })
        .then(() => page.waitForTimeout(25));
    await page.waitForTimeout(200);
    const samples = await page.evaluate(() => {
      const w = window as unknown as { frame: number[]; work: number[] };
      return { frame: w.frame, work: w.work };
    });
    return { ...samples, words: words ?? 0 };
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** Runs both measurements and returns the Markdown report. */
export async function benchAdminEditor(options: { keystrokes: number }): Promise<string> {
  buildAdminUi();
  const chunks = initialChunks();
  const sizes = chunks.map((file) => {
    const bytes = readFileSync(join(distDir, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const gzipTotal = sizes.reduce((sum, s) => sum + s.gzip, 0);
  const typing = await measureTyping(options.keystrokes);
  const stats = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `median ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms (${sorted.length} keystrokes)`;
  };
  return [
    '## Admin editor',
    '',
    `Initial JS for /admin/ (entry + static imports): **${(gzipTotal / 1024).toFixed(1)} KB gzip** (budget 300 KB) — ${sizes.map((s) => `${s.file} ${(s.raw / 1024).toFixed(0)} KB raw / ${(s.gzip / 1024).toFixed(1)} KB gz`).join('; ')}`,
    '',
    `Typing at the end of a ${typing.words.toLocaleString('en')}-word article in Chromium (headless):`,
    `- keydown → next animation frame: ${stats(typing.frame)} (target < 16 ms)`,
    `- keydown → input event (DOM updated by the browser): ${stats(typing.work)}`,
    '',
    'Measured on a shared 2-core machine; other processes add to the tail.',
  ].join('\n');
}
