// Serves dist/ on 127.0.0.1 and drives Debian's Chromium with playwright-core.
// No browser is ever downloaded: CHROMIUM (default /usr/bin/chromium) must exist.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const DIST = new URL('../dist/', import.meta.url).pathname;
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Starts a static server for dist/ on a free loopback port; resolves to { url, close }. */
export async function serveDist() {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = join(DIST, path.endsWith('/') ? path + 'index.html' : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
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
export async function openApp(browser, baseUrl, { width = 1280, height = 900, hash = '' } = {}) {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 2 });
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
  // The app is mounted once the metrics table shows a count.
  await page.getByRole('table', { name: 'metrics' }).waitFor();
  return { page, problems };
}

/** The text of a table row's value cells, found by the row's header as a user reads it. */
export async function rowText(page, table, rowName) {
  const row = page.getByRole('table', { name: table }).getByRole('row', { name: rowName });
  return (await row.locator('td').allTextContents()).join(' | ');
}
