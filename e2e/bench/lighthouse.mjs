// `make bench`, Lighthouse half: the built site (dist/) served gzipped from loopback, as a host
// serves it, measured with Lighthouse's default mobile profile (simulated slow 4G and a 4x
// slower CPU) in Debian's Chromium. For each view: LCP, TBT, the bytes transferred (everything
// the page fetched while it opened, the worker included when it started) and the accessibility
// score, against the goals of docs/BENCHMARKS.md. Exits non-zero when a goal is missed.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { TYPES } from '../harness.mjs';

const DIST = process.env.DIST_DIR ?? new URL('../../dist/', import.meta.url).pathname;
const KIB = 1024;
// name, fragment, goals (LCP in ms, TBT in ms, total bytes)
// LIGHTHOUSE_VIEWS='full page;focal embed' measures a subset (names as below, ';' between).
const ONLY_VIEWS = process.env.LIGHTHOUSE_VIEWS?.split(';');
const VIEWS = [
  ['full page', '', { lcp: 2500, tbt: 200 }],
  ['focal embed', '#embed=1&panels=focal&controls=alpha,gamma', { lcp: 2000, tbt: 200, bytes: 300 * KIB }],
  ['A/B embed', '#embed=1&panels=ab&controls=ratio,acc0,acc1', { tbt: 200 }],
  ['story, step 4', '#story=4', { lcp: 2500, tbt: 200 }],
];
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

/** Serves dist/ gzipped (zlib's default level, as static hosts use), each file compressed once. */
async function serveGzipped() {
  const cache = new Map();
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = join(DIST, path.endsWith('/') ? path + 'index.html' : path);
    try {
      if (!cache.has(file)) cache.set(file, gzipSync(await readFile(file)));
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-encoding': 'gzip',
      });
      res.end(cache.get(file));
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const server = await serveGzipped();
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let missed = 0;
try {
  for (const [name, hash, goals] of VIEWS.filter(([n]) => !ONLY_VIEWS || ONLY_VIEWS.includes(n))) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const { lhr } = await lighthouse(server.url + hash, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
      });
      const audit = (id) => lhr.audits[id].numericValue;
      runs.push({
        lcp: audit('largest-contentful-paint'),
        tbt: audit('total-blocking-time'),
        bytes: audit('total-byte-weight'),
        a11y: lhr.categories.accessibility.score * 100,
        requests: lhr.audits['network-requests'].details.items.map((r) => r.url.split('/').pop()),
        element: lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet,
        // The accessibility audits that failed, with the first element each names.
        failing: lhr.categories.accessibility.auditRefs
          .map((a) => lhr.audits[a.id])
          .filter((a) => a.score !== null && a.score < 1)
          .map((a) => `${a.id}: ${a.details?.items?.[0]?.node?.snippet ?? ''}`),
      });
    }
    const m = {
      lcp: median(runs.map((r) => r.lcp)),
      tbt: median(runs.map((r) => r.tbt)),
      bytes: median(runs.map((r) => r.bytes)),
      a11y: Math.min(...runs.map((r) => r.a11y)),
    };
    const fails = [];
    if (goals.lcp && m.lcp > goals.lcp) fails.push(`LCP over ${goals.lcp} ms`);
    if (goals.tbt && m.tbt > goals.tbt) fails.push(`TBT over ${goals.tbt} ms`);
    if (goals.bytes && m.bytes > goals.bytes) fails.push(`over ${goals.bytes / KIB} KiB`);
    if (m.a11y < 100) fails.push('accessibility under 100');
    missed += fails.length;
    console.log(
      `${name.padEnd(14)} LCP ${(m.lcp / 1000).toFixed(2)} s, TBT ${Math.round(m.tbt)} ms, ` +
        `${(m.bytes / KIB).toFixed(1)} KiB, accessibility ${m.a11y} (median of ${RUNS}; ` +
        `LCP ${runs.map((r) => Math.round(r.lcp)).join(', ')} ms; TBT ${runs.map((r) => Math.round(r.tbt)).join(', ')} ms) ` +
        `${fails.length ? 'MISSED: ' + fails.join(', ') : 'ok'}`,
    );
    console.log(`${''.padEnd(14)} fetched: ${[...new Set(runs[0].requests)].join(' ')}`);
    console.log(`${''.padEnd(14)} largest paint: ${runs[0].element}`);
    for (const f of new Set(runs.flatMap((r) => r.failing))) console.log(`${''.padEnd(14)} accessibility: ${f}`);
  }
} finally {
  await chrome.kill();
  server.close();
}
process.exitCode = missed ? 1 : 0;
