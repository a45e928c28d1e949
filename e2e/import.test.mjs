// Importing a reader's own predictions (SPEC section 7) in a real browser, through the real
// file input: the numbers equal numpy's and scikit-learn's on the same scores
// (tests/fixtures/import/reference.json, made by scripts/fixtures/import_sklearn.py), a bad
// file says what is wrong and where while the page keeps its view, pasted text imports too,
// nothing leaves the page, and a link says it cannot carry the data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import { useApp, openApp, exactNumbers, rowText } from './harness.mjs';

const app = useApp();
const FIXTURES = new URL('../tests/fixtures/import/', import.meta.url).pathname;
const reference = JSON.parse(await readFile(FIXTURES + 'reference.json', 'utf8'));
const { alpha, gamma, pos_weight: pw, threshold } = reference.params;
const HASH = `#alpha=${alpha}&gamma=${gamma}&pw=${pw}&thr=${threshold}`;

/** Chooses a file in the import box and waits for the worker's look at it. */
async function choose(page, file) {
  await page.locator('#import-file').setInputFiles(FIXTURES + file);
  await page.locator('.import-check [data-act=import], .import-message:not(:empty)').first().waitFor({ timeout: 30_000 });
}

/** Imports the chosen file and waits for its exact numbers (shown under the file's name). */
async function importChosen(page, name = '') {
  await page.locator('.import-check [data-act=import]').click();
  await page.locator('.imported', { hasText: `Showing ${name}` }).waitFor({ timeout: 60_000 });
  await exactNumbers(page);
}

async function results(page) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download results (JSON)' }).click(),
  ]);
  return JSON.parse((await readFile(await file.path())).toString());
}

const close = (got, want, what) =>
  assert.ok(Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want)), `${what}: ${got} vs ${want}`);

test('imported predictions give numpy\'s and scikit-learn\'s numbers, for every layout the fixtures hold', async () => {
  for (const ref of reference.files) {
    const { page, problems } = await openApp(app.browser, app.server.url, { hash: HASH, options: { acceptDownloads: true } });
    await choose(page, ref.file);
    // Before importing: the first rows as written and as read.
    const raw = page.getByRole('table', { name: "the file's first rows" });
    const read = page.getByRole('table', { name: 'the first rows as read' });
    assert.equal(await raw.locator('tbody tr').count(), 10, ref.file);
    assert.match(await read.locator('tbody tr').first().innerText(), /^(negative|positive)\t/);
    await importChosen(page);
    const json = await results(page);
    assert.deepEqual(
      [json.params.source, json.params.rows, json.params.score, json.params.neg, json.params.pos],
      ['import', ref.rows, ref.kind, ref.models[0].neg, ref.models[0].pos],
      ref.file,
    );
    const a = ref.models[0];
    for (const [loss, want] of Object.entries(a.losses)) {
      for (const part of ['mean', 'sum', 'neg_sum', 'pos_sum']) close(json.losses[loss][part], want[part], `${ref.file} ${loss} ${part}`);
    }
    for (const k of ['tp', 'fp', 'tn', 'fn']) assert.equal(json.metrics[k], a.metrics[k], `${ref.file} ${k}`);
    for (const k of ['accuracy', 'precision', 'recall', 'f1', 'specificity', 'balanced_accuracy', 'mcc', 'roc_auc', 'average_precision']) {
      close(json.metrics[k], a.metrics[k], `${ref.file} ${k}`);
    }
    // The summary names both models; the data controls stepped aside, the loss ones did not.
    const summary = await page.locator('.imported').textContent();
    assert.ok(summary.includes(`${a.name} (model A) and ${ref.models[1].name} (model B)`), summary);
    assert.equal(await page.locator('#ratio').count(), 0);
    assert.equal(await page.locator('#gamma').count(), 1);
    // The threshold still moves the confusion matrix of the imported scores.
    await page.getByLabel('threshold, value').fill('0.9');
    await page.getByLabel('threshold, value').press('Enter');
    await page.waitForFunction((tp) => {
      const row = [...document.querySelectorAll('table[aria-label="metrics"] tr')].find((r) => r.cells[0]?.textContent.trim() === 'TP');
      return row && row.cells[1].textContent.trim() !== String(tp);
    }, a.metrics.tp);
    assert.deepEqual(problems, [], ref.file);
    await page.close();
  }
});

