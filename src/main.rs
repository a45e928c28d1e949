#[cfg(target_arch = "wasm32")]
use imbalance_lab::sim::engine::Request;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // The same module also runs in the page's Web Worker (worker.js), which has no window and
    // only uses `ExactWorker`.
    if web_sys::window().is_some() {
        leptos::mount::mount_to_body(imbalance_lab::ui::App);
    }
}

/// The exact engine as the worker sees it: requests and answers are lists of numbers.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
#[derive(Default)]
pub struct ExactWorker(imbalance_lab::sim::engine::Engine);

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
impl ExactWorker {
    /// An engine with nothing computed yet.
    #[wasm_bindgen(constructor)]
    pub fn new() -> ExactWorker {
        ExactWorker::default()
    }

    /// The exact numbers of an encoded request (empty for a malformed one); `progress` is
    /// called with the share done.
    pub fn exact(&mut self, request: &[f64], progress: &js_sys::Function) -> Vec<f64> {
        let Some(r) = Request::decode(request) else {
            return Vec::new();
        };
        self.0
            .compute(&r, &mut |p| {
                let _ = progress.call1(&JsValue::NULL, &JsValue::from_f64(p));
            })
            .encode()
    }

    /// Rows `start..end` of the predictions file of an encoded request.
    pub fn csv(&mut self, request: &[f64], start: u32, end: u32) -> Vec<u8> {
        match Request::decode(request) {
            Some(r) => imbalance_lab::export::predictions_csv(
                &mut self.0,
                &r,
                start as usize..end as usize,
            ),
            None => Vec::new(),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("imbalance-lab is a web app: run `make serve` and open the printed address.");
}
