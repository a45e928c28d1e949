//! The scenario's controls (those the layout shows), with the presets.

use leptos::prelude::*;

use crate::format::composition;
use crate::page::{Control, Layout};
use crate::sim::{RATIO_MAX, Scenario};
use crate::ui::widgets::{CountInput, ParamSlider, Presets, Scale, SeedInput};

/// Every control of the scenario that the layout shows.
#[component]
pub fn ScenarioControls(scenario: RwSignal<Scenario>, layout: RwSignal<Layout>) -> impl IntoView {
    let has = move |c: Control| layout.with(|l| l.has(c));
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
            <Show when=move || has(Control::Acc0)>
                <ParamSlider state=scenario id="acc0" label="accuracy on negatives" symbol="acc0"
                    min=0.0 max=1.0 step=0.001 get=|s| s.acc0 set=|s, v| s.acc0 = v />
            </Show>
            <Show when=move || has(Control::Acc1)>
                <ParamSlider state=scenario id="acc1" label="accuracy on positives" symbol="acc1"
                    min=0.0 max=1.0 step=0.001 get=|s| s.acc1 set=|s, v| s.acc1 = v />
            </Show>
            <Show when=move || has(Control::Threshold)>
                <ParamSlider state=scenario id="thr" label="threshold" symbol="t"
                    min=0.0 max=1.0 step=0.001 get=|s| s.threshold set=|s, v| s.threshold = v />
            </Show>
            <Show when=move || has(Control::PosWeight)>
                <ParamSlider state=scenario id="pw" label="pos_weight" symbol="w"
                    min=0.01 max=100.0 step=0.01 scale=Scale::Log
                    get=|s| s.pos_weight set=|s, v| s.pos_weight = v />
            </Show>
            <Show when=move || has(Control::Alpha)>
                <ParamSlider state=scenario id="alpha" label="focal alpha" symbol="α"
                    min=0.0 max=1.0 step=0.01 get=|s| s.alpha set=|s, v| s.alpha = v />
            </Show>
            <Show when=move || has(Control::Gamma)>
                <ParamSlider state=scenario id="gamma" label="focal gamma" symbol="γ"
                    min=0.0 max=10.0 step=0.1 get=|s| s.gamma set=|s, v| s.gamma = v />
            </Show>
            <Show when=move || has(Control::Seed)><SeedInput scenario /></Show>
        </aside>
    }
}
