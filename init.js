// Starts the app. A file of its own rather than Trunk's inline script, so the page's
// Content-Security-Policy can forbid inline scripts.
//
// Two builds of the page: the full one, and the embed module (embed.js, src/bin/embed.rs),
// which leaves out the header, the share bar, the import, the story, the words and the panels
// that train or decide. An embed that shows none of those loads the embed module: a quarter
// fewer bytes. This is PageState::light's rule, read from the link (tests/embed_choice.rs checks
// that the two agree).
const FULL_ONLY = ['composition', 'ab', 'training', 'decide'];
const keys = new URLSearchParams(location.hash.slice(1));
const flag = (v) => ['1', 'true', 'yes', 'on'].includes((v ?? '').trim());
const panels = keys.has('panels') ? keys.get('panels').split(',').map((p) => p.trim()) : FULL_ONLY;
const story = keys.has('story') && keys.get('story').trim() !== '0';
const light = flag(keys.get('embed')) && !story && !panels.some((p) => FULL_ONLY.includes(p));
const url = light ? './embed.js' : './imbalance-lab.js';
// The module and its wasm are fetched side by side, not one after the other.
const wasm = fetch(url.replace('.js', '_bg.wasm'));
const { default: init } = await import(url);

const module = await init({ module_or_path: wasm });
// The browser benchmark (e2e/bench) reads the size of the wasm memory from here.
globalThis.imbalanceLab = { memory: module.memory };
