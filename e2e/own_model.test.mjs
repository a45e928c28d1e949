// Your own model, end to end (issue 26): a two-model file whose model B never predicts positive
// (tests/fixtures/import/two_models.csv, scripts/fixtures/two_models.py), imported at 1440,
// 1280, 700 and 390 px. What is judged is what the tables show and name; tables fit their panel
// (an undefined value is marked, its reason a note); the preview says which rows its counts
// cover; the file's name and size stay in view; the cost chart frames the optimum. Then the
// downloads: the predictions file holds every model, and the numpy snippet reruns model B's and
// a trained model's numbers from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { useApp, openApp, exactNumbers } from './harness.mjs';

const app = useApp();
const FILE = 'tests/fixtures/import/two_models.csv';
const PYTHON = resolve('.venv/bin/python');
const run = promisify(execFile);
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** What axe finds wrong on the page, as the other audits run it. */
async function audit(page) {
  await page.evaluate(await readFile(AXE, 'utf8'));
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
  });
}

/** Imports the fixture the way a reader does, checking the preview and the file's name first. */
async function importFile(page) {
  await page.locator('#import-file').setInputFiles(FILE);
  const check = page.locator('.import-check');
  await check.locator('[data-act=import]').waitFor();
  // The name and size, and which rows the preview's counts cover: the first 64 KiB only.
  assert.match(await check.locator('.import-file').textContent(), /^two_models\.csv, 133 kB: about [\d,]+ rows/);
  const counted = await check.locator('.import-counted').textContent();
  const first = Number(counted.match(/^The counts below are of the first ([\d,]+) rows only/)[1].replaceAll(',', ''));
  assert.ok(first > 1000 && first < 6000, counted);
  // The positive class's counts are those rows' (74 of them), not the file's 240.
  const positives = Number((await page.locator('#import-positive option:checked').textContent()).match(/\(([\d,]+) rows?\)/)[1]);
  assert.ok(positives < 240, `${positives}`);
  await check.locator('[data-act=import]').click();
  await page.locator('.imported').waitFor({ timeout: 60_000 });
  await exactNumbers(page);
  assert.match(await page.locator('.imported').textContent(), /two_models\.csv, 133 kB: 6,000 rows/);
  assert.equal(await page.locator('.data-file').textContent(), 'Your predictions: two_models.csv, 133 kB');
}

/** The value cells of a row of the table named exactly `table`, as a reader finds them. */
async function rowText(page, table, rowName) {
  const row = page.getByRole('table', { name: table, exact: true }).getByRole('row', { name: rowName });
  return (await row.locator('td').allTextContents()).join(' | ');
}

/** Each table of the page whose content is wider than its box. */
const overflowing = (page) => page.evaluate(() => [...document.querySelectorAll('table')]
  .filter((t) => t.getClientRects().length > 0)
  .map((t) => ({ name: t.getAttribute('aria-label'), wrap: t.closest('.table-wrap') }))
  .filter(({ wrap }) => wrap && wrap.scrollWidth > wrap.clientWidth + 1)
  .map(({ name, wrap }) => `${name}: ${wrap.scrollWidth} in ${wrap.clientWidth}`));

/** The decision panel's text once the worker has answered for `judged`. */
async function judged(page, key, source) {
  await page.locator('#d-judge').selectOption(key);
  await page.waitForFunction((s) => document.querySelector('#d-part0')?.textContent.startsWith(s), source);
}

