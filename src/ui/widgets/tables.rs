//! Tables of numbers: the frame every table on the page shares, the four losses under each
//! reduction, and the metrics.

use leptos::prelude::*;

use crate::format::{metric, number, percent};
use crate::sim::engine::ExactParts;
use crate::sim::{Class, LossKind, Losses, Measure, Metric, Metrics};

/// A table of numbers with a header row, scrolling sideways in its own box on narrow screens.
#[component]
pub fn NumbersTable(
    /// The table's accessible name.
    label: &'static str,
    /// Extra CSS class of the table.
    #[prop(optional)]
    class: &'static str,
    /// The column headings.
    #[prop(into)]
    columns: Vec<String>,
    /// The rows.
    children: Children,
) -> impl IntoView {
    let head = columns
        .into_iter()
        .map(|c| view! { <th scope="col">{c}</th> })
        .collect::<Vec<_>>();
    view! {
        <div class="table-wrap">
            <table class=format!("numbers {class}") aria-label=label>
                <thead><tr>{head}</tr></thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}

/// A row of a table whose number may be an estimate: named, with its cells, upright when exact.
fn row(
    name: &'static str,
    exact: impl Fn() -> bool + Send + Sync + 'static,
    cells: Vec<Box<dyn Fn() -> String + Send + Sync>>,
) -> impl IntoView {
    let cells = cells
        .into_iter()
        .map(|c| view! { <td>{move || c()}</td> })
        .collect::<Vec<_>>();
    view! { <tr class:exact=exact><th scope="row">{name}</th>{cells}</tr> }
}

/// The four losses: mean, sum, and the share each class carries.
#[component]
pub fn LossTable(
    /// The losses to show.
    #[prop(into)]
    losses: Signal<Losses>,
    /// Which numbers are exact: their rows are never shown as estimates.
    #[prop(into)]
    exact: Signal<ExactParts>,
) -> impl IntoView {
    let rows = LossKind::ALL.map(|kind| {
        let r = move || *losses.get().get(kind);
        row(
            kind.name(),
            move || exact.with(|e| e.of(Measure::Loss(kind))),
            vec![
                Box::new(move || metric(r().mean, 6)),
                Box::new(move || number(r().sum, 6)),
                Box::new(move || percent(r().share(Class::Negative))),
                Box::new(move || percent(r().share(Class::Positive))),
            ],
        )
    });
    let columns = ["loss", "mean", "sum", "neg share", "pos share"].map(String::from);
    view! { <NumbersTable label="losses" columns=columns.to_vec()>{rows}</NumbersTable> }
}

/// The metrics at the threshold, and the threshold-free ones.
#[component]
pub fn MetricTable(
    /// The metrics to show.
    #[prop(into)]
    metrics: Signal<Metrics>,
    /// Which numbers are exact: their rows are never shown as estimates.
    #[prop(into)]
    exact: Signal<ExactParts>,
) -> impl IntoView {
    let count = |f: fn(&Metrics) -> u64| -> Box<dyn Fn() -> String + Send + Sync> {
        Box::new(move || metrics.with(f).to_string())
    };
    let value = |f: fn(&Metrics) -> Metric| -> Box<dyn Fn() -> String + Send + Sync> {
        Box::new(move || metric(metrics.with(f), 4))
    };
    // Each row with the part it comes from: the confusion matrix or the ranking.
    let confusion = move || exact.with(|e| e.confusion);
    let ranking = move || exact.with(|e| e.ranking);
    let rows = vec![
        row("TP", confusion, vec![count(|m| m.confusion.tp)]).into_any(),
        row("FP", confusion, vec![count(|m| m.confusion.fp)]).into_any(),
        row("TN", confusion, vec![count(|m| m.confusion.tn)]).into_any(),
        row("FN", confusion, vec![count(|m| m.confusion.fn_)]).into_any(),
        row("accuracy", confusion, vec![value(|m| m.accuracy)]).into_any(),
        row("precision", confusion, vec![value(|m| m.precision)]).into_any(),
        row("recall", confusion, vec![value(|m| m.recall)]).into_any(),
        row("F1", confusion, vec![value(|m| m.f1)]).into_any(),
        row("specificity", confusion, vec![value(|m| m.specificity)]).into_any(),
        row(
            "balanced accuracy",
            confusion,
            vec![value(|m| m.balanced_accuracy)],
        )
        .into_any(),
        row("MCC", confusion, vec![value(|m| m.mcc)]).into_any(),
        row("ROC AUC", ranking, vec![value(|m| m.roc_auc)]).into_any(),
        row(
            "average precision",
            ranking,
            vec![value(|m| m.average_precision)],
        )
        .into_any(),
    ];
    let columns = ["metric", "value"].map(String::from);
    view! { <NumbersTable label="metrics" columns=columns.to_vec()>{rows}</NumbersTable> }
}
