// Links, embedding, downloads, accessibility and privacy, in a real browser against dist/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { serveDist, launch, openApp, rowText, exactNumbers } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const DIST = new URL('../dist/', import.meta.url).pathname;

let server;
let browser;

const HOST = (src) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>A blog post</title></head>
<body style="font-family:sans-serif;max-width:760px;margin:2rem auto">
<h1>A post about focal loss</h1><p>Here is the curve:</p>
<iframe id="lab" src="${src}" width="720" height="640" style="border:0;max-width:100%" title="imbalance-lab"></iframe>
</body></html>`;

before(async () => {
  server = await serveDist({
    prefix: '/lab/',
    extra: { '/post.html': HOST('/lab/#embed=1&panels=focal&controls=gamma&gamma=3') },
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The numbers a reader sees: the loss, metric and A/B tables as text, once settled. */
async function numbers(page) {
  const read = () => page.evaluate(() => ['losses', 'metrics', 'model A against model B']
    .map((l) => document.querySelector(`table[aria-label="${l}"]`).innerText).join('\n'));
  // The A/B panel fills in a moment after the last change when it is off screen.
  await exactNumbers(page);
  let last = await read();
  for (let still = 0; still < 400 || last.includes('…');) {
    await page.waitForTimeout(100);
    await exactNumbers(page);
    const now = await read();
    still = now === last ? still + 100 : 0;
    last = now;
  }
  return last;
}

/** Waits out the debounced URL write (150 ms after the last change), then returns the fragment. */
async function settledHash(page) {
  let last = await page.evaluate(() => location.hash);
  let stableFor = 0;
  while (stableFor < 450) {
    await page.waitForTimeout(50);
    const h = await page.evaluate(() => location.hash);
    stableFor = h === last && h.length > 1 ? stableFor + 50 : 0;
    last = h;
  }
  return last;
}

/** A small deterministic generator, so a failure names a state that can be replayed. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('served from a sub-path, with a CSP, and no request leaves the origin', async () => {
  const { page, problems } = await openApp(browser, server.url);
  const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval';/);
  // One inline script, the start-up code, allowed by its hash and nothing else inline.
  const inline = await page.evaluate(async () => Promise.all([...document.scripts].filter((s) => !s.src).map(async (s) => {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s.textContent));
    return btoa(String.fromCharCode(...new Uint8Array(digest)));
  })));
  assert.equal(inline.length, 1);
  assert.ok(csp.includes(`'sha256-${inline[0]}'`), csp);
  assert.doesNotMatch(csp, /unsafe-inline/);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.reload();
  await page.getByRole('table', { name: 'metrics' }).waitFor();
  assert.ok(requests.length >= 4, requests.join(' '));
  for (const r of requests) assert.ok(r.startsWith(server.url), `${r} is outside ${server.url}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test("each module's first load fits its gzipped budget, and the focal embed 300 KiB", async () => {
  const gz = async (f) => gzipSync(await readFile(DIST + f), { level: 9 }).length;
  const shared = (await gz('index.html')) + (await gz('main.css'));
  // Everything each view downloads as it opens: the page, its module, and for the full page
  // the worker too (it starts after the first paint). The curve's is issue 24's goal; the full
  // page's first load grew from 350 KiB with issue 24's skip link, panel list, story controls,
  // themes, heights and sandbox fallback, and from 360 KiB with issue 25's six losses, the
  // loss picker and section 9's sliders, the per-sample curves, what each loss does and the
  // retraining spread's panel, and from 400 KiB with issue 26's judged model in every table,
  // chart, file and snippet, the tables' notes and the cost chart's window (docs/BENCHMARKS.md).
  const budgets = { curve: 300 * 1024, embed: 300 * 1024, 'imbalance-lab': 405 * 1024 };
  const sizes = {};
  for (const [name, budget] of Object.entries(budgets)) {
    sizes[name] = shared + (await gz(`${name}.js`)) + (await gz(`${name}_bg.wasm`));
    assert.ok(sizes[name] <= budget, `${name}: ${sizes[name]} bytes`);
  }
  let worker = 0;
  for (const f of ['worker.js', 'engine-worker.js', 'engine-worker_bg.wasm']) worker += await gz(f);
  console.log(`first loads, gzipped: ${JSON.stringify(sizes)}; the worker ${worker}; the full page at open ${sizes['imbalance-lab'] + worker}`);
  // The worker holds the six losses' words, snippets and the retraining spread (issue 25), and
  // the judged trained model's predictions column (issue 26).
  assert.ok(worker <= 265 * 1024, `worker ${worker} bytes`);
});

