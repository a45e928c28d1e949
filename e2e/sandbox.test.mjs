// The app in a sandboxed frame (issue 24), as WordPress wraps an untrusted embed: a host page on
// another origin holds <iframe sandbox="allow-scripts">, whose document has an opaque ("null")
// origin. With Access-Control-Allow-Origin: * on the app's files (GitHub Pages sends it), every
// file loads by CORS (no integrity check blocks the CSS), no worker can start, and the worker's
// own module runs on the page's thread: the numbers, charts, words, decision panel, imports and
// training all work, and the page says where its work runs. Without that header, the page says what the host must send.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openApp, exactNumbers, rowText } from './harness.mjs';

const ACAO = { 'access-control-allow-origin': '*' };
const servers = {};
/** The host's pages, by path: each test adds its own. */
const hostPages = {};
let browser;

before(async () => {
  // The app with the header, the app without it, and the blog that frames either.
  servers.app = await serveDist({ headers: ACAO });
  servers.bare = await serveDist();
  servers.host = await serveDist({ extra: hostPages });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  for (const s of Object.values(servers)) await s.close();
});

/**
 * Opens a host page that frames `src` with `sandbox`; resolves to the page, the frame, and what
 * a reader never wants (console errors, exceptions, a request to any origin but the two).
 */
async function framed(src, { sandbox = 'allow-scripts', height = 900 } = {}) {
  const path = `/blog-${Math.random().toString(36).slice(2)}.html`;
  hostPages[path] = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A blog post</title>
    <link rel="icon" href="data:,"></head><body><h1>A blog post</h1>
    <iframe sandbox="${sandbox}" src="${src}" title="imbalance-lab" width="1200" height="${height}"></iframe></body></html>`;
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, deviceScaleFactor: 1 });
  const problems = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(servers.host.url + path.slice(1));
  const frame = page.frames().find((f) => f !== page.mainFrame());
  const allowed = [servers.host.origin, new URL(src).origin];
  const foreign = () => requests.filter((u) => !allowed.includes(new URL(u).origin) && !/^(data|blob):/.test(u));
  return { page, frame, problems, foreign, requests };
}

/** Whether a canvas holds a drawing: more than a few colours among its pixels. */
async function drawn(frame, selector) {
  await frame.locator(selector).scrollIntoViewIfNeeded();
  return frame.waitForFunction((selector) => {
    const c = document.querySelector(selector);
    if (!c || c.width === 0) return false;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    for (let i = 0; i < d.length; i += 4 * 7) colours.add((d[i] << 24) | (d[i + 1] << 16) | (d[i + 2] << 8) | d[i + 3]);
    return colours.size > 8;
  }, selector).then(() => true);
}

test('the full page in <iframe sandbox="allow-scripts">: styled, exact, drawn, written, deciding, importing, training', async () => {
  // The page's own numbers, opened directly (a worker computes them there).
  const direct = await openApp(browser, servers.app.url);
  const tables = (p) => p.evaluate(() => ['losses', 'metrics'].map((l) => document.querySelector(`table[aria-label="${l}"]`).innerText).join('\n'));
  const expected = await tables(direct.page);
  await direct.page.close();

  const { page, frame, problems, foreign, requests } = await framed(servers.app.url, { height: 2400 });
  await frame.locator('table[aria-label="metrics"]').waitFor();
  // The default scenario has 1,010,000 samples: its exact numbers come from the worker's module,
  // here on the page's thread, and equal the worker's to the last digit.
  await exactNumbers(frame);
  assert.equal(await tables(frame), expected);
  // No worker started, and the page says so, and what it costs.
  assert.equal(page.workers().length, 0);
  assert.match(await frame.getByRole('status').filter({ hasText: 'background work' }).textContent(),
    /^No background worker can start here \(a sandboxed frame cannot start one\): everything is computed on the page's own thread/);
  // Styled by main.css (the body's background is the theme's, not the browser's transparent).
  assert.notEqual(await frame.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgba(0, 0, 0, 0)');
  // The words, written by the module here.
  await frame.waitForFunction(() => document.getElementById('w-numbers')?.textContent.includes('negatives per positive'));
  assert.match(await frame.locator('header .lede').textContent(), /synthetic predictions/);
  // Every chart, each drawn once scrolled to.
  const charts = await frame.locator('canvas.chart').evaluateAll((cs) => cs.map((c) => c.id));
  assert.ok(charts.length >= 5 && charts.includes('focal-chart'), charts.join());
  for (const id of charts) assert.ok(await drawn(frame, `#${id}`), id);
  // The decision panel.
  await frame.locator('#decide').scrollIntoViewIfNeeded();
  await frame.locator('#d-part0 svg').waitFor();
  await frame.waitForFunction(() => !document.querySelector('#d-part0').textContent.includes('Working'));
  assert.ok(Number(await frame.locator('#d-part0 .best-threshold').getAttribute('data-exact')) > 0);
  // Pasted predictions import (the parser is the module's).
  await frame.getByText('Paste predictions').click();
  await frame.getByLabel('predictions to paste').fill('label,score\n1,0.9\n0,0.2\n0,0.6\n1,0.4\n0,0.1\n');
  await frame.getByRole('button', { name: 'Read the pasted text' }).click();
  await frame.locator('.import-check [data-act=import]').click();
  await frame.locator('.imported').filter({ hasText: '5 rows' }).waitFor();
  assert.equal(await rowText(frame, 'metrics', /^TP/), '1');
  assert.equal(page.workers().length, 0);
  assert.deepEqual(problems, []);
  assert.deepEqual(foreign(), []);
  // Each of the app's files came once and by CORS (the frame's origin is "null").
  for (const f of ['main.css', 'imbalance-lab.js', 'imbalance-lab_bg.wasm', 'engine-worker.js', 'engine-worker_bg.wasm']) {
    assert.equal(requests.filter((u) => u === servers.app.url + f).length, 1, f);
  }
  await page.close();
});

