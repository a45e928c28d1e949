// The decision panel in a real browser: costs typed into its fields move the best threshold,
// "Use this threshold" moves the page's threshold and the numbers follow, a trained model's
// calibration reacts to pos_weight and to undoing it, and the three Python snippets, run on
// the downloaded predictions, print the page's numbers (PyTorch's against a numpy stand-in:
// scripts/torch_shim).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { useApp, openApp, exactNumbers } from './harness.mjs';

const app = useApp();
const PYTHON = resolve('.venv/bin/python');
const run = promisify(execFile);

/** The decision panel's text once the worker has answered for the page's settings. */
async function decided(page) {
  await page.locator('#d-part0 svg').waitFor();
  await page.waitForFunction(() => !document.querySelector('#d-part0')?.textContent.includes('Working'));
}

const bestThreshold = async (page) => Number(await page.locator('#d-part0 .best-threshold').getAttribute('data-exact'));

/** Waits until the link carries `key=value` (the page writes its URL a moment after a change). */
const linkSays = (page, key, value) => page.waitForFunction(
  ([k, v]) => location.hash.slice(1).split('&').includes(`${k}=${v}`), [key, value]);

async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return readFile(await file.path());
}

test('costs typed into the fields move the best threshold; one click moves the page there', async () => {
  const { page, problems } = await openApp(app.browser, app.server.url, { hash: '#neg=20000&pos=400&thr=0.5' });
  await page.locator('#decide').scrollIntoViewIfNeeded();
  await decided(page);
  const before = await bestThreshold(page);
  // A false negative now costs 60 false positives, more than the 50 negatives that come with
  // each positive below 0.5: flagging them all pays, and the best threshold drops.
  await page.locator('#d-cfn').fill('60');
  await page.locator('#d-cfn').press('Tab');
  await page.waitForFunction((b) => Number(document.querySelector('#d-part0 .best-threshold')?.dataset.exact) < b, before);
  await linkSays(page, 'cfn', '60');
  const shipped = await bestThreshold(page);
  // A screen reader hears the new least cost from the panel's live region.
  assert.match(await page.getByRole('status').filter({ hasText: 'Least cost' }).textContent(), new RegExp(`at threshold ${shipped.toFixed(4)}`));
  const best = await bestThreshold(page);
  assert.ok(best < before, `${best} < ${before}`);
  const recallBefore = await page.getByRole('table', { name: 'metrics' }).getByRole('row', { name: /^recall/ }).first().textContent();
  await page.locator('#d-best').click();
  await linkSays(page, 'thr', String(best));
  await exactNumbers(page);
  // The metrics follow the new threshold, and at it the panel's cost is the least cost.
  const recallAfter = await page.getByRole('table', { name: 'metrics' }).getByRole('row', { name: /^recall/ }).first().textContent();
  assert.notEqual(recallAfter, recallBefore);
  await page.waitForFunction(() => {
    const p = document.querySelector('#d-part0 p:nth-of-type(2)')?.querySelectorAll('strong');
    return p && p.length >= 2 && p[0].textContent === p[1].textContent;
  });
  // A link reproduces the costs.
  const link = page.url();
  const again = await app.browser.newPage();
  await again.goto(link);
  await decided(again);
  assert.equal(await again.locator('#d-cfn').inputValue(), '60');
  assert.equal(await bestThreshold(again), best);
  await again.close();
  assert.deepEqual(problems, []);
  await page.close();
});

test("a trained model's calibration reacts to pos_weight and to undoing it", async () => {
  const { page, problems } = await openApp(app.browser, app.server.url, { hash: '#neg=9000&pos=1000&pw=1&judge=weighted_bce&rows=20000' });
  await page.locator('#decide').scrollIntoViewIfNeeded();
  await decided(page);
  const ece = async () => Number((await page.locator('#d-part2 p').first().textContent()).match(/ECE, 15 bins\) ([0-9]+\.[0-9]+)/)[1]);
  const calibrated = await ece();
  assert.ok(calibrated < 0.03, `pos_weight 1: ECE ${calibrated}`);
  const chart = await page.locator('#d-part2 svg').innerHTML();
  await page.goto(`${app.server.url}#neg=9000&pos=1000&pw=10&judge=weighted_bce&rows=20000`);
  await page.waitForFunction((c) => document.querySelector('#d-part2 svg')?.innerHTML !== c, chart);
  const weighted = await ece();
  assert.ok(weighted > 0.1, `pos_weight 10: ECE ${weighted}`);
  await page.locator('#d-undo').selectOption('pw');
  await page.locator('#d-amount').fill('10');
  await page.locator('#d-amount').press('Enter');
  await page.getByText('With the training weight undone').waitFor();
  const undone = Number((await page.locator('#d-part2 p').first().textContent()).match(/undone: Brier [0-9.]+, ECE ([0-9]+\.[0-9]+)/)[1]);
  assert.ok(undone < 0.03, `undone: ECE ${undone}`);
  await linkSays(page, 'undo', 'pw:10');
  assert.deepEqual(problems, []);
  await page.close();
});