test('links round-trip: any state, reopened, shows the same numbers', async () => {
  const next = rng(20261123);
  const pick = (lo, hi, digits) => Number((lo + (hi - lo) * next()).toFixed(digits));
  for (let i = 0; i < 12; i++) {
    const state = {
      neg: Math.floor(next() * 40000), pos: Math.floor(next() * 4000),
      acc0: pick(0, 1, 4), acc1: pick(0, 1, 4), alpha: pick(0, 1, 3), gamma: pick(0, 10, 2),
      pw: pick(0.01, 100, 3), thr: pick(0, 1, 3), seed: Math.floor(next() * 1e9),
      acc0b: pick(0, 1, 3), acc1b: pick(0, 1, 3),
    };
    const hash = '#' + Object.entries(state).map(([k, v]) => `${k}=${v}`).join('&');
    const first = await openApp(browser, server.url, { hash });
    const shown = await numbers(first.page);
    const link = await settledHash(first.page);
    for (const [k, v] of Object.entries(state)) assert.ok(link.includes(`${k}=${v}`), `${k}=${v} in ${link}`);
    assert.equal(await first.page.locator('.notices').count(), 0, hash);
    const second = await openApp(browser, server.url, { hash: link });
    assert.equal(await numbers(second.page), shown, `state ${i}: ${hash}`);
    assert.deepEqual([...first.problems, ...second.problems], []);
    await first.page.close();
    await second.page.close();
  }
});

test('moving controls keeps the link current without adding history entries', async () => {
  const { page, problems } = await openApp(browser, server.url);
  const before = await page.evaluate(() => history.length);
  for (const v of ['0.3', '0.35', '0.4']) {
    const field = page.getByLabel('threshold, value');
    await field.fill(v);
    await field.press('Enter');
  }
  const gamma = page.getByLabel('focal gamma γ', { exact: true });
  await gamma.focus();
  for (let i = 0; i < 5; i++) await gamma.press('ArrowRight');
  const link = await settledHash(page);
  assert.match(link, /thr=0\.4(&|$)/);
  assert.match(link, /gamma=2\.5(&|$)/);
  assert.equal(await page.evaluate(() => history.length), before);
  const shown = await numbers(page);
  const again = await openApp(browser, server.url, { hash: link });
  assert.equal(await numbers(again.page), shown);
  // Editing the address by hand is followed too.
  await again.page.evaluate(() => { location.hash = location.hash.replace(/thr=[^&]*/, 'thr=0.9'); });
  await again.page.waitForFunction(() => document.getElementById('thr-value').value === '0.9000');
  assert.deepEqual([...problems, ...again.problems], []);
  await page.close();
  await again.page.close();
});

const MALFORMED = [
  'acc0=2', 'acc1=-1', 'neg=-5&pos=abc', 'gamma=1e400', 'thr=NaN', 'pw=0', 'seed=-3', 'seed=1.5',
  'alpha=', '=', '&&&', 'neg', 'pos=99999999999', 'panels=nothing', 'controls=everything',
  'log=2', 'embed=maybe', 'unknown=1', '%', '%zz=1', 'acc0=%E2%82%AC', 'gamma=1&gamma=x',
  'neg=0&pos=0', 'neg=10000000&pos=0&thr=1', 'thr=0&acc0=0&acc1=1', 'a'.repeat(3000),
  'acc0=0.5&acc0=0.6&acc0=abc', 'panels=,,,&controls=,', 'neg=1e3&pos=1e2', '<script>alert(1)</script>=1',
];

test('malformed links still load, say what they corrected, and never show NaN', async () => {
  const next = rng(7);
  const garbage = Array.from({ length: 6 }, () => Array.from({ length: 1 + Math.floor(next() * 60) },
    () => String.fromCharCode(32 + Math.floor(next() * 95))).join(''));
  for (const fragment of [...MALFORMED, ...garbage]) {
    const { page, problems } = await openApp(browser, server.url, {
      hash: '#' + fragment, ready: 'main',
    });
    await page.locator('main .panel').first().waitFor();
    // The numbers never say NaN (a notice may quote what the link said).
    const shown = await page.evaluate(() => [...document.querySelectorAll('main > section, aside')]
      .map((e) => e.innerText).join('\n'));
    assert.doesNotMatch(shown, /NaN|Infinity/, fragment);
    assert.deepEqual(problems, [], fragment);
    await page.close();
  }
  // A few cases with their exact notice.
  const { page } = await openApp(browser, server.url, { hash: '#acc0=2&gamma=x&colour=red' });
  const notices = await page.locator('.notices').innerText();
  assert.match(notices, /acc0=2 is outside \[0, 1\]; using 1\./);
  assert.match(notices, /gamma=“x” is not a number; using 2\./);
  assert.match(notices, /“colour” is not a key this page knows; ignored\./);
  assert.equal(await page.getByLabel('accuracy on negatives, value', { exact: true }).inputValue(), '1.000');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  assert.equal(await page.locator('.notices').count(), 0);
  await page.close();
});

