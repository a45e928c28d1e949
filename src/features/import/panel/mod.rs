//! "Import predictions" (SPEC section 7): a file from the file input, dropped on the page, or
//! pasted. The worker looks at the file's first bytes and says what it found (the layout, the
//! label and score columns, the score kind), shown here as the first rows before and after
//! reading, with every choice open to the reader; the worker then reads the whole file. The
//! parser is in the worker's module only. Nothing leaves the page, and a file that cannot be
//! read leaves the view as it was.

mod choices;
mod drop;
mod html;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use web_sys::Blob;

use crate::features::import::parse::Overrides;
use crate::features::import::worker::Detection;
use crate::features::words::IMPORT;
use crate::features::words::page::words;
use crate::ui::signals::PageSignals;
use crate::ui::widgets::{click, data_act, target};
use crate::ui::worker_client::{ImportStatus, Progress, forget_data, forget_file, send_file};
use html::{check_html, imported_html};

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

/// The import box: choose, check, import; and the way back to the synthetic scenario.
#[component]
pub fn ImportBox(
    /// The page (its imported data and its scenario).
    page: PageSignals,
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
        // The name carries the size: both stay in view while the file is looked at and shown.
        let name = html::named(&name, file.size());
        refocus.set_value(None);
        detection.set(None);
        send_file(&file, &name, true, Overrides::default());
        chosen.set(Some(Chosen {
            file: SendWrapper::new(file),
            name,
            overrides: Overrides::default(),
        }));
    };
    drop::take_drops(choose);
    let message = move || match status.get() {
        ImportStatus::Failed(m) => Some(m),
        _ => detection.with(|d| d.as_ref().and_then(|d| d.problem.clone())),
    };
    view! {
        <section class="panel import" aria-labelledby="import-title">
            <h2 id="import-title">"Your own predictions"</h2>
            {imported(page)}
            {inputs(choose)}
            {reading(status)}
            <p class="import-message" role="alert">{message}</p>
            {check(chosen, detection, refocus)}
        </section>
    }
}

/// The words on importing, or while imported predictions are shown, a line on them and the
/// way back to the synthetic scenario.
fn imported(page: PageSignals) -> impl IntoView {
    view! {
        <Show
            when=move || page.data.with(Option::is_some)
            fallback=|| view! {
                {words(IMPORT)}
            }
        >
            <div class="imported" role="status"
                inner_html=move || page.data.with(|d| d.as_ref().map(imported_html))></div>
            <button type="button" on:click=click(move |_| {
                page.back_to_synthetic();
                forget_data();
                focus("import-file");
            })>
                "Back to the synthetic scenario"
            </button>
        </Show>
    }
}

/// Where a file is chosen: the file input, or text pasted (as a Blob).
fn inputs(choose: impl Fn(Blob, String) + Copy + 'static) -> impl IntoView {
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
    view! {
        <div class="import-inputs">
            <label class="file-button" for="import-file">"Import predictions"</label>
            <input type="file" id="import-file"
                accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
                on:change=on_file />
            <span class="hint">"or drop a file on the page"</span>
            <details class="paste">
                <summary>"Paste predictions"</summary>
                <textarea node_ref=paste rows="6" aria-label="predictions to paste"
                    placeholder="label,score\n1,0.93\n0,0.12"></textarea>
                <button type="button" on:click=click(on_paste)>"Read the pasted text"</button>
            </details>
        </div>
    }
}

/// The share of the file read, while it is read.
fn reading(status: RwSignal<ImportStatus>) -> impl IntoView {
    let reading = move || match status.get() {
        ImportStatus::Reading(p) => Some(p),
        _ => None,
    };
    view! {
        <p class="import-progress">
            {move || reading().map(|p| view! {
                <progress max="1" value=p aria-label="file read"></progress>
                {format!(" Reading the file: {:.0} %", 100.0 * p)}
            })}
        </p>
    }
}

/// The preview of the chosen file, with its choices and buttons (one delegated handler each
/// for the choices and the buttons).
fn check(
    chosen: RwSignal<Option<Chosen>>,
    detection: RwSignal<Option<Detection>>,
    refocus: StoredValue<Option<String>>,
) -> impl IntoView {
    let on_change = move |ev: leptos::ev::Event| {
        let Some(el) = target::<web_sys::HtmlSelectElement>(&ev) else {
            return;
        };
        let Some(d) = detection.get_untracked() else {
            return;
        };
        refocus.set_value(Some(el.id()));
        chosen.update(|c| {
            if let Some(c) = c {
                choices::apply(&mut c.overrides, &el.id(), &el.value(), &d);
                send_file(&c.file, &c.name, true, c.overrides.clone());
            }
        });
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let act = data_act(&ev);
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
    let html = move || {
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
        <div class="import-check" on:change=on_change on:click=click(on_click) inner_html=html></div>
    }
}