/** Compares every number of `got` with `want` at relative tolerance `tol` (null with null);
 *  the two must have the same keys. */
function compare(got, want, tol, path = '') {
  assert.notEqual(got, undefined, `${path}: missing from the snippet's output`);
  assert.notEqual(want, undefined, `${path}: not in the page's results`);
  if (want === null || got === null) {
    assert.equal(got, want, path);
  } else if (typeof want === 'number') {
    const scale = Math.max(Math.abs(want), Math.abs(got), 1e-300);
    assert.ok(Math.abs(got - want) <= tol * scale, `${path}: ${got} against the page's ${want}`);
  } else if (Array.isArray(want)) {
    want.forEach((w, i) => compare(got[i], w, tol, `${path}[${i}]`));
  } else {
    assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort(), path);
    for (const key of Object.keys(got)) {
      compare(got[key], want[key], tol, `${path}.${key}`);
    }
  }
}

/** Downloads the predictions and the results once the bootstrap is done, and runs the three
 *  snippets on the file: the results, and numpy's, Keras' and PyTorch's outputs. */
async function runSnippets(page) {
  // The bootstrap runs while the panel is on screen.
  await page.locator('#d-part3').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('#d-part3')?.textContent.includes('1,000 of 1,000 resamples'));
  const dir = await mkdtemp(join(tmpdir(), 'imbalance-lab-snippets-'));
  const csv = await download(page, 'Download predictions (CSV)');
  await writeFile(join(dir, 'imbalance-lab-predictions.csv'), csv);
  const results = JSON.parse((await download(page, 'Download results (JSON)')).toString());
  const code = await Promise.all([0, 1, 2].map((i) => page.locator(`#d-code${i}`).textContent()));
  const outputs = [];
  for (const [i, name] of ['numpy', 'keras', 'torch'].entries()) {
    await writeFile(join(dir, `snippet_${name}.py`), code[i]);
    const env = { ...process.env, PYTHONPATH: resolve('scripts/torch_shim'), KERAS_BACKEND: 'jax' };
    const { stdout } = await run(PYTHON, [`snippet_${name}.py`], { cwd: dir, env, timeout: 120_000 });
    outputs.push(JSON.parse(stdout));
  }
  return { header: csv.toString().split('\n', 1)[0], results, outputs };
}

