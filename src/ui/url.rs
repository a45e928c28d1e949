//! The page's state mirrored in the URL fragment: written as controls move (replacing the
//! history entry, a moment after the last change, so a drag does not flood the history), and
//! read back when the reader edits the address.

use std::time::Duration;

use leptos::__reexports::send_wrapper::SendWrapper;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::signals::PageSignals;
use crate::state::link;

/// The current fragment, without `#`.
pub fn current_fragment() -> String {
    window()
        .location()
        .hash()
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_string()
}

/// The page's address without its fragment.
pub fn base_url() -> String {
    let href = window().location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

fn write_fragment(fragment: &str) {
    if current_fragment() == fragment {
        return;
    }
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{fragment}")));
    }
}

/// Keeps the URL and the page in step, both ways.
pub fn sync(page: PageSignals) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let fragment = link::format(&page.state());
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let write = move || write_fragment(&fragment);
        pending.set_value(set_timeout_with_handle(write, Duration::from_millis(150)).ok());
    });
    let on_hash_change = Closure::<dyn Fn()>::new(move || {
        let parsed = link::parse(&current_fragment());
        if parsed.state != page.state_untracked() {
            page.set(parsed.state);
        }
        page.notices.set(parsed.notices);
    });
    let _ = window()
        .add_event_listener_with_callback("hashchange", on_hash_change.as_ref().unchecked_ref());
    let keep = SendWrapper::new(on_hash_change);
    on_cleanup(move || {
        let on_hash_change = keep.take();
        let _ = window().remove_event_listener_with_callback(
            "hashchange",
            on_hash_change.as_ref().unchecked_ref(),
        );
    });
}
