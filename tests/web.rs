//! In headless Chromium (wasm-bindgen-test): the core gives the native numbers to the bit, and
//! the mounted app follows its controls.

#![cfg(target_arch = "wasm32")]

mod common;

use imbalance_lab::ui::App;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn golden_values_match_native_bit_for_bit() {
    common::golden::check();
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// The value cells of a table row, by the row's header text.
fn row(root: &Element, table: &str, name: &str) -> String {
    let rows = root
        .query_selector_all(&format!("table[aria-label='{table}'] tbody tr"))
        .unwrap();
    (0..rows.length())
        .map(|i| rows.item(i).unwrap().dyn_into::<HtmlElement>().unwrap())
        .find(|r| {
            r.query_selector("th")
                .unwrap()
                .unwrap()
                .text_content()
                .unwrap()
                == name
        })
        .map(|r| {
            let cells = r.query_selector_all("td").unwrap();
            (0..cells.length())
                .map(|i| cells.item(i).unwrap().text_content().unwrap())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .unwrap_or_else(|| panic!("no row {name} in {table}"))
}

/// The input element `selector` finds under `root`.
fn input(root: &Element, selector: &str) -> HtmlInputElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into()
}

/// Waits, 10 ms at a time for at most 2 s, until `selector` finds an element under `root`: the
/// page builds its panels one a task after its first paint.
async fn built(root: &Element, selector: &str) {
    for _ in 0..200 {
        if root.query_selector(selector).unwrap().is_some() {
            return;
        }
        let wait = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(wait).await.unwrap();
    }
    panic!("no {selector}");
}

fn first_number(text: &str) -> f64 {
    text.split(' ').next().unwrap().parse().unwrap()
}

#[wasm_bindgen_test]
async fn mounted_app_follows_a_slider() {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let _handle = leptos::mount::mount_to(root.clone().unchecked_into(), App);
    built(&root, "table[aria-label='metrics']").await;

    let bce = first_number(&row(&root, "losses", "BCE"));
    assert!((bce - 0.3141).abs() < 0.001, "BCE {bce}");
    let recall = first_number(&row(&root, "metrics", "recall"));
    assert!((recall - 0.5).abs() < 0.02, "recall {recall}");

    let slider = input(&root, "#acc1");
    slider.set_value("0.9");
    let init = EventInit::new();
    init.set_bubbles(true);
    slider
        .dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    tick().await;

    let recall_after = first_number(&row(&root, "metrics", "recall"));
    assert!((recall_after - 0.9).abs() < 0.02, "recall {recall_after}");
    let shown = input(&root, "#acc1-value");
    assert_eq!(shown.value(), "0.9000");
    assert!(first_number(&row(&root, "losses", "BCE")) < bce);
}
