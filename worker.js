// The page's Web Worker: the same wasm module as the page, used only for its exact engine, so
// the passes over millions of samples never block the page. Messages are [kind, ...data]:
//   in:  ['exact', Float64Array request]          out: ['progress', share], then ['exact', Float64Array]
//   in:  ['csv', Float64Array request, rows]      out: ['csv', Uint8Array, share] ..., then ['csv-done']
import init, { ExactWorker } from './imbalance-lab.js';

const ROWS = 100_000;
const queue = [];
let engine = null;

function drain() {
  while (queue.length) {
    const [kind, request, rows] = queue.shift();
    if (kind === 'exact') {
      // Only the newest request matters; older ones still queued are skipped.
      if (queue.some(([k]) => k === 'exact')) continue;
      const out = engine.exact(request, (p) => postMessage(['progress', p]));
      postMessage(['exact', out], [out.buffer]);
    } else if (kind === 'csv') {
      for (let start = 0; start < rows; start += ROWS) {
        const end = Math.min(rows, start + ROWS);
        const bytes = engine.csv(request, start, end);
        postMessage(['csv', bytes, end / rows], [bytes.buffer]);
      }
      postMessage(['csv-done']);
    }
  }
}

onmessage = (e) => {
  queue.push(e.data);
  if (engine) drain();
};

init().then((wasm) => {
  // The browser benchmark reads the worker's memory from here too.
  globalThis.imbalanceLab = { memory: wasm.memory };
  engine = new ExactWorker();
  postMessage(['ready']);
  drain();
}, (err) => postMessage(['error', String(err)]));
