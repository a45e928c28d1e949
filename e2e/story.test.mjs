// Story links ready to read and getting around the page (issue 24): a bare #story=N opens its
// step on a phone with the box in view, focused, its scenario set and its sliders inside it;
// a skip link and a list of the panels move the keyboard without touching the link; formulas
// are Tab stops only where they scroll. Screenshots of every step at 390 and 1280 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { useApp, openApp, wordsIn } from './harness.mjs';

const app = useApp();
const ARTIFACTS = new URL('./artifacts/story-nav/', import.meta.url).pathname;
const AXE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe's violations on the whole page. */
async function audit(page) {
  await page.evaluate(await AXE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((x) => x.target).join(' ')}`);
  });
}

/** Whether an element lies (at least its top 40 px) inside the window. */
function inView(page, selector) {
  return page.evaluate((s) => {
    const r = document.querySelector(s).getBoundingClientRect();
    return r.top >= 0 && r.top + 40 <= innerHeight;
  }, selector);
}

const focused = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);

test('a bare #story=4 on a phone opens step 4 in view and focused; Next brings step 5 with its sliders', async () => {
  const { page, problems } = await openApp(app.browser, app.server.url, {
    width: 390, height: 844, hash: '#story=4', ready: 'section.story h2',
  });
  await page.getByRole('heading', { name: /^Step 4 of 9/ }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'story-title');
  assert.ok(await inView(page, 'section.story'), 'step 4 in view');
  // Its own scenario (a balanced set), with no notice to press "Reset this step".
  assert.match(await page.locator('.story-text').textContent(), /BCE prefers model B/);
  assert.match(await page.locator('section.story .composition').textContent(), /10,000 negatives, 10,000 positives/);
  assert.equal(await page.locator('.story-unset').count(), 0);
  assert.equal(await page.locator('.notices').count(), 0);
  await page.waitForFunction(() => location.hash.includes('neg=10000&pos=10000') && location.hash.includes('story=4'));
  // The box comes before the scenario's controls, and its slider is not repeated there.
  const [box, side] = await page.evaluate(() => ['section.story', 'aside.controls']
    .map((s) => document.querySelector(s).getBoundingClientRect().top));
  assert.ok(box < side, `story ${box} above controls ${side}`);
  assert.equal(await page.locator('#ratio').count(), 1);
  assert.equal(await page.locator('section.story #ratio').count(), 1);

  const text = await page.locator('.story-text').textContent();
  const next = page.getByRole('link', { name: /^Next:/ });
  await next.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: /^Step 5 of 9/ }).waitFor();
  await page.waitForFunction((t) => document.querySelector('.story-text')?.textContent !== t, text);
  await page.waitForFunction(() => document.activeElement?.id === 'story-title');
  assert.ok(await inView(page, 'section.story'), 'step 5 in view');
  // pos_weight, alpha and gamma sit in the step's box, once on the page.
  for (const id of ['pw', 'alpha', 'gamma']) {
    assert.equal(await page.locator(`section.story #${id}`).count(), 1, id);
    assert.equal(await page.locator(`#${id}`).count(), 1, id);
  }
  // ... and they work there: pos_weight moves the share the step states.
  const field = page.locator('section.story').getByLabel('pos_weight, value');
  await field.fill('3');
  await field.press('Enter');
  await page.waitForFunction(() => /pos_weight 3 \(the weight on each positive's term of weighted BCE\) gives the positives/.test(document.querySelector('.story-text').textContent));
  assert.deepEqual(await audit(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('every step reads well at 390 and 1280 px: in view, focused, no notice, no sideways scroll', async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  for (const width of [390, 1280]) {
    for (let n = 1; n <= 9; n++) {
      const { page, problems } = await openApp(app.browser, app.server.url, {
        width, height: 844, hash: `#story=${n}`, ready: 'section.story h2',
      });
      await page.waitForFunction(() => document.activeElement?.id === 'story-title');
      await wordsIn(page);
      assert.ok(await inView(page, 'section.story'), `step ${n} at ${width}`);
      assert.equal(await page.locator('.story-unset').count(), 0, `step ${n}`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(wide <= 0, `step ${n} at ${width} scrolls sideways by ${wide} px`);
      await page.screenshot({ path: `${ARTIFACTS}step-${n}-${width}.png` });
      assert.deepEqual(problems, []);
      await page.close();
    }
  }
});

test('the skip link is the first Tab stop, and the list of panels jumps to the decision panel', async () => {
  const { page, problems } = await openApp(app.browser, app.server.url);
  const before = await page.evaluate(() => location.hash);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the main content' });
  assert.equal(await skip.evaluate((a) => a === document.activeElement), true);
  assert.ok(await inView(page, 'a.skip'), 'the skip link shows when focused');
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'main');
  // The fragment holds the page's state: a jump leaves it alone, so no notice appears.
  const link = page.getByRole('navigation', { name: 'panels' })
    .getByRole('link', { name: 'deciding: costs, prevalence, calibration' });
  await link.focus();
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'decide-title');
  assert.ok(await inView(page, '#decide'), 'the decision panel in view');
  assert.equal(await page.evaluate(() => location.hash), before);
  assert.equal(await page.locator('.notices').count(), 0);
  // Only the panels shown are listed: an A/B-only link lists one.
  const { page: ab } = await openApp(app.browser, app.server.url, { hash: '#panels=ab', ready: '#ab' });
  assert.deepEqual(await ab.getByRole('navigation', { name: 'panels' }).getByRole('link').allTextContents(), ['A/B comparison']);
  await ab.close();
  assert.deepEqual(problems, []);
  await page.close();
});

test('formulas are Tab stops only where they scroll, and are named; embeds have no skip link or list', async () => {
  for (const width of [1280, 390]) {
    const { page, problems } = await openApp(app.browser, app.server.url, { width });
    await page.locator('.formula').first().waitFor();
    // focus() takes only what the browser lets the keyboard reach.
    const reached = await page.evaluate(() => [...document.querySelectorAll('.formula')]
      .filter((f) => { f.focus(); return document.activeElement === f; })
      .map((f) => f.getAttribute('aria-label')));
    assert.deepEqual(reached, [], `${width} px`);
    assert.equal(await page.locator('.formula:not([aria-label^="formula: "])').count(), 0);
    assert.deepEqual(problems, []);
    await page.close();
  }
  // Narrower than its widest formula, the page lets the keyboard scroll it, by its name.
  const { page: narrow } = await openApp(app.browser, app.server.url, { width: 280 });
  await narrow.locator('.formula').first().waitFor();
  const scrolling = await narrow.evaluate(() => [...document.querySelectorAll('.formula')]
    .filter((f) => f.scrollWidth > f.clientWidth)
    .map((f) => { f.focus(); return [document.activeElement === f, f.getAttribute('role')]; }));
  assert.ok(scrolling.length > 0);
  for (const [reached, role] of scrolling) assert.deepEqual([reached, role], [true, 'group']);
  await narrow.close();
  const { page: embed } = await openApp(app.browser, app.server.url, { hash: '#embed=1&panels=ab', ready: '#ab' });
  assert.equal(await embed.locator('a.skip, nav.panel-nav').count(), 0);
  await embed.close();
});
