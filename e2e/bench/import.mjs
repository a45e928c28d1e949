// `make bench`, the import half (issue 12): files of 1,000,000 and 10,000,000 rows (a label and
// two models' probabilities, seeded), chosen through the page's real file input, timed from the
// choice to the exact numbers on the page; the longest main-thread task meanwhile; the workers'
// memory (the page's worker and the second one a large file is read with, at the most); and, in
// the same run, pandas.read_csv plus the numpy losses and scikit-learn metrics on the same file (scripts/bench/pandas_losses.py, in the venv `make venv` makes).
import { createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { serveDist, launch, exactNumbers } from '../harness.mjs';


const DIR = new URL('../artifacts/bench/', import.meta.url).pathname;
const SETTLE_MS = Math.max(0, Number(process.env.BENCH_IMPORT_SETTLE_MS ?? 1500) || 0);
const SIZES = (process.env.BENCH_IMPORT_ROWS ?? '1000000,10000000').split(',').map(Number);

/** A seeded file of `rows` rows: 1 in 100 positive, model A sharper than model B. */
async function makeFile(rows) {
  const path = `${DIR}import-${rows}.csv`;
  if (await stat(path).then((s) => s.size > 0, () => false)) return path;
  let s = 0x9e3779b9;
  const next = () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
  const out = createWriteStream(path);
  out.write('label,model_a,model_b\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const y = next() < 0.01 ? 1 : 0;
    const a = y ? 0.3 + 0.7 * next() : 0.6 * next();
    const b = y ? 0.1 + 0.9 * next() : 0.8 * next();
    chunk += `${y},${a},${b}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise((r) => out.on('finish', r));
  return path;
}

await mkdir(DIR, { recursive: true });
const server = await serveDist();
const browser = await launch();
console.log(`\nimport benchmark, ${new Date().toISOString().slice(0, 10)}, headless Chromium`);
console.log(`rows         file MB   first look ms   Import to exact ms   longest main-thread task ms   worker memory MB   pandas + numpy + sklearn ms   speed-up (medians of ${process.env.BENCH_IMPORT_RUNS ?? 3} runs)`);
/** One import of `file` on a fresh page: times, the longest main-thread task, worker memory. */
async function importOnce(file) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(() => {
    globalThis.__longTasks = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => globalThis.__longTasks.push([e.duration, e.startTime]))).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${server.url}#neg=1000&pos=10`);
  await page.locator('#import-file').waitFor();
  await exactNumbers(page);
  // A reader opens the page, then chooses a file: meanwhile the worker, once it has been idle
  // for a second, warms up the import's code (src/worker/js/schedule.rs). BENCH_IMPORT_SETTLE_MS=0
  // chooses the file at once (a cold first import, about 100 ms slower at 1,000,000 rows).
  await page.waitForTimeout(SETTLE_MS);
  await page.evaluate(() => { globalThis.__longTasks = []; });
  // Timed in the page (Playwright's own waiting polls at up to 500 ms): from the file's choice
  // to the Import button, then from its click to the exact numbers on the page.
  const seen = page.evaluate(() => new Promise((resolve) => {
    const t0 = performance.now();
    const check = () => document.querySelector('.import-check [data-act=import]');
    new MutationObserver((_, o) => {
      const button = check();
      if (!button) return;
      o.disconnect();
      const t1 = performance.now();
      button.click();
      const done = () => document.querySelector('.imported') && document.querySelector('main').dataset.exact === 'true';
      new MutationObserver((_, o2) => {
        if (!done()) return;
        o2.disconnect();
        globalThis.__clicked = t1;
        resolve({ detect: t1 - t0, load: performance.now() - t1 });
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  }));
  // The workers' memory while the import runs (the second worker is ended once its rows are
  // in): each worker's wasm memory at its largest (it only grows), summed, sampled every 100 ms
  // (more often slows the import: each sample is a task in each worker). The sum is at least
  // the most both held at once.
  const largest = new Map();
  const sample = async () => {
    for (const w of page.workers()) {
      const mb = await w.evaluate(() => globalThis.imbalanceLab?.memory?.buffer.byteLength ?? 0).catch(() => 0) / 1048576;
      largest.set(w, Math.max(largest.get(w) ?? 0, mb));
    }
  };
  // BENCH_MEMORY=0: no sampling (to see what it costs the import).
  let sampling = process.env.BENCH_MEMORY !== '0';
  const sampler = (async () => {
    while (sampling) {
      await sample();
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  await page.locator('#import-file').setInputFiles(file);
  const { detect, load } = await seen;
  sampling = false;
  await sampler;
  await sample();
  const workerMb = [...largest.values()].reduce((a, b) => a + b, 0);
  // The longest task over 50 ms, and when it started (ms after the Import button's click).
  const [longest, at] = await page.evaluate(() => globalThis.__longTasks
    .map(([d, t]) => [d, t - globalThis.__clicked])
    .reduce((a, b) => (b[0] > a[0] ? b : a), [0, 0]));
  if (longest > 0) console.log(`            a ${longest.toFixed(0)} ms task ${at.toFixed(0)} ms after the click (import took ${load.toFixed(0)} ms)`);
  await page.close();
  return { detect, load, longest, workerMb };
}

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
// Each size is imported, and read by pandas, RUNS times (default 3), alternating: the medians
// are compared, and the worst pairing (our slowest against pandas' fastest) is shown beside.
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);
for (const rows of SIZES) {
  const file = await makeFile(rows);
  const mb = (await stat(file)).size / 1e6;
  const ours = [];
  const theirs = [];
  for (let r = 0; r < RUNS; r++) {
    ours.push(await importOnce(file));
    try {
      const py = JSON.parse(execFileSync('.venv/bin/python', ['scripts/bench/pandas_losses.py', file], { encoding: 'utf8' }));
      theirs.push(1000 * py.total_s);
    } catch { /* no venv: reported below */ }
  }
  const ms = Math.round(median(ours.map((o) => o.load)));
  const detect = median(ours.map((o) => o.detect));
  const longest = Math.max(...ours.map((o) => o.longest));
  const workerMb = Math.max(...ours.map((o) => o.workerMb));
  let pandas = '(no venv: make venv)';
  let speedup = '';
  if (theirs.length) {
    pandas = median(theirs).toFixed(0);
    const worst = Math.min(...theirs) / Math.max(...ours.map((o) => o.load));
    speedup = `${(median(theirs) / ms).toFixed(1)}x (worst ${worst.toFixed(1)}x)`;
  }
  console.log(`${String(rows).padStart(10)}  ${mb.toFixed(0).padStart(8)}   ${detect.toFixed(0).padStart(13)}   ${String(ms).padStart(18)}   ${longest.toFixed(0).padStart(27)}   ${workerMb.toFixed(0).padStart(16)}   ${String(pandas).padStart(27)}   ${speedup}`);
  console.log(`            import runs ms: ${ours.map((o) => o.load.toFixed(0)).join(', ')}; pandas runs ms: ${theirs.map((t) => t.toFixed(0)).join(', ')}`);
}
await browser.close();
await server.close();
