//! "Import predictions" (SPEC section 7): a file from the file input, dropped on the page, or
//! pasted. The first 64 KiB are read here and detected (the layout, the label and score
//! columns, the score kind), shown as the file's first rows before and after reading, with
//! every choice open to the reader; the whole file is then read in the worker. Nothing leaves
//! the page, and a file that cannot be read leaves the view as it was.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use web_sys::Blob;

use crate::import::{Detected, Options, Overrides, ScoreKind, detect};
use crate::import::scores::probability;
use crate::sim::Class;
use crate::ui::exact::{ImportStatus, Progress, import, read_blob};
use crate::ui::state::Page;
use crate::worker::import::HEAD;

/// A choice's effect on the reader's overrides.
type Setter = Rc<dyn Fn(&mut Overrides, String)>;

/// A file chosen and detected, not yet imported.
#[derive(Clone)]
struct Pending {
    file: SendWrapper<Blob>,
    name: String,
    len: u64,
    head: Arc<Vec<u8>>,
    overrides: Overrides,
    detected: Result<Detected, String>,
}

impl Pending {
    fn detect(&mut self) {
        self.detected = detect(&self.head, self.len, &self.overrides).map_err(|e| e.message());
    }

    fn options(&self) -> Result<&Options, String> {
        match &self.detected {
            Ok(d) => d.options.as_ref().map_err(|e| e.message()),
            Err(e) => Err(e.clone()),
        }
    }
}

/// The name a column goes by.
fn column_name(d: &Detected, i: usize) -> String {
    match d.header.as_ref().and_then(|h| h.get(i)) {
        Some(name) if !name.is_empty() => name.clone(),
        _ => format!("column {}", i + 1),
    }
}

/// A preview row as the page reads it: the class, then each model's probability.
fn as_read(o: &Options, row: &[String]) -> Vec<String> {
    let label = row.get(o.label).map_or("", String::as_str);
    let mut out = vec![match o.labels.class(label.as_bytes()) {
        Some(Class::Positive) => "positive".to_string(),
        Some(Class::Negative) => "negative".to_string(),
        None => "skipped: not a label".to_string(),
    }];
    for &c in &o.scores {
        let field = row.get(c).map_or("", String::as_str);
        out.push(
            match probability(field.as_bytes(), o.kind, o.decimal_comma()) {
                Ok(p) => crate::format::number(p, 6),
                Err(_) => "skipped: not a score".to_string(),
            },
        );
    }
    out
}

