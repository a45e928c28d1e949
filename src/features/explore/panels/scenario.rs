//! The scenario's controls (those the layout shows), with the presets: in the side panel, or
//! in the story's box while a step talks about them.

use crate::sim::loss::{GAMMA, POS_WEIGHT};
use leptos::prelude::*;

use crate::features::story::steps::step;
use crate::features::words::page::words_and;
use crate::features::words::{CONTROLS, PRESETS_BOX};
use crate::format::composition;
use crate::sim::{RATIO_MAX, Scenario};
use crate::state::{Control, Keyed};
use crate::ui::signals::PageSignals;
use crate::ui::widgets::{CountInput, ParamSlider, Presets, Scale, SeedInput};

/// A slider of one of the scenario's parameters.
struct Parameter {
    control: Control,
    id: &'static str,
    label: &'static str,
    symbol: &'static str,
    min: f64,
    max: f64,
    step: f64,
    scale: Scale,
    get: fn(&Scenario) -> f64,
    set: fn(&mut Scenario, f64),
}

/// A slider from 0 to 1 (accuracies, threshold, alpha).
const fn unit(
    control: Control,
    id: &'static str,
    label: &'static str,
    symbol: &'static str,
    step: f64,
    get: fn(&Scenario) -> f64,
    set: fn(&mut Scenario, f64),
) -> Parameter {
    Parameter {
        control,
        id,
        label,
        symbol,
        min: 0.0,
        max: 1.0,
        step,
        scale: Scale::Linear,
        get,
        set,
    }
}

/// The model's and the losses' parameters, in page order.
const PARAMETERS: [Parameter; 6] = [
    unit(
        Control::Acc0,
        "acc0",
        "accuracy on negatives",
        "acc0",
        0.001,
        |s| s.acc0,
        |s, v| s.acc0 = v,
    ),
    unit(
        Control::Acc1,
        "acc1",
        "accuracy on positives",
        "acc1",
        0.001,
        |s| s.acc1,
        |s, v| s.acc1 = v,
    ),
    unit(
        Control::Threshold,
        "thr",
        "threshold",
        "t",
        0.001,
        |s| s.threshold,
        |s, v| s.threshold = v,
    ),
    Parameter {
        scale: Scale::Log,
        min: POS_WEIGHT.min,
        max: POS_WEIGHT.max,
        ..unit(
            Control::PosWeight,
            "pw",
            "pos_weight",
            "w",
            0.01,
            |s| s.pos_weight,
            |s, v| s.pos_weight = v,
        )
    },
    unit(
        Control::Alpha,
        "alpha",
        "focal alpha",
        "α",
        0.01,
        |s| s.alpha,
        |s, v| s.alpha = v,
    ),
    Parameter {
        max: GAMMA.max,
        ..unit(
            Control::Gamma,
            "gamma",
            "focal gamma",
            "γ",
            0.1,
            |s| s.gamma,
            |s, v| s.gamma = v,
        )
    },
];

/// Where a control of the scenario sits.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The scenario panel, beside the others (above them on a phone).
    Side,
    /// The story's box, while its step talks about the control.
    Story,
}

/// Whether a control shapes synthetic data: shown imported predictions, it steps aside.
fn shapes_data(c: Control) -> bool {
    matches!(
        c,
        Control::Presets
            | Control::Ratio
            | Control::Total
            | Control::Counts
            | Control::Acc0
            | Control::Acc1
            | Control::Seed
    )
}

/// Where control `c` sits, if the layout shows it: in the story's box while the step talks
/// about it (so a reader moves it beside the words that ask them to), else in the side panel.
pub fn place(page: PageSignals, c: Control) -> Option<Place> {
    let imported = page.data.with(Option::is_some);
    if !page.layout.with(|l| l.has(c)) || (shapes_data(c) && imported) {
        return None;
    }
    let n = page.view.with(|v| v.story);
    Some(if n > 0 && step(n).controls.contains(&c) {
        Place::Story
    } else {
        Place::Side
    })
}

/// Whether any control sits at `here`.
pub fn any_at(page: PageSignals, here: Place) -> bool {
    Control::ALL.iter().any(|&c| place(page, c) == Some(here))
}

/// Whether control `c` sits at `here`, as a condition to show it by. One closure type for every
/// control: the page's module then holds the code that watches a condition once.
fn at(page: PageSignals, here: Place, c: Control) -> impl Fn() -> bool + Copy + Send + Sync {
    move || place(page, c) == Some(here)
}

/// The scenario panel: the controls that sit beside the others, and their words.
pub fn scenario_controls(page: PageSignals) -> impl IntoView {
    view! {
        <aside class="panel controls" aria-labelledby="controls-title">
            <h2 id="controls-title">"Scenario"</h2>
            // The imported file's name and size, kept in view beside the numbers it gives.
            <p class="data-file" hidden=move || page.data.with(Option::is_none)>
                "Your predictions: "
                {move || page.data.with(|d| d.as_ref().map(|d| d.file.clone()))}
            </p>
            {controls(page, Place::Side)}
            // Last: the words arrive after the controls and must not move them.
            {words_and(CONTROLS, PRESETS_BOX)}
        </aside>
    }
}

/// The scenario's controls that sit at `here`, in page order: one function for both places, so
/// the page's module holds the controls' code once.
pub fn controls(page: PageSignals, here: Place) -> impl IntoView {
    let scenario = page.scenario;
    let has = |c| at(page, here, c);
    // The class mix is said once, beside the first of the controls that set it.
    let mix = move || {
        [Control::Ratio, Control::Total, Control::Counts]
            .into_iter()
            .find_map(|c| place(page, c))
            == Some(here)
    };
    view! {
        <Show when=has(Control::Presets)><Presets scenario /></Show>
        <Show when=mix>
            <p class="composition" aria-live="polite">{move || scenario.with(composition)}</p>
        </Show>
        <Show when=has(Control::Ratio)>
            <ParamSlider state=scenario id="ratio" label="class ratio, negatives per positive"
                min=1.0 max=RATIO_MAX step=1.0 scale=Scale::Log get=Scenario::ratio_on_slider
                set=Scenario::set_ratio />
        </Show>
        <Show when=has(Control::Total)>
            <ParamSlider state=scenario id="total" label="total samples" symbol="N"
                min=100.0 max=10_000_000.0 step=1.0 scale=Scale::Log
                get=|s| s.total() as f64 set=Scenario::set_total />
        </Show>
        <Show when=has(Control::Counts)>
            <div class="counts">
                <CountInput scenario id="neg" label="negatives (label 0)"
                    get=|s| s.neg set=|s, v| s.neg = v />
                <CountInput scenario id="pos" label="positives (label 1)"
                    get=|s| s.pos set=|s, v| s.pos = v />
            </div>
        </Show>
        {PARAMETERS.map(|p| view! {
            <Show when=has(p.control)>
                <ParamSlider state=scenario id=p.id label=p.label symbol=p.symbol min=p.min
                    max=p.max step=p.step scale=p.scale get=p.get set=p.set />
            </Show>
        })}
        <Show when=has(Control::Losses)>{move || super::losses::loss_controls(page)}</Show>
        <Show when=has(Control::Seed)><SeedInput scenario /></Show>
    }
}
