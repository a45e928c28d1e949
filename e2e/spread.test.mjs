// Is a gain real? The retraining spread (issue 25, part 4) in a real browser: a small run
// completes a sample at a time, draws its chart and table, says where each shown loss's median
// recall lies against BCE's band, and exports numbers equal to numpy's quantiles of the same
// per-sample values (tests/fixtures/spread_numpy.json, whose first case is this link's); a bad
// spread_k or spread_n gives a notice, never a broken page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { useApp, openApp } from './harness.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const app = useApp();

const READY = { ready: 'table[aria-label="trained models"]' };
const FIXTURE = JSON.parse(await readFile(new URL('../tests/fixtures/spread_numpy.json', import.meta.url)));
// The fixture's first case: sep 2, 9,000 : 1,000, threshold 0.5, K 5 of 2,000 rows from seed 7,
// the losses' parameters at their defaults.
const CASE = FIXTURE.cases[0];
const HASH = '#panels=training&neg=9000&pos=1000&sep=2&thr=0.5&seed=7&spread_k=5&spread_n=2000' +
  '&losses=bce,focal,logit_adjusted,tversky';
const QUANTITIES = ['boundary', 'recall', 'precision'];

async function results(page) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download results (JSON)' }).click(),
  ]);
  return JSON.parse((await readFile(await file.path())).toString());
}

test('a small spread runs a sample a message, draws, and exports numpy\'s numbers', async () => {
  const { page, problems } = await openApp(app.browser, app.server.url, { hash: HASH, options: { acceptDownloads: true }, ...READY });
  const section = page.locator('.spread-training');
  await section.scrollIntoViewIfNeeded();
  assert.equal(await page.getByLabel('samples, value', { exact: true }).inputValue(), '5');
  assert.equal(await page.getByLabel('rows in each sample, value', { exact: true }).inputValue(), '2000');
  const status = section.locator('[role=status]');
  assert.equal(await status.textContent(), 'Not retrained yet.');
  // Every status the run passes through, as the reader sees it.
  await status.evaluate((el) => {
    window.spreadSeen = [];
    new MutationObserver(() => window.spreadSeen.push(el.textContent))
      .observe(el, { childList: true, characterData: true, subtree: true });
  });
  await page.getByRole('button', { name: 'Retrain K times' }).click();
  await page.getByText('Done: 5 samples of 2,000 rows.').waitFor({ timeout: 60_000 });
  const seen = await page.evaluate(() => window.spreadSeen);
  assert.ok(seen.includes('Sample 1 of 5 (2,000 rows each)…'), seen.join(' / '));
  assert.ok(seen.some((s) => /^Sample [2-5] of 5/.test(s)), seen.join(' / '));

  // The chart: an image with its label, and its table a row a shown loss.
  const chart = page.locator('#spread-chart');
  assert.equal(await chart.getAttribute('role'), 'img');
  assert.match(await chart.getAttribute('aria-label'), /over 5 of 5 samples of 2,000 rows/);
  await section.locator('details.data summary').click();
  const table = await page.getByRole('table', { name: 'retraining spread: data' }).evaluate((t) =>
    [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent.trim())));
  // A row a loss and quantity: boundary, recall, precision.
  assert.deepEqual(table.filter((r) => r[1] === 'recall').map((r) => [r[0], r[2]]),
    [['BCE', '5 of 5'], ['focal', '5 of 5'], ['logit-adjusted CE', '5 of 5'], ['Tversky', '0 of 5']]);

  // A sentence a shown loss; Tversky trains no finite model.
  const said = await section.locator('.checks li').allTextContents();
  assert.equal(said.length, 4, said.join('\n'));
  assert.match(said[0], /^BCE's recall runs from [\d.]+ to [\d.]+ over the samples .* at n = 2,000\.$/);
  assert.match(said[1], /^focal's median recall, [\d.]+, lies (inside|above|below) BCE's band \([\d.]+ to [\d.]+\) at n = 2,000/);
  assert.match(said[3], /^Tversky trains no finite model on these samples \(a set-level loss/);

  // The results file: every loss, numpy's quantiles of the same per-sample values, to the bit.
  const s = (await results(page)).training.spread;
  assert.deepEqual([s.k, s.n, s.seed], [5, 2000, 7]);
  for (const [key, want] of Object.entries(CASE.losses)) {
    const got = s[key];
    for (const q of QUANTITIES) assert.deepEqual(got[q], want[q], `${key} ${q}`);
    if (key === 'tversky') {
      assert.equal(got.models, 0);
      assert.match(got.reason, /set-level loss has no finite optimum/);
    } else {
      assert.equal(got.models, 5, key);
      assert.equal(got.reason, undefined, key);
      for (const q of QUANTITIES) {
        assert.ok(got[q].p05 <= got[q].median && got[q].median <= got[q].p95, `${key} ${q}`);
      }
    }
  }
  // The table shows the same numbers as the file, to 4 significant digits.
  assert.deepEqual(table[1].slice(0, 2), ['BCE', 'recall']);
  assert.equal(Number(table[1][4]).toPrecision(4), s.bce.recall.median.toPrecision(4));

  // Once the settings move, the run no longer describes them: the page says so, and the file
  // leaves the spread out; the size travels in the link.
  await page.getByLabel('samples, value', { exact: true }).fill('3');
  await page.getByLabel('samples, value', { exact: true }).press('Enter');
  await page.waitForFunction(() => location.hash.includes('spread_k=3'));
  await page.getByText(/The settings have changed since: retrain to see theirs/).waitFor();
  assert.equal((await results(page)).training.spread, undefined);
  const text = await section.innerText();
  assert.doesNotMatch(text, /NaN|undefined|inf/i);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a bad spread_k or spread_n gives a notice and a valid page', async () => {
  const { page, problems } = await openApp(app.browser, app.server.url, {
    hash: '#panels=training&spread_k=0&spread_n=ten', ...READY,
  });
  const notices = await page.locator('.notices').innerText();
  assert.match(notices, /spread_k=0 is not a whole number from 2 to 100; using 2\./);
  assert.match(notices, /spread_n=“ten” is not a count; using 10000\./);
  assert.equal(await page.getByLabel('samples, value', { exact: true }).inputValue(), '2');
  assert.equal(await page.getByLabel('rows in each sample, value', { exact: true }).inputValue(), '10000');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the spread section passes the accessibility audit, run and table open, in both themes', async () => {
  for (const scheme of ['light', 'dark']) {
    // axe is injected as a script: the page's CSP is set aside for it (only here).
    const { page, problems } = await openApp(app.browser, app.server.url, {
      hash: '#panels=training&neg=9000&pos=1000&spread_k=3&spread_n=500',
      options: { colorScheme: scheme, bypassCSP: true },
      ...READY,
    });
    const section = page.locator('.spread-training');
    await section.scrollIntoViewIfNeeded();
    await page.getByRole('button', { name: 'Retrain K times' }).click();
    await page.getByText('Done: 3 samples of 500 rows.').waitFor({ timeout: 60_000 });
    await section.locator('details.data summary').click();
    await page.evaluate(await readFile(AXE, 'utf8'));
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run('.spread-training', { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
      return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
    });
    assert.deepEqual(violations, [], scheme);
    assert.deepEqual(problems, []);
    await page.close();
  }
});