/// The import box: choose, check, import; and the way back to the synthetic scenario.
#[component]
pub fn ImportBox(
    /// The page (its imported data and its scenario).
    page: Page,
) -> impl IntoView {
    let status = expect_context::<Progress>().import;
    let pending = RwSignal::new(None::<Pending>);
    let choose = move |file: Blob, name: String| {
        status.set(ImportStatus::Idle);
        leptos::task::spawn_local(async move {
            let len = file.size() as u64;
            let head = read_blob(&file, 0, HEAD.min(len)).await.unwrap_or_default();
            let mut p = Pending {
                file: SendWrapper::new(file),
                name,
                len,
                head: Arc::new(head),
                overrides: Overrides::default(),
                detected: Err(String::new()),
            };
            p.detect();
            pending.set(Some(p));
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
        let Some(area) = paste.get_untracked() else { return };
        let parts = js_sys::Array::of1(&area.value().into());
        if let Ok(blob) = Blob::new_with_str_sequence(&parts) {
            choose(blob, "pasted text".into());
        }
    };
    // A file dropped anywhere on the page.
    Effect::new(move |_| {
        use wasm_bindgen::closure::Closure;
        let over = Closure::<dyn Fn(web_sys::DragEvent)>::new(|e: web_sys::DragEvent| {
            e.prevent_default();
        });
        let drop = Closure::<dyn Fn(web_sys::DragEvent)>::new(move |e: web_sys::DragEvent| {
            e.prevent_default();
            if let Some(f) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                choose(f.clone().into(), f.name());
            }
        });
        let w = window();
        let _ = w.add_event_listener_with_callback("dragover", over.as_ref().unchecked_ref());
        let _ = w.add_event_listener_with_callback("drop", drop.as_ref().unchecked_ref());
        let keep = SendWrapper::new((over, drop));
        on_cleanup(move || {
            let (over, drop) = keep.take();
            let w = window();
            let _ = w.remove_event_listener_with_callback("dragover", over.as_ref().unchecked_ref());
            let _ = w.remove_event_listener_with_callback("drop", drop.as_ref().unchecked_ref());
        });
    });
    let edit = move |f: Box<dyn Fn(&mut Overrides)>| {
        pending.update(|p| {
            if let Some(p) = p {
                f(&mut p.overrides);
                p.detect();
            }
        });
    };
    let start = move |_| {
        if let Some(p) = pending.get_untracked()
            && p.options().is_ok()
        {
            import((*p.file).clone(), p.name.clone(), p.overrides.clone());
            pending.set(None);
        }
    };
    let message = move || match status.get() {
        ImportStatus::Failed(m) => Some(m),
        _ => pending.with(|p| p.as_ref().and_then(|p| p.options().err()).filter(|m| !m.is_empty())),
    };
    let reading = move || match status.get() {
        ImportStatus::Reading(p) => Some(p),
        _ => None,
    };
    view! {
        <section class="panel import" aria-labelledby="import-title">
            <h2 id="import-title">"Your own predictions"</h2>
            <Show
                when=move || page.data.with(Option::is_some)
                fallback=|| view! {
                    <p class="explain">
                        "Bring a validation set: a CSV or TSV file with a label column (0/1, "
                        "true/false, yes/no, pos/neg, ...) and one or two score columns "
                        "(probabilities or logits; two are compared as models A and B). It is "
                        "read in this browser and never sent anywhere."
                    </p>
                }
            >
                <p class="imported" role="status">{move || page.data.with(|d| d.as_ref().map(summary_text))}</p>
                <button type="button" on:click=move |_| page.back_to_synthetic()>
                    "Back to the synthetic scenario"
                </button>
            </Show>
            <div class="import-inputs">
                <label class="file-button">
                    "Import predictions"
                    <input type="file" id="import-file"
                        accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
                        on:change=on_file />
                </label>
                <span class="hint">"or drop a file on the page"</span>
                <details class="paste">
                    <summary>"Paste predictions"</summary>
                    <textarea node_ref=paste rows="6" aria-label="predictions to paste"
                        placeholder="label,score\n1,0.93\n0,0.12"></textarea>
                    <button type="button" on:click=on_paste>"Read the pasted text"</button>
                </details>
            </div>
            <Show when=move || reading().is_some()>
                <p role="status">
                    <progress max="1" value=move || reading().unwrap_or(0.0) aria-label="file read"></progress>
                    {move || format!(" Reading the file: {:.0} %", 100.0 * reading().unwrap_or(0.0))}
                </p>
            </Show>
            <p class="import-message" role="alert">{message}</p>
            {move || pending.get().map(|p| view! { <Check pending=p edit start cancel=move || pending.set(None) /> })}
        </section>
    }
}

/// One line on the imported data.
fn summary_text(d: &crate::ui::state::Imported) -> String {
    let s = &d.summary.0;
    let models = s.names.join(" (model A) and ");
    let skipped = if s.skipped == 0 {
        String::new()
    } else {
        format!(" {}", s.skipped_text)
    };
    format!(
        "Showing {}: {} rows ({} negatives, {} positives), scores of {}{} read as {}s; {}.{skipped} \
         The class ratio, the accuracies and the seed shape synthetic data only and step aside.",
        d.file,
        crate::format::grouped(s.rows()),
        crate::format::grouped(u64::from(s.counts[0])),
        crate::format::grouped(u64::from(s.counts[1])),
        models,
        if s.two_models() { " (model B)" } else { "" },
        s.kind.key(),
        s.labels,
    )
}

/// What detection found in a chosen file, the first rows before and after reading, the
/// reader's choices, and the button that imports it.
#[component]
fn Check(
    pending: Pending,
    edit: impl Fn(Box<dyn Fn(&mut Overrides)>) + Copy + 'static,
    start: impl Fn(leptos::ev::MouseEvent) + Copy + 'static,
    cancel: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let Ok(d) = pending.detected.clone() else {
        return view! { <div class="import-check"></div> }.into_any();
    };
    let options = d.options.clone().ok();
    let columns: Vec<(usize, String)> = (0..d.fields).map(|i| (i, column_name(&d, i))).collect();
    let select = |id: &'static str, label: &'static str, choices: Vec<(String, String)>, chosen: String, set: Setter| {
        view! {
            <label for=id>{label}</label>
            <select id=id on:change:target=move |ev| {
                let v = ev.target().value();
                let set = Rc::clone(&set);
                edit(Box::new(move |o| set(o, v.clone())));
            }>
                {choices.into_iter().map(|(value, text)| {
                    let selected = value == chosen;
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        }
    };
    let col_choices = || columns.iter().map(|(i, n)| (i.to_string(), n.clone())).collect::<Vec<_>>();
    let label_col = options.as_ref().map_or(0, |o| o.label);
    let score_a = options.as_ref().and_then(|o| o.scores.first().copied());
    let score_b = options.as_ref().and_then(|o| o.scores.get(1).copied());
    let values: Vec<(String, String)> = d
        .columns
        .get(label_col)
        .map(|c| c.values.iter().map(|(l, n)| (l.text.clone(), format!("{} ({} rows)", l.text, n))).collect())
        .unwrap_or_default();
    let positive = options.as_ref().map_or(String::new(), |o| o.labels.positive.text.clone());
    let kind = options.as_ref().map_or(ScoreKind::Probability, |o| o.kind);
    let mut b_choices = vec![("none".to_string(), "none".to_string())];
    b_choices.extend(col_choices());
    let header: Vec<String> = columns.iter().map(|(_, n)| n.clone()).collect();
    let read_header: Vec<String> = options.as_ref().map_or(Vec::new(), |o| {
        let mut h = vec!["class".to_string()];
        h.extend(o.model_names().into_iter().map(|n| format!("{n}: probability")));
        h
    });
    let rows = d.preview.clone();
    let read_rows: Vec<Vec<String>> = options.as_ref().map_or(Vec::new(), |o| rows.iter().map(|r| as_read(o, r)).collect());
    let table = |caption: &'static str, header: Vec<String>, rows: Vec<Vec<String>>| view! {
        <div class="table-wrap">
            <table class="numbers preview" aria-label=caption>
                <thead><tr>{header.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                <tbody>{rows.into_iter().map(|r| view! {
                    <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                }).collect_view()}</tbody>
            </table>
        </div>
    };
    let delimiter = match d.delimiter {
        b'\t' => "tabs".to_string(),
        b',' => "commas".to_string(),
        b';' => "semicolons".to_string(),
        other => format!("\u{201c}{}\u{201d}", other as char),
    };
    let found = format!(
        "{}: about {} rows, fields separated by {delimiter}, {}.",
        pending.name,
        crate::format::grouped(d.estimated_rows),
        if d.header.is_some() { "a header line" } else { "no header line" }
    );
    let ready = options.is_some();
    view! {
        <div class="import-check">
            <p>{found}</p>
            <div class="import-choices">
                {select("import-label", "label column", col_choices(), label_col.to_string(),
                    Rc::new(|o, v| o.label = v.parse().ok()))}
                {select("import-positive", "positive class", values, positive,
                    Rc::new(|o, v| o.positive = Some(v)))}
                {select("import-a", "model A scores", col_choices(), score_a.map_or(String::new(), |c| c.to_string()),
                    Rc::new(move |o, v| {
                        let a = v.parse().ok();
                        o.scores = a.map(|a| std::iter::once(a).chain(score_b).collect());
                    }))}
                {select("import-b", "model B scores", b_choices, score_b.map_or("none".into(), |c| c.to_string()),
                    Rc::new(move |o, v| {
                        o.scores = score_a.map(|a| std::iter::once(a).chain(v.parse().ok()).collect());
                    }))}
                {select("import-kind", "scores are",
                    vec![("probability".into(), "probabilities".into()), ("logit".into(), "logits".into())],
                    kind.key().to_string(),
                    Rc::new(|o, v| o.kind = Some(if v == "logit" { ScoreKind::Logit } else { ScoreKind::Probability })))}
            </div>
            <div class="chart-row two">
                {table("the file's first rows", header, rows)}
                {table("the first rows as read", read_header, read_rows)}
            </div>
            <div class="train-buttons">
                <button type="button" on:click=start disabled=!ready>"Import"</button>
                <button type="button" on:click=move |_| cancel()>"Cancel"</button>
            </div>
        </div>
    }
    .into_any()
}