test('the numpy, Keras and PyTorch snippets print the page\'s numbers from its predictions file', async () => {
  const hash = '#neg=3000&pos=120&acc0=0.95&acc1=0.7&alpha=0.3&gamma=1.5&pw=4&thr=0.4&seed=5&cfp=1&cfn=8&rtp=2&prev=0.01';
  const { page, problems } = await openApp(app.browser, app.server.url, { hash, options: { acceptDownloads: true } });
  await page.locator('#decide').scrollIntoViewIfNeeded();
  await decided(page);
  const { header, results, outputs: [numpy, keras, torch] } = await runSnippets(page);
  assert.equal(header, 'label,probability,model_b');
  assert.equal(results.decision.cost_fn, 8);
  assert.equal(results.decision.judge, 'a');
  assert.equal(results.decision.deployment_prevalence, 0.01);
  assert.equal(results.intervals.bootstrap_resamples, 1000);
  // numpy + scikit-learn: every number, to rounding (sums over samples in another order).
  compare(numpy.losses, results.losses, 1e-12, 'numpy losses');
  compare(numpy.metrics, results.metrics, 1e-12, 'numpy metrics');
  assert.equal(numpy.decision.best_threshold, results.decision.best_threshold);
  assert.equal(numpy.decision.best_cost, results.decision.best_cost);
  // With a deployment prevalence, the threshold to ship there, to the bit.
  assert.equal(numpy.decision.best_threshold_at_deployment, results.decision.best_threshold_at_deployment);
  assert.equal(numpy.decision.best_cost_at_deployment, results.decision.best_cost_at_deployment);
  assert.notEqual(results.decision.best_threshold_at_deployment, undefined);
  compare(numpy.decision.at_deployment, results.decision.at_deployment, 1e-12, 'at deployment');
  compare(numpy.calibration, { brier: results.calibration.brier, ece: results.calibration.ece }, 1e-12, 'calibration');
  for (const k of ['recall', 'precision', 'specificity']) {
    compare(numpy.intervals[k], results.intervals[k], 1e-12, `interval ${k}`);
  }
  // Keras: the four losses' means, sums and shares. Keras averages each sample's loss over the
  // last axis in float32 on the jax backend even for float64 inputs, so it agrees to about
  // seven significant digits, not to the last bit.
  compare(keras.losses, results.losses, 1e-6, 'keras losses');
  compare(torch.losses, results.losses, 1e-9, 'torch losses');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the snippets rerun model B and a trained model from the same file', async () => {
  const hash = '#neg=4000&pos=200&acc0=0.95&acc1=0.7&gamma=1.5&pw=4&thr=0.4&seed=5&cfn=8&judge=b&rows=3000';
  const { page, problems } = await openApp(app.browser, app.server.url, { hash, options: { acceptDownloads: true } });
  await page.locator('#decide').scrollIntoViewIfNeeded();
  await decided(page);
  await page.waitForFunction(() => document.querySelector('#d-part0')?.textContent.startsWith('Model B'));
  const b = await runSnippets(page);
  assert.equal(b.header, 'label,probability,model_b');
  assert.equal(b.results.decision.judge, 'b');
  const [numpyB, kerasB, torchB] = b.outputs;
  // Model B's numbers are the results file's model_b (what the metrics table shows) and the
  // panel's; model A's stay in `metrics`.
  compare(numpyB.losses, b.results.model_b.losses, 1e-12, 'B numpy losses');
  compare(numpyB.metrics, b.results.model_b.metrics, 1e-12, 'B numpy metrics');
  assert.notEqual(b.results.model_b.metrics.tp, b.results.metrics.tp);
  assert.equal(numpyB.decision.best_threshold, b.results.decision.best_threshold);
  compare(numpyB.calibration, { brier: b.results.calibration.brier, ece: b.results.calibration.ece }, 1e-12, 'B calibration');
  compare(kerasB.losses, b.results.model_b.losses, 1e-6, 'B keras losses');
  compare(torchB.losses, b.results.model_b.losses, 1e-9, 'B torch losses');
  // The model focal loss trains, on the training view's 3,000 rows: its own columns.
  await page.locator('#d-judge').selectOption('focal');
  await page.waitForFunction(() => document.querySelector('#d-part0')?.textContent.startsWith('The model focal trains'));
  const t = await runSnippets(page);
  assert.equal(t.header, 'label,probability,model_b,training_label,trained_focal');
  assert.equal(t.results.trained_model.rows, 3000);
  const [numpyT, kerasT, torchT] = t.outputs;
  compare(numpyT.losses, t.results.trained_model.losses, 1e-12, 'trained numpy losses');
  compare(numpyT.metrics, t.results.trained_model.metrics, 1e-12, 'trained numpy metrics');
  assert.equal(numpyT.decision.best_threshold, t.results.decision.best_threshold);
  compare(kerasT.losses, t.results.trained_model.losses, 1e-6, 'trained keras losses');
  compare(torchT.losses, t.results.trained_model.losses, 1e-9, 'trained torch losses');
  assert.deepEqual(problems, []);
  await page.close();
});

test('on imported predictions the panel judges the file\'s scores, model A or B', async () => {
  const { page, problems } = await openApp(app.browser, app.server.url, { options: { acceptDownloads: true } });
  const csv = 'tests/fixtures/import/breast_cancer.csv';
  await page.locator('#import-file').setInputFiles(csv);
  await page.locator('.import-check [data-act=import]').click();
  await page.locator('.imported').waitFor({ timeout: 60_000 });
  await exactNumbers(page);
  await page.locator('#decide').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('#d-part0')?.textContent.includes('Model A, on the imported scores'));
  // Brier score against the file itself: mean (p - y)^2 over model A's column.
  const rows = (await readFile(csv)).toString().trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  const brier = rows.reduce((s, [y, p]) => s + (p - y) ** 2, 0) / rows.length;
  const results = JSON.parse((await download(page, 'Download results (JSON)')).toString());
  assert.equal(results.params.source, 'import');
  assert.equal(results.decision.judge, 'a');
  assert.ok(Math.abs(results.calibration.brier - brier) <= 1e-12 * brier, `${results.calibration.brier} vs ${brier}`);
  await page.locator('#d-judge').selectOption('b');
  await page.waitForFunction(() => document.querySelector('#d-part0')?.textContent.includes('Model B, on the imported scores'));
  assert.deepEqual(problems, []);
  await page.close();
});
