//! Deciding (SPEC section 8): what errors cost and the threshold that costs least, the
//! deployment prevalence, calibration, 95 % intervals, and the code that recomputes it all.
//!
//! The page holds only the fields and the boxes: the worker computes every number and renders
//! the charts (SVG) and tables (`worker::decide`), so none of that weighs on the first load.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::charts::Theme;
use crate::page::{DecisionSettings, Judge, KEPT, MAX_COST, PREVALENCE, Panel, Undo};
use crate::sim::engine::Request;
use crate::ui::derived::Derived;
use crate::ui::exact::{Progress, decide};
use crate::ui::state::Page;
use crate::ui::widgets::PanelFrame;
use crate::worker::decide::{CODE, DecideJob, JSON, SNIPPET_BREAK};

/// The value a field asks for, clamped to its range; `None` for a blank or unreadable field.
fn read(value: &str, [lo, hi]: [f64; 2]) -> Option<f64> {
    let v = value.trim().parse::<f64>().ok().filter(|v| v.is_finite())?;
    Some(v.clamp(lo, hi))
}

/// The decision settings after the field `id` changed to `value`.
pub fn edited(mut d: DecisionSettings, id: &str, value: &str) -> DecisionSettings {
    let cost = [0.0, MAX_COST];
    match id {
        "d-cfp" => d.cost_fp = read(value, cost).unwrap_or(d.cost_fp),
        "d-cfn" => d.cost_fn = read(value, cost).unwrap_or(d.cost_fn),
        "d-rtp" => d.reward_tp = read(value, cost).unwrap_or(d.reward_tp),
        "d-prev" => d.prevalence = read(value, PREVALENCE),
        "d-undo" => {
            d.undo = match value {
                "pw" => Undo::PosWeight(10.0),
                "neg" => Undo::Undersampled(0.1),
                _ => Undo::Nothing,
            }
        }
        "d-amount" => {
            d.undo = match d.undo {
                Undo::PosWeight(w) => Undo::PosWeight(read(value, [0.01, 100.0]).unwrap_or(w)),
                Undo::Undersampled(r) => Undo::Undersampled(read(value, KEPT).unwrap_or(r)),
                Undo::Nothing => Undo::Nothing,
            }
        }
        "d-judge" => {
            d.judge = Judge::ALL
                .into_iter()
                .find(|j| j.key() == value)
                .unwrap_or(d.judge)
        }
        _ => {}
    }
    d
}

const JUDGES: [&str; 6] = [
    "model A",
    "model B",
    "trained with BCE",
    "trained with weighted BCE",
    "trained with balanced CE",
    "trained with focal loss",
];