test('a bad file says what is wrong and where, and the page keeps what it showed', async () => {
  const { page, problems } = await openApp(app.browser, app.server.url, { hash: HASH });
  const before = await rowText(page, 'metrics', /^TP/);
  const cases = [
    ['empty.csv', /empty/i],
    ['header_only.csv', /header/i],
    ['binary.csv', /./],
    ['predictions.json', /JSON/],
    ['not_utf8.csv', /UTF-8/],
    ['three_labels.csv', /positive/i],
    ['single_class.csv', /class/i],
  ];
  for (const [file, message] of cases) {
    await choose(page, `bad/${file}`);
    // Some files are refused from their first bytes; others (one class only) once read.
    const button = page.locator('.import-check [data-act=import]');
    if (await button.count() && await button.isEnabled()) {
      await button.click();
      await page.locator('.import-message:not(:empty)').waitFor({ timeout: 30_000 });
    }
    const text = await page.locator('.import-message').textContent();
    assert.match(text, message, `${file}: ${text}`);
    // A file that is no table offers nothing to choose: its name, the message and Cancel.
    if (!['three_labels.csv', 'single_class.csv'].includes(file)) {
      assert.equal(await page.locator('.import-check select, .import-check table').count(), 0, file);
      assert.equal(await page.locator('.import-check [data-act=cancel]').count(), 1, file);
    }
    assert.equal(await page.locator('.import-message').getAttribute('role'), 'alert');
    // Nothing imported, nothing changed.
    assert.equal(await page.locator('.imported').count(), 0, file);
    assert.equal(await rowText(page, 'metrics', /^TP/), before, file);
  }
  // A file with some bad rows imports the good ones and lists the bad ones by line and column.
  const skipped = [
    ['text_in_scores.csv', 38, 'line 6, column "score": "abc" is not a number'],
    ['nan_and_empty.csv', 37, 'line 8, column "score": the cell is empty'],
    ['ragged.csv', 38, "line 5: 2 fields where the file's rows have 3"],
    ['probability_out_of_range.csv', 38, 'line 7, column "probability": 1.2'],
  ];
  for (const [file, rows, line] of skipped) {
    await choose(page, `bad/${file}`);
    await importChosen(page, file);
    const summary = await page.locator('.imported').textContent();
    assert.ok(summary.includes(`: ${rows} rows (`) && summary.includes(line), `${file}: ${summary}`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('a file dragged over the page outlines the import box, and dropped, it is looked at and imports', async () => {
  const { page, problems } = await openApp(app.browser, app.server.url, { hash: HASH });
  const text = await readFile(FIXTURES + 'breast_cancer.csv', 'utf8');
  // A drag as the browser makes it: a DataTransfer holding the file, dispatched on the page.
  const drag = (type, related = true) => page.evaluate(([type, text, related]) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
    const target = document.querySelector('h1');
    target.dispatchEvent(new DragEvent(type, {
      dataTransfer: data, bubbles: true, cancelable: true, relatedTarget: related ? document.body : null,
    }));
  }, [type, text, related]);
  const outlined = () => page.evaluate(() => document.documentElement.classList.contains('dropping'));
  assert.equal(await outlined(), false);
  await drag('dragover');
  assert.equal(await outlined(), true, 'dragging a file over the page outlines the box');
  const outline = await page.locator('.panel.import').evaluate((e) => getComputedStyle(e).outlineStyle);
  assert.equal(outline, 'dashed');
  // Moving between elements keeps it; leaving the window ends it.
  await drag('dragleave');
  assert.equal(await outlined(), true);
  await drag('dragleave', false);
  assert.equal(await outlined(), false);
  await drag('dragover');
  await drag('drop');
  assert.equal(await outlined(), false, 'a drop ends it');
  await page.locator('.import-check [data-act=import]').waitFor({ timeout: 30_000 });
  assert.match(await page.locator('.import-check').textContent(), /dropped\.csv/);
  await importChosen(page, 'dropped.csv');
  const want = reference.files.find((f) => f.file === 'breast_cancer.csv');
  const [a] = want.models;
  assert.match(await page.locator('.imported').textContent(), new RegExp(`${want.rows} rows \\(${a.neg} negatives, ${a.pos} positives\\)`));
  assert.equal(await rowText(page, 'metrics', /^TP/), String(a.metrics.tp));
  assert.deepEqual(problems, []);
  await page.close();
});

test('pasted predictions import; a link says it cannot carry them; the way back restores the scenario', async () => {
  const { page, problems } = await openApp(app.browser, app.server.url, { hash: HASH });
  await page.getByText('Paste predictions').click();
  await page.getByLabel('predictions to paste').fill('label,score\n1,0.9\n0,0.2\n0,0.6\n1,0.4\n0,0.1\n');
  await page.getByRole('button', { name: 'Read the pasted text' }).click();
  await page.locator('.import-check [data-act=import]').waitFor();
  await importChosen(page);
  assert.match(await page.locator('.imported').textContent(), /^Showing pasted text, 42 bytes: 5 rows \(3 negatives, 2 positives\)/);
  assert.equal(await rowText(page, 'metrics', /^TP/), '1');
  assert.equal(await rowText(page, 'metrics', /^FP/), '1');
  await page.waitForFunction(() => location.hash.includes('src=import'));
  const link = await page.evaluate(() => location.hash);
  const reopened = await openApp(app.browser, app.server.url, { hash: link });
  assert.match(await reopened.page.locator('.notices').textContent(), /^About the link.*imported predictions, which a link cannot carry.*with the file's class counts/);
  // What it shows instead: synthetic predictions at the file's counts, as the notice says.
  assert.match(await reopened.page.locator('body').textContent(), /5 samples: 3 negatives, 2 positives/);
  await reopened.page.close();
  await page.getByRole('button', { name: 'Back to the synthetic scenario' }).click();
  await page.waitForFunction(() => !location.hash.includes('src=import'));
  assert.ok((await page.evaluate(() => location.hash)).includes('neg=1000000'));
  assert.equal(await page.locator('#ratio').count(), 1);
  // Model A is the synthetic scenario again, and the A/B panel says so.
  assert.match(await page.locator('#ab .model-a').textContent(), /Model A is the scenario above: acc0 /);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a choice changed before importing is the one imported', async () => {
  const { page, problems } = await openApp(app.browser, app.server.url, { hash: HASH });
  await choose(page, 'breast_cancer.csv');
  const read = page.getByRole('table', { name: 'the first rows as read' });
  assert.equal(await read.locator('thead th').count(), 3);
  // Model B: none. The worker looks again; the preview loses a column, the select keeps focus.
  await page.locator('#import-b').selectOption('none');
  await page.waitForFunction(() => document.querySelectorAll('table[aria-label="the first rows as read"] thead th').length === 2);
  await page.waitForFunction(() => document.activeElement?.id === 'import-b', null, { timeout: 2000 });
  // Read as logits, the first probability becomes sigmoid of the number written.
  const written = Number(await page.getByRole('table', { name: "the file's first rows" }).locator('tbody tr').first().locator('td').nth(1).textContent());
  await page.locator('#import-kind').selectOption('logit');
  const want = (1 / (1 + Math.exp(-written))).toPrecision(6);
  await page.waitForFunction((w) => {
    const cell = document.querySelector('table[aria-label="the first rows as read"] tbody tr td:nth-child(2)');
    return cell && Number(cell.textContent).toPrecision(6) === w;
  }, want);
  await importChosen(page);
  assert.match(await page.locator('.imported').textContent(), /scores of logreg_all read as logits/);
  const ab = await page.locator('#ab').textContent();
  assert.match(ab, /one score column: model B is model A/);
  // The synthetic scenario's accuracies describe no imported model.
  assert.doesNotMatch(ab, /scenario above/);
  assert.deepEqual(problems, []);
  await page.close();
});

/** What numpy and scikit-learn make of `[label, p]` rows: BCE's mean, TP and FP at the
 * threshold, the class counts, ROC AUC (ties averaged, as rankdata does). */
function plainNumbers(rows) {
  const eps = 1e-7;
  let bce = 0; let tp = 0; let fp = 0;
  for (const [y, p] of rows) {
    const q = Math.min(Math.max(p, eps), 1 - eps);
    bce += y ? -Math.log(q) : -Math.log(1 - q);
    if (p >= threshold) { if (y) tp += 1; else fp += 1; }
  }
  const sorted = [...rows].sort((a, b) => a[1] - b[1]);
  let rank = 0; let posRanks = 0; let npos = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && sorted[j][1] === sorted[i][1]) j++;
    const mid = (rank + 1 + rank + (j - i)) / 2;
    for (let k = i; k < j; k++) if (sorted[k][0]) { posRanks += mid; npos++; }
    rank += j - i; i = j;
  }
  const nneg = rows.length - npos;
  return { bce: bce / rows.length, tp, fp, nneg, npos, auc: (posRanks - npos * (npos + 1) / 2) / (npos * nneg) };
}

/** The results file's numbers against `plainNumbers`. */
function sameNumbers(json, want) {
  assert.deepEqual([json.params.neg, json.params.pos], [want.nneg, want.npos]);
  assert.ok(Math.abs(json.losses.bce.mean - want.bce) <= 1e-9 * want.bce, `${json.losses.bce.mean} vs ${want.bce}`);
  assert.deepEqual([json.metrics.tp, json.metrics.fp], [want.tp, want.fp]);
  assert.ok(Math.abs(json.metrics.roc_auc - want.auc) <= 1e-12, `${json.metrics.roc_auc} vs ${want.auc}`);
}

test('a file larger than its preview gets its exact numbers from the worker', async () => {
  // 150,000 seeded rows: both classes' scores exact from the worker, not the page's preview.
  let s = 12345;
  const next = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  const rows = [];
  for (let i = 0; i < 150_000; i++) {
    const y = next() < 0.3 ? 1 : 0;
    const p = Math.round((y ? 0.2 + 0.8 * next() : 0.7 * next()) * 1e6) / 1e6;
    rows.push([y, p]);
  }
  const path = `${new URL('./artifacts/', import.meta.url).pathname}import-150000.csv`;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, 'label,p\n' + rows.map((r) => r.join(',')).join('\n') + '\n');
  // The numbers, computed here as numpy and scikit-learn would.
  const want = plainNumbers(rows);
  const { page, problems } = await openApp(app.browser, app.server.url, { hash: HASH, options: { acceptDownloads: true } });
  await page.locator('#import-file').setInputFiles(path);
  await page.locator('.import-check [data-act=import]').waitFor();
  await importChosen(page);
  sameNumbers(await results(page), want);
  assert.deepEqual(problems, []);
  await page.close();
});

/**
 * A seeded file of `rows` rows `label,a,b` (full-precision probabilities, 1 in 20 positive)
 * with the given lines (1-based, the header is line 1) replaced; and what numpy and
 * scikit-learn make of model A's good rows (`plainNumbers`).
 */
async function largeFile(name, rows, replaced = {}) {
  let s = 777;
  const next = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  const lines = ['label,a,b'];
  const good = [];
  for (let i = 0; i < rows; i++) {
    const y = next() < 0.05 ? 1 : 0;
    const a = y ? 0.2 + 0.8 * next() : 0.7 * next();
    const b = next();
    const line = replaced[lines.length + 1];
    if (line === undefined) { lines.push(`${y},${a},${b}`); good.push([y, a]); } else lines.push(line);
  }
  const path = `${new URL('./artifacts/', import.meta.url).pathname}${name}`;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, lines.join('\n') + '\n');
  return { path, bytes: lines.join('\n').length + 1, want: plainNumbers(good) };
}

