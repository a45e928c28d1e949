//! The browser shell: renders the core's results and turns input events into parameter changes.

mod controls;
mod format;
mod state;
mod tables;

use leptos::prelude::*;

use crate::sim::Scenario;
use controls::{CountInput, ParamSlider};
use state::Derived;
use tables::{LossTable, MetricTable};

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let scenario = RwSignal::new(Scenario::default());
    let derived = Derived::new(scenario);
    view! {
        <header>
            <h1>"imbalance-lab"</h1>
            <p class="lede">
                "Synthetic predictions for an imbalanced binary problem: move a control and every "
                "loss and metric follows."
            </p>
        </header>
        <main>
            <section class="panel" aria-labelledby="controls-title">
                <h2 id="controls-title">"Scenario"</h2>
                <div class="controls">
                    <CountInput scenario id="neg" label="negatives (label 0)"
                        get=|s| s.neg set=|s, v| s.neg = v />
                    <CountInput scenario id="pos" label="positives (label 1)"
                        get=|s| s.pos set=|s, v| s.pos = v />
                    <ParamSlider scenario id="acc0" label="accuracy on negatives, acc0"
                        min=0.0 max=1.0 step=0.001 get=|s| s.acc0 set=|s, v| s.acc0 = v />
                    <ParamSlider scenario id="acc1" label="accuracy on positives, acc1"
                        min=0.0 max=1.0 step=0.001 get=|s| s.acc1 set=|s, v| s.acc1 = v />
                    <ParamSlider scenario id="thr" label="threshold"
                        min=0.0 max=1.0 step=0.001 get=|s| s.threshold set=|s, v| s.threshold = v />
                    <ParamSlider scenario id="pw" label="pos_weight"
                        min=0.01 max=100.0 step=0.01 get=|s| s.pos_weight set=|s, v| s.pos_weight = v />
                    <ParamSlider scenario id="alpha" label="focal alpha"
                        min=0.0 max=1.0 step=0.01 get=|s| s.alpha set=|s, v| s.alpha = v />
                    <ParamSlider scenario id="gamma" label="focal gamma"
                        min=0.0 max=10.0 step=0.1 get=|s| s.gamma set=|s, v| s.gamma = v />
                </div>
            </section>
            <section class="panel" aria-labelledby="losses-title">
                <h2 id="losses-title">"Losses"</h2>
                <LossTable losses=derived.losses />
            </section>
            <section class="panel" aria-labelledby="metrics-title">
                <h2 id="metrics-title">"Metrics"</h2>
                <MetricTable metrics=derived.metrics />
            </section>
        </main>
    }
}
