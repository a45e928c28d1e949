// Starts the app. A file of its own rather than Trunk's inline script, so the page's
// Content-Security-Policy can forbid inline scripts.
import init from './imbalance-lab.js';

// Where no Worker can start (a sandboxed frame), the worker's module runs on the page's thread,
// imported only then, behind this stand-in (connection.rs says why): a task later each way.
function pageWorker() {
  const w = { onmessage: null, onerror: null, terminate: () => { w.onmessage = null; } };
  const post = (data) => setTimeout(() => w.onmessage?.({ data }));
  const host = import('./engine-worker.js').then(async ({ default: start, WorkerHost }) => {
    await start();
    return new WorkerHost(post);
  });
  host.catch(() => post(null));
  w.postMessage = (message) => host.then((h) => setTimeout(() => {
    try {
      h.receive(message);
    } catch (e) {
      post(null);
      throw e;
    }
  }), () => {});
  return w;
}

globalThis.imbalanceLab = { pageWorker };
const wasm = await init();
// The browser benchmark (e2e/bench) reads the size of the wasm memory from here.
globalThis.imbalanceLab.memory = wasm.memory;
