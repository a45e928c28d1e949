//! Deciding (SPEC section 8): what errors cost and the threshold that costs least, the
//! deployment prevalence, calibration, 95 % intervals, and the code that recomputes it all.
//!
//! The page holds only the fields and the boxes: the worker computes every number and renders
//! the charts (SVG) and tables (`decide::worker`), so none of that weighs on the first load.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::charts::Theme;
use crate::features::decide::worker::{BODY, DecideJob, Decided, JSON, SNIPPET_BREAK, TARGETS};
use crate::sim::engine::Request;
use crate::state::{
    DecisionSettings, Judge, KEPT, MAX_COST, PREVALENCE, Panel, UNDONE_WEIGHT, Undo,
};
use crate::ui::derived::Derived;
use crate::ui::hooks::{on_screen, when_seen};
use crate::ui::signals::PageSignals;
use crate::ui::signals::Shared;
use crate::ui::widgets::{PanelFrame, click, data_act};
use crate::ui::worker_client::{Progress, decide, decision_is_current};

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
                Undo::PosWeight(w) => Undo::PosWeight(read(value, UNDONE_WEIGHT).unwrap_or(w)),
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
/// file (and `trained_model` when it judges one), when the panel shows the page's current settings (`page`'s, on `request`'s data).
pub fn results_sections(page: &PageSignals, request: &Request) -> Vec<(&'static str, String)> {
    let Some(progress) = use_context::<Progress>() else {
        return Vec::new();
    };
    let (settings, training) = (page.decision.get_untracked(), page.training.get_untracked());
    progress.decision.with_untracked(|d| match d {
        Ok(d) if decision_is_current(d.0.id, request, &settings, &training) => {
            ["decision", "calibration", "intervals", "trained_model"]
                .into_iter()
                .zip(d.0.sections[JSON].split(SNIPPET_BREAK).map(String::from))
                .filter(|(_, v)| !v.is_empty())
                .collect()
        }
        _ => Vec::new(),
    })
}

/// Deciding with the model. The page holds an empty box: the worker sends the panel's body
/// (fields, headings, boxes) with its first answer and fills the boxes with each one; `sync`
/// keeps the fields in step with the page's settings. The panel costs the first load a few
/// kilobytes, not tens.
#[component]
pub fn DecidePanel(page: PageSignals, derived: Derived) -> impl IntoView {
    let decision = expect_context::<Progress>().decision;
    let theme = use_context::<ReadSignal<Theme>>();
    let root = NodeRef::<leptos::html::Div>::new();
    let job = move || DecideJob {
        id: 0,
        request: derived.request.get(),
        settings: page.decision.get(),
        training: page.training.get(),
        dark: theme.is_some_and(|t| t.get() == Theme::Dark),
        // The viewport's width less the page's margins, as the panel is on a phone: reading
        // the panel's own width would force a layout on every input of a drag.
        width: window()
            .inner_width()
            .ok()
            .and_then(|w| w.as_f64())
            .map_or(0, |w| (w - 40.0).max(0.0) as u32),
        seen: false,
    };
    // On screen every input asks the worker at once; off screen the panel asks a moment after
    // the last change (a drag elsewhere on the page costs it nothing).
    let visible = on_screen(move || root.get().map(Into::into));
    when_seen(
        visible,
        // Coming on screen sends the job again, now `seen` (which starts the bootstrap).
        move |_| {
            job();
            visible.track();
        },
        move || {
            let job = DecideJob {
                seen: visible.get_untracked(),
                ..untrack(job)
            };
            decide(job);
        },
    );
    show_answers(root, decision, page);
    let on_input = move |e: leptos::ev::Event| edit(page, &e);
    let on_click = move |e: leptos::ev::MouseEvent| {
        if let Some(act) = data_act(&e) {
            button(page, decision, &act, job);
        }
    };
    view! {
        <PanelFrame panel=Panel::Decide title="Deciding: threshold, prevalence, calibration">
            <div node_ref=root on:input=on_input on:click=click(on_click)></div>
        </PanelFrame>
    }
}

/// Writes each answer into the panel: its body once, then only the boxes whose text changed
/// (the bootstrap's progress changes one), or why there is no answer; and the page's settings
/// into the fields.
fn show_answers(
    root: NodeRef<leptos::html::Div>,
    decision: RwSignal<Result<Shared<Decided>, &'static str>>,
    page: PageSignals,
) {
    // Each box's text as last written.
    let shown = StoredValue::new(Vec::<String>::new());
    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        decision.with(|r| {
            let Ok(d) = r else {
                if let Err(why) = r {
                    root.set_text_content(Some(why));
                }
                shown.set_value(Vec::new());
                return;
            };
            shown.update_value(|old| {
                for (i, (text, (id, html))) in d.0.sections.iter().zip(TARGETS).enumerate() {
                    if old.get(i) == Some(text) {
                        continue;
                    }
                    let el = if i == BODY {
                        Some(root.clone().into())
                    } else {
                        element(id)
                    };
                    match el {
                        Some(el) if html => el.set_inner_html(text),
                        Some(el) => el.set_text_content(Some(text)),
                        None => {}
                    }
                }
                *old = d.0.sections.to_vec();
            });
            if let Some(b) = element("d-best") {
                let off = d.0.best.is_none_or(|t| t > 1.0);
                let _ = b.toggle_attribute_with_force("disabled", off);
            }
        });
        page.decision.with(sync);
    });
}

/// A field of the panel changed: the page's settings take its value.
fn edit(page: PageSignals, e: &leptos::ev::Event) {
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
}

/// A button of the panel (`act`, its `data-act`): the threshold that costs least, or copying
/// a snippet. `job` is the job of the settings on the page.
fn button(
    page: PageSignals,
    decision: RwSignal<Result<Shared<Decided>, &'static str>>,
    act: &str,
    job: impl Fn() -> DecideJob,
) {
    if act == "best" {
        // Only an answer for the settings on the page: a stale one's best is another's.
        let now = untrack(job);
        let best = decision.with_untracked(|r| {
            r.as_ref()
                .ok()
                .filter(|d| decision_is_current(d.0.id, &now.request, &now.settings, &now.training))
                .and_then(|d| d.0.best)
        });
        if let Some(t) = best.filter(|t| *t <= 1.0) {
            page.scenario.update(|s| s.threshold = t);
        }
    } else if let Some(code) = act
        .strip_prefix("copy")
        .and_then(|i| element(&format!("d-code{i}")))
        .and_then(|el| el.text_content())
    {
        let _ = window().navigator().clipboard().write_text(&code);
        // Said in the panel's live region.
        if let Some(status) = element("d-status") {
            status.set_text_content(Some("Snippet copied."));
        }
    }
}