for (const width of [1440, 1280, 700, 390]) {
  test(`${width} px: model B is judged, named and shown; every table fits; the chart frames the optimum`, async () => {
    const { page, problems } = await openApp(app.browser, app.server.url, { width, options: { bypassCSP: true } });
    // The paste box shows its example on three lines, not an entity.
    const placeholder = await page.locator('textarea[aria-label="predictions to paste"]').getAttribute('placeholder');
    assert.equal(placeholder, 'label,score\n1,0.93\n0,0.12');
    await importFile(page);
    await page.locator('#decide').scrollIntoViewIfNeeded();
    await page.locator('#d-part0 svg').waitFor();
    await judged(page, 'b', 'Model B, on the imported scores');
    // The metrics table follows the judged model, and names it.
    const metrics = page.getByRole('table', { name: 'metrics', exact: true });
    await page.locator('#numbers h3', { hasText: 'Metrics at the threshold: model B' }).waitFor();
    assert.equal(await metrics.locator('thead th').nth(1).textContent(), 'model B');
    assert.equal(await rowText(page, 'metrics', /^TP/), '0');
    assert.equal(await rowText(page, 'metrics', /^FP/), '0');
    // Precision is undefined at 0.5: marked in its cell, the reason in a note under the table.
    assert.equal(await rowText(page, 'metrics', /^precision/), 'undefined*');
    assert.equal(await page.locator('#numbers .table-notes', { hasText: 'undefined' }).textContent(), '* undefined: no sample is predicted positive.');
    assert.equal(await page.locator('#numbers').getByText('Losses of model A').count(), 1);
    // The decision panel's tables name the model too.
    assert.match(await page.locator('#d-part1 thead th').first().textContent(), /^model B at threshold 0\.5000$/);
    assert.equal(await page.getByRole('table', { name: '95 % intervals' }).locator('thead th').nth(1).textContent(), 'model B');
    // The cost chart spans the thresholds near B's optimum, which lies inside them.
    const caption = await page.locator('#d-part0 figcaption').textContent();
    const [, t0, t1] = caption.match(/^Total cost of model B against the threshold: thresholds ([\d.]+) to ([\d.]+), around the least cost/).map(Number);
    const best = Number(await page.locator('#d-part0 .best-threshold').getAttribute('data-exact'));
    assert.ok(t0 < best && best < t1 && t1 - t0 < 0.5, `${t0} < ${best} < ${t1}`);
    assert.match(caption, /the page's threshold 0\.5000 is outside\.$/);
    // Every table fits its panel from 700 px up; on a phone, a table scrolls in its own box
    // and the page itself never scrolls sideways.
    await page.locator('#ab').scrollIntoViewIfNeeded();
    await page.locator('table[aria-label="model A against model B"] td').first().filter({ hasNotText: '…' }).waitFor();
    const wide = await overflowing(page);
    if (width >= 700) {
      assert.deepEqual(wide, []);
    }
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways page');
    // One click moves the page to B's optimum; the metrics table counts what the panel said.
    const [, tp, fp] = (await page.locator('#d-part0 p:nth-of-type(2)').textContent()).match(/\(TP ([\d,]+), FP ([\d,]+), FN/);
    await page.locator('#d-best').click();
    await page.waitForFunction((b) => location.hash.includes(`thr=${b}`), best);
    await exactNumbers(page);
    await page.waitForFunction((t) => [...document.querySelectorAll('table[aria-label="metrics"] tr')]
      .some((r) => r.textContent.startsWith('TP') && r.querySelector('td')?.textContent === t), tp.replaceAll(',', ''));
    assert.equal(await rowText(page, 'metrics', /^FP/), fp.replaceAll(',', ''));
    // The file's name and size stay in view beside the numbers (the controls stick on wide
    // screens).
    if (width >= 960) {
      const box = await page.locator('.data-file').boundingBox();
      assert.ok(box && box.y >= 0 && box.y + box.height <= 900, JSON.stringify(box));
    }
    // The training view's status says what a press would do.
    await page.locator('#train-n').scrollIntoViewIfNeeded();
    assert.match(await page.locator('.sample-training [role=status]').textContent(), /Pressing “Train on a sample” trains every loss on 10,000 rows/);
    await page.screenshot({ path: `e2e/artifacts/own-model-${width}.png` }).catch(() => {});
    // The marks, notes, captions and the file's line pass the audit the rest of the page does.
    assert.deepEqual(await audit(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return readFile(await file.path());
}

/** Runs the panel's numpy snippet on the page's predictions file; its JSON and the results. */
async function rerun(page) {
  // The bootstrap runs while the panel is on screen.
  await page.locator('#d-part3').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('#d-part3')?.textContent.includes('1,000 of 1,000 resamples'), null, { timeout: 120_000 });
  const dir = await mkdtemp(join(tmpdir(), 'imbalance-lab-own-'));
  const csv = await download(page, 'Download predictions (CSV)');
  await writeFile(join(dir, 'imbalance-lab-predictions.csv'), csv);
  const results = JSON.parse((await download(page, 'Download results (JSON)')).toString());
  await writeFile(join(dir, 'snippet.py'), await page.locator('#d-code0').textContent());
  const { stdout } = await run(PYTHON, ['snippet.py'], { cwd: dir, timeout: 120_000 });
  return { header: csv.toString().split('\n', 1)[0], numpy: JSON.parse(stdout), results };
}

/** The snippet's numbers against the results file's, to rounding. */
function close(got, want, path) {
  if (typeof want === 'string') {
    return; // a reason beside a null
  }
  if (want === null || got === null) {
    assert.equal(got, want, path);
  } else if (typeof want === 'number') {
    // Relative to the value, or absolute near 0 (a Wilson bound of 0 comes out as 1.7e-18).
    const off = Math.abs(got - want);
    assert.ok(off <= 1e-12 * Math.max(Math.abs(want), Math.abs(got)) || off <= 1e-15, `${path}: ${got} against ${want}`);
  } else {
    for (const key of Object.keys(want)) close(got[key], want[key], `${path}.${key}`);
  }
}

test('the numpy snippet reruns model B and a trained model from the predictions file', async () => {
  const { page, problems } = await openApp(app.browser, app.server.url, { options: { acceptDownloads: true } });
  await importFile(page);
  await page.locator('#decide').scrollIntoViewIfNeeded();
  await page.locator('#d-part0 svg').waitFor();
  await judged(page, 'b', 'Model B, on the imported scores');
  const b = await rerun(page);
  assert.equal(b.header, 'label,probability,model_b');
  assert.equal(b.results.decision.judge, 'b');
  // Model B's numbers: those of the results file's model_b (the metrics table's), and the
  // decision panel's; the file's `metrics` stay model A's.
  close(b.numpy.metrics, b.results.model_b.metrics, 'model B metrics');
  close(b.numpy.losses, b.results.model_b.losses, 'model B losses');
  assert.equal(b.numpy.metrics.tp, Number(await rowText(page, 'metrics', /^TP/)));
  assert.notEqual(b.results.metrics.tp, b.results.model_b.metrics.tp);
  assert.equal(b.numpy.decision.best_threshold, b.results.decision.best_threshold);
  assert.equal(b.numpy.decision.best_cost, b.results.decision.best_cost);
  close(b.numpy.calibration, { brier: b.results.calibration.brier, ece: b.results.calibration.ece }, 'calibration');
  for (const k of ['recall', 'specificity']) close(b.numpy.intervals[k], b.results.intervals[k], k);
  assert.equal(b.numpy.intervals.precision, null);

  // A trained model: its own rows and labels in the same file.
  await judged(page, 'focal', 'The model focal trains on the population');
  await page.locator('#numbers h3', { hasText: 'Metrics at the threshold: model trained with focal' }).waitFor();
  const t = await rerun(page);
  assert.equal(t.header, 'label,probability,model_b,training_label,trained_focal');
  assert.equal(t.results.trained_model.loss, 'focal');
  close(t.numpy.metrics, t.results.trained_model.metrics, 'trained metrics');
  close(t.numpy.losses, t.results.trained_model.losses, 'trained losses');
  assert.equal(t.numpy.metrics.tp, Number(await rowText(page, 'metrics', /^TP/)));
  assert.equal(t.numpy.decision.best_threshold, t.results.decision.best_threshold);
  close(t.numpy.calibration, { brier: t.results.calibration.brier, ece: t.results.calibration.ece }, 'trained calibration');
  assert.deepEqual(problems, []);
  await page.close();
});
