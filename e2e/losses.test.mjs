// The losses practitioners reach for (issue 25, SPEC section 9) as a reader meets them: a link
// picks the losses shown and their settings, the picker and the sliders follow, and every loss
// in the results file equals an independent numpy computation on the downloaded predictions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { useApp, openApp, exactNumbers, wordsIn } from './harness.mjs';

const run = promisify(execFile);
const PYTHON = resolve('.venv/bin/python');
const app = useApp();

/** The names of the losses table's visible rows. */
async function shownRows(page) {
  const table = page.getByRole('table', { name: 'losses' });
  return table.locator('tbody tr:not([hidden]) th').allTextContents();
}

async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return readFile(await file.path());
}

test('a link picks the losses shown; the picker, the sliders and the link follow', async () => {
  const hash = '#neg=5000&pos=100&losses=bce,ldam,tversky&ldam_m=2.5';
  const { page, problems } = await openApp(app.browser, app.server.url, { hash });
  assert.deepEqual(await shownRows(page), ['BCE', 'LDAM', 'Tversky']);
  assert.equal(await page.getByRole('checkbox', { name: 'LDAM', exact: true }).isChecked(), true);
  assert.equal(await page.getByRole('checkbox', { name: 'focal', exact: true }).isChecked(), false);
  // The shown losses' own settings, from the link; a hidden loss's are not there.
  assert.equal(Number(await page.locator('#ldam_m-value').inputValue()), 2.5);
  assert.equal(await page.locator('#tv_a').count(), 1);
  assert.equal(await page.locator('#la_tau').count(), 0);
  // The Tversky loss has a value and no share: the table says why, never NaN.
  const tversky = page.getByRole('table', { name: 'losses' }).getByRole('row', { name: /^Tversky/ });
  assert.match(await tversky.innerText(), /0\.\d+\s+–\s+–\s+–/);
  // Picking Poly-1 adds its row and its slider, and the link says so.
  await page.getByRole('checkbox', { name: 'Poly-1', exact: true }).check();
  assert.deepEqual(await shownRows(page), ['BCE', 'LDAM', 'Poly-1', 'Tversky']);
  assert.equal(await page.locator('#poly_eps').count(), 1);
  await page.waitForFunction(() => location.hash.includes('losses=bce,ldam,poly1,tversky'));
  // Moving a loss's own slider changes its row and no other.
  const losses = page.getByRole('table', { name: 'losses' });
  const before = await losses.innerText();
  const bce = await losses.getByRole('row', { name: /^BCE/ }).innerText();
  await page.locator('#poly_eps-value').fill('5');
  await page.locator('#poly_eps-value').press('Enter');
  await page.waitForFunction((b) => document.querySelector('table[aria-label="losses"]').innerText !== b, before);
  assert.equal(await losses.getByRole('row', { name: /^BCE/ }).innerText(), bce);
  await page.waitForFunction(() => location.hash.includes('poly_eps=5'));
  // The last loss cannot be taken away: an empty table would say nothing.
  for (const name of ['BCE', 'LDAM', 'Poly-1']) await page.getByRole('checkbox', { name, exact: true }).uncheck();
  await page.getByRole('checkbox', { name: 'Tversky', exact: true }).click();
  assert.equal(await page.getByRole('checkbox', { name: 'Tversky', exact: true }).isChecked(), true);
  assert.deepEqual(await shownRows(page), ['Tversky']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('bad values for the new keys are clamped or defaulted, and the page says so', async () => {
  const hash = '#cb_beta=2&la_tau=x&asl_m=-1&losses=nope,focal';
  const { page, problems } = await openApp(app.browser, app.server.url, { hash });
  const notices = await page.locator('.notices').innerText();
  assert.match(notices, /cb_beta=2 is outside \[0, 0\.999999\]; using 0\.999999\./);
  assert.match(notices, /la_tau=“x” is not a number; using 1\./);
  assert.match(notices, /asl_m=-1 is outside \[0, 0\.5\]; using 0\./);
  assert.match(notices, /“nope” is not a loss/);
  assert.deepEqual(await shownRows(page), ['focal']);
  assert.doesNotMatch(await page.locator('main').innerText(), /NaN/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('every loss in the results file equals numpy on the downloaded predictions', async () => {
  const all = 'bce,weighted_bce,balanced_ce,focal,class_balanced,logit_adjusted,ldam,asymmetric,poly1,tversky';
  const hash = `#neg=4000&pos=150&acc0=0.9&acc1=0.6&seed=3&pw=3&alpha=0.4&gamma=1.5&cb_beta=0.99&la_tau=2&ldam_m=1.5&asl_gp=1&asl_gn=3&asl_m=0.1&poly_eps=2&tv_a=0.3&tv_b=0.7&losses=${all}`;
  const { page, problems } = await openApp(app.browser, app.server.url, { hash, options: { acceptDownloads: true } });
  await exactNumbers(page);
  const dir = await mkdtemp(join(tmpdir(), 'imbalance-lab-losses-'));
  const csv = join(dir, 'predictions.csv');
  await writeFile(csv, await download(page, 'Download predictions (CSV)'));
  const results = JSON.parse((await download(page, 'Download results (JSON)')).toString());
  // The reference of tests/fixtures/losses_reference.json, written from the SPEC's text alone,
  // on the page's own predictions and parameters.
  const script = `
import json, sys
import numpy as np
sys.path.insert(0, ${JSON.stringify(resolve('scripts/fixtures'))})
from losses_reference import fixed_case, params
data = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1, ndmin=2)
y, p = data[:, 0], data[:, 1]
prm = json.loads(sys.argv[2])
keys = {"pos_weight": "pw"}
prm = params(**{keys.get(k, k): v for k, v in prm.items() if keys.get(k, k) in params()})
print(json.dumps(fixed_case("page", p[y == 0], p[y == 1], prm)["losses"]))
`;
  const { stdout } = await run(PYTHON, ['-c', script, csv, JSON.stringify(results.params)], { timeout: 120_000 });
  const want = JSON.parse(stdout);
  for (const [key, w] of Object.entries(want)) {
    const got = results.losses[key];
    if (w === null || typeof w === 'string') {
      assert.equal(got, w, key);
      continue;
    }
    for (const [part, v] of Object.entries(w)) {
      const scale = Math.max(Math.abs(v), 1e-300);
      assert.ok(Math.abs(got[part] - v) <= 1e-11 * scale, `${key}.${part}: ${got[part]} against numpy's ${v}`);
    }
  }
  assert.equal(Object.keys(want).length, 10);
  // Every shown loss has its row in the A/B table; a loss whose terms read the class counts says
  // why it has no crossover ratio instead of drawing one.
  await page.locator('#ab').scrollIntoViewIfNeeded();
  await wordsIn(page);
  const ab = page.getByRole('table', { name: 'model A against model B' });
  assert.equal(await ab.locator("tbody tr:not([hidden])").count(), 10 + 8);
  const crossovers = await page.locator('.crossovers').innerText();
  assert.match(crossovers, /class-balanced CE has no crossover ratio: its terms depend on the class counts, so at another ratio it is another loss/);
  assert.match(crossovers, /Tversky has no crossover ratio: a set-level loss/);
  assert.match(crossovers, /Poly-1 prefers/);
  assert.deepEqual(problems, []);
  await page.close();
});
