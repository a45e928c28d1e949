//! "Import predictions" (SPEC section 7): a file from the file input, dropped on the page, or
//! pasted. The worker looks at the file's first bytes and says what it found (the layout, the
//! label and score columns, the score kind), shown here as the first rows before and after
//! reading, with every choice open to the reader; the worker then reads the whole file. The
//! parser is in the worker's module only. Nothing leaves the page, and a file that cannot be
//! read leaves the view as it was.

use std::fmt::Write;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Blob, DragEvent};

use crate::format::{escape_html, grouped};
use crate::import::errors::count;
use crate::import::{Overrides, ScoreKind};
use crate::ui::state::{Imported, Page};
use crate::ui::words::words;
use crate::ui::worker_client::{ImportStatus, Progress, forget_data, forget_file, send_file};
use crate::worker::Detection;
use crate::worker::words::IMPORT;

/// A file chosen, with the reader's choices so far.
#[derive(Clone)]
struct Chosen {
    file: SendWrapper<Blob>,
    name: String,
    overrides: Overrides,
}

/// Moves the keyboard's focus to the element of this id, if there is one.
fn focus(id: &str) {
    if let Some(el) = document().get_element_by_id(id)
        && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = el.focus();
    }
}

/// What is shown: a line on the imported data, then the rows skipped, if any, in plain type.
fn imported_html(d: &Imported) -> String {
    let s = &d.summary.0;
    let mut html = format!(
        r#"<p class="imported-what">{}</p>"#,
        escape_html(&summary_text(d))
    );
    if s.skipped > 0 {
        let _ = write!(html, "<p>{}.</p>", escape_html(&s.skipped_text));
    }
    html
}

/// The preview's way out, whatever the file.
const CANCEL: &str = r#"<button type="button" data-act="cancel">Cancel</button>"#;

/// One line on the imported data.
fn summary_text(d: &Imported) -> String {
    let s = &d.summary.0;
    let models = match s.names.as_slice() {
        [a, b] => format!("{a} (model A) and {b} (model B)"),
        names => names.join(", "),
    };
    format!(
        "Showing {}: {} rows ({} negatives, {} positives), scores of {models} read as {}; {}.",
        d.file,
        grouped(s.rows()),
        grouped(u64::from(s.counts[0])),
        grouped(u64::from(s.counts[1])),
        match s.kind {
            ScoreKind::Probability => "probabilities",
            ScoreKind::Logit => "logits (turned into probabilities)",
        },
        s.labels,
    )
}

