// The built app in a real browser: it loads cleanly and follows its controls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openApp, rowText } from './harness.mjs';

const app = useApp();

const num = (text) => Number.parseFloat(text.split('|')[0]);

test('loads with the notebook scenario, no console error, no foreign request', async () => {
  const { page, problems } = await openApp(app.browser, app.server.url);
  // Representative A: BCE mean 0.3141 within sampling noise, focal sum about 31,700.
  const bce = await rowText(page, 'losses', /^BCE/);
  assert.ok(Math.abs(num(bce) - 0.3141) < 0.001, bce);
  const focal = await rowText(page, 'losses', /^focal/);
  const focalSum = Number.parseFloat(focal.split('|')[1]);
  assert.ok(Math.abs(focalSum - 31700) < 320, focal);
  assert.match(await rowText(page, 'metrics', /^ROC AUC/), /^0\.\d+$/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('dragging the acc1 slider changes recall and BCE while dragging', async () => {
  const { page, problems } = await openApp(app.browser, app.server.url);
  const before = { recall: await rowText(page, 'metrics', /^recall/), bce: await rowText(page, 'losses', /^BCE/) };
  const slider = page.getByLabel('accuracy on positives acc1', { exact: true });
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  // The thumb sits at the middle for acc1 = 0.5; drag it most of the way right.
  await page.mouse.move(box.x + box.width * 0.5, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.7, y, { steps: 4 });
  const during = await rowText(page, 'metrics', /^recall/);
  await page.mouse.move(box.x + box.width * 0.9, y, { steps: 4 });
  await page.mouse.up();
  const after = { recall: await rowText(page, 'metrics', /^recall/), bce: await rowText(page, 'losses', /^BCE/) };
  assert.notEqual(during, before.recall, 'numbers follow the drag before release');
  assert.ok(num(after.recall) > num(during) && num(during) > num(before.recall), JSON.stringify({ before, during, after }));
  assert.ok(num(after.bce) < num(before.bce), 'better positives lower the BCE');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the threshold moves the confusion matrix but not the losses', async () => {
  const { page, problems } = await openApp(app.browser, app.server.url);
  const tp = await rowText(page, 'metrics', /^TP/);
  const bce = await rowText(page, 'losses', /^BCE/);
  const field = page.getByLabel('threshold, value');
  await field.fill('0.3');
  await field.press('Enter');
  const tpAfter = await rowText(page, 'metrics', /^TP/);
  assert.ok(Number(tpAfter) > Number(tp), `${tp} -> ${tpAfter}`);
  assert.equal(await rowText(page, 'losses', /^BCE/), bce);
  assert.deepEqual(problems, []);
  await page.close();
});

test('no positives: recall is undefined with its reason, nothing shows NaN', async () => {
  const { page, problems } = await openApp(app.browser, app.server.url);
  const field = page.getByLabel('positives (label 1)');
  await field.fill('0');
  await field.press('Enter');
  // The cell is marked; the reason is a note under the table (a reason in the cell widened it
  // past its panel).
  assert.match(await rowText(page, 'metrics', /^recall/), /^undefined\*/);
  const notes = page.locator('#numbers .table-notes', { hasText: 'no positive samples' }).first();
  assert.match(await notes.textContent(), /^\* undefined: there are no positive samples\./m);
  const body = await page.locator('body').innerText();
  assert.doesNotMatch(body, /NaN|Infinity|inf\b/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the losses panel's sentence on who carries the loss follows the scenario", async () => {
  // The panel's words open with the threshold's sentence; this one says who carries the loss.
  const sentence = (page) => page.locator('#numbers .explain').filter({ hasText: 'carry' }).first().textContent();
  const { page, problems } = await openApp(app.browser, app.server.url, { hash: '#neg=10000&pos=10000&acc0=0.9&acc1=0.9' });
  // Balanced, equally good on each class: the shares are about even, as the table says.
  const balanced = await sentence(page);
  const share = (await rowText(page, 'losses', /^BCE/)).split('|')[2].trim();
  assert.match(balanced, /With as many negatives as positives \(10,000 and 10,000\), the negatives carry/);
  assert.ok(balanced.includes(`carry ${share} of BCE's sum`), `${balanced} / table: ${share}`);
  // The notebook's 1:100 with half the positives missed: the negatives carry most of it.
  await page.goto(`${app.server.url}#neg=1000000&pos=10000&acc0=0.999&acc1=0.5`);
  await page.waitForFunction((b) => [...document.querySelectorAll('#numbers .explain')]
    .some((e) => e.textContent.includes('carry') && e.textContent !== b), balanced);
  const rare = await sentence(page);
  assert.match(rare, /With 100 negatives per positive/);
  assert.notEqual(rare, balanced);
  assert.deepEqual(problems, []);
  await page.close();
});