test('an embedded view shows only what the link asks for, fits its frame, and works', async () => {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 }, deviceScaleFactor: 2 });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(server.origin + '/post.html');
  const frame = page.frameLocator('#lab');
  await frame.locator('#focal-chart').waitFor();
  const inner = page.frames().find((f) => f.url().includes('/lab/'));
  const layout = await inner.evaluate(() => ({
    header: document.querySelectorAll('header.site').length,
    panels: [...document.querySelectorAll('main section.panel')].map((s) => s.id),
    sliders: [...document.querySelectorAll('input[type=range]')].map((s) => s.id),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    embed: document.body.classList.contains('embed'),
    gamma: document.getElementById('gamma-value').value,
  }));
  assert.deepEqual(layout, { header: 0, panels: ['focal'], sliders: ['gamma'], overflow: 0, embed: true, gamma: '3.000' });
  const before = await inner.evaluate(() => document.getElementById('focal-chart').toDataURL());
  const slider = frame.getByLabel('focal gamma γ', { exact: true });
  await slider.focus();
  await slider.press('ArrowLeft');
  await inner.waitForFunction((b) => document.getElementById('focal-chart').toDataURL() !== b, before);
  assert.equal(await frame.getByLabel('focal gamma, value').inputValue(), '2.900');
  const open = await frame.getByRole('link', { name: /Open in imbalance-lab/ }).getAttribute('href');
  assert.match(open, /#neg=1000000&.*gamma=2\.9/);
  assert.doesNotMatch(open, /embed=/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an embed loads the smallest module that shows it, and the worker only when a panel needs it', async () => {
  // The same table the native test checks PageState::module against (tests/link.rs).
  const table = JSON.parse(await readFile(new URL('../tests/fixtures/embed_module.json', import.meta.url)));
  for (const { hash, module } of table) {
    const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
    const fetched = [];
    page.on('request', (r) => fetched.push(r.url().split('/').pop()));
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(server.url + hash);
    await page.locator('main section.panel').first().waitFor();
    const wasm = fetched.filter((f) => f.endsWith('_bg.wasm') && f !== 'engine-worker_bg.wasm');
    assert.deepEqual(wasm, [`${module}_bg.wasm`], hash);
    assert.deepEqual(problems, [], hash);
    await page.close();
  }
  // The focal curve alone reads no predictions: its embed never starts the worker, and its
  // numbers are not marked as estimates, even with a million negatives. A panel the curve
  // module lacks, asked for later (an edited link), is a link to the full page.
  for (const hash of ['#neg=1000000&embed=1&panels=focal']) {
    const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
    const fetched = [];
    page.on('request', (r) => fetched.push(r.url().split('/').pop()));
    await page.goto(server.url + hash);
    await page.locator('#focal-chart').waitFor();
    await page.waitForTimeout(1500);
    assert.equal(await page.evaluate(() => document.querySelector('main').dataset.exact), 'true', hash);
    assert.deepEqual(fetched.filter((f) => f.startsWith('engine-worker') || f === 'worker.js'), [], hash);
    await page.evaluate((h) => { location.hash = h + ',numbers'; }, hash);
    const link = page.getByRole('link', { name: /open it in imbalance-lab/ });
    await link.waitFor();
    assert.match(await link.getAttribute('href'), /#neg=1000000&/);
    assert.doesNotMatch(await link.getAttribute('href'), /embed=/);
    await page.close();
  }
});

test('the embed dialog writes an iframe snippet for the chosen view', async () => {
  const { page, problems } = await openApp(browser, server.url);
  await page.getByRole('button', { name: 'Embed…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this view' });
  await dialog.getByLabel('A/B comparison').check();
  await dialog.getByLabel('Width').fill('800');
  await dialog.getByLabel('Width').press('Enter');
  const snippet = await dialog.getByLabel('HTML to paste into your post').inputValue();
  assert.match(snippet, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/lab\/#neg=1000000&amp;/);
  assert.match(snippet, /embed=1&amp;panels=focal,ab&amp;controls=alpha,gamma"/);
  assert.match(snippet, /width="800" height="640"/);
  await dialog.getByRole('button', { name: 'Close' }).click();
  assert.deepEqual(problems, []);
  await page.close();
});

async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), body: await readFile(await file.path()) };
}

