//! The page: mounts the app. The exact engine's Web Worker is a binary of its own
//! (`src/bin/engine-worker.rs`), so the page's module carries none of the worker's work.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(imbalance_lab::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("imbalance-lab is a web app: run `make serve` and open the printed address.");
}
