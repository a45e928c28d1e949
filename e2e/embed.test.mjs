// Embeds as a blog author uses them (issue 24): the Embed dialog's own snippet pasted into a page
// on another origin, frames as tall as what they show, the host's theme, and embeds that are
// complete on their own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { serveDist, launch, openApp } from './harness.mjs';

let app;
let blog;
let browser;
/** The blog's pages, by path: each test writes the post it needs. */
const posts = {};

before(async () => {
  app = await serveDist();
  // The blog is another origin: the frames are cross-origin to it, as on a real host.
  blog = createServer((req, res) => {
    const body = posts[new URL(req.url, 'http://x').pathname];
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise((ok) => blog.listen(0, '127.0.0.1', ok));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await app?.close();
  await new Promise((ok) => blog?.close(ok));
});

const blogUrl = (path) => `http://127.0.0.1:${blog.address().port}${path}`;

/** A blog post holding `snippets`, as the author pasted them, on a `background`. */
function post(path, snippets, background = '#ffffff', color = '#111111') {
  posts[path] = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>A blog post</title></head>
<body style="font-family:Georgia,serif;max-width:760px;margin:2rem auto;padding:0 8px;background:${background};color:${color}">
<h1>A post about focal loss</h1><p>Here is the curve, and below it two models compared.</p>
${snippets.join('\n<p>Some text between the embeds.</p>\n')}
<p>The end of the post.</p></body></html>`;
  return blogUrl(path);
}

/**
 * The HTML the Embed dialog offers for `panels` and `controls` (labels as the dialog shows them)
 * in `theme` (the label of its radio button), read from its text area as an author copies it.
 */
async function snippetFor({ panels, controls, theme = "the reader's system", hash = '' }) {
  const { page, problems } = await openApp(browser, app.url, { hash });
  await page.getByRole('button', { name: 'Embed…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this view' });
  for (const box of await dialog.getByRole('checkbox').all()) await box.uncheck();
  for (const name of panels) await dialog.getByRole('group', { name: 'panels' }).getByLabel(name, { exact: true }).check();
  for (const name of controls) await dialog.getByRole('group', { name: 'controls' }).getByLabel(name, { exact: true }).check();
  await dialog.getByRole('group', { name: 'colours' }).getByLabel(theme, { exact: true }).check();
  const snippet = await dialog.getByLabel('HTML to paste into your post').inputValue();
  assert.deepEqual(problems, []);
  await page.close();
  return snippet;
}

/** Opens `url` at `width` and records errors; `scheme` is the reader's system theme. */
async function open(url, { width = 1280, scheme = 'light' } = {}) {
  const page = await browser.newPage({ viewport: { width, height: 800 }, colorScheme: scheme });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  await page.goto(url);
  return { page, problems };
}

/** The `i`th embed of the page: its iframe element and its document's frame, once mounted. */
async function embed(page, i = 0) {
  const el = page.locator('iframe[data-imbalance-lab]').nth(i);
  await el.scrollIntoViewIfNeeded();
  const frame = await (await el.elementHandle()).contentFrame();
  await frame.locator('main section.panel').first().waitFor();
  return { el, frame };
}

/** The frame's height on the host and its content's height inside, in CSS pixels. */
async function heights({ el, frame }) {
  const outer = (await el.boundingBox()).height;
  const inner = await frame.evaluate(() => ({
    content: document.documentElement.getBoundingClientRect().height,
    scroll: document.documentElement.scrollHeight,
    view: innerHeight,
  }));
  return { outer, ...inner };
}

/** Waits until the frame is as tall as its content (within 4 px) and has no inner scroll. */
async function fits(e, what) {
  let h;
  for (let tries = 0; tries < 600; tries++) {
    h = await heights(e);
    if (Math.abs(h.outer - h.content) <= 4 && h.scroll <= h.view + 1) return h;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  assert.fail(`${what}: the frame is ${h.outer} px, its content ${h.content} px (scroll ${h.scroll}, view ${h.view})`);
}

test('the dialog snippet sizes every frame on a page of another origin to its content', async () => {
  const focal = await snippetFor({ panels: ['focal loss curve'], controls: ['gamma'] });
  const ab = await snippetFor({ panels: ['A/B comparison'], controls: [] });
  // The snippet: the frame, marked for its listener, and the listener.
  assert.match(focal, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/#[^"]*embed=1&amp;panels=focal&amp;controls=gamma" data-imbalance-lab width="720" height="640" style="[^"]*color-scheme:light dark"/);
  assert.match(focal, /<\/iframe>\n<script>[\s\S]*"imbalance-lab:height"[\s\S]*<\/script>$/);
  // Two embeds, each with its own copy of the listener: both copies are harmless.
  const url = post('/two.html', [focal, ab]);
  for (const width of [1280, 390]) {
    const { page, problems } = await open(url, { width });
    const first = await embed(page, 0);
    const second = await embed(page, 1);
    const a = await fits(first, `focal at ${width}`);
    const b = await fits(second, `A/B at ${width}`);
    assert.notEqual(Math.round(a.outer), 640, 'the focal frame took its own height');
    // Each frame takes its own content's height: the two differ (which is taller depends on the
    // width: the focal panel now stacks a second chart).
    assert.notEqual(Math.round(b.outer), 640, "the A/B frame took its own height");
    assert.notEqual(Math.round(b.outer), Math.round(a.outer), `the A/B comparison (${b.outer}) and the curve (${a.outer}) each take their own height`);
    // A control inside the frame changes its height: the frame follows, taller then shorter.
    await first.frame.getByText('Data table').first().click();
    const opened = await fits(first, `focal with its data table at ${width}`);
    assert.ok(opened.outer > a.outer + 100, `${opened.outer} should exceed ${a.outer}`);
    await first.frame.getByText('Data table').first().click();
    const closed = await fits(first, `focal with its data table closed at ${width}`);
    assert.ok(Math.abs(closed.outer - a.outer) <= 4);
    // The link in the frame's footer, the last thing in it, is inside the frame's box.
    const link = await first.frame.getByRole('link', { name: /Open in imbalance-lab/ }).boundingBox();
    assert.ok(link.y + link.height <= closed.outer, 'the footer link is not cut off');
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('the listener ignores messages of another shape or from a frame it does not know', async () => {
  const focal = await snippetFor({ panels: ['focal loss curve'], controls: ['gamma'] });
  const url = post('/forged.html', [focal]);
  const { page, problems } = await open(url);
  const e = await embed(page);
  const { outer } = await fits(e, 'focal');
  // Every height the frame is given from now on.
  await page.evaluate(() => {
    const frame = document.querySelector('iframe');
    window.given = [];
    new MutationObserver(() => window.given.push(frame.style.height)).observe(frame, { attributeFilter: ['style'] });
  });
  // The host page itself (not a frame) posts a height; the frame posts nonsense; then a height.
  await page.evaluate(() => postMessage({ type: 'imbalance-lab:height', height: 50 }, '*'));
  for (const bad of [{ type: 'imbalance-lab:height', height: 'tall' }, { type: 'imbalance-lab:height', height: Infinity },
    { type: 'imbalance-lab:height', height: NaN }, { type: 'other', height: 900 }, 'imbalance-lab:height', null]) {
    await e.frame.evaluate((m) => parent.postMessage(m, '*'), bad);
  }
  const send = (height) => e.frame.evaluate((h) => parent.postMessage({ type: 'imbalance-lab:height', height: h }, '*'), height);
  await send(777.4);
  await page.waitForFunction(() => window.given.length > 0);
  assert.deepEqual(await page.evaluate(() => window.given), ['777px']);
  // Heights out of any sane range are clamped.
  await send(1e9);
  await page.waitForFunction(() => window.given.length > 1);
  await send(-5);
  await page.waitForFunction(() => window.given.length > 2);
  assert.deepEqual(await page.evaluate(() => window.given), ['777px', '30000px', '100px']);
  assert.ok(outer > 100);
  assert.deepEqual(problems, []);
  await page.close();
});

/** Colours read inside a frame: its backgrounds, its text, a chart's corner, and the host pixel. */
async function colours(page, { el, frame }) {
  const inside = await frame.evaluate(() => {
    const bg = (sel) => getComputedStyle(document.querySelector(sel)).backgroundColor;
    const canvas = document.querySelector('canvas.chart');
    const corner = canvas.getContext('2d').getImageData(2, 2, 1, 1).data;
    return {
      body: bg('body'), layout: bg('.layout'), panel: bg('.panel'),
      text: getComputedStyle(document.querySelector('main')).color,
      chart: [...corner].slice(0, 3),
    };
  });
  // What the reader sees in the frame's empty top-left corner: the host's background shows.
  const box = await el.boundingBox();
  const png = await page.screenshot({ clip: { x: box.x + 2, y: box.y + 2, width: 1, height: 1 } });
  const pixel = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = 1; c.height = 1;
    const x = c.getContext('2d');
    x.drawImage(img, 0, 0);
    return [...x.getImageData(0, 0, 1, 1).data].slice(0, 3);
  }, png.toString('base64'));
  return { ...inside, pixel };
}

/** The lightness of a CSS rgb() colour, 0 to 1. */
function lightness(css) {
  const [r, g, b] = css.match(/\d+(\.\d+)?/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

const CLEAR = 'rgba(0, 0, 0, 0)';

test('a frame takes the theme the author chose, on a transparent background', async () => {
  const cases = [
    // A dark theme on a white post, read on a light system: light text, the post's white behind.
    { theme: 'dark', scheme: 'light', host: '#ffffff', dark: true },
    { theme: 'light', scheme: 'dark', host: '#ffffff', dark: false },
    { theme: 'dark', scheme: 'dark', host: '#202020', dark: true },
    // Auto follows the reader's system.
    { theme: "the reader's system", scheme: 'dark', host: '#202020', dark: true },
    { theme: "the reader's system", scheme: 'light', host: '#ffffff', dark: false },
  ];
  const snippets = {};
  for (const c of cases) {
    snippets[c.theme] ??= await snippetFor({ panels: ['focal loss curve'], controls: ['gamma'], theme: c.theme });
    const url = post(`/theme-${cases.indexOf(c)}.html`, [snippets[c.theme]], c.host, c.dark ? '#eeeeee' : '#111111');
    const { page, problems } = await open(url, { scheme: c.scheme });
    const e = await embed(page);
    const what = `theme ${c.theme} on a ${c.scheme} system`;
    if (c.theme !== "the reader's system") assert.match(await e.el.getAttribute('src'), new RegExp(`&theme=${c.theme}`));
    await e.frame.waitForFunction(() => document.querySelector('canvas.chart').width > 0);
    const got = await colours(page, e);
    assert.deepEqual([got.body, got.layout, got.panel], [CLEAR, CLEAR, CLEAR], what);
    assert.equal(lightness(got.text) > 0.6, c.dark, `${what}: text ${got.text}`);
    // The charts' palette follows the same theme: a dark or a white background.
    assert.equal(got.chart[0] < 100, c.dark, `${what}: chart corner ${got.chart}`);
    const host = [1, 3, 5].map((i) => parseInt(c.host.slice(i, i + 2), 16));
    assert.deepEqual(got.pixel, host, `${what}: the post's background shows through`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('a bad theme in a link is said and follows the system', async () => {
  const { page, problems } = await openApp(browser, app.url, { hash: '#theme=purple', options: { colorScheme: 'dark' } });
  assert.match(await page.locator('.notices').textContent(), /theme=“purple” should be light, dark or auto; following the system/);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), undefined);
  assert.ok(lightness(await page.evaluate(() => getComputedStyle(document.body).color)) > 0.6);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the focal embed answers its pₜ field itself, and the A/B embed says what model A is', async () => {
  const { page, problems } = await openApp(browser, app.url, {
    hash: '#embed=1&panels=focal,ab&controls=gamma&pt=0.5', ready: '#focal',
  });
  const answer = page.locator('#focal .point-answer');
  assert.equal(await answer.textContent(),
    'At pₜ = 0.5 with γ = 2 the factor is 0.250: a positive keeps 0.0625 of its cross-entropy (α = 0.25), a negative 0.188.');
  assert.ok(await answer.isVisible());
  await page.locator('#pt').fill('0.9');
  await page.locator('#pt').press('Enter');
  await page.waitForFunction(() => document.querySelector('#focal .point-answer').textContent.includes('At pₜ = 0.9 '));
  assert.match(await answer.textContent(), /^At pₜ = 0\.9 with γ = 2 the factor is 0\.0100: a positive keeps 0\.00250 .* a negative 0\.00750\.$/);
  const gamma = page.getByLabel('focal gamma γ', { exact: true });
  await gamma.focus();
  await gamma.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('#focal .point-answer').textContent.includes('γ = 2.1 '));
  // 0.1^2.1 = 0.00794.
  assert.match(await answer.textContent(), /^At pₜ = 0\.9 with γ = 2\.1 the factor is 0\.00794:/);
  // No accuracy control in this embed: the A/B panel says model A's accuracies, not "above".
  const modelA = await page.locator('#ab .model-a').textContent();
  assert.equal(modelA, "Model A has the scenario's accuracies: acc0 0.999, acc1 0.5.");
  assert.deepEqual(problems, []);
  await page.close();
  // The full page keeps its words for the answer (not said twice), and its sentence.
  const full = await openApp(browser, app.url);
  assert.equal(await full.page.locator('#focal .point-answer').isVisible(), false);
  assert.match(await full.page.locator('#ab .model-a').textContent(), /^Model A is the scenario above: acc0 0\.999, acc1 0\.5\.$/);
  await full.page.close();
});

test('"Embed code copied." shows inside the open dialog, next to its button', async () => {
  const { page, problems } = await openApp(browser, app.url, {
    options: { permissions: ['clipboard-read', 'clipboard-write'] },
  });
  await page.getByRole('button', { name: 'Embed…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this view' });
  await dialog.getByRole('button', { name: 'Copy code' }).click();
  const status = dialog.getByRole('status');
  await page.waitForFunction(() => document.querySelector('dialog .embed-status').textContent !== '');
  assert.equal(await status.textContent(), 'Embed code copied.');
  assert.ok(await status.isVisible());
  // What was copied is the snippet shown.
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await dialog.getByLabel('HTML to paste into your post').inputValue());
  // Nothing in the page behind the dialog claims it.
  assert.equal(await page.locator('.share-status').textContent(), '');
  assert.deepEqual(problems, []);
  await page.close();
});
