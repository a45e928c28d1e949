// The training view (SPEC section 6) in a real browser: the models each loss trains match the
// closed forms on screen, follow the scenario's controls and the separation slider, survive
// the extremes with a sentence instead of a number, travel in links and in the results file,
// and embed alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, openApp } from './harness.mjs';

const app = useApp();

const READY = { ready: 'table[aria-label="trained models"]' };

/** The trained-models table as { quantity: [BCE, weighted BCE, balanced CE, focal] }. */
async function models(page) {
  return page.getByRole('table', { name: 'trained models' }).evaluate((t) => {
    const out = {};
    for (const row of t.tBodies[0].rows) {
      out[row.cells[0].textContent.trim()] = [...row.cells].slice(1).map((c) => c.textContent.trim());
    }
    return out;
  });
}

async function statements(page) {
  return page.locator('#training .checks li').allTextContents();
}

async function setField(page, label, value) {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(String(value));
  await field.press('Enter');
}

/** Waits until the table's BCE slope reads `w`. */
async function slope(page, w) {
  await page.waitForFunction(
    (w) => [...document.querySelectorAll('table[aria-label="trained models"] tbody tr')]
      .some((r) => r.cells[0].textContent.trim() === 'w' && r.cells[1].textContent.trim() === w),
    w,
  );
}

const near = (text, want, tol = 0.006) => Math.abs(Number.parseFloat(text) - want) <= tol;

