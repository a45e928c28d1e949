//! What the page does for a page around it: it draws itself in the colours the link asks for,
//! and, embedded in a frame, tells the frame's parent its height whenever that changes, so the
//! embedding page can size the frame and no inner scroll bar hides part of it. The message is
//! `{ type: "imbalance-lab:height", height: <whole CSS pixels> }` (README, "Embedding"); the
//! embed dialog's snippet carries a listener for it.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::ResizeObserver;

use super::hooks::page_theme;
use super::signals::PageSignals;
use crate::state::ThemeChoice;

/// The `type` of the height message.
pub const HEIGHT_MESSAGE: &str = "imbalance-lab:height";

/// Provides the page's theme to the charts, marks it on `<html>` for the CSS, and posts the
/// page's height to its parent while embedded.
pub fn follow(page: PageSignals) {
    let choice = move || page.view.with(|v| v.theme);
    provide_context(page_theme(choice));
    // A chosen theme overrides the CSS's `prefers-color-scheme`; auto leaves it in charge.
    Effect::new(move |_| {
        let Some(root) = document().document_element() else {
            return;
        };
        let _ = match choice() {
            ThemeChoice::Auto => root.remove_attribute("data-theme"),
            chosen => root.set_attribute("data-theme", chosen.key()),
        };
    });
    Effect::new(move |_| {
        if page.layout.with(|l| l.embed) {
            post_height();
        }
    });
}

/// Posts the document's height to the parent now and after every change, until the effect
/// that called it runs again (the page stops being embedded).
fn post_height() {
    let win = window();
    let Some(parent) = win.parent().ok().flatten() else {
        return;
    };
    // Opened on its own, the page is its own parent: nobody to tell.
    if js_sys::Object::is(&parent, &win) {
        return;
    }
    let Some(root) = document().document_element() else {
        return;
    };
    let last = std::cell::Cell::new(0i32);
    let measured = root.clone();
    let on_resize = Closure::<dyn Fn()>::new(move || {
        // The root's own box is as tall as the content, whatever the frame's height now.
        let height = measured.get_bounding_client_rect().height().ceil() as i32;
        if height == last.get() {
            return;
        }
        last.set(height);
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &JsValue::from(height));
        // The height is no secret, and the page cannot know its host's origin.
        let _ = parent.post_message(&message, "*");
    });
    let Ok(observer) = ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else {
        return;
    };
    observer.observe(&root);
    let keep = SendWrapper::new((observer, on_resize));
    on_cleanup(move || keep.take().0.disconnect());
}
