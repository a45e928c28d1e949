// Serves dist/ on 127.0.0.1 and drives Debian's Chromium with playwright-core.
// No browser is ever downloaded: CHROMIUM (default /usr/bin/chromium) must exist.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const DIST = process.env.DIST_DIR ?? new URL('../dist/', import.meta.url).pathname;
export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Starts a static server for dist/ on a free loopback port; resolves to { url, close }.
 * `prefix` serves the site from a sub-path (as a host would, e.g. '/lab/'); `extra` maps
 * paths to pages of the tests' own (a host page that embeds the app, say); `missing` names files
 * to answer 404 for (a host that did not upload the worker, say); `headers` are added to every
 * response (`{ 'access-control-allow-origin': '*' }`, as GitHub Pages sends, say).
 */
export async function serveDist({ prefix = '/', extra = {}, missing = [], headers = {} } = {}) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (extra[path]) {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
      res.end(extra[path]);
      return;
    }
    if (!path.startsWith(prefix) || missing.some((m) => path.endsWith(m))) {
      res.writeHead(404, headers).end('not found');
      return;
    }
    const inner = '/' + path.slice(prefix.length);
    const file = join(DIST, inner.endsWith('/') ? inner + 'index.html' : inner);
    try {
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, headers).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/** Launches headless Chromium with the flags this sandbox needs. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/**
 * Opens the app and records what a user never wants to see: console errors, uncaught
 * exceptions, and requests that leave the page's origin.
 */
export async function openApp(browser, baseUrl, { width = 1280, height = 900, hash = '', options = {}, ready = 'table[aria-label="metrics"]' } = {}) {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 2, ...options });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.origin !== new URL(baseUrl).origin && u.protocol !== 'data:' && u.protocol !== 'blob:') {
      problems.push(`foreign request: ${r.url()}`);
    }
  });
  await page.goto(baseUrl + hash);
  // The app is mounted once its first panel is there (by default, the metrics table).
  await page.locator(ready).first().waitFor();
  await exactNumbers(page);
  await wordsIn(page);
  return { page, problems };
}

/**
 * Waits (a few seconds at most: a page without a worker has none) for the worker's words, so
 * that nothing moves under a test's pointer when they arrive.
 */
export async function wordsIn(page) {
  await page.waitForFunction(() => {
    const boxes = [...document.querySelectorAll('.words-box')];
    return boxes.length === 0 || boxes.some((b) => b.textContent.trim() !== '');
  }, null, { timeout: 5_000 }).catch(() => {});
}

/**
 * Waits until every number on the page is exact: with a class larger than its preview, the
 * page first shows estimates and marks <main data-exact="false"> until the worker answers.
 */
export async function exactNumbers(page) {
  await page.waitForFunction(() => document.querySelector('main')?.dataset.exact !== 'false', null, { timeout: 120_000 });
}

/** The text of a table row's value cells, found by the row's header as a user reads it. */
export async function rowText(page, table, rowName) {
  const row = page.getByRole('table', { name: table }).getByRole('row', { name: rowName });
  return (await row.locator('td').allTextContents()).join(' | ');
}

/**
 * The usual set-up of a test file: dist/ served and Chromium launched before its tests, both
 * closed after them. Returns an object whose `server` and `browser` are set once they run.
 */
export function useApp(options) {
  const app = {};
  before(async () => {
    app.server = await serveDist(options);
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}