test('each loss trains the model of its closed form, and the weights move it as SPEC says', async () => {
  const hash = '#neg=100000&pos=1000&sep=2&pw=4&alpha=0.25&gamma=2&thr=0.5';
  const { page, problems } = await openApp(app.browser, app.server.url, { hash, ...READY });
  let m = await models(page);
  const bceB = -2 + Math.log(1000 / 100000);
  assert.deepEqual(m.w.slice(0, 3), ['2.00', '2.00', '2.00']);
  assert.ok(near(m.b[0], bceB), `BCE b ${m.b[0]} vs ${bceB}`);
  assert.ok(near(m.b[1], bceB + Math.log(4)), `weighted b ${m.b[1]}`);
  assert.ok(near(m.b[2], bceB + Math.log(0.25 / 0.75)), `balanced b ${m.b[2]}`);
  // Focal has no closed form, but gamma > 0 flattens it: a smaller slope.
  assert.ok(Number.parseFloat(m.w[3]) < 2, `focal w ${m.w[3]}`);
  // pos_weight 4 puts the boundary where BCE's would be at the threshold 1 / (1 + 4).
  const said = await statements(page);
  const pw = said.find((s) => s.startsWith('pos_weight 4'));
  assert.ok(pw, said.join('\n'));
  const at = [...pw.matchAll(/x ≥ (-?[\d.]+)/g)].map((x) => x[1]);
  assert.equal(at.length, 2, pw);
  assert.equal(at[0], at[1], pw);
  assert.match(pw, /threshold t′ = 0\.2000/);
  assert.ok(said.some((s) => /^α = 0\.250 lowers α-balanced CE's recall/.test(s)), said.join('\n'));
  assert.ok(said.some((s) => /^γ = 2\.00 trains a flatter model/.test(s)), said.join('\n'));

  // The separation slider: BCE's slope is d itself; the link follows.
  await setField(page, 'class separation, value', 3);
  await slope(page, '3.00');
  m = await models(page);
  assert.ok(near(m.b[0], -4.5 + Math.log(0.01)), `BCE b at d 3: ${m.b[0]}`);
  await page.waitForFunction(() => location.hash.includes('sep=3'));
  // A scenario control moves the models too: pos_weight 10 adds ln 10 to weighted BCE's b.
  await setField(page, 'pos_weight, value', 10);
  await page.waitForFunction(() => (document.querySelector('#training .checks')?.textContent ?? '').includes('pos_weight 10'));
  m = await models(page);
  assert.ok(near(m.b[1], -4.5 + Math.log(0.01) + Math.log(10)), `weighted b ${m.b[1]}`);
  assert.match(await page.locator('#trained-models-chart').getAttribute('aria-label'), /separation d 3\.00, pos_weight 10\.0/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('extremes give a sentence, never a NaN', async () => {
  for (const [hash, expect] of [
    ['#sep=0', /^At d = 0 the feature says nothing/],
    ['#alpha=0', /^α-balanced CE trains no model here: .+/],
    ['#alpha=1&gamma=10&pw=100&sep=6', /^focal trains no model here|^α-balanced CE trains no model here/],
    ['#neg=500&pos=0', /^BCE trains no model here: .+/],
    ['#sep=42&gamma=10', /^γ = 10\.0 trains a flatter model/],
  ]) {
    const { page, problems } = await openApp(app.browser, app.server.url, { hash: `${hash}&panels=training`, ...READY });
    const said = await statements(page);
    assert.ok(said.some((s) => expect.test(s)), `${hash}: ${said.join(' / ')}`);
    const text = await page.locator('#training').innerText();
    assert.doesNotMatch(text, /NaN|inf/i, hash);
    assert.deepEqual(problems.filter((p) => !p.startsWith('console')), [], hash);
    await page.close();
  }
});

test('the results file carries the training section, and the panel embeds alone', async () => {
  const { page, problems } = await openApp(app.browser, app.server.url, {
    hash: '#neg=20000&pos=200&sep=2.5&pw=3&thr=0.4',
    options: { acceptDownloads: true },
  });
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download results (JSON)' }).click(),
  ]);
  const json = JSON.parse((await readFile(await file.path())).toString());
  const t = json.training;
  assert.equal(t.generator, 'binormal');
  assert.equal(t.separation, 2.5);
  assert.equal(t.threshold, 0.4);
  assert.deepEqual([t.neg, t.pos], [20000, 200]);
  const bceB = -2.5 * 2.5 / 2 + Math.log(200 / 20000);
  assert.ok(Math.abs(t.population.bce.w - 2.5) < 1e-9, t.population.bce.w);
  assert.ok(Math.abs(t.population.bce.b - bceB) < 1e-9, t.population.bce.b);
  assert.ok(Math.abs(t.population.weighted_bce.b - (bceB + Math.log(3))) < 1e-9);
  assert.equal(t.optimal_prediction.q.length, 19);
  assert.ok(Math.abs(t.optimal_prediction.bce[9] - 0.5) < 1e-12, 'BCE asks for q itself');
  assert.deepEqual(problems, []);
  await page.close();

  const embedded = await openApp(app.browser, app.server.url, { hash: '#embed=1&panels=training&controls=&sep=1.5', ...READY });
  assert.equal(await embedded.page.locator('section.panel').count(), 1);
  assert.equal((await models(embedded.page)).w[0], '1.50');
  assert.deepEqual(embedded.problems, []);
  await embedded.page.close();
});

test('training on a sample steps to a model near the population\'s, draws each loss falling, exports it, and stops when asked', async () => {
  const { page, problems } = await openApp(app.browser, app.server.url, {
    hash: '#panels=training&neg=20000&pos=2000&sep=2&pw=4&rows=20000',
    options: { acceptDownloads: true },
    ...READY,
  });
  const status = page.locator('.sample-training [role=status]');
  assert.equal(await page.getByLabel('rows in the sample, value').inputValue(), '20000');
  const pixels = () => page.locator('#loss-curves-chart').evaluate((c) => c.toDataURL());
  // Its empty state ("train on a sample ...") is drawn first, off screen, a moment after load.
  await page.waitForFunction(() => document.getElementById('loss-curves-chart').width > 0);
  await page.waitForTimeout(500);
  const before = await pixels();
  // Started with the chart below the fold (scrolled to the top, the button clicked from a
  // script so that nothing scrolls), it must still be redrawn by the time the reader gets there.
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    [...document.querySelectorAll('button')].find((b) => b.textContent === 'Train on a sample').click();
  });
  assert.ok(await page.locator('#loss-curves-chart').evaluate((c) => c.getBoundingClientRect().top > innerHeight + 100));
  await page.getByText(/^Converged after \d+ Newton steps on 20,000 rows\.$/).waitFor({ timeout: 60_000 });
  const sample = await page.getByRole('table', { name: 'models trained on the sample' }).evaluate((t) =>
    [...t.tBodies[0].rows].map((r) => [...r.cells].slice(1).map((c) => Number.parseFloat(c.textContent))));
  // BCE's slope on 20,000 rows is d up to sampling noise; weighted BCE's intercept is BCE's
  // plus ln 4 up to the same noise.
  assert.ok(Math.abs(sample[0][0] - 2) < 0.3, `sample BCE w ${sample[0][0]}`);
  assert.ok(Math.abs(sample[1][1] - sample[0][1] - Math.log(4)) < 0.3, `sample b ${sample[1][1]} vs ${sample[0][1]}`);
  // The loss curves: a row a Newton step, every loss falling from step 0 to the end, where it
  // meets the table's mean loss (shown to 4 significant digits).
  const steps = Number((await status.textContent()).match(/after (\d+) Newton/)[1]);
  // The chart is redrawn with the run while below the fold (not only its data table).
  await page.waitForFunction((b) => document.getElementById('loss-curves-chart').toDataURL() !== b, before);
  await page.locator('.sample-training details.data summary').click();
  const curve = await page.getByRole('table', { name: 'each loss, step by step: data' }).evaluate((t) =>
    [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => Number.parseFloat(c.textContent))));
  assert.equal(curve.length, steps + 1);
  for (let k = 1; k <= 4; k++) {
    assert.ok(curve.at(-1)[k] < curve[0][k], `loss ${k} falls: ${curve[0][k]} -> ${curve.at(-1)[k]}`);
    assert.ok(Math.abs(curve.at(-1)[k] - sample[k - 1][2]) <= 5e-4 * sample[k - 1][2], `(4 significant digits) ${curve.at(-1)[k]} vs ${sample[k - 1][2]}`);
  }
  // The results file carries the sample's models.
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download results (JSON)' }).click(),
  ]);
  const json = JSON.parse((await readFile(await file.path())).toString());
  assert.deepEqual([json.training.sample.n, json.training.sample.seed], [20000, 1]);
  assert.equal(json.training.sample.bce.w.toFixed(3), sample[0][0].toFixed(3));
  assert.equal(json.training.sample.focal.b.toFixed(3), sample[3][1].toFixed(3));
  // Once the settings move, the run no longer describes them: the page says so, and the file
  // leaves the sample out.
  await setField(page, 'class separation, value', 2.5);
  await page.getByText(/The settings have changed since\. Pressing “Train on a sample” trains/).waitFor();
  const [again] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download results (JSON)' }).click(),
  ]);
  assert.equal(JSON.parse((await readFile(await again.path())).toString()).training.sample, undefined);
  // A million rows take a while a step: stop after the first and the page keeps that step.
  await setField(page, 'rows in the sample, value', 1000000);
  // The sample's size travels in the link.
  await page.waitForFunction(() => location.hash.includes('rows=1000000'));
  await page.getByRole('button', { name: 'Train on a sample' }).click();
  await page.getByText(/^Newton step [1-9]\d* on 1,000,000 rows…$/).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  const stopped = await status.textContent();
  assert.match(stopped, /^Stopped at step \d+ on 1,000,000 rows\.$/);
  await page.waitForTimeout(1500);
  assert.equal(await status.textContent(), stopped);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the training data downloads as label,x rows of the sample', async () => {
  const { page, problems } = await openApp(app.browser, app.server.url, {
    hash: '#panels=training&neg=9000&pos=1000&sep=3&seed=7',
    options: { acceptDownloads: true },
    ...READY,
  });
  await setField(page, 'rows in the sample, value', 2000);
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download training data (CSV)' }).click(),
  ]);
  assert.equal(file.suggestedFilename(), 'imbalance-lab-training-data.csv');
  const lines = (await readFile(await file.path())).toString().trimEnd().split('\n');
  assert.equal(lines[0], 'label,x');
  const rows = lines.slice(1).map((l) => l.split(',').map(Number));
  assert.equal(rows.length, 2000);
  const pos = rows.filter(([y]) => y === 1).map(([, x]) => x);
  const neg = rows.filter(([y]) => y === 0).map(([, x]) => x);
  assert.deepEqual([neg.length, pos.length], [1800, 200]);
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  // Means 0 and 3, within sampling noise (standard errors 0.024 and 0.071).
  assert.ok(Math.abs(mean(neg)) < 0.12 && Math.abs(mean(pos) - 3) < 0.3, `${mean(neg)} ${mean(pos)}`);
  assert.ok(rows.every(([y, x]) => (y === 0 || y === 1) && Number.isFinite(x)));
  assert.deepEqual(problems, []);
  await page.close();
});
