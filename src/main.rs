#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // The same module also runs in the page's Web Worker (worker.js), which has no window and
    // only uses `WorkerHost`.
    if web_sys::window().is_some() {
        leptos::mount::mount_to_body(imbalance_lab::ui::App);
    }
}

/// The worker's engine, as `worker.js` sees it: it hands over each message from the page, and
/// the replies go out through the `post` function it gave.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub struct WorkerHost {
    engine: imbalance_lab::sim::engine::Engine,
    post: js_sys::Function,
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
impl WorkerHost {
    /// A host with nothing computed yet; `post(message, transfer)` sends a reply to the page.
    #[wasm_bindgen(constructor)]
    pub fn new(post: js_sys::Function) -> WorkerHost {
        WorkerHost {
            engine: Default::default(),
            post,
        }
    }

    /// Answers one message from the page.
    pub fn receive(&mut self, message: JsValue) {
        imbalance_lab::worker::js::receive(&mut self.engine, &message, &self.post);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("imbalance-lab is a web app: run `make serve` and open the printed address.");
}
