//! The scenario's controls (those the layout shows), with the presets.

use crate::sim::loss::{GAMMA, POS_WEIGHT};
use leptos::prelude::*;

use crate::features::words::page::words_and;
use crate::features::words::{CONTROLS, PRESETS_BOX};
use crate::format::composition;
use crate::sim::{RATIO_MAX, Scenario};
use crate::state::{Control, Layout};
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

/// Every control of the scenario that the layout shows.
#[component]
pub fn ScenarioControls(
    /// The scenario.
    scenario: RwSignal<Scenario>,
    /// Which controls appear.
    layout: RwSignal<Layout>,
    /// Whether imported predictions are shown: the controls that shape synthetic data (counts,
    /// accuracies, seed, presets) then step aside.
    #[prop(into)]
    imported: Signal<bool>,
) -> impl IntoView {
    let shapes_data = |c: Control| {
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
    };
    let has = move |c: Control| layout.with(|l| l.has(c)) && !(shapes_data(c) && imported.get());
    view! {
        <aside class="panel controls" aria-labelledby="controls-title">
            <h2 id="controls-title">"Scenario"</h2>
            <Show when=move || has(Control::Presets)><Presets scenario /></Show>
            <Show when=move || has(Control::Ratio) || has(Control::Total) || has(Control::Counts)>
                <p class="composition" aria-live="polite">{move || scenario.with(composition)}</p>
            </Show>
            <Show when=move || has(Control::Ratio)>
                <ParamSlider state=scenario id="ratio" label="class ratio, negatives per positive"
                    min=1.0 max=RATIO_MAX step=1.0 scale=Scale::Log get=Scenario::ratio_on_slider
                    set=Scenario::set_ratio />
            </Show>
            <Show when=move || has(Control::Total)>
                <ParamSlider state=scenario id="total" label="total samples" symbol="N"
                    min=100.0 max=10_000_000.0 step=1.0 scale=Scale::Log
                    get=|s| s.total() as f64 set=Scenario::set_total />
            </Show>
            <Show when=move || has(Control::Counts)>
                <div class="counts">
                    <CountInput scenario id="neg" label="negatives (label 0)"
                        get=|s| s.neg set=|s, v| s.neg = v />
                    <CountInput scenario id="pos" label="positives (label 1)"
                        get=|s| s.pos set=|s, v| s.pos = v />
                </div>
            </Show>
            {PARAMETERS.map(|p| view! {
                <Show when=move || has(p.control)>
                    <ParamSlider state=scenario id=p.id label=p.label symbol=p.symbol min=p.min
                        max=p.max step=p.step scale=p.scale get=p.get set=p.set />
                </Show>
            })}
            <Show when=move || has(Control::Seed)><SeedInput scenario /></Show>
            // Last: the words arrive after the controls and must not move them.
            {words_and(CONTROLS, PRESETS_BOX)}
        </aside>
    }
}