/**
 * Imports `path` through the file input; the results file, and the workers started meanwhile
 * (`started`) and still running after it (`running`; the page's own worker started before).
 */
async function importLarge(path) {
  const { page, problems } = await openApp(app.browser, app.server.url, { hash: HASH, options: { acceptDownloads: true } });
  const workers = { started: 0, running: 0 };
  page.on('worker', (w) => {
    workers.started += 1;
    workers.running += 1;
    w.on('close', () => { workers.running -= 1; });
  });
  await page.locator('#import-file').setInputFiles(path);
  await page.locator('.import-check [data-act=import]').waitFor({ timeout: 30_000 });
  await importChosen(page);
  const json = await results(page);
  const skipped = await page.locator('.imported').textContent();
  // How many second parts the page's worker joined (it counts them where a test can look).
  let joined = 0;
  for (const w of page.workers()) joined += await w.evaluate(() => globalThis.imbalanceLab?.joined ?? 0);
  return { page, problems, json, skipped, workers, joined };
}

test('a large file is read by two workers, and their rows join as one reading would have read them', async () => {
  // 220,000 rows, about 9 MB (two workers from 8 MiB): a bad row early in the first half and
  // one late in the second, named by their lines in the file.
  const rows = 220_000;
  const { path, bytes, want } = await largeFile('import-two-workers.csv', rows, { 1000: '0,abc,0.5', [rows - 500]: '7,0.5,0.5' });
  assert.ok(bytes >= 8 * 1048576, `${bytes} bytes`);
  const { page, problems, json, skipped, workers, joined } = await importLarge(path);
  sameNumbers(json, want);
  assert.equal(json.params.rows, rows - 2);
  assert.equal(joined, 1, 'the second part was joined');
  assert.match(skipped, /2 rows skipped: line 1000, column "a": "abc" is not a number; line 219500, column "label": "7" is not one of the labels/);
  // The page's worker started a second one for this file, and ends it once its rows are in.
  for (let i = 0; i < 50 && workers.running > 0; i++) await page.waitForTimeout(100);
  assert.deepEqual(workers, { started: 1, running: 0 });
  assert.deepEqual(problems, []);
  await page.close();
});

