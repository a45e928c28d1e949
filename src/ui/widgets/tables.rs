//! Tables of numbers: the frame every table on the page shares, the four losses under each
//! reduction, and the metrics.

use crate::ui::signals::shown_losses;
use leptos::prelude::*;

use crate::format::{Notes, number, percent};
use crate::sim::engine::ExactParts;
use crate::sim::loss::Shown;
use crate::sim::{Class, LossKind, Losses, Measure, Metric, Metrics, Undefined};

/// A table of numbers with a header row, and under it the notes on its undefined cells. It
/// fits its panel from 700 px up (no cell holds a reason); narrower, it scrolls in its own box.
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
    /// The heading of the second column, when it changes (the model a table shows).
    #[prop(optional, into)]
    second: Option<Signal<String>>,
    /// The notes on its undefined cells (`Notes::lines`, a note a line), under it.
    #[prop(optional, into)]
    notes: Option<Signal<String>>,
    /// The rows.
    children: Children,
) -> impl IntoView {
    // Plain text nodes, each kept current: cheaper in the page's module than lists of
    // elements rebuilt as they change.
    let head = columns
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let text = move || match second {
                Some(s) if i == 1 => s.get(),
                _ => c.clone(),
            };
            view! { <th scope="col">{text}</th> }
        })
        .collect::<Vec<_>>();
    // One note a line (`white-space: pre-line`).
    let notes = move || notes.map(|n| n.get());
    view! {
        <div class="table-wrap">
            <table class=format!("numbers {class}") aria-label=label>
                <thead><tr>{head}</tr></thead>
                <tbody>{children()}</tbody>
            </table>
            <p class="table-notes">{notes}</p>
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
    // Each cell works out the table's notes itself (a few dozen values): no memo of a type of
    // its own, which would cost the page's module more than it saves.
    let notes = move || losses.with(|l| shown.with(|s| loss_notes(l, s)));
    let rows = LossKind::ALL.map(|kind| {
        let r = move || *losses.get().get(kind);
        let cell = move |m: Metric, f: fn(f64) -> String| match m {
            Err(Undefined::SetLevel) => "–".into(),
            m => notes().cell_with(m, f),
        };
        shown_row(
            kind.name(),
            move || exact.with(|e| e.of(Measure::Loss(kind))),
            move || shown.with(|s| s.contains(kind)),
            vec![
                Box::new(move || cell(r().mean(), |v| number(v, 6))),
                Box::new(move || cell(r().sum(), |v| number(v, 6))),
                Box::new(move || cell(r().share(Class::Negative), share)),
                Box::new(move || cell(r().share(Class::Positive), share)),
            ],
        )
    });
    let notes = Signal::derive(move || notes().lines().join("\n"));
    let columns = ["loss", "mean", "sum", "neg share", "pos share"].map(String::from);
    view! {
        <NumbersTable label="losses" columns=columns.to_vec() notes=notes>{rows}</NumbersTable>
    }
}

/// The notes of the shown losses' undefined cells (a set-level loss's missing sum and shares
/// are a dash, not a note).
fn loss_notes(losses: &Losses, shown: &Shown) -> Notes {
    Notes::of(shown.iter().flat_map(|kind| {
        let r = losses.get(kind);
        [
            r.mean(),
            r.sum(),
            r.share(Class::Negative),
            r.share(Class::Positive),
        ]
        .map(|m| match m {
            Err(Undefined::SetLevel) => Ok(0.0),
            m => m,
        })
    }))
}

/// A share as a percentage, as `format::percent` writes it.
fn share(v: f64) -> String {
    percent(Ok(v))
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

/// The notes of a metrics table's undefined cells.
fn metric_notes(m: &Metrics) -> Notes {
    Notes::of(VALUES.map(|(_, _, value)| value(m)))
}

/// The metrics of one model at the threshold, and the threshold-free ones.
#[component]
pub fn MetricTable(
    /// The model's name, the heading of the values' column ("model B").
    #[prop(into)]
    model: Signal<String>,
    /// Its metrics.
    #[prop(into)]
    metrics: Signal<Metrics>,
    /// Whether they are there yet ("…" until they are: a trained model's come from the worker).
    #[prop(into)]
    ready: Signal<bool>,
    /// Which numbers are exact: their rows are never shown as estimates.
    #[prop(into)]
    exact: Signal<ExactParts>,
) -> impl IntoView {
    let text = move |f: &dyn Fn(&Metrics) -> String| match ready.get() {
        true => metrics.with(f),
        false => "…".to_string(),
    };
    let confusion = move || exact.with(|e| e.confusion);
    let counts = COUNTS.map(|(name, count)| {
        row(
            name,
            confusion,
            vec![Box::new(move || text(&|m| count(m).to_string()))],
        )
    });
    let values = VALUES.map(|(name, part, value)| {
        row(
            name,
            move || exact.with(part),
            vec![Box::new(move || {
                text(&|m| metric_notes(m).cell(value(m), 4))
            })],
        )
    });
    let rows = (counts, values);
    let columns = ["metric", ""].map(String::from).to_vec();
    let notes = Signal::derive(move || text(&|m| metric_notes(m).lines().join("\n")));
    view! {
        <NumbersTable label="metrics" columns second=model notes=notes>{rows}</NumbersTable>
    }
}
