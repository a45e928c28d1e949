//! Model A against model B on the same validation set: which one each loss and metric
//! prefers, now and at other class ratios.

use crate::ui::signals::shown_losses;
use leptos::prelude::*;

use crate::features::words::page::words_and;
use crate::features::words::{MODEL_B, MODEL_B_TERMS};
use crate::format::{Notes, ratio_heading};
use crate::sim::engine::ExactParts;
use crate::sim::{
    Losses, Measure, Metric, Metrics, Profile, RATIO_MAX, RATIOS, Scenario, Verdict, verdict,
};
use crate::state::{Control, ModelB, Panel};
use crate::ui::derived::{Derived, Model};
use crate::ui::hooks::{on_screen, when_seen};
use crate::ui::signals::{Imported, Sources};
use crate::ui::widgets::{NumbersTable, PanelFrame, ParamSlider, Scale};

/// What the panel shows of one model, taken at once so the table is always consistent.
#[derive(Clone, Debug, PartialEq)]
struct Shown {
    losses: Losses,
    metrics: Metrics,
    profile: Profile,
    ap_at_ratios: [Metric; RATIOS.len()],
    exact: ExactParts,
}

impl Shown {
    /// Reads (and if need be computes) a model's results, without subscribing to them.
    fn of(model: &Model) -> Self {
        Shown {
            losses: model.losses.get_untracked(),
            metrics: model.metrics.get_untracked(),
            profile: model.profile.get_untracked(),
            ap_at_ratios: model.ap_at_ratios.get_untracked(),
            exact: model.exact.get_untracked(),
        }
    }

    fn now(&self, m: Measure) -> Metric {
        m.of(&self.losses, &self.metrics)
    }

    /// A measure at ratio column `i` of `RATIOS`.
    fn at_ratio(&self, m: Measure, i: usize) -> Metric {
        if m == Measure::AveragePrecision {
            self.ap_at_ratios[i]
        } else {
            self.profile.measure(m, RATIOS[i])
        }
    }
}

/// Both models as shown.
type Pair = Option<(Shown, Shown)>;

/// A cell that says which model a measure prefers: one element, its text and class kept
/// current (not a new element each time the verdict is read).
fn verdict_cell(v: impl Fn() -> Verdict + Copy + Send + Sync + 'static) -> impl IntoView {
    let shown = move || match v() {
        Verdict::A => ("A", "verdict a"),
        Verdict::B => ("B", "verdict b"),
        Verdict::Tie => ("tie", "verdict tie"),
        Verdict::Undefined => ("–", "verdict none"),
    };
    view! { <td class=move || shown().1>{move || shown().0}</td> }
}

/// Model A or model B: which one each measure prefers.
#[component]
pub fn ModelBPanel(
    /// The scenario (model A's accuracies, the shared settings).
    scenario: RwSignal<Scenario>,
    /// Model B's accuracies.
    model_b: RwSignal<ModelB>,
    /// The derived numbers of both models.
    derived: Derived,
) -> impl IntoView {
    view! {
        <PanelFrame panel=Panel::ModelB title="Model A or model B? Ask each measure">
            {words_and(MODEL_B, MODEL_B_TERMS)}
            <ModelBBody scenario model_b derived />
        </PanelFrame>
    }
}

/// The comparison's controls and tables.
#[component]
fn ModelBBody(
    /// The scenario (model A's accuracies, the shared settings).
    scenario: RwSignal<Scenario>,
    /// Model B's accuracies.
    model_b: RwSignal<ModelB>,
    /// The derived numbers of both models.
    derived: Derived,
) -> impl IntoView {
    let d = derived;
    // Model B doubles the work of every data control. The panel takes both models' results
    // when it is on screen; off screen it catches up a moment after the last change, so a
    // drag elsewhere on the page pays for model A only.
    let wrap = NodeRef::<leptos::html::Div>::new();
    let visible = on_screen(move || wrap.get().map(|w| w.into()));
    let shown = RwSignal::new(None::<(Shown, Shown)>);
    let take = move || shown.set(Some((Shown::of(&d.a), Shown::of(&d.b))));
    when_seen(
        visible,
        move |_| {
            scenario.track();
            model_b.track();
            // The exact numbers replacing the estimates, part by part.
            d.answer.track();
        },
        take,
    );
    view! {
        <div node_ref=wrap class="ab-body">
        {controls(scenario, model_b, d.data)}
        {tables(shown)}
        </div>
    }
}

