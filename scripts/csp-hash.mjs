// Trunk's post-build hook: writes the hash of the page's one inline script (the start-up code
// in index.html, after Trunk has minified the page) into its Content-Security-Policy, in place
// of 'sha256-BOOTSTRAP'. The policy then runs that exact script and no other inline one.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const file = join(process.env.TRUNK_STAGING_DIR ?? 'dist', 'index.html');
const html = await readFile(file, 'utf8');
const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
if (inline.length !== 1 || !html.includes("'sha256-BOOTSTRAP'")) {
  console.error(`csp-hash: expected one inline script and the 'sha256-BOOTSTRAP' placeholder in ${file}`);
  process.exit(1);
}
const hash = createHash('sha256').update(inline[0], 'utf8').digest('base64');
await writeFile(file, html.replace("'sha256-BOOTSTRAP'", `'sha256-${hash}'`));
