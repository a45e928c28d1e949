// The page's Web Worker: a wasm module of its own (src/bin/engine-worker.rs), so the passes
// over millions of samples never block the page and their code never weighs on its first
// load. The messages and what to do with them are Rust's (src/worker/); this file only loads
// the module and forwards messages.
import init, { WorkerHost } from './engine-worker.js';

const early = [];
let host = null;
onmessage = (e) => (host ? host.receive(e.data) : early.push(e.data));

init().then((wasm) => {
  // The browser benchmark reads the worker's memory from here too.
  globalThis.imbalanceLab = { memory: wasm.memory };
  host = new WorkerHost((message, transfer) => postMessage(message, transfer));
  for (const message of early.splice(0)) host.receive(message);
  // A reply the page cannot read tells it to compute by itself.
}, () => postMessage(null));