/// Model B's accuracies and the comparison's class ratio; with imported predictions, which
/// columns the models are.
fn controls(
    scenario: RwSignal<Scenario>,
    model_b: RwSignal<ModelB>,
    data: RwSignal<Option<Imported>>,
) -> impl IntoView {
    // An embed may hide the scenario's accuracies: then nothing is "above".
    let layout = use_context::<Sources>().map(|s| s.page.layout);
    let above =
        move || layout.is_none_or(|l| l.with(|l| l.has(Control::Acc0) || l.has(Control::Acc1)));
    view! {
        <div class="ab-controls">
            // Imported predictions: the models are the file's score columns, its classes fixed
            // (the synthetic accuracies do not describe them).
            <Show when=move || data.with(Option::is_none) fallback=move || view! {
                <p class="explain">{move || data.with(|i| i.as_ref().map(|i| match i.summary.0.names.as_slice() {
                    [a, b] => format!("Model A is the file's {a}, model B its {b}."),
                    _ => "The file has one score column: model B is model A.".to_string(),
                }))}</p>
            }>
                <p class="model-a">
                    {move || if above() { "Model A is the scenario above: " } else { "Model A has the scenario's accuracies: " }}
                    <span class="num">{move || scenario.with(|s| format!("acc0 {}, acc1 {}", s.acc0, s.acc1))}</span>
                    "."
                </p>
                <ParamSlider state=model_b id="acc0b" label="model B, accuracy on negatives" symbol="acc0"
                    min=0.0 max=1.0 step=0.001 get=|r| r.acc0 set=|r, v| r.acc0 = v />
                <ParamSlider state=model_b id="acc1b" label="model B, accuracy on positives" symbol="acc1"
                    min=0.0 max=1.0 step=0.001 get=|r| r.acc1 set=|r, v| r.acc1 = v />
                <ParamSlider state=scenario id="ab-ratio" label="comparison class ratio, negatives per positive"
                    min=1.0 max=RATIO_MAX step=1.0 scale=Scale::Log get=Scenario::ratio_on_slider
                    set=Scenario::set_ratio />
            </Show>
        </div>
    }
}

/// A measure's key in the tables' `data-measure`.
fn key(m: Measure) -> String {
    match m {
        Measure::Loss(k) => k.key().to_string(),
        other => other.name().replace(' ', "_").to_lowercase(),
    }
}

/// A measure's name in the tables (losses are means).
fn name(m: Measure) -> String {
    format!(
        "{}{}",
        m.name(),
        if m.higher_is_better() { "" } else { " (mean)" }
    )
}

/// Text of both models as shown, or "…" before the panel has taken them.
fn with_pair(shown: RwSignal<Pair>, f: &dyn Fn(&Shown, &Shown) -> String) -> String {
    shown.with(|p: &Pair| {
        p.as_ref()
            .map(|(a, b)| f(a, b))
            .unwrap_or_else(|| "…".into())
    })
}

/// Which model measure `m` prefers, now (`None`) or at ratio column `i`.
fn verdict_of(shown: RwSignal<Pair>, m: Measure, i: Option<usize>) -> Verdict {
    shown.with(|p: &Pair| match p {
        None => Verdict::Undefined,
        Some((a, b)) => match i {
            None => verdict(m, a.now(m), b.now(m)),
            Some(i) => verdict(m, a.at_ratio(m, i), b.at_ratio(m, i)),
        },
    })
}

/// Both models on this set, and which one each measure prefers at each class ratio.
fn tables(shown: RwSignal<Pair>) -> impl IntoView {
    // A row for every measure; a loss the reader does not show is hidden, not rebuilt.
    let losses = shown_losses();
    let hidden =
        move |m: Measure| move || matches!(m, Measure::Loss(k) if !losses.with(|s| s.contains(k)));
    // Undefined values are marked; their reasons go under the table. Each cell works them out
    // itself (a few dozen values): cheaper in the page's module than a memo of its own type.
    let notes = move || {
        shown.with(|p: &Pair| {
            p.as_ref().map_or_else(Notes::default, |(a, b)| {
                Notes::of(Measure::ALL.iter().flat_map(|m| [a.now(*m), b.now(*m)]))
            })
        })
    };
    let cell = move |v: Metric| notes().cell(v, 4);
    let now_rows = Measure::ALL.map(|m| {
        // Exact for both models: never shown as an estimate.
        let exact = move || {
            shown.with(|p: &Pair| {
                p.as_ref()
                    .is_some_and(|(a, b)| a.exact.of(m) && b.exact.of(m))
            })
        };
        view! {
            <tr data-measure=key(m) class:exact=exact hidden=hidden(m)>
                <th scope="row">{name(m)}</th>
                <td>{move || with_pair(shown, &|a, _| cell(a.now(m)))}</td>
                <td>{move || with_pair(shown, &|_, b| cell(b.now(m)))}</td>
                {verdict_cell(move || verdict_of(shown, m, None))}
            </tr>
        }
    });
    let strip_rows = Measure::ALL.map(|m| {
        let cells = (0..RATIOS.len())
            .map(|i| verdict_cell(move || verdict_of(shown, m, Some(i))))
            .collect::<Vec<_>>();
        view! { <tr data-measure=key(m) hidden=hidden(m)><th scope="row">{name(m)}</th>{cells}</tr> }
    });
    let now_columns = ["on this set", "A", "B", "prefers"]
        .map(String::from)
        .to_vec();
    let mut ratio_columns = vec!["at ratio".to_string()];
    ratio_columns.extend(RATIOS.map(ratio_heading));
    view! {
        <div class="ab-tables">
            <NumbersTable label="model A against model B" class="ab" columns=now_columns
                notes=Signal::derive(move || notes().lines().join("\n"))>
                {now_rows}
            </NumbersTable>
            <NumbersTable label="preferred model by class ratio" class="ab" columns=ratio_columns>
                {strip_rows}
            </NumbersTable>
        </div>
    }
}
