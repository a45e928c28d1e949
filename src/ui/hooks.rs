//! Hooks that own an observer or a timer and clean up after themselves: the page's theme, whether
//! an element is on screen, running work when it is seen, an element's size, and when an
//! estimate has been on screen long enough to be marked.

use std::time::Duration;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{MediaQueryList, ResizeObserver};

use crate::charts::Theme;
use crate::state::ThemeChoice;

/// The colours the page is drawn in: the chosen theme, or, when the choice is auto, the
/// system's colour scheme, followed while the page is open.
pub fn page_theme(choice: impl Fn() -> ThemeChoice + Copy + 'static) -> ReadSignal<Theme> {
    let query: Option<MediaQueryList> = window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten();
    let resolve = move |system_dark: bool| match choice() {
        ThemeChoice::Light => Theme::Light,
        ThemeChoice::Dark => Theme::Dark,
        ThemeChoice::Auto if system_dark => Theme::Dark,
        ThemeChoice::Auto => Theme::Light,
    };
    let system_dark = {
        let query = query.clone();
        move || query.as_ref().is_some_and(MediaQueryList::matches)
    };
    let (theme, set_theme) = signal(untrack(|| resolve(system_dark())));
    // A link read again (the reader edits the address) can change the choice.
    Effect::new(move |_| set_theme.set(resolve(system_dark())));
    if let Some(query) = query {
        let on_change = Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(
            move |ev: web_sys::MediaQueryListEvent| {
                set_theme.set(untrack(|| resolve(ev.matches())));
            },
        );
        let _ =
            query.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        let keep = SendWrapper::new((query, on_change));
        on_cleanup(move || {
            let (query, on_change) = keep.take();
            let _ = query
                .remove_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        });
    }
    theme
}

/// How long an off-screen chart or table waits after the last change before it catches up.
pub const OFFSCREEN_DELAY: Duration = Duration::from_millis(250);

/// Whether an element is on screen (or within 100 px of it), kept current by an
/// IntersectionObserver. What is off screen can wait: during a drag only what the reader sees is
/// redrawn, the rest catches up a moment after the drag stops.
pub fn on_screen(get: impl Fn() -> Option<web_sys::Element> + 'static) -> ReadSignal<bool> {
    let (visible, set_visible) = signal(false);
    Effect::new(move |_| {
        let Some(el) = get() else { return };
        let on_change = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Some(entry) = entries
                .iter()
                .last()
                .and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
            {
                set_visible.set(entry.is_intersecting());
            }
        });
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin("100px");
        let Ok(observer) = web_sys::IntersectionObserver::new_with_options(
            on_change.as_ref().unchecked_ref(),
            &options,
        ) else {
            set_visible.set(true);
            return;
        };
        observer.observe(&el);
        let keep = SendWrapper::new((observer, on_change));
        on_cleanup(move || keep.take().0.disconnect());
    });
    visible
}

/// Runs `act` after each change that `track` reads: at once while `visible`; off screen, a
/// moment after the last change (so the page is complete when the reader scrolls, prints or
/// saves), or as soon as it scrolls into view, whichever comes first. `track` hears whether the
/// element is visible: off screen it can track something cheaper than what `act` reads.
pub fn when_seen(
    visible: ReadSignal<bool>,
    track: impl Fn(bool) + 'static,
    act: impl Fn() + Copy + Send + Sync + 'static,
) {
    let dirty = StoredValue::new(false);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let run = move || {
        // A panel taken off the page (a link that hides it) takes its state with it: a timer
        // it left behind finds that gone and does nothing.
        let Some(handle) = pending.try_get_value() else {
            return;
        };
        if let Some(handle) = handle {
            handle.clear();
        }
        act();
        dirty.set_value(false);
    };
    on_cleanup(move || {
        if let Some(Some(handle)) = pending.try_get_value() {
            handle.clear();
        }
    });
    Effect::new(move |_| {
        let seen = visible.get_untracked();
        track(seen);
        if seen {
            run();
        } else {
            dirty.set_value(true);
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            pending.set_value(set_timeout_with_handle(run, OFFSCREEN_DELAY).ok());
        }
    });
    Effect::new(move |_| {
        if visible.get() && dirty.get_value() {
            run();
        }
    });
}

/// The CSS size of an element, kept current by a ResizeObserver.
pub fn element_size(node: NodeRef<leptos::html::Canvas>) -> ReadSignal<(u32, u32)> {
    let (size, set_size) = signal((0, 0));
    Effect::new(move |_| {
        let Some(el) = node.get() else { return };
        let target = el.clone();
        let on_resize = Closure::<dyn Fn()>::new(move || {
            set_size.set((target.client_width() as u32, target.client_height() as u32));
        });
        let Ok(observer) = ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else {
            return;
        };
        observer.observe(&el);
        let keep = SendWrapper::new((observer, on_resize));
        on_cleanup(move || keep.take().0.disconnect());
    });
    size
}

/// How long an estimate stays on screen before it is marked (italics, status line): the exact
/// numbers usually replace it sooner at a million samples, and marking then unmarking every
/// table cell on each input would only flicker and cost a re-layout.
const MARK_AFTER: Duration = Duration::from_millis(200);

/// Whether the page marks its numbers as estimates: once `exact` has been false for
/// `MARK_AFTER`, until it is true again.
pub fn estimate_marked(exact: Memo<bool>) -> ReadSignal<bool> {
    let (marked, set_marked) = signal(false);
    let generation = StoredValue::new(0u32);
    Effect::new(move |_| {
        let now = generation.get_value().wrapping_add(1);
        generation.set_value(now);
        if exact.get() {
            set_marked.set(false);
        } else {
            set_timeout(
                move || {
                    if generation.get_value() == now && !exact.get_untracked() {
                        set_marked.set(true);
                    }
                },
                MARK_AFTER,
            );
        }
    });
    marked
}
