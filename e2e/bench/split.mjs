import { serveDist, launch } from '../harness.mjs';
const server = await serveDist();
const browser = await launch();
const ctrls = (process.env.CTRLS || 'gamma,acc0,ratio,thr').split(',');
const vals = { thr: (i) => 0.3 + 0.02 * (i % 10), gamma: (i) => 1.5 + 0.1 * (i % 10), acc0: (i) => 0.95 + 0.004 * (i % 10), ratio: (i) => 0.45 + 0.01 * (i % 10), acc1: (i) => 0.5 + 0.01 * (i % 10) };
for (const extra of (process.env.VARIANTS || '&panels=numbers|').split('|')) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}#neg=${process.env.NEG || 1000000}&pos=${process.env.POS || 10000}${extra}`);
  await page.locator('table[aria-label="metrics"]').waitFor({ timeout: 120000 });
  await page.waitForTimeout(1000);
  for (const id of ctrls) {
    const r = await page.evaluate(async ({ id, vs }) => {
      const el = document.getElementById(id);
      const idle = () => new Promise((r) => { const ch = new MessageChannel(); ch.port1.onmessage = () => r(performance.now()); ch.port2.postMessage(0); });
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const out = [];
      for (const v of vs) {
        await frame(); await frame();
        const t0 = await new Promise((r) => requestAnimationFrame(() => { const t0 = performance.now(); el.value = String(v); el.dispatchEvent(new Event('input', { bubbles: true })); r(t0); }));
        const done = await idle();
        out.push(done - t0);
      }
      out.sort((a, b) => a - b);
      return out[Math.floor(out.length / 2)];
    }, { id, vs: Array.from({ length: 9 }, (_, i) => vals[id](i)) });
    console.log(`${extra || '(all)'} ${id} median work ${r.toFixed(1)} ms`);
  }
  await page.close();
}
await browser.close(); await server.close();
