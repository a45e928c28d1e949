//! The embed module: the page without what an embed never shows (header, share bar, import,
//! story, words) and without the panels only the full page carries (`Panel::FULL_ONLY`).
//! The start-up script (index.html) loads it instead of the full page's module when the link is such an embed
//! (`PageState::module`): a quarter fewer bytes.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(imbalance_lab::ui::embed_app);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("imbalance-lab's embed module is a web app: run `make serve`.");
}
