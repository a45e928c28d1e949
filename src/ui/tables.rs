//! The numbers: the four losses under each reduction, and the metrics.

use leptos::prelude::*;

use super::format::{metric, number, percent};
use super::state::Exactness;
use crate::sim::{Class, LossKind, Losses, Measure, Metric, Metrics};

/// The four losses: mean, sum, and the share each class carries.
#[component]
pub fn LossTable(
    /// The losses to show.
    #[prop(into)]
    losses: Signal<Losses>,
    /// Which numbers are exact: their rows are never shown as estimates.
    #[prop(into)]
    exact: Signal<Exactness>,
) -> impl IntoView {
    let rows = LossKind::ALL.map(|kind| {
        let r = move || *losses.get().get(kind);
        let exact = move || exact.with(|e| e.of(Measure::Loss(kind)));
        view! {
            <tr class:exact=exact>
                <th scope="row">{kind.name()}</th>
                <td>{move || metric(r().mean, 6)}</td>
                <td>{move || number(r().sum, 6)}</td>
                <td>{move || percent(r().share(Class::Negative))}</td>
                <td>{move || percent(r().share(Class::Positive))}</td>
            </tr>
        }
    });
    view! {
        <div class="table-wrap">
        <table class="numbers" aria-label="losses">
            <thead>
                <tr>
                    <th scope="col">"loss"</th>
                    <th scope="col">"mean"</th>
                    <th scope="col">"sum"</th>
                    <th scope="col">"neg share"</th>
                    <th scope="col">"pos share"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        </div>
    }
}

/// The metrics at the threshold, and the threshold-free ones.
#[component]
pub fn MetricTable(
    /// The metrics to show.
    #[prop(into)]
    metrics: Signal<Metrics>,
    /// Which numbers are exact: their rows are never shown as estimates.
    #[prop(into)]
    exact: Signal<Exactness>,
) -> impl IntoView {
    let count = |f: fn(&Metrics) -> u64| move || metrics.with(f).to_string();
    let value = |f: fn(&Metrics) -> Metric| move || metric(metrics.with(f), 4);
    // Each row with the part it comes from: the confusion matrix or the ranking.
    type Part = fn(&Exactness) -> bool;
    let (confusion, ranking): (Part, Part) = (|e| e.confusion, |e| e.ranking);
    let row = |name: &'static str, part: Part, text: Box<dyn Fn() -> String + Send + Sync>| {
        let exact = move || exact.with(part);
        view! { <tr class:exact=exact><th scope="row">{name}</th><td>{move || text()}</td></tr> }
    };
    let rows = vec![
        row("TP", confusion, Box::new(count(|m| m.confusion.tp))),
        row("FP", confusion, Box::new(count(|m| m.confusion.fp))),
        row("TN", confusion, Box::new(count(|m| m.confusion.tn))),
        row("FN", confusion, Box::new(count(|m| m.confusion.fn_))),
        row("accuracy", confusion, Box::new(value(|m| m.accuracy))),
        row("precision", confusion, Box::new(value(|m| m.precision))),
        row("recall", confusion, Box::new(value(|m| m.recall))),
        row("F1", confusion, Box::new(value(|m| m.f1))),
        row("specificity", confusion, Box::new(value(|m| m.specificity))),
        row(
            "balanced accuracy",
            confusion,
            Box::new(value(|m| m.balanced_accuracy)),
        ),
        row("MCC", confusion, Box::new(value(|m| m.mcc))),
        row("ROC AUC", ranking, Box::new(value(|m| m.roc_auc))),
        row(
            "average precision",
            ranking,
            Box::new(value(|m| m.average_precision)),
        ),
    ];
    view! {
        <table class="numbers" aria-label="metrics">
            <thead><tr><th scope="col">"metric"</th><th scope="col">"value"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
