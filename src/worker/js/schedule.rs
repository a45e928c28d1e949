//! The work the worker does between the page's messages, and when: the import's code warmed
//! up once the page is quiet, and the decision panel's bootstrap run on in slices that pause
//! while messages keep coming.

use std::cell::{Cell, RefCell};

use js_sys::Function;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::features::decide::worker::Decider;
use crate::features::import::js::NEWEST;
use crate::protocol::FromWorker;

thread_local! {
    /// The decision panel's state, and whether its bootstrap is being run on.
    pub(super) static DECIDER: RefCell<Decider> = RefCell::default();
    static BOOTSTRAPPING: Cell<bool> = const { Cell::new(false) };
    /// When the last message from the page arrived (`now()`).
    pub(super) static LAST_MESSAGE: Cell<f64> = const { Cell::new(0.0) };
    /// Whether the import's code is being warmed up, or was.
    static WARMING: Cell<bool> = const { Cell::new(false) };
}

/// How long the bootstrap stays paused after a message: during a drag the worker answers each
/// input at once instead of finishing a slice first.
const QUIET_MS: f64 = 150.0;

/// Milliseconds on the worker's monotonic clock (`performance.now()`; the wall clock if it has
/// none): a wall clock set back would stretch a slice.
pub(crate) fn now() -> f64 {
    let global = js_sys::global();
    js_sys::Reflect::get(&global, &"performance".into())
        .ok()
        .and_then(|p| {
            let f = js_sys::Reflect::get(&p, &"now".into()).ok()?;
            f.dyn_into::<Function>().ok()?.call0(&p).ok()?.as_f64()
        })
        .unwrap_or_else(js_sys::Date::now)
}

/// How long the page's worker waits without a message before it warms up the import's code:
/// a second, so that it does not run beside the page's first load (with half a second it did,
/// and the first load's exact numbers came about 150 ms later).
const WARM_QUIET_MS: f64 = 1000.0;
/// The warm-up's rounds, each a made-up file of `WARM_ROWS` rows (10-20 ms in the browser's
/// first, baseline code): the messages that come meanwhile are answered between them.
const WARM_ROUNDS: usize = 6;
const WARM_ROWS: usize = 5_000;

/// Once, after the page's first message: when the worker has had none for `WARM_QUIET_MS`, imports
/// small made-up files a round at a time (`features::import::worker::warm_up`), so that a reader's
/// large file finds the import's code compiled fully (a cold first import of 1,000,000 rows took
/// about 100 ms more). Stops if an import starts first.
pub(super) fn warm_up_when_quiet() {
    if WARMING.with(|w| w.replace(true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        for _ in 0..WARM_ROUNDS {
            while let Some(wait) = until_quiet(WARM_QUIET_MS) {
                let _ = next_task(wait).await;
            }
            if NEWEST.with(|n| n.get()) != 0 {
                return;
            }
            let _ = crate::features::import::worker::warm_up(WARM_ROWS);
            let _ = next_task(0).await;
        }
    });
}

/// How many more milliseconds until no message from the page has come for `ms` (`None`: none
/// has for that long already).
fn until_quiet(ms: f64) -> Option<i32> {
    let quiet = now() - LAST_MESSAGE.with(Cell::get);
    (quiet < ms).then(|| (ms - quiet).ceil() as i32)
}

/// A promise fulfilled after `ms` milliseconds and the messages already waiting.
pub(crate) fn next_task(ms: i32) -> JsFuture {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let global = js_sys::global();
        if let Ok(f) = js_sys::Reflect::get(&global, &"setTimeout".into())
            && let Ok(f) = f.dyn_into::<Function>()
        {
            let _ = f.call2(&global, &resolve, &JsValue::from(ms));
        }
    });
    JsFuture::from(promise)
}

/// Runs the decision panel's bootstrap on in slices of about 12 ms, answering the messages
/// that arrive in between (and pausing while they keep coming), and sends the panel again
/// every 200 ms and when it is done.
pub(super) fn bootstrap_on(reply: impl Fn(FromWorker) + 'static) {
    if BOOTSTRAPPING.with(|b| b.replace(true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let mut sent = now();
        while DECIDER.with(|d| d.borrow().busy()) {
            if let Some(wait) = until_quiet(QUIET_MS) {
                let _ = next_task(wait).await;
                continue;
            }
            let _ = next_task(0).await;
            let end = now() + 12.0;
            let moved = DECIDER.with(|d| d.borrow_mut().advance(|| now() < end));
            let finished = !DECIDER.with(|d| d.borrow().busy());
            // The panel is rendered only when it is sent.
            if moved && (finished || now() - sent > 200.0) {
                sent = now();
                if let Some(decided) = DECIDER.with(|d| d.borrow_mut().again()) {
                    reply(FromWorker::Decided(Box::new(decided)));
                }
            }
        }
        BOOTSTRAPPING.with(|b| b.set(false));
    });
}
