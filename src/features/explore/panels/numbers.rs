//! The loss and metric tables: the losses of model A (the scenario's, or the file's first
//! column), the metrics of the model the decision panel judges. Each table names its model.

use leptos::prelude::*;

use crate::features::words::page::words_and;
use crate::features::words::{NUMBERS, NUMBERS_TERMS};
use crate::sim::Metrics;
use crate::sim::engine::ExactParts;
use crate::state::{Judge, Panel};
use crate::ui::derived::Derived;
use crate::ui::signals::PageSignals;
use crate::ui::widgets::{LossTable, MetricTable, PanelFrame};
use crate::ui::worker_client::{Progress, decision_is_current};

/// The metrics of a trained model, which only the worker's decision panel holds: those of its
/// answer for the page's current settings, else `None` ("…" in the table).
fn trained_metrics(page: PageSignals, derived: Derived) -> Option<Metrics> {
    let decision = use_context::<Progress>()?.decision;
    let request = derived.request.get();
    let (settings, training) = (page.decision.get(), page.training.get());
    decision.with(|d| {
        d.as_ref()
            .ok()
            .filter(|d| decision_is_current(d.0.id, &request, &settings, &training))
            .and_then(|d| d.0.judged)
    })
}

/// The loss and metric tables.
#[component]
pub fn NumbersPanel(page: PageSignals, derived: Derived) -> impl IntoView {
    // Plain closures and derived signals, no memo of a new type: each costs the page's module.
    let judged = move || page.judged();
    let metrics = Signal::derive(move || match judged() {
        Judge::A => derived.a.metrics.get(),
        Judge::B => derived.b.metrics.get(),
        // Model A's stand in until the worker answers; the table shows "…" meanwhile.
        Judge::Trained(_) => trained_metrics(page, derived).unwrap_or(derived.a.metrics.get()),
    });
    let ready = Signal::derive(move || match judged() {
        Judge::Trained(_) => trained_metrics(page, derived).is_some(),
        _ => true,
    });
    // A trained model's numbers are the worker's, always exact.
    let all_exact = ExactParts {
        sums: Default::default(),
        confusion: true,
        ranking: true,
    };
    let exact = Signal::derive(move || match judged() {
        Judge::A => derived.a.exact.get(),
        Judge::B => derived.b.exact.get(),
        Judge::Trained(_) => all_exact,
    });
    let model = Signal::derive(move || judged().label());
    // Where a trained model's metrics come from, said under its table.
    let sample = move || match judged() {
        Judge::Trained(_) => {
            "On the training view's sample, as the decision panel below scores it.".to_string()
        }
        _ => String::new(),
    };
    view! {
        <PanelFrame panel=Panel::Numbers title="The numbers">
            <div class="numbers-grid">
                <div>
                    <h3>"Losses of model A"</h3>
                    <LossTable losses=derived.a.losses exact=derived.a.exact />
                    {words_and(NUMBERS, NUMBERS_TERMS)}
                </div>
                <div>
                    <h3>"Metrics at the threshold: " {move || model.get()}</h3>
                    <MetricTable model metrics ready exact />
                    <p class="table-notes">{sample}</p>
                </div>
            </div>
        </PanelFrame>
    }
}