/// A labelled choice among `(value, text)` options as HTML.
fn select_html(
    out: &mut String,
    id: &str,
    label: &str,
    options: &[(String, String)],
    chosen: &str,
) {
    let _ = write!(
        out,
        r#"<span class="choice"><label for="{id}">{label}</label><select id="{id}">"#
    );
    // Nothing chosen yet (detection found no such column): say so, so that every real option
    // is a change the reader can make.
    if !options.iter().any(|(value, _)| value == chosen) {
        out.push_str(r#"<option value="" selected disabled>choose…</option>"#);
    }
    for (value, text) in options {
        let selected = if value == chosen { " selected" } else { "" };
        let _ = write!(
            out,
            r#"<option value="{}"{selected}>{}</option>"#,
            escape_html(value),
            escape_html(text)
        );
    }
    out.push_str("</select></span>");
}

/// What the worker found in a chosen file, as HTML: the layout, the reader's choices, the first
/// rows before and after reading, and the buttons (one delegated handler serves them all:
/// plain markup keeps the page's module small).
fn check_html(name: &str, d: &Detection) -> String {
    if d.columns.is_empty() {
        // Not a table (its message says why): nothing to choose, only the way out.
        return format!(
            r#"<p>{}</p><div class="train-buttons">{CANCEL}</div>"#,
            escape_html(name)
        );
    }
    let mut out = String::new();
    let _ = write!(
        out,
        "<p>{}: {}.</p>",
        escape_html(name),
        escape_html(&d.layout)
    );
    let columns: Vec<(String, String)> = d
        .columns
        .iter()
        .enumerate()
        .map(|(i, n)| (i.to_string(), n.clone()))
        .collect();
    let at = |i: Option<usize>| i.map_or("none".to_string(), |i| i.to_string());
    let values: Vec<(String, String)> = d
        .values
        .iter()
        .map(|(v, n)| (v.clone(), format!("{v} ({})", count(*n, "row"))))
        .collect();
    let mut with_none = vec![("none".to_string(), "none".to_string())];
    with_none.extend(columns.iter().cloned());
    out.push_str(r#"<div class="import-choices">"#);
    select_html(
        &mut out,
        "import-label",
        "label column",
        &columns,
        &at(d.label),
    );
    let positive = d.positive.clone().unwrap_or_default();
    select_html(
        &mut out,
        "import-positive",
        "positive class",
        &values,
        &positive,
    );
    let (a, b) = (d.scores.first().copied(), d.scores.get(1).copied());
    select_html(&mut out, "import-a", "model A scores", &columns, &at(a));
    select_html(&mut out, "import-b", "model B scores", &with_none, &at(b));
    let kinds = [("probability", "probabilities"), ("logit", "logits")]
        .map(|(v, t)| (v.to_string(), t.to_string()));
    let kind = d.kind.map_or("probability", ScoreKind::key);
    select_html(&mut out, "import-kind", "scores are", &kinds, kind);
    out.push_str(r#"</div><div class="chart-row two">"#);
    crate::format::table_html(
        &mut out,
        "numbers preview",
        "the file's first rows",
        &d.columns,
        &d.raw,
        false,
    );
    let mut read_header = vec!["class".to_string()];
    read_header.extend(
        d.scores
            .iter()
            .map(|&c| format!("{}: probability", d.columns.get(c).map_or("scores", |n| n))),
    );
    // Nothing is read until the choices are made (a third label value, say): no empty table.
    if !d.read.is_empty() {
        crate::format::table_html(
            &mut out,
            "numbers preview",
            "the first rows as read",
            &read_header,
            &d.read,
            false,
        );
    }
    let disabled = if d.problem.is_some() { " disabled" } else { "" };
    let _ = write!(
        out,
        r#"</div><div class="train-buttons"><button type="button" data-act="import"{disabled}>Import</button>{CANCEL}</div>"#
    );
    out
}

/// The reader's pick in one of the choices, applied to the overrides.
fn apply(o: &mut Overrides, id: &str, v: &str, d: &Detection) {
    let (a, b) = (d.scores.first().copied(), d.scores.get(1).copied());
    match id {
        "import-label" => {
            // A new label column has its own values: the positive one is detected afresh.
            o.label = v.parse().ok();
            o.positive = None;
        }
        "import-positive" => o.positive = Some(v.to_string()),
        "import-a" => {
            o.scores = v
                .parse()
                .ok()
                .map(|a| std::iter::once(a).chain(b).collect())
        }
        "import-b" => o.scores = a.map(|a| std::iter::once(a).chain(v.parse().ok()).collect()),
        "import-kind" => {
            o.kind = Some(if v == "logit" {
                ScoreKind::Logit
            } else {
                ScoreKind::Probability
            })
        }
        _ => {}
    }
}

/// The import box: choose, check, import; and the way back to the synthetic scenario.
#[component]
pub fn ImportBox(
    /// The page (its imported data and its scenario).
    page: Page,
) -> impl IntoView {
    let Progress {
        import: status,
        detection,
        ..
    } = expect_context::<Progress>();
    let chosen = RwSignal::new(None::<Chosen>);
    // The choices are re-written after each change: the changed one gets the focus back.
    let refocus = StoredValue::new(None::<String>);
    let choose = move |file: Blob, name: String| {
        refocus.set_value(None);
        detection.set(None);
        send_file(&file, &name, true, Overrides::default());
        chosen.set(Some(Chosen {
            file: SendWrapper::new(file),
            name,
            overrides: Overrides::default(),
        }));
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        else {
            return;
        };
        let Some(d) = detection.get_untracked() else {
            return;
        };
        refocus.set_value(Some(el.id()));
        chosen.update(|c| {
            if let Some(c) = c {
                apply(&mut c.overrides, &el.id(), &el.value(), &d);
                send_file(&c.file, &c.name, true, c.overrides.clone());
            }
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        if let Some(f) = input.files().and_then(|f| f.get(0)) {
            choose(f.clone().into(), f.name());
        }
        // The same file can be chosen again after a fix.
        input.set_value("");
    };
    let paste = NodeRef::<leptos::html::Textarea>::new();
    let on_paste = move |_| {
        let Some(area) = paste.get_untracked() else {
            return;
        };
        let parts = js_sys::Array::of1(&area.value().into());
        if let Ok(blob) = Blob::new_with_str_sequence(&parts) {
            choose(blob, "pasted text".into());
        }
    };
    // A file dropped anywhere on the page. While one is dragged over it, the page says where
    // it goes (`dropping` on the root element outlines this box); leaving the window or
    // dropping ends that.
    let dropping = |on: bool| {
        if let Some(root) = document().document_element() {
            let _ = root.class_list().toggle_with_force("dropping", on);
        }
    };
    const DRAG_EVENTS: [&str; 3] = ["dragover", "dragleave", "drop"];
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
    let restore_focus = move || {
        // After the new markup is on the page (this runs as it is written).
        set_timeout(
            move || {
                if let Some(id) = refocus.get_value() {
                    focus(&id);
                }
            },
            std::time::Duration::ZERO,
        );
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let act = el.get_attribute("data-act");
        if act.as_deref() == Some("import")
            && let Some(c) = chosen.get_untracked()
        {
            send_file(&c.file, &c.name, false, c.overrides.clone());
        }
        if act.is_some() {
            chosen.set(None);
            forget_file();
            // The buttons are gone: the focus goes back to where a file is chosen.
            focus("import-file");
        }
    };
    let message = move || match status.get() {
        ImportStatus::Failed(m) => Some(m),
        _ => detection.with(|d| d.as_ref().and_then(|d| d.problem.clone())),
    };
    let reading = move || match status.get() {
        ImportStatus::Reading(p) => Some(p),
        _ => None,
    };
    let check = move || {
        let html = chosen.with(|c| {
            detection.with(|d| match (c, d) {
                (Some(c), Some(d)) => check_html(&c.name, d),
                _ => String::new(),
            })
        });
        restore_focus();
        html
    };
    view! {
        <section class="panel import" aria-labelledby="import-title">
            <h2 id="import-title">"Your own predictions"</h2>
            <Show
                when=move || page.data.with(Option::is_some)
                fallback=|| view! {
                    {words(IMPORT)}
                }
            >
                <div class="imported" role="status"
                    inner_html=move || page.data.with(|d| d.as_ref().map(imported_html))></div>
                <button type="button" on:click=crate::ui::widgets::click(move |_| {
                    page.back_to_synthetic();
                    forget_data();
                    focus("import-file");
                })>
                    "Back to the synthetic scenario"
                </button>
            </Show>
            <div class="import-inputs">
                <label class="file-button" for="import-file">"Import predictions"</label>
                <input type="file" id="import-file"
                    accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
                    on:change=on_file />
                <span class="hint">"or drop a file on the page"</span>
                <details class="paste">
                    <summary>"Paste predictions"</summary>
                    <textarea node_ref=paste rows="6" aria-label="predictions to paste"
                        placeholder="label,score&#10;1,0.93&#10;0,0.12"></textarea>
                    <button type="button" on:click=crate::ui::widgets::click(on_paste)>"Read the pasted text"</button>
                </details>
            </div>
            <p class="import-progress">
                {move || reading().map(|p| view! {
                    <progress max="1" value=p aria-label="file read"></progress>
                    {format!(" Reading the file: {:.0} %", 100.0 * p)}
                })}
            </p>
            <p class="import-message" role="alert">{message}</p>
            <div class="import-check" on:change=on_change on:click=crate::ui::widgets::click(on_click) inner_html=check></div>
        </section>
    }
}
