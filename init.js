// Starts the app. A file of its own rather than Trunk's inline script, so the page's
// Content-Security-Policy can forbid inline scripts.
import init from './imbalance-lab.js';

const wasm = await init();
// The browser benchmark (e2e/bench) reads the size of the wasm memory from here.
globalThis.imbalanceLab = { memory: wasm.memory };
