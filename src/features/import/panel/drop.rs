//! A file dropped anywhere on the page. While one is dragged over it, the page says where it
//! goes (`dropping` on the root element outlines the import box); leaving the window or
//! dropping ends that.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Blob, DragEvent};

const DRAG_EVENTS: [&str; 3] = ["dragover", "dragleave", "drop"];

fn dropping(on: bool) {
    if let Some(root) = document().document_element() {
        let _ = root.class_list().toggle_with_force("dropping", on);
    }
}

/// Hands each file dropped on the page to `choose`, while the component lives.
pub(super) fn take_drops(choose: impl Fn(Blob, String) + Copy + 'static) {
    Effect::new(move |_| {
        // One listener for the three events (one closure type, not three, in the page's wasm).
        let on_drag = Closure::<dyn Fn(DragEvent)>::new(move |e: DragEvent| {
            let data = e.data_transfer();
            match e.type_().as_str() {
                "dragover" => {
                    e.prevent_default();
                    dropping(data.is_some_and(|d| d.types().includes(&"Files".into(), 0)));
                }
                // Out of the window: `relatedTarget` is where the drag went, none outside.
                "dragleave" => {
                    if e.related_target().is_none() {
                        dropping(false);
                    }
                }
                // Only a dropped file is taken: text dropped into the paste box stays text.
                _ => {
                    dropping(false);
                    if let Some(f) = data.and_then(|d| d.files()).and_then(|f| f.get(0)) {
                        e.prevent_default();
                        choose(f.clone().into(), f.name());
                    }
                }
            }
        });
        let w = window();
        for name in DRAG_EVENTS {
            let _ = w.add_event_listener_with_callback(name, on_drag.as_ref().unchecked_ref());
        }
        let keep = SendWrapper::new(on_drag);
        on_cleanup(move || {
            let on_drag = keep.take();
            for name in DRAG_EVENTS {
                let _ = window()
                    .remove_event_listener_with_callback(name, on_drag.as_ref().unchecked_ref());
            }
        });
    });
}
