//! What the page says when its work does not run in a worker: where it runs, what that costs,
//! and what is missing.

use leptos::prelude::*;

use super::{Progress, Runs};

/// Said when the worker's module runs on the page's thread.
const THREAD: &str = "This page could not start background work (a sandboxed frame cannot): \
     everything is computed on the page's own thread, so large scenarios, imports and training \
     pause the page while they run.";
/// Said when even that module could not load.
const ENGINE: &str = "This page could not start background work (a sandboxed frame cannot), nor \
     load the worker's module (engine-worker.js): the numbers, charts and training are computed \
     on the page's own thread, but the words, the decision panel and imports are missing.";

/// A notice while the page's work runs without a worker (nothing otherwise).
#[component]
pub fn ComputeNotice() -> impl IntoView {
    let runs = expect_context::<Progress>().runs;
    let text = move || match runs.get() {
        Runs::Worker => None,
        Runs::Thread => Some(THREAD),
        Runs::Engine => Some(ENGINE),
    };
    move || text().map(|t| view! { <p class="notices" role="status">{t}</p> })
}
