//! Precision, recall and F1 against the threshold; ROC and PR.

use leptos::prelude::*;

use crate::charts::Figure;
use crate::features::explore::charts::threshold::ThresholdCurves;
use crate::features::words::page::words_and;
use crate::features::words::{THRESHOLD, THRESHOLD_TERMS};
use crate::format::metric;
use crate::sim::Scenario;
use crate::state::Panel;
use crate::ui::derived::Derived;
use crate::ui::widgets::{ChartCanvas, PanelFrame};

/// Choosing the threshold.
#[component]
pub fn ThresholdPanel(scenario: RwSignal<Scenario>, derived: Derived) -> impl IntoView {
    let data = move || ThresholdCurves {
        sweep: derived.sweep.with(|s| s.0.as_ref().clone()),
        threshold: scenario.with(|s| s.threshold),
        current: derived.a.metrics.with(|m| m.confusion),
        roc_auc: derived.a.metrics.with(|m| m.roc_auc),
        average_precision: derived.a.metrics.with(|m| m.average_precision),
    };
    let curves = Memo::new(move |_| data());
    let threshold = Memo::new(move |_| Figure::Threshold(curves.get()));
    let roc = Memo::new(move |_| Figure::Roc(curves.get()));
    let pr = Memo::new(move |_| Figure::Pr(curves.get()));
    let label = move |what: &'static str| {
        Signal::derive(move || {
            derived.a.metrics.with(|m| {
                format!(
                    "{what}; at the threshold: precision {}, recall {}, F1 {}",
                    metric(m.precision, 3),
                    metric(m.recall, 3),
                    metric(m.f1, 3)
                )
            })
        })
    };
    view! {
        <PanelFrame panel=Panel::Threshold title="Choosing the threshold">
            <div class="chart-row">
                <ChartCanvas figure=threshold class="square" title="precision, recall and F1"
                    label=label("Precision, recall and F1 against the threshold") />
                <ChartCanvas figure=roc class="square" title="ROC curve" label=label("ROC curve") />
                <ChartCanvas figure=pr class="square" title="precision-recall curve"
                    label=label("Precision-recall curve") />
            </div>
            {words_and(THRESHOLD, THRESHOLD_TERMS)}
        </PanelFrame>
    }
}
