//! What each loss trains (SPEC section 6): the logistic model each loss would train on a
//! population whose feature separates the classes by `d`, at the page's mix, pos_weight, alpha,
//! gamma and threshold. Exact (no sampling), and recomputed whenever the panel is seen.

mod effects;
mod sample;
mod spread;
mod statements;

use crate::sim::loss::Shown;
use crate::ui::signals::shown_losses;
use std::sync::Arc;

use leptos::prelude::*;

use crate::charts::Figure;
use crate::features::words::page::words;
use crate::features::words::{OPTIMAL, TRAINED_SCORES, TRAINING};
use crate::format::{metric, number};
use crate::sim::training::{Binormal, LossParams, Model, NoOptimum, PerLoss, SEP, TrainingView};
use crate::sim::{LossKind, Scenario};
use crate::state::{Panel, TrainingSettings};
use crate::ui::hooks::{on_screen, when_seen};
use crate::ui::signals::Shared;
use crate::ui::widgets::{ChartCanvas, ChartPair, PanelFrame, ParamSlider};
use sample::{SampleTraining, sample_models};
use spread::SpreadTraining;
use statements::{boundary_text, statements};

pub use sample::sample_request;
pub use spread::spread_request;

/// The view of these settings, keeping what `prev` holds for each loss whose inputs did not
/// change (a model's accuracy changes none of them).
fn compute(
    prev: Option<&Shared<TrainingView>>,
    scenario: &Scenario,
    settings: &TrainingSettings,
    shown: Shown,
) -> Shared<TrainingView> {
    let pop = Binormal::from_scenario(scenario, settings.sep);
    let params = LossParams::from_scenario(scenario);
    let view = TrainingView {
        shown,
        ..TrainingView::update(prev.map(|p| &*p.0), &pop, &params, scenario.threshold)
    };
    // The same view keeps its identity, so nothing that reads it redraws.
    match prev {
        Some(p) if *p.0 == view => p.clone(),
        _ => Shared(Arc::new(view)),
    }
}

/// What the table shows of each model, one row a quantity (a narrow screen fits four losses
/// across more easily than eight quantities).
const QUANTITIES: [&str; 8] = [
    "w",
    "b",
    "positive where",
    "recall",
    "precision",
    "F1",
    "FPR",
    "validation BCE",
];

/// The table's cells: `[quantity][loss]`; a loss without a model shows a dash.
fn table_cells(v: &TrainingView) -> Vec<[String; LossKind::COUNT]> {
    let column = |kind: LossKind| -> Vec<String> {
        match v.trained.get(kind) {
            Ok(t) => vec![
                number(t.model.w, 3),
                number(t.model.b, 3),
                boundary_text(t.metrics.boundary),
                metric(t.metrics.recall, 3),
                metric(t.metrics.precision, 3),
                metric(t.metrics.f1, 3),
                metric(t.metrics.fpr, 3),
                metric(t.validation_bce, 3),
            ],
            Err(_) => vec!["–".to_string(); QUANTITIES.len()],
        }
    };
    let columns = LossKind::ALL.map(column);
    (0..QUANTITIES.len())
        .map(|q| std::array::from_fn(|k| columns[k][q].clone()))
        .collect()
}

/// What each loss trains.
#[component]
pub fn TrainingPanel(
    /// The scenario (mix, threshold, loss parameters).
    scenario: RwSignal<Scenario>,
    /// The separation.
    training: RwSignal<TrainingSettings>,
) -> impl IntoView {
    // Off screen the panel catches up a moment after the last change (the fits cost about a
    // millisecond); on screen it follows every input.
    let wrap = NodeRef::<leptos::html::Div>::new();
    let visible = on_screen(move || wrap.get().map(|w| w.into()));
    // The view of the current settings, computed when something reads it: the charts when
    // they draw (on screen, or when they catch up), the table and sentences through `shown`.
    let losses = shown_losses();
    let live = Memo::new(move |prev| compute(prev, &scenario.get(), &training.get(), losses.get()));
    let shown = RwSignal::new(live.get_untracked());
    // Off screen, only its inputs are tracked: the fits wait for the catch-up (an import's
    // new class ratio would otherwise fit them in the task that shows the file).
    when_seen(
        visible,
        move |seen| {
            if seen {
                live.track();
            } else {
                scenario.track();
                training.track();
            }
        },
        move || shown.set(live.get_untracked()),
    );
    let [models, scores, optimal, gradient] = figures(live, sample_models(scenario, training));
    let label = move |what| chart_label(scenario, training, what);
    view! {
        <PanelFrame panel=Panel::Training title="What each loss trains">
            <div node_ref=wrap class="training-body">
            {words(TRAINING)}
            <ParamSlider state=training id="sep" label="class separation" symbol="d" min=0.0
                max=SEP.max step=0.1 get=|t| t.sep set=|t, v| t.sep = v />
            <ChartCanvas figure=models class="tall" title="trained models" from_training_run=true
                label=label("Each loss's trained model p(x) over the two classes' feature") />
            {trained_table(shown)}
            <ul class="checks">
                {move || shown.with(|v| statements(&v.0))
                    .into_iter()
                    .map(|s| view! { <li>{s}</li> })
                    .collect::<Vec<_>>()}
            </ul>
            <effects::Effects view=shown />
            <SampleTraining scenario training />
            <SpreadTraining scenario training />
            <ChartCanvas figure=scores class="tall" title="what each trained model predicts"
                label=label("Each trained model's scores, negatives and positives, log counts") />
            {words(TRAINED_SCORES)}
            <ChartPair
                first=(optimal, "what each loss asks for",
                    label("The loss-optimal prediction against the true probability"))
                second=(gradient, "where the gradient comes from",
                    label("The negatives' share of focal loss's gradient against gamma")) />
            {words(OPTIMAL)}
            </div>
        </PanelFrame>
    }
}