test('training on a sample runs on the page\'s thread in a sandboxed frame', async () => {
  const { page, frame, problems, foreign } = await framed(`${servers.app.url}#panels=training&neg=2000&pos=200&rows=2000`);
  await frame.getByRole('button', { name: 'Train on a sample' }).click();
  await frame.getByText(/^Converged after \d+ Newton steps on 2,000 rows\.$/).waitFor({ timeout: 60_000 });
  assert.ok(await drawn(frame, '#loss-curves-chart'));
  assert.deepEqual(problems, []);
  assert.deepEqual(foreign(), []);
  await page.close();
});

test('an embed link in a sandboxed frame is styled and draws its chart', async () => {
  const { page, frame, problems, foreign } = await framed(`${servers.app.url}#embed=1&panels=focal&controls=alpha,gamma`, { height: 800 });
  await frame.locator('body.embed #focal-chart').waitFor();
  // main.css applies: its rule takes the screen readers' title out of the flow (an embed's
  // background is transparent, so it cannot tell).
  const styled = await frame.evaluate(() => ({
    title: getComputedStyle(document.querySelector('header.visually-hidden')).position,
    embed: document.body.classList.contains('embed'),
  }));
  assert.deepEqual(styled, { title: 'absolute', embed: true });
  assert.ok(await drawn(frame, '#focal-chart'));
  // Moving gamma redraws it.
  const before = await frame.locator('#focal-chart').evaluate((c) => c.toDataURL());
  await frame.getByLabel('focal gamma, value').fill('4');
  await frame.getByLabel('focal gamma, value').press('Enter');
  await frame.waitForFunction((b) => document.getElementById('focal-chart').toDataURL() !== b, before);
  assert.deepEqual(problems, []);
  assert.deepEqual(foreign(), []);
  await page.close();
});

test('with allow-same-origin too, the frame has its origin back: a worker computes, with no header needed', async () => {
  const { page, frame, problems, foreign } = await framed(servers.bare.url, { sandbox: 'allow-scripts allow-same-origin' });
  await frame.locator('table[aria-label="metrics"]').waitFor();
  await exactNumbers(frame);
  await frame.waitForFunction(() => document.getElementById('w-numbers')?.textContent.trim());
  assert.ok(page.workers().length >= 1);
  assert.equal(await frame.getByRole('status').filter({ hasText: 'background work' }).count(), 0);
  assert.deepEqual(problems, []);
  assert.deepEqual(foreign(), []);
  await page.close();
});

test('where even the worker\'s module cannot load, the page computes the exact numbers and says what is missing', async () => {
  const broken = await serveDist({ headers: ACAO, missing: ['/engine-worker.js'] });
  try {
    const { page, frame, problems, foreign } = await framed(`${broken.url}#neg=300000&pos=3000`);
    await frame.locator('table[aria-label="metrics"]').waitFor();
    await exactNumbers(frame);
    assert.match(await frame.getByRole('status').filter({ hasText: 'background work' }).textContent(),
      /nor could the worker's module \(engine-worker\.js\) load: .* but the words, the decision panel and imports are missing\.$/);
    await frame.locator('#decide').scrollIntoViewIfNeeded();
    await frame.locator('#decide').getByText("The decision panel is computed by the worker's module (engine-worker.js), which could not load here.").waitFor();
    assert.equal(await frame.locator('#w-numbers').textContent(), '');
    // The one error: the module the page asked for is not on the host.
    assert.deepEqual(problems, ['console: Failed to load resource: the server responded with a status of 404 (Not Found)']);
    assert.deepEqual(foreign(), []);
    await page.close();
  } finally {
    await broken.close();
  }
});

test('without Access-Control-Allow-Origin a sandboxed frame cannot run the app, and says what its host must send', async () => {
  const { page, frame, problems } = await framed(servers.bare.url);
  // The browser refuses the page's module by CORS (a "null" origin asks for it), so nothing of
  // the app starts; the start-up script (inline, allowed by its hash) says what the host must
  // send, as the README's Hosting section does. (The refusal comes after the frame's load
  // event: the script fetches the module then.)
  assert.match(await frame.getByRole('alert').textContent(), /the host must send Access-Control-Allow-Origin: \*/);
  assert.ok(problems.some((p) => /from origin 'null' has been blocked by CORS policy/.test(p)), problems.join('\n'));
  assert.equal(await frame.locator('main').count(), 0);
  await page.close();
});
