// Starts the app. A file of its own rather than Trunk's inline script, so the page's
// Content-Security-Policy can forbid inline scripts.
import init from './imbalance-lab.js';

/**
 * Where no Web Worker can start (a sandboxed frame's document has an opaque origin, which cannot
 * start one), the page runs the worker's own module on its thread instead
 * (src/ui/worker_client/thread.rs): imported only then, for it is nearly as large as the page's.
 * Resolves to { receive, close }: `receive(message)` takes what would have been posted to the
 * worker, `reply(message)` gets what it would have posted back. Both ways go a task later, as
 * across a worker, so neither side is re-entered from the other; `close()` stops the replies.
 */
async function pageHost(reply) {
  const { default: start, WorkerHost } = await import('./engine-worker.js');
  await start();
  let open = true;
  const host = new WorkerHost((message) => setTimeout(() => open && reply(message)));
  const receive = (message) => {
    try {
      host.receive(message);
    } catch (e) {
      // The module is broken (a panic aborts it): as from a worker that died, a reply the page
      // cannot read tells it to compute by itself.
      open = false;
      reply(null);
      throw e;
    }
  };
  return {
    receive: (message) => setTimeout(() => open && receive(message)),
    close: () => { open = false; },
  };
}

// Before the module starts: the page may need `pageHost` as it mounts.
globalThis.imbalanceLab = { pageHost };
const wasm = await init();
// The browser benchmark (e2e/bench) reads the size of the wasm memory from here.
globalThis.imbalanceLab.memory = wasm.memory;
