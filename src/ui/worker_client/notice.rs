//! What the page says when its work does not run in a worker: where it runs, what that costs,
//! and what is missing. Written straight into the page rather than as a view: a view of its own
//! cost the page's first load over a kilobyte gzipped, for a notice few readers ever see.

use leptos::prelude::document;

/// Where the worker's work runs, as far as the reader needs to know.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) enum Runs {
    /// In a worker (or not needed yet).
    #[default]
    Worker,
    /// In the worker's module on the page's thread: everything works, long jobs pause the page.
    Thread,
    /// In the page's own engine: the exact numbers and training only.
    Engine,
}

const ID: &str = "compute-notice";

/// Says where the page's work runs now, at the top of its main region (once; again if it
/// changes).
pub(super) fn say(runs: Runs) {
    let text = match runs {
        Runs::Worker => return,
        Runs::Thread => {
            "No background worker can start here (a sandboxed frame cannot start one): \
             everything is computed on the page's own thread, so large scenarios, imports and \
             training pause the page while they run."
        }
        Runs::Engine => {
            "No background worker can start here, nor could the worker's module \
             (engine-worker.js) load: the numbers, charts and training are computed on the \
             page's own thread, but the words, the decision panel and imports are missing."
        }
    };
    unsay();
    if let Ok(Some(main)) = document().query_selector("main") {
        let html = format!(r#"<p id="{ID}" class="notices" role="status">{text}</p>"#);
        let _ = main.insert_adjacent_html("afterbegin", &html);
    }
}

/// Takes the notice away (the page is torn down, or says something else).
pub(super) fn unsay() {
    if let Some(old) = document().get_element_by_id(ID) {
        old.remove();
    }
}