test('when the middle of a large file falls inside a quoted field, one worker reads it all', async () => {
  // A note column whose one long quoted cell, full of newlines, spans the middle of the file:
  // the second worker's part would start inside it, so the first worker reads on.
  const rows = 200_000;
  const note = `"${'a note\n'.repeat(110_000)}"`;
  const { path, want } = await largeFile('import-quoted-middle.csv', rows, {});
  const text = (await readFile(path, 'utf8')).split('\n');
  text[0] += ',note';
  for (let i = 1; i < text.length - 1; i++) text[i] += ',';
  // The row whose note puts the file's middle a quarter of the way into it.
  const total = text.reduce((n, l) => n + l.length + 1, 0) + note.length;
  let at = 0; let row = 1;
  while (at + text[row - 1].length + 1 + note.length / 4 < total / 2) at += text[row++ - 1].length + 1;
  text[row - 1] += note;
  await writeFile(path, text.join('\n'));
  assert.ok(total >= 8 * 1048576, `${total} bytes`);
  const { page, problems, json, skipped, workers, joined } = await importLarge(path);
  sameNumbers(json, want);
  assert.equal(json.params.rows, rows);
  assert.ok(!/skipped/.test(skipped), skipped);
  // A second worker was started for the file, and its part was not used.
  assert.equal(workers.started, 1);
  assert.equal(joined, 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('three label values: the reader picks the positive one, the others are negative', async () => {
  const { page, problems } = await openApp(app.browser, app.server.url, { hash: HASH });
  await choose(page, 'bad/three_labels.csv');
  assert.match(await page.locator('.import-message').textContent(), /choose which value is positive/);
  assert.ok(await page.locator('.import-check [data-act=import]').isDisabled());
  // Nothing is chosen yet, and the choice says so (every value is then a change to pick).
  assert.equal(await page.locator('#import-positive option:checked').textContent(), 'choose…');
  // Nothing can be read yet: no table of the rows as read, not even an empty one.
  const asRead = page.getByRole('table', { name: 'the first rows as read' });
  assert.equal(await asRead.count(), 0);
  await page.locator('#import-positive').selectOption('2');
  await page.waitForFunction(() => document.querySelector('.import-check [data-act=import]')?.disabled === false);
  assert.equal(await asRead.locator('tbody tr').count(), 10);
  await importChosen(page, 'three_labels.csv');
  assert.match(await page.locator('.imported').textContent(), /: 30 rows \(20 negatives, 10 positives\).*2 is positive, every other value negative/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the accessibility audit finds nothing in the import box: choosing, refused, imported, in both themes', async () => {
  const axe = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const audit = async (page, what) => {
    await page.evaluate(axe);
    const found = await page.evaluate(async () => {
      const r = await window.axe.run(document.querySelector('.import'), { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
      return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
    });
    assert.deepEqual(found, [], what);
  };
  for (const scheme of ['light', 'dark']) {
    const { page, problems } = await openApp(app.browser, app.server.url, { hash: HASH, options: { colorScheme: scheme, bypassCSP: true } });
    await choose(page, 'breast_cancer.csv');
    await audit(page, `${scheme}: choosing`);
    await choose(page, 'bad/three_labels.csv');
    await audit(page, `${scheme}: refused`);
    await page.locator('#import-positive').selectOption('1');
    await page.waitForFunction(() => document.querySelector('.import-check [data-act=import]')?.disabled === false);
    await importChosen(page, 'three_labels.csv');
    await audit(page, `${scheme}: imported`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});