test('the results download holds the numbers on screen', async () => {
  const { page, problems } = await openApp(browser, server.url, { hash: '#neg=20000&pos=0&thr=0.3', options: { acceptDownloads: true } });
  const { name, body } = await download(page, 'Download results (JSON)');
  assert.equal(name, 'imbalance-lab-results.json');
  const json = JSON.parse(body.toString());
  assert.equal(json.schema, 'imbalance-lab/results/v1');
  // SPEC section 9's parameters follow section 5's, at their defaults here.
  const extra = { cb_beta: 0.999, la_tau: 1, ldam_m: 1, asl_gp: 0, asl_gn: 4, asl_m: 0.05, poly_eps: 1, tv_a: 0.5, tv_b: 0.5 };
  assert.deepEqual(json.params, { neg: 20000, pos: 0, acc0: 0.999, acc1: 0.5, alpha: 0.25, gamma: 2, pos_weight: 1, threshold: 0.3, seed: 1, generator: 'uniform', ...extra });
  // Every loss is in the file, shown or not; logit adjustment has no prior here, and says why.
  assert.equal(Object.keys(json.losses).filter((k) => !k.endsWith('_reason')).length, 10);
  assert.equal(json.losses.logit_adjusted, null);
  assert.equal(json.losses.logit_adjusted_reason, 'there are no positive samples');
  const bce = Number.parseFloat(await rowText(page, 'losses', /^BCE/));
  assert.equal(Number(json.losses.bce.mean.toPrecision(6)), bce);
  assert.equal(json.metrics.fp, Number(await rowText(page, 'metrics', /^FP/)));
  assert.equal(json.metrics.recall, null, 'undefined exports as null');
  assert.match(await rowText(page, 'metrics', /^recall/), /undefined/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the predictions download recomputes to the same losses and counts', async () => {
  const { page, problems } = await openApp(browser, server.url, { hash: '#neg=3000&pos=250&acc0=0.9&acc1=0.7&thr=0.4&seed=5', options: { acceptDownloads: true } });
  const { body } = await download(page, 'Download predictions (CSV)');
  const lines = body.toString().trimEnd().split('\n');
  // Model A, then model B (the page holds one) on the same samples.
  assert.equal(lines[0], 'label,probability,model_b');
  const rows = lines.slice(1).map((l) => l.split(',').map(Number));
  assert.equal(rows.length, 3250);
  assert.equal(rows.filter(([y]) => y === 1).length, 250);
  // BCE from the file, with Keras' clipping, against the page's mean.
  const eps = 1e-7;
  let sum = 0;
  let tp = 0;
  let fp = 0;
  for (const [y, p0] of rows) {
    const p = Math.min(Math.max(p0, eps), 1 - eps);
    sum += y === 1 ? -Math.log(p) : -Math.log(1 - p);
    if (p0 >= 0.4) { if (y === 1) tp++; else fp++; }
  }
  const bce = Number.parseFloat(await rowText(page, 'losses', /^BCE/));
  assert.ok(Math.abs(sum / rows.length - bce) < 5e-7, `${sum / rows.length} vs ${bce}`);
  assert.equal(tp, Number(await rowText(page, 'metrics', /^TP/)));
  assert.equal(fp, Number(await rowText(page, 'metrics', /^FP/)));
  assert.deepEqual(problems, []);
  await page.close();
});

test('two million predictions download without blocking the page, with progress', async () => {
  const { page, problems } = await openApp(browser, server.url, { hash: '#neg=1900000&pos=100000', options: { acceptDownloads: true } });
  // Let the off-screen panels catch up first: only the download is measured.
  await numbers(page);
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask' });
  });
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download predictions (CSV)' }).click();
  await page.locator('progress').waitFor();
  const file = await pending;
  const size = (await stat(await file.path())).size;
  assert.ok(size > 2_000_000 * 18, `${size} bytes`);
  const longest = await page.evaluate(() => window.__longest);
  console.log(`longest main-thread task while writing 2,000,000 rows: ${longest.toFixed(0)} ms`);
  // Written on the page in one go, two million rows block it for seconds; the worker's
  // pieces leave only short tasks. How short is a benchmark's business, not this test's: a
  // loaded CI machine stretches them, so the bound only catches the blocking kind.
  assert.ok(longest < 1000, `a task of ${longest} ms`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('each chart downloads as PNG at twice its resolution and as SVG', async () => {
  const { page, problems } = await openApp(browser, server.url, { options: { acceptDownloads: true } });
  // The chart drawn at its size on screen (below the fold it is drawn a moment later).
  await page.locator('#focal-chart').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => {
    const c = document.getElementById('focal-chart');
    return c.width === Math.round(c.clientWidth * devicePixelRatio);
  });
  const canvas = await page.evaluate(() => ({ w: document.getElementById('focal-chart').width, h: document.getElementById('focal-chart').height }));
  const png = await download(page, 'Download focal loss curve as PNG');
  assert.equal(png.name, 'imbalance-lab-focal.png');
  assert.equal(png.body.subarray(1, 4).toString(), 'PNG');
  const [w, h] = [png.body.readUInt32BE(16), png.body.readUInt32BE(20)];
  assert.ok(Math.abs(w - 2 * canvas.w) <= 2 && Math.abs(h - 2 * canvas.h) <= 2, `${w}x${h} vs canvas ${canvas.w}x${canvas.h}`);
  const svg = await download(page, 'Download score histograms as SVG');
  assert.equal(svg.name, 'imbalance-lab-scores.svg');
  assert.match(svg.body.toString(), /^<svg[^>]*width="\d+"/);
  assert.match(svg.body.toString(), /TP 4,969/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('each chart has a data table and a live text summary', async () => {
  const { page, problems } = await openApp(browser, server.url);
  const label = () => page.locator('#scores-chart').getAttribute('aria-label');
  const before = await label();
  assert.match(before, /TN 999077, FP 923, FN 5031, TP 4969/);
  await page.getByLabel('threshold, value').fill('0.7');
  await page.getByLabel('threshold, value').press('Enter');
  await page.waitForFunction((b) => document.getElementById('scores-chart').getAttribute('aria-label') !== b, before);
  await exactNumbers(page);
  await page.waitForTimeout(300);
  await page.locator('.chart-figure').filter({ has: page.locator('#threshold-chart') }).getByText('Data table').click();
  const table = page.getByRole('table', { name: 'precision, recall and F1: data' });
  const row = await table.getByRole('row', { name: /^0\.70/ }).innerText();
  const recall = Number.parseFloat(await rowText(page, 'metrics', /^recall/));
  assert.ok(row.includes(recall.toFixed(4)), `${row} should show recall ${recall}`);
  assert.deepEqual(problems, []);
  await page.close();
});

async function audit(page, context) {
  await page.evaluate(await readFile(AXE, 'utf8'));
  const result = await page.evaluate(async (ctx) => {
    const r = await window.axe.run(ctx ?? document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
  }, context);
  return result;
}

test('the accessibility audit finds nothing, in both themes, embedded, and with the dialog open', async () => {
  for (const scheme of ['light', 'dark']) {
    const { page, problems } = await openApp(browser, server.url, { options: { colorScheme: scheme, bypassCSP: true } });
    await page.waitForTimeout(300);
    assert.deepEqual(await audit(page), [], scheme);
    await page.getByRole('button', { name: 'Embed…' }).click();
    assert.deepEqual(await audit(page, 'dialog'), [], `${scheme}, dialog`);
    assert.deepEqual(problems, []);
    await page.close();
  }
  const { page } = await openApp(browser, server.url, { hash: '#embed=1&panels=ab&controls=ratio', ready: 'main', options: { bypassCSP: true } });
  await page.locator('#ab').waitFor();
  assert.deepEqual(await audit(page), [], 'embed');
  await page.close();
});

test('the keyboard reaches every control, with a visible focus ring', async () => {
  const { page, problems } = await openApp(browser, server.url);
  const seen = new Set();
  for (let i = 0; i < 110; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { id: el.id, tag: el.tagName, outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px' };
    });
    if (f.id) seen.add(f.id);
    if (f.tag === 'INPUT' || f.tag === 'BUTTON') assert.ok(f.outline, `${f.tag}#${f.id} has no visible focus`);
  }
  for (const id of ['ratio', 'total', 'neg', 'pos', 'acc0', 'acc1', 'thr', 'pw', 'alpha', 'gamma', 'show-ldam', 'seed', 'new-sample', 'acc0b']) {
    assert.ok(seen.has(id), `Tab never reaches #${id}`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});
