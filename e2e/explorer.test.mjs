// The explorer in a real browser: every control reaches the numbers and the charts that depend
// on it (and only those), presets land on their reference numbers, the A/B verdicts agree with
// the numbers beside them, and the charts are drawn at the screen's pixel density.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { serveDist, launch, openApp, rowText, exactNumbers } from './harness.mjs';

const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;
let server;
let browser;

before(async () => {
  server = await serveDist();
  browser = await launch();
  await mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const CHARTS = ['focal', 'scores', 'share', 'threshold', 'roc', 'pr', 'composition-losses', 'composition-metrics'];
const TABLES = { losses: 'losses', metrics: 'metrics', ab: 'model A against model B' };
const STRIP = 'preferred model by class ratio';

/** What the page shows: each table's text and a digest of each chart's pixels. */
async function observe(page) {
  return page.evaluate(async ({ charts, tables }) => {
    const digest = async (text) => {
      const bytes = new TextEncoder().encode(text);
      const hash = await crypto.subtle.digest('SHA-256', bytes);
      return [...new Uint8Array(hash)].slice(0, 8).map((b) => b.toString(16).padStart(2, '0')).join('');
    };
    const out = {};
    for (const c of charts) out[c] = await digest(document.getElementById(`${c}-chart`).toDataURL());
    for (const [k, label] of Object.entries(tables)) {
      out[k] = document.querySelector(`table[aria-label="${label}"]`).innerText;
    }
    return out;
  }, { charts: CHARTS, tables: TABLES });
}

/**
 * What the page shows once it has stopped changing. Off-screen charts and the A/B panel catch
 * up 250 ms after the last change, so "settled" means unchanged for 400 ms.
 */
async function settle(page) {
  await exactNumbers(page);
  let last = await observe(page);
  let still = 0;
  while (still < 400) {
    await page.waitForTimeout(100);
    await exactNumbers(page);
    const now = await observe(page);
    still = JSON.stringify(now) === JSON.stringify(last) ? still + 100 : 0;
    last = now;
  }
  return last;
}

/** Waits until `changed` parts differ from `before` and the page settles; the rest must not move. */
async function expectChanges(page, before, changed, what) {
  let now;
  for (let i = 0; i < 50; i++) {
    now = await observe(page);
    if (changed.every((k) => now[k] !== before[k])) break;
    await page.waitForTimeout(40);
  }
  now = await settle(page);
  for (const k of Object.keys(before)) {
    if (changed.includes(k)) assert.notEqual(now[k], before[k], `${what} should change ${k}`);
    else assert.equal(now[k], before[k], `${what} should not change ${k}`);
  }
}

async function setField(page, label, value) {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(String(value));
  await field.press('Enter');
}

const DATA = ['losses', 'metrics', 'ab', ...CHARTS.filter((c) => c !== 'focal')];

// Each control, how to move it, and everything it must move. Everything else must stay put.
const CONTROLS = [
  ['threshold', (p) => setField(p, 'threshold, value', 0.35),
    ['metrics', 'ab', 'scores', 'threshold', 'roc', 'pr', 'composition-metrics']],
  ['alpha', (p) => setField(p, 'focal alpha, value', 0.6),
    ['losses', 'ab', 'focal', 'share', 'composition-losses']],
  ['gamma', (p) => setField(p, 'focal gamma, value', 4),
    ['losses', 'ab', 'focal', 'share', 'composition-losses']],
  ['pos_weight', (p) => setField(p, 'pos_weight, value', 20),
    ['losses', 'ab', 'share', 'composition-losses']],
  ['acc0', (p) => setField(p, 'accuracy on negatives, value', 0.9), DATA],
  ['acc1', (p) => setField(p, 'accuracy on positives, value', 0.8), DATA],
  ['class ratio', (p) => setField(p, 'class ratio, negatives per positive, value', 10), DATA],
  ['total', (p) => setField(p, 'total samples, value', 50000), DATA],
  ['negatives', (p) => setField(p, 'negatives (label 0)', 30000), DATA],
  ['positives', (p) => setField(p, 'positives (label 1)', 3000), DATA],
  ['new sample', (p) => p.getByRole('button', { name: 'new sample' }).click(), DATA],
  ['seed', async (p) => { const f = p.getByRole('spinbutton', { name: 'seed', exact: true }); await f.fill('12345'); await f.press('Enter'); }, DATA],
  ['model B acc0', (p) => setField(p, 'model B, accuracy on negatives, value', 0.9), ['ab']],
  ['model B acc1', (p) => setField(p, 'model B, accuracy on positives, value', 0.6), ['ab']],
  ['log counts', (p) => p.getByLabel('log scale for counts').uncheck(), ['scores']],
  ['focal factor', (p) => p.getByLabel(/show the modulating factor/).check(), ['focal']],
];

test('every control moves what depends on it and nothing else', async () => {
  // A small scenario keeps each step quick; the numbers' meaning is the same.
  const { page, problems } = await openApp(browser, server.url);
  await setField(page, 'total samples, value', 20200);
  await page.waitForTimeout(200);
  for (const [name, move, changed] of CONTROLS) {
    const before = await settle(page);
    await move(page);
    await expectChanges(page, before, changed, name);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('arrow keys move a slider and everything follows', async () => {
  const { page, problems } = await openApp(browser, server.url);
  const before = await settle(page);
  const gamma = page.getByLabel('focal gamma γ', { exact: true });
  await gamma.focus();
  await gamma.press('ArrowRight');
  await gamma.press('ArrowRight');
  assert.equal(await page.getByLabel('focal gamma, value').inputValue(), '2.200');
  await expectChanges(page, before, ['losses', 'ab', 'focal', 'share', 'composition-losses'], 'gamma keys');
  // A log-scale slider: pos_weight from 1, one step right, stays a readable number above 1.
  const pw = page.getByLabel('pos_weight w', { exact: true });
  await pw.focus();
  await pw.press('ArrowRight');
  const w = Number(await page.getByLabel('pos_weight, value').inputValue());
  assert.ok(w > 1 && w < 1.05, `pos_weight ${w}`);
  // Its position is not its value: assistive technology is told the value.
  assert.equal(await pw.getAttribute('aria-valuetext'), await page.getByLabel('pos_weight, value').inputValue());
  assert.deepEqual(problems, []);
  await page.close();
});

/** E[-ln p_t] for the uniform generator (SPEC section 1): the mean of u - u ln u over [a, b]. */
function expectedCe(isPositive, acc) {
  const upper = acc >= 0.5;
  const width = upper ? 0.5 / acc : 0.5 / (1 - acc);
  // p_t ranges over [1 - width, 1] when the class is mostly right, [0, width] otherwise.
  const [a, b] = upper ? [1 - width, 1] : [0, width];
  const F = (u) => (u <= 0 ? 0 : u - u * Math.log(u));
  void isPositive;
  return (F(b) - F(a)) / (b - a);
}

const PRESETS = [
  // name, neg, pos, acc0, acc1, the notebook's sampled BCE where it has one
  ['Blog post A, 1:100', 1e6, 1e4, 0.999, 0.5, 0.313947],
  ['Blog post B, 1:100', 1e6, 1e4, 0.98, 0.9, 0.3151517],
  ['Blog post A, balanced', 1e4, 1e4, 0.999, 0.5, 0.65621394],
  ['Blog post B, balanced', 1e4, 1e4, 0.98, 0.9, 0.33528897],
  ['Rare disease screen', 99000, 1000, 0.95, 0.8, null],
  ['Card fraud', 284315, 492, 0.999, 0.75, null],
  ['Balanced', 1e4, 1e4, 0.9, 0.9, null],
];

test('each preset reproduces its reference numbers within sampling noise', async () => {
  const { page, problems } = await openApp(browser, server.url);
  for (const [name, neg, pos, acc0, acc1, notebook] of PRESETS) {
    await page.getByRole('button', { name, exact: true }).click();
    await assert.doesNotReject(async () => {
      for (let i = 0; i < 50 && (await page.getByLabel('negatives (label 0)').inputValue()) !== String(neg); i++) {
        await page.waitForTimeout(40);
      }
    });
    assert.equal(await page.getByLabel('positives (label 1)').inputValue(), String(pos), name);
    const bce = Number.parseFloat(await rowText(page, 'losses', /^BCE/));
    const expected = (neg * expectedCe(false, acc0) + pos * expectedCe(true, acc1)) / (neg + pos);
    // About 1 % at 20,000 samples and 0.1 % at a million (SPEC section 4).
    const tolerance = neg + pos >= 1e6 ? 0.003 : 0.015;
    assert.ok(Math.abs(bce - expected) / expected < tolerance, `${name}: BCE ${bce} vs closed form ${expected}`);
    if (notebook) {
      assert.ok(Math.abs(bce - notebook) / notebook < 2 * tolerance, `${name}: BCE ${bce} vs notebook ${notebook}`);
    }
    const recall = Number.parseFloat(await rowText(page, 'metrics', /^recall/));
    assert.ok(Math.abs(recall - acc1) < 0.05, `${name}: recall ${recall} vs acc1 ${acc1}`);
    const specificity = Number.parseFloat(await rowText(page, 'metrics', /^specificity/));
    assert.ok(Math.abs(specificity - acc0) < 0.02, `${name}: specificity ${specificity} vs acc0 ${acc0}`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

/** The A/B table as rows of { name, a, b, verdict }. */
async function verdicts(page) {
  // The rows a reader sees: the losses not shown are hidden.
  return page.evaluate((label) => [...document.querySelectorAll(`table[aria-label="${label}"] tbody tr:not([hidden])`)]
    .map((tr) => {
      const cells = [...tr.querySelectorAll('td')].map((td) => td.innerText.trim());
      return { name: tr.querySelector('th').innerText.trim(), a: cells[0], b: cells[1], verdict: cells[2] };
    }), TABLES.ab);
}

async function strip(page) {
  return page.evaluate((label) => Object.fromEntries([...document.querySelectorAll(`table[aria-label="${label}"] tbody tr:not([hidden])`)]
    .map((tr) => [tr.querySelector('th').innerText.trim(), [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())])), STRIP);
}

test('the A/B verdicts agree with the numbers and BCE changes sides with the ratio', async () => {
  const { page, problems } = await openApp(browser, server.url);
  await page.locator('#ab').scrollIntoViewIfNeeded();
  await settle(page);
  const check = async () => {
    const rows = await verdicts(page);
    assert.equal(rows.length, 12);
    for (const { name, a, b, verdict } of rows) {
      const [x, y] = [Number.parseFloat(a), Number.parseFloat(b)];
      if (Number.isNaN(x) || Number.isNaN(y)) {
        assert.equal(verdict, '–', name);
        continue;
      }
      const lowerIsBetter = name.endsWith('(mean)');
      const expected = x === y ? 'tie' : (x < y) === lowerIsBetter ? 'A' : 'B';
      assert.equal(verdict, expected, `${name}: A ${a}, B ${b}`);
    }
    return Object.fromEntries(rows.map((r) => [r.name, r.verdict]));
  };
  // The notebook at 1:100: BCE prefers A, recall prefers B.
  const at100 = await check();
  assert.equal(at100['BCE (mean)'], 'A');
  assert.equal(at100.recall, 'B');
  // The strip's 1:100 column is the same question asked of the profile: same answers.
  const s = await strip(page);
  for (const [name, verdict] of Object.entries(at100)) assert.equal(s[name][2], verdict, name);
  assert.deepEqual(s['BCE (mean)'], ['B', 'B', 'A', 'A', 'A']);
  assert.deepEqual(s.recall, ['B', 'B', 'B', 'B', 'B']);
  // Drag the comparison's own ratio down to balanced: BCE flips to B, recall stays.
  await setField(page, 'comparison class ratio, negatives per positive, value', 1);
  let balanced;
  for (let i = 0; i < 50; i++) {
    balanced = await check();
    if (balanced['BCE (mean)'] === 'B') break;
    await page.waitForTimeout(40);
  }
  assert.equal(balanced['BCE (mean)'], 'B');
  assert.equal(balanced.recall, 'B');
  assert.match(await page.locator('.crossovers').innerText(), /BCE prefers B below \d+ negatives per positive and A above it/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('charts are drawn at the screen density and redrawn on resize', async () => {
  const { page, problems } = await openApp(browser, server.url, { width: 1280, height: 900 });
  const sizes = () => page.evaluate(() => [...document.querySelectorAll('canvas.chart')].map((c) => ({
    id: c.id, width: c.width, css: c.clientWidth, height: c.height, cssHeight: c.clientHeight, dpr: devicePixelRatio,
  })));
  // Charts below the fold catch up OFFSCREEN_DELAY (250 ms) after the last change: poll.
  const atDensity = (c) => Math.abs(c.width - c.css * c.dpr) <= 1 && Math.abs(c.height - c.cssHeight * c.dpr) <= 1;
  let first;
  for (let i = 0; i < 100; i++) {
    first = await sizes();
    if (first.every(atDensity)) break;
    await page.waitForTimeout(50);
  }
  for (const c of first) {
    assert.ok(c.css > 200, `${c.id} is ${c.css}px wide`);
    assert.ok(atDensity(c), JSON.stringify(c));
  }
  const wide = first;
  await page.setViewportSize({ width: 700, height: 900 });
  let narrow;
  for (let i = 0; i < 50; i++) {
    narrow = await sizes();
    if (narrow.every((c, i) => c.width !== wide[i].width)) break;
    await page.waitForTimeout(40);
  }
  for (const c of narrow) assert.ok(Math.abs(c.width - c.css * c.dpr) <= 1, JSON.stringify(c));
  assert.ok(narrow.every((c, i) => c.width !== wide[i].width), 'every chart was resized');
  assert.deepEqual(problems, []);
  await page.close();
});

test('screenshots of the explorer in both themes', async () => {
  for (const scheme of ['light', 'dark']) {
    for (const [name, width, height] of [['desktop', 1280, 900], ['phone', 390, 844]]) {
      const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 2, colorScheme: scheme });
      const problems = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
      await page.goto(server.url);
      await page.getByRole('table', { name: 'metrics' }).waitFor();
      await page.waitForTimeout(700);
      await page.screenshot({ path: `${ARTIFACTS}${name}-${scheme}.png`, fullPage: true });
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(background, scheme === 'dark' ? 'rgb(15, 18, 24)' : 'rgb(244, 245, 248)');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name}: page is ${overflow}px wider than the screen`);
      // Every table fits its panel without a sideways scroll.
      const cramped = await page.evaluate(() => [...document.querySelectorAll('table')]
        .filter((t) => t.parentElement.clientWidth < t.scrollWidth)
        .map((t) => `${t.getAttribute('aria-label')}: ${t.scrollWidth} > ${t.parentElement.clientWidth}`));
      assert.deepEqual(cramped, [], `${name}, ${scheme}`);
      assert.deepEqual(problems, []);
      await page.close();
    }
  }
});

test('ten million samples: estimates at once, marked, then the exact numbers from the worker', async () => {
  const hash = '#neg=9900990&pos=99010&acc0=0.97&acc1=0.6';
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url + hash);
  await page.locator('table[aria-label="metrics"]').waitFor();
  const bce = () => rowText(page, 'losses', /^BCE/);
  // A gamma drag: the page answers from the preview and says the numbers are estimates.
  await exactNumbers(page);
  const exactBefore = await bce();
  const focalBefore = await rowText(page, 'losses', /^focal/);
  const gamma = page.getByLabel('focal gamma γ', { exact: true });
  await gamma.focus();
  await gamma.press('ArrowRight');
  assert.equal(await page.locator('main').getAttribute('data-exact'), 'false');
  // Only the focal numbers are estimates meanwhile: BCE does not depend on gamma and stays exact.
  assert.equal(await bce(), exactBefore);
  assert.notEqual(await rowText(page, 'losses', /^focal/), focalBefore);
  await page.locator('.exact-status progress').waitFor({ timeout: 5_000 });
  // Marked together: the status line says the italic numbers are estimates, and only they are
  // italic (BCE is exact, focal is not; ROC AUC does not depend on gamma either).
  const style = (table, row) => page.getByRole('table', { name: table }).getByRole('row', { name: row })
    .locator('td').first().evaluate((td) => getComputedStyle(td).fontStyle);
  assert.equal(await style('losses', /^focal/), 'italic');
  assert.equal(await style('losses', /^BCE/), 'normal');
  assert.equal(await style('metrics', /^ROC AUC/), 'normal');
  await exactNumbers(page);
  await page.locator('main:not(.estimate)').waitFor();
  assert.equal(await page.locator('.exact-status progress').count(), 0);
  assert.equal(page.workers().length, 1, 'the exact numbers come from one worker');
  // BCE does not depend on gamma: the exact value comes back unchanged.
  assert.equal(await bce(), exactBefore);
  // Closed form of the mean BCE of U(0, b) negatives and U(a, 1) positives.
  const b = 0.5 / 0.97, a = 1 - 0.5 / 0.6;
  const negMean = ((1 - b) * Math.log(1 - b)) / b + 1;
  const posMean = 1 + (a * Math.log(a)) / (1 - a);
  const expected = (9900990 * negMean + 99010 * posMean) / 1e7;
  const shown = Number.parseFloat(exactBefore.split(' | ')[0]);
  assert.ok(Math.abs(shown / expected - 1) < 0.002, `BCE ${shown} vs closed form ${expected}`);
  await page.close();
});

test('without a worker (a host that lacks worker.js) the page computes the same exact numbers itself', async () => {
  const bare = await serveDist({ missing: ['/worker.js'] });
  const hash = '#neg=300000&pos=3000&gamma=2.5';
  const a = await openApp(browser, server.url, { hash });
  const b = await openApp(browser, bare.url, { hash });
  const read = (p) => p.evaluate(() => ['losses', 'metrics'].map((l) => document.querySelector(`table[aria-label="${l}"]`).innerText).join('\n'));
  assert.equal(await read(b.page), await read(a.page));
  assert.equal(b.page.workers().length, 0);
  await a.page.close();
  await b.page.close();
  await bare.close();
});
