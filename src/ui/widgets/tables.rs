//! Tables of numbers: the frame every table on the page shares, the four losses under each
//! reduction, and the metrics.

use crate::ui::signals::shown_losses;
use leptos::prelude::*;

use crate::format::{metric, percent};
use crate::sim::engine::ExactParts;
use crate::sim::{Class, LossKind, Losses, Measure, Metric, Metrics, Undefined};

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
    shown_row(name, exact, || true, cells)
}

/// A row that is in the table only while `shown` says so (hidden, not rebuilt).
fn shown_row(
    name: &'static str,
    exact: impl Fn() -> bool + Send + Sync + 'static,
    shown: impl Fn() -> bool + Send + Sync + 'static,
    cells: Vec<Box<dyn Fn() -> String + Send + Sync>>,
) -> impl IntoView {
    let cells = cells
        .into_iter()
        .map(|c| view! { <td>{move || c()}</td> })
        .collect::<Vec<_>>();
    view! { <tr class:exact=exact hidden=move || !shown()><th scope="row">{name}</th>{cells}</tr> }
}

/// The shown losses: mean, sum, and the share each class carries.
#[component]
pub fn LossTable(
    /// The losses to show.
    #[prop(into)]
    losses: Signal<Losses>,
    /// Which numbers are exact: their rows are never shown as estimates.
    #[prop(into)]
    exact: Signal<ExactParts>,
) -> impl IntoView {
    let shown = shown_losses();
    let rows = LossKind::ALL.map(|kind| {
        let r = move || *losses.get().get(kind);
        shown_row(
            kind.name(),
            move || exact.with(|e| e.of(Measure::Loss(kind))),
            move || shown.with(|s| s.contains(kind)),
            vec![
                Box::new(move || metric(r().mean(), 6)),
                Box::new(move || set_level_or(r().sum(), |m| metric(m, 6))),
                Box::new(move || set_level_or(r().share(Class::Negative), percent)),
                Box::new(move || set_level_or(r().share(Class::Positive), percent)),
            ],
        )
    });
    let columns = ["loss", "mean", "sum", "neg share", "pos share"].map(String::from);
    view! { <NumbersTable label="losses" columns=columns.to_vec()>{rows}</NumbersTable> }
}

/// A set-level loss's missing sum or share as a dash (the words say why: a long reason would
/// widen the column past the panel), anything else as `f` writes it.
fn set_level_or(m: Metric, f: impl Fn(Metric) -> String) -> String {
    match m {
        Err(Undefined::SetLevel) => "–".into(),
        m => f(m),
    }
}

/// A row of the metric table: its name, and how it reads its count or metric.
type Count = (&'static str, fn(&Metrics) -> u64);
type Value = (&'static str, Part, fn(&Metrics) -> Metric);

/// The confusion matrix's cells.
const COUNTS: [Count; 4] = [
    ("TP", |m| m.confusion.tp),
    ("FP", |m| m.confusion.fp),
    ("TN", |m| m.confusion.tn),
    ("FN", |m| m.confusion.fn_),
];

/// Which part of a model's numbers a row comes from.
type Part = fn(&ExactParts) -> bool;

/// Each metric, with the part it comes from (the confusion matrix or the ranking).
const VALUES: [Value; 9] = [
    ("accuracy", |e| e.confusion, |m| m.accuracy),
    ("precision", |e| e.confusion, |m| m.precision),
    ("recall", |e| e.confusion, |m| m.recall),
    ("F1", |e| e.confusion, |m| m.f1),
    ("specificity", |e| e.confusion, |m| m.specificity),
    (
        "balanced accuracy",
        |e| e.confusion,
        |m| m.balanced_accuracy,
    ),
    ("MCC", |e| e.confusion, |m| m.mcc),
    ("ROC AUC", |e| e.ranking, |m| m.roc_auc),
    ("average precision", |e| e.ranking, |m| m.average_precision),
];

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
    let confusion = move || exact.with(|e| e.confusion);
    let counts = COUNTS.map(|(name, count)| {
        row(
            name,
            confusion,
            vec![Box::new(move || metrics.with(count).to_string())],
        )
    });
    let values = VALUES.map(|(name, part, value)| {
        row(
            name,
            move || exact.with(part),
            vec![Box::new(move || metric(metrics.with(value), 4))],
        )
    });
    let rows = (counts, values);
    let columns = ["metric", "value"].map(String::from);
    view! { <NumbersTable label="metrics" columns=columns.to_vec()>{rows}</NumbersTable> }
}
