//! The page's Web Worker, a wasm module of its own (`worker.js` loads it): the exact engine,
//! the predictions file and training on a sample. What the page asks and what the worker does
//! are `imbalance_lab::worker`'s; this binary only exports the host `worker.js` hands each
//! message to. Being a separate module, its work never weighs on the page's first load.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

/// The worker's engine, as `worker.js` sees it: it hands over each message from the page, and
/// the replies go out through the `post` function it gave.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub struct WorkerHost {
    // Shared with an import under way, which reads its file between messages.
    engine: std::rc::Rc<std::cell::RefCell<imbalance_lab::sim::engine::Engine>>,
    post: js_sys::Function,
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
impl WorkerHost {
    /// A host with nothing computed yet; `post(message, transfer)` sends a reply to the page.
    #[wasm_bindgen(constructor)]
    pub fn new(post: js_sys::Function) -> WorkerHost {
        console_error_panic_hook::set_once();
        WorkerHost {
            engine: Default::default(),
            post,
        }
    }

    /// Answers one message from the page.
    pub fn receive(&mut self, message: JsValue) {
        imbalance_lab::worker::js::receive(&self.engine, &message, &self.post);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("engine-worker is the web app's worker: `make serve` builds and serves it.");
}
