// The page explains itself (issue 14): its sentences follow the numbers, every term has a
// definition a keyboard reaches, and the guided story runs from its first step to its last,
// as a reader clicks through it, with screenshots of each step at 1280 and 700 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { useApp, openApp, rowText, wordsIn } from './harness.mjs';

const app = useApp();
const ARTIFACTS = new URL('./artifacts/story/', import.meta.url).pathname;
const STEPS = 9;

/** The text of a box of words, once it has some. */
async function words(page, id) {
  await page.waitForFunction((id) => document.getElementById(id)?.textContent.trim(), id);
  return page.locator(`#${id}`).textContent();
}

/** Waits until the text of `selector` (a box's id, or a CSS selector) is not `before` any more. */
async function changed(page, selector, before) {
  const css = selector.startsWith('w-') ? `#${selector}` : selector;
  await page.waitForFunction(
    ({ css, before }) => (document.querySelector(css)?.textContent ?? before) !== before,
    { css, before },
  );
  return page.locator(css).textContent();
}

test('sentences follow the controls: pos_weight, gamma at the reader\'s point, the class mix', async () => {
  const { page, problems } = await openApp(app.browser, app.server.url, { hash: '#neg=20000&pos=200' });
  // Who pays: the share said is the table's, and the weight said to give the positives half
  // does so when the reader sets it.
  let share = await words(page, 'w-share');
  const table = (await rowText(page, 'losses', /^weighted BCE/)).split('|')[2].trim();
  assert.ok(share.includes(`${table} of weighted BCE`), `${share} / ${table}`);
  const needed = Number(/needs pos_weight = ([\d.]+)/.exec(share)[1]);
  const field = page.getByLabel('pos_weight, value');
  await field.fill(String(needed));
  await field.press('Enter');
  share = await changed(page, 'w-share', share);
  const half = Number.parseFloat((await rowText(page, 'losses', /^weighted BCE/)).split('|')[3]);
  assert.ok(Math.abs(half - 50) < 0.6, `pos_weight ${needed}: positives carry ${half} %`);
  assert.doesNotMatch(share, /weighted BCE is BCE/);

  // The focal factor at a point the reader types.
  let focal = await words(page, 'w-focal');
  assert.match(focal, /At pₜ = 0\.9, \(1 − pₜ\)γ = 0\.0100 with γ = 2/);
  await page.getByLabel('the factor at pₜ =').fill('0.5');
  await page.getByLabel('the factor at pₜ =').press('Enter');
  focal = await changed(page, 'w-focal', focal);
  assert.match(focal, /At pₜ = 0\.5, \(1 − pₜ\)γ = 0\.250 with γ = 2: that example keeps 25\.0 %/);
  // ... and the link carries the point.
  await page.waitForFunction(() => location.hash.includes('pt=0.5'));

  // The class mix, in words a reader cannot read backwards.
  const numbers = await words(page, 'w-numbers');
  assert.match(numbers, /With 100 negatives per positive \(20,000 and 200\)/);
  assert.doesNotMatch(await page.locator('.crossovers').innerText(), /1:\d/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('every term is defined where it is first used, and the keyboard opens the definitions', async () => {
  const { page, problems } = await openApp(app.browser, app.server.url, { hash: '#neg=5000&pos=50' });
  const terms = page.locator('#w-numbers-terms details.terms');
  for (const t of ['MCC', 'average precision', 'recall, TPR', 'specificity, FPR', 'α-balanced CE', 'clipping', 'standard error', 'mean']) {
    assert.equal(await terms.locator('dt', { hasText: t }).count() > 0, true, t);
  }
  const mcc = terms.locator('dd').filter({ hasText: 'Matthews correlation coefficient' });
  assert.equal(await mcc.isVisible(), false);
  // Reached with the keyboard, opened with Enter: no hover needed. Its summary names its terms.
  assert.match(await terms.locator('summary').textContent(), /^Terms: mean, sum, share/);
  await terms.locator('summary').focus();
  await page.keyboard.press('Enter');
  assert.equal(await mcc.isVisible(), true);
  // It stays open while the numbers move (its box never changes).
  const field = page.getByLabel('focal gamma, value');
  const numbers = await words(page, 'w-numbers');
  await field.fill('3');
  await field.press('Enter');
  await changed(page, 'w-numbers', numbers);
  assert.equal(await mcc.isVisible(), true);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'gamma-value');
  // alpha-balanced CE is called what it is, with what alpha 0.25 does.
  assert.match(await terms.textContent(), /α = 0\.25 makes the rare class count less than BCE does/);
  // The sources are named.
  assert.match(await words(page, 'w-footer'), /Unbalanced Validation Data Losses.*Focal Loss for Dense Object Detection/s);
  // The losses table's name for it.
  assert.match(await rowText(page, 'losses', /^α-balanced CE/), /^\d/);
  assert.deepEqual(problems, []);
  await page.close();
});

// The terms readers missed (issue 24): each is defined where it is first used, in the page's
// reading order. A term's first use (any visible text, the controls' labels included) is inside
// the region (the header, the scenario's controls, a panel, the footer) that defines it, or after
// its definition: a <dfn> in a sentence, or a <dt> in a panel's terms.
const TERMS = [
  ['seed', /\bseed\b/, /^seed$/],
  ['pos_weight', /pos_weight/, /^pos_weight$/],
  ['logit', /\blogit/, /^logits?$/],
  ['odds', /\bodds\b/, /^odds$/],
  ['σ', /σ/, /^σ$/],
  ['prior correction', /prior correction/, /^prior correction$/],
  ['calibrated', /calibrat/i, /^calibrated$/],
  ['standard error of a difference', /standard errors (\(|apart)/, /^standard errors of the difference$/],
  ["the negatives' share of the gradient", /gradient/, /^the negatives' share of the gradient$/],
];

/** Each term's first use that no definition before it or beside it (in its region) covers. */
function undefinedAtFirstUse(terms) {
  const regions = 'header, aside, section, footer';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    // The list of panels in the header is a table of contents: its names use no term.
    acceptNode: (n) => (n.parentElement?.closest('script, style, pre, [hidden], nav.panel-nav')
      || !n.parentElement?.checkVisibility() ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const texts = [];
  while (walker.nextNode()) texts.push(walker.currentNode);
  const defs = [...document.querySelectorAll('dfn, dt')];
  const wrong = [];
  for (const [name, use, defined] of terms) {
    const first = texts.find((n) => new RegExp(use.source, use.flags).test(n.textContent));
    if (!first) { wrong.push(`${name}: never used`); continue; }
    const def = defs.find((d) => new RegExp(defined.source, defined.flags).test(d.textContent.trim()));
    const before = def && (def.contains(first)
      || def.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING);
    const beside = def && first.parentElement.closest(regions)?.contains(def);
    if (!before && !beside) wrong.push(`${name}: first used in "${first.textContent.slice(0, 80)}"`);
  }
  return wrong;
}

test('each term readers missed is defined where the full page first uses it', async () => {
  const { page, problems } = await openApp(app.browser, app.server.url, { hash: '#neg=20000&pos=200&prev=0.05&undo=pw:10' });
  await wordsIn(page);
  // The words of the training view and the decision panel (written by the worker) are in.
  await page.waitForFunction(() => document.getElementById('w-optimal')?.textContent.includes('gradient')
    && document.getElementById('d-part2')?.textContent.includes('calibrated'));
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  const check = (terms) => page.evaluate(`(${undefinedAtFirstUse})(${JSON.stringify(terms.map(([n, u, d]) =>
    [n, { source: u.source, flags: u.flags }, { source: d.source, flags: d.flags }]))})`);
  assert.deepEqual(await check(TERMS), []);
  // The check does find a term used with no definition (here, one that names nothing).
  assert.deepEqual(await check([['no such term', /pos_weight/, /^no such term$/]]),
    ['no such term: first used in "pos_weight"']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the threshold is said, beside its slider and the losses, to change no loss, and it changes none', async () => {
  const { page, problems } = await openApp(app.browser, app.server.url, { hash: '#neg=20000&pos=200' });
  const controls = await words(page, 'w-controls');
  assert.match(controls, /The threshold changes no loss/);
  // In the scenario's panel, with the slider.
  assert.equal(await page.locator('aside.controls').filter({ has: page.locator('#w-controls') })
    .getByLabel('threshold, value', { exact: true }).count(), 1);
  assert.match(await words(page, 'w-numbers'), /^The threshold changes none of these losses/);
  const losses = () => page.getByRole('table', { name: 'losses', exact: true }).textContent();
  const metrics = () => page.getByRole('table', { name: 'metrics', exact: true }).textContent();
  const [lossesBefore, metricsBefore] = [await losses(), await metrics()];
  const field = page.getByLabel('threshold, value', { exact: true });
  await field.fill('0.3');
  await field.press('Enter');
  await changed(page, 'table[aria-label="metrics"]', metricsBefore);
  assert.equal(await losses(), lossesBefore);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the story runs from step 1 to step 9 by keyboard, each step setting its page', async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  const { page, problems } = await openApp(app.browser, app.server.url);
  // The header offers the story; following it sets step 1's page.
  await page.getByRole('link', { name: 'Take the guided story' }).click();
  await page.getByRole('heading', { name: /^Step 1 of 9/ }).waitFor();
  const panelsShown = () => page.evaluate(() => [...document.querySelectorAll('main > section.panel[id]')].map((p) => p.id));
  for (let n = 1; n <= STEPS; n++) {
    const heading = page.getByRole('heading', { name: new RegExp(`^Step ${n} of ${STEPS}`) });
    await heading.waitFor();
    await page.waitForFunction((n) => location.hash.includes(`story=${n}`), n);
    await wordsIn(page);
    const text = await page.locator('.story-text').textContent();
    assert.doesNotMatch(text, /NaN|undefined|inf\b/, text);
    if (n > 1) {
      // Focus followed the reader to the new step's heading.
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'story-title', `step ${n}`);
    }
    if (n === 2) {
      // The words state the table's numbers.
      const bce = await rowText(page, 'model A against model B', /^BCE/);
      const [a, b] = bce.split('|').map((s) => s.trim());
      assert.ok(text.includes(`A ${a} against B ${b}`), `${text} / ${bce}`);
      assert.deepEqual(await panelsShown(), ['ab']);
    }
    if (n === 4) assert.match(text, /BCE prefers model B/);
    if (n === 5) {
      // Every control is still live inside the story: pos_weight moves the share it states.
      assert.match(text, /pos_weight 100 \(the weight on each positive's term of weighted BCE\) gives the positives/);
      const field = page.getByLabel('pos_weight, value');
      await field.fill('3');
      await field.press('Enter');
      assert.match(await changed(page, '.story-text', text), /pos_weight 3 \(the weight on each positive's term of weighted BCE\) gives the positives/);
    }
    if (n === 7) assert.ok((await panelsShown()).includes('decide'));
    if (n === 9) {
      // Menon et al.'s figure: logit adjustment reaches the least balanced error, BCE does not.
      assert.match(text, /below Φ\(−d\/2\) = 7\.9 %/);
      assert.match(text, /Logit adjustment's has exactly that least balanced error/);
      assert.ok((await panelsShown()).includes('training'));
    }
    await page.screenshot({ path: `${ARTIFACTS}step-${n}-1280.png`, fullPage: false });
    if (n < STEPS) {
      const next = page.getByRole('link', { name: /^Next:/ });
      await next.focus();
      await page.keyboard.press('Enter');
    }
  }
  // Leaving keeps what the reader set (step 9's scenario and losses, with the costs of step 7
  // gone) and brings every panel back.
  const before = await page.evaluate(() => location.hash);
  await page.getByRole('button', { name: 'Leave the story' }).click();
  await page.locator('#training').waitFor();
  assert.equal(await page.locator('section.story').count(), 0);
  await page.waitForFunction(() => !location.hash.includes('story='));
  const after = await page.evaluate(() => location.hash);
  for (const key of ['neg=95000', 'pos=5000', 'acc0=0.999', 'acc1=0.5', 'acc0b=0.98', 'losses=bce,logit_adjusted']) {
    assert.ok(before.includes(key) && after.includes(key), `${key}: ${before} -> ${after}`);
  }
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'MAIN');
  assert.deepEqual(problems, []);
  await page.close();
});

test('each step embeds on its own at 700 px, with no sideways scrolling and no axe violation', async () => {
  const axe = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await mkdir(ARTIFACTS, { recursive: true });
  for (let n = 1; n <= STEPS; n++) {
    // The step's own embedded link, as "Reset this step" gives it on an embedded page: its
    // scenario, its panels, and only the controls it talks about.
    const bare = await openApp(app.browser, app.server.url, { hash: `#story=${n}&embed=1`, ready: 'section.story' });
    const href = await bare.page.getByRole('link', { name: 'Reset this step' }).getAttribute('href');
    await bare.page.close();
    assert.match(href, /embed=1.*controls=/);
    const { page, problems } = await openApp(app.browser, app.server.url, {
      width: 700, height: 800, hash: href, ready: 'section.story',
    });
    await page.getByRole('heading', { name: new RegExp(`^Step ${n} of ${STEPS}`) }).waitFor();
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(wide <= 0, `step ${n} scrolls sideways by ${wide} px`);
    await page.evaluate(axe);
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document.querySelector('section.story'), { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((x) => x.target).join(' ')}`);
    });
    assert.deepEqual(violations, [], `step ${n}`);
    await page.screenshot({ path: `${ARTIFACTS}step-${n}-700.png`, fullPage: false });
    assert.deepEqual(problems, []);
    await page.close();
  }
});