/// The panel's body as HTML, written once: the fields (their values are kept in step with the
/// page's settings by `sync`), the boxes the worker's answer fills, and the code.
fn body_html() -> String {
    let mut out = String::from(r#"<div class="decide-fields"><label>Judge <select id="d-judge">"#);
    for (j, name) in Judge::ALL.iter().zip(JUDGES) {
        out += &format!(r#"<option value="{}">{name}</option>"#, j.key());
    }
    out += "</select></label>";
    for (id, label) in [
        ("cfp", "cost of a false positive"),
        ("cfn", "cost of a false negative"),
        ("rtp", "reward of a true positive"),
        ("prev", "deployment prevalence"),
    ] {
        out += &format!(
            r#"<label>{label} <input id="d-{id}" type="number" min="0" step="any"></label>"#
        );
    }
    out += r#"<label>trained with <select id="d-undo"><option value="none">no weight to undo</option><option value="pw">pos_weight</option><option value="neg">negatives undersampled</option></select></label><label id="d-amount-label">weight or share of negatives kept <input id="d-amount" type="number" min="0" step="any"></label></div>"#;
    for (i, title) in [
        "What the errors cost",
        "At the deployment prevalence",
        "Calibration",
        "How sure: 95 % intervals",
    ]
    .iter()
    .enumerate()
    {
        out += &format!(r#"<h3>{title}</h3><div class="decide-part" id="d-part{i}"></div>"#);
        if i == 0 {
            out +=
                r#"<button type="button" id="d-best" data-act="best">Use this threshold</button>"#;
        }
    }
    out += r#"<h3>The same numbers in Python</h3><p class="explain">Each snippet reads the file of “Download predictions (CSV)” (model A's scores) and prints the page's numbers under the results file's keys.</p>"#;
    for (i, name) in ["numpy + scikit-learn", "Keras", "PyTorch"]
        .iter()
        .enumerate()
    {
        out += &format!(
            r#"<details class="code"><summary>{name}</summary><button type="button" data-act="copy{i}">Copy</button><pre><code id="d-code{i}"></code></pre></details>"#
        );
    }
    out
}

fn element(id: &str) -> Option<web_sys::Element> {
    document().get_element_by_id(id)
}

/// Puts the page's settings into the fields, except the one being typed in.
fn sync(d: &DecisionSettings) {
    let active = document().active_element();
    let (kind, amount) = match d.undo {
        Undo::PosWeight(w) => ("pw", w.to_string()),
        Undo::Undersampled(r) => ("neg", r.to_string()),
        Undo::Nothing => ("none", String::new()),
    };
    let prevalence = d.prevalence.map(|p| p.to_string()).unwrap_or_default();
    for (id, value) in [
        ("d-judge", d.judge.key().to_string()),
        ("d-cfp", d.cost_fp.to_string()),
        ("d-cfn", d.cost_fn.to_string()),
        ("d-rtp", d.reward_tp.to_string()),
        ("d-prev", prevalence),
        ("d-undo", kind.to_string()),
        ("d-amount", amount),
    ] {
        let Some(el) = element(id) else { continue };
        if active.as_ref() == Some(&el) {
            continue;
        }
        if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            i.set_value(&value);
        } else if let Some(s) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
            s.set_value(&value);
        }
    }
    if let Some(el) = element("d-amount-label") {
        let _ = el.toggle_attribute_with_force("hidden", d.undo == Undo::Nothing);
    }
}

/// The decision panel's `decision`, `calibration` and `intervals` objects for the results
/// file, when the panel shows the page's current settings.
pub fn results_sections() -> Vec<(&'static str, String)> {
    let Some(progress) = use_context::<Progress>() else {
        return Vec::new();
    };
    progress.decision.with_untracked(|d| match d {
        Ok(d) if crate::ui::exact::decision_is_current(d.0.id) => {
            ["decision", "calibration", "intervals"]
                .into_iter()
                .zip(d.0.sections[JSON].split(SNIPPET_BREAK).map(String::from))
                .filter(|(_, v)| !v.is_empty())
                .collect()
        }
        _ => Vec::new(),
    })
}

/// Deciding with the model. The body is plain HTML filled in place (`body_html`, `sync`, the
/// worker's sections): the panel costs the page's first load a few kilobytes, not tens.
#[component]
pub fn DecidePanel(page: Page, derived: Derived) -> impl IntoView {
    let decision = expect_context::<Progress>().decision;
    let theme = use_context::<ReadSignal<Theme>>();
    Effect::new(move |_| {
        let request: Request = derived.request.get();
        decide(DecideJob {
            id: 0,
            request,
            settings: page.decision.get(),
            training: page.training.get(),
            dark: theme.is_some_and(|t| t.get() == Theme::Dark),
        });
    });
    Effect::new(move |_| page.decision.with(sync));
    // Each box is rewritten only when its text changed (the bootstrap's progress changes one).
    let shown = StoredValue::new(Vec::<String>::new());
    Effect::new(move |_| {
        decision.with(|r| {
            let texts: Vec<String> = match r {
                Ok(d) => {
                    let mut t = d.0.sections[..4].to_vec();
                    t.extend(d.0.sections[CODE].split(SNIPPET_BREAK).map(String::from));
                    t
                }
                Err(why) => vec![format!("<p>{why}</p>")],
            };
            shown.update_value(|old| {
                for (i, text) in texts.iter().enumerate() {
                    if old.get(i) == Some(text) {
                        continue;
                    }
                    let Some(el) = element(&if i < 4 {
                        format!("d-part{i}")
                    } else {
                        format!("d-code{}", i - 4)
                    }) else {
                        continue;
                    };
                    if i < 4 {
                        el.set_inner_html(text);
                    } else {
                        el.set_text_content(Some(text));
                    }
                }
                *old = texts;
            });
            let best = r.as_ref().ok().and_then(|d| d.0.best);
            if let Some(b) = element("d-best") {
                let _ = b.toggle_attribute_with_force("disabled", best.is_none_or(|t| t > 1.0));
            }
        })
    });
    let on_change = move |e: leptos::ev::Event| {
        let Some(el) = e.target() else { return };
        let (id, value) = if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            (i.id(), i.value())
        } else if let Some(s) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
            (s.id(), s.value())
        } else {
            return;
        };
        let now = page.decision.get_untracked();
        let next = edited(now, &id, &value);
        if next != now {
            page.decision.set(next);
        }
    };
    let on_click = move |e: leptos::ev::MouseEvent| {
        let Some(act) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.get_attribute("data-act"))
        else {
            return;
        };
        decision.with_untracked(|r| {
            let Ok(d) = r else { return };
            if act == "best" {
                if let Some(t) = d.0.best.filter(|t| *t <= 1.0) {
                    page.scenario.update(|s| s.threshold = t);
                }
            } else if let Some(code) = act
                .strip_prefix("copy")
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|i| d.0.sections[CODE].split(SNIPPET_BREAK).nth(i))
            {
                let _ = window().navigator().clipboard().write_text(code);
            }
        });
    };
    view! {
        <PanelFrame panel=Panel::Decide title="Deciding: threshold, prevalence, calibration">
            <div on:input=on_change on:change=on_change on:click=on_click inner_html=body_html()></div>
        </PanelFrame>
    }
}