/// The panel's charts (trained models, their scores, the optimal prediction, the gradient's
/// share) of the live view, with the models trained on a sample.
fn figures(
    live: Memo<Shared<TrainingView>>,
    sample_models: Memo<[Option<Model>; LossKind::COUNT]>,
) -> [Memo<Figure>; 4] {
    // Each chart holds only what it draws, so an input that leaves that alone leaves the chart
    // alone (a loss's parameter does not redraw the gradient's split, the separation not p*(q)).
    let figure = move |f: fn(Box<TrainingView>) -> Figure, keep: fn(&mut TrainingView)| {
        Memo::new(move |_| {
            live.with(|v| {
                let mut v = (*v.0).clone();
                v.sample = sample_models.get();
                keep(&mut v);
                f(Box::new(v))
            })
        })
    };
    [
        figure(Figure::TrainedModels, |v| {
            v.optimal = PerLoss::new(|_| Vec::new());
            v.gradient = Vec::new();
        }),
        figure(Figure::TrainedScores, |v| {
            v.optimal = PerLoss::new(|_| Vec::new());
            v.gradient = Vec::new();
            v.sample = [None; LossKind::COUNT];
        }),
        figure(Figure::OptimalPrediction, |v| {
            v.gradient = Vec::new();
            v.trained = PerLoss::new(|_| Err(NoOptimum::NotConverged));
            v.sample = [None; LossKind::COUNT];
            v.population = Binormal::new(0.0, 0, 0);
        }),
        figure(Figure::GradientShare, |v| {
            v.trained = PerLoss::new(|_| Err(NoOptimum::NotConverged));
            v.optimal = PerLoss::new(|_| Vec::new());
            v.sample = [None; LossKind::COUNT];
            v.population = Binormal::new(0.0, 0, 0);
            (v.threshold, v.sharpened, v.recall_at_half_alpha) =
                (0.0, Err(NoOptimum::NotConverged), None);
            v.params = LossParams {
                alpha: v.params.alpha,
                gamma: v.params.gamma,
                ..LossParams::default()
            };
        }),
    ]
}

/// A chart's label: what it shows, at the panel's settings.
fn chart_label(
    scenario: RwSignal<Scenario>,
    training: RwSignal<TrainingSettings>,
    what: &'static str,
) -> Signal<String> {
    Signal::derive(move || {
        format!(
            "{what}; separation d {}, pos_weight {}, alpha {}, gamma {}, threshold {}",
            training.with(|t| number(t.sep, 3)),
            scenario.with(|s| number(s.pos_weight, 3)),
            scenario.with(|s| number(s.alpha, 3)),
            scenario.with(|s| number(s.gamma, 3)),
            scenario.with(|s| number(s.threshold, 3)),
        )
    })
}

/// The trained models' table, one row a quantity, one column a loss.
fn trained_table(shown: RwSignal<Shared<TrainingView>>) -> impl IntoView {
    let cells = Memo::new(move |_| shown.with(|v| table_cells(&v.0)));
    // A column for every loss, those not shown hidden (not rebuilt when the reader picks).
    let losses = shown_losses();
    let hidden = move |k: LossKind| move || !losses.with(|s| s.contains(k));
    let rows = (0..QUANTITIES.len())
        .map(|q| {
            let tds = LossKind::ALL.map(|k| {
                let text = move || cells.with(|c| c[q][k.index()].clone());
                view! { <td hidden=hidden(k)>{text}</td> }
            });
            view! { <tr><th scope="row">{QUANTITIES[q]}</th>{tds.to_vec()}</tr> }
        })
        .collect::<Vec<_>>();
    let head = LossKind::ALL.map(|k| view! { <th scope="col" hidden=hidden(k)>{k.name()}</th> });
    view! {
        <div class="table-wrap">
            <table class="numbers" aria-label="trained models">
                <thead><tr><th scope="col">"trained with"</th>{head.to_vec()}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
