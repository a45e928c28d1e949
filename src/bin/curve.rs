//! The curve module: an embed of the focal curve alone (the scenario's loss parameters and the
//! curve), with none of the predictions' machinery. The start-up script (index.html) loads it for such embeds
//! (`PageState::module`): about half the bytes of the full page's module.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(imbalance_lab::ui::curve::curve_app);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("imbalance-lab's curve module is a web app: run `make serve`.");
}
