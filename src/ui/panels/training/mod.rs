//! What each loss trains (SPEC section 6): the logistic model each loss would train on a
//! population whose feature separates the classes by `d`, at the page's mix, pos_weight, alpha,
//! gamma and threshold. Exact (no sampling), and recomputed whenever the panel is seen.

use std::sync::Arc;

use leptos::prelude::*;

use crate::charts::{Figure, LossCurves};
use crate::format::{grouped, metric, number};
use crate::page::{MIN_SAMPLE, Panel, TrainingSettings};
use crate::sim::training::{Binormal, Boundary, LossParams, MAX_SAMPLE, SEP_MAX, TrainingView};
use crate::sim::{LossKind, Scenario};
use crate::ui::download::save_training_rows;
use crate::ui::hooks::{on_screen, when_seen};
use crate::ui::state::Shared;
use crate::ui::widgets::{ChartCanvas, NumbersTable, PanelFrame, ParamSlider, Scale, click};
use crate::ui::words::words;
use crate::ui::worker_client::{Progress, stop_training, train};
use crate::worker::words::{OPTIMAL, SAMPLE, TRAINED_SCORES, TRAINING};
use crate::worker::{TrainRequest, TrainRun};

/// The sample the page's settings ask for: the population of the training view, drawn with the
/// scenario's seed.
pub fn sample_request(s: &Scenario, settings: &TrainingSettings) -> TrainRequest {
    TrainRequest {
        population: Binormal::from_scenario(s, settings.sep),
        n: settings.rows,
        seed: s.seed,
        params: LossParams::from_scenario(s),
    }
}

fn compute(scenario: &Scenario, settings: &TrainingSettings) -> Shared<TrainingView> {
    let pop = Binormal::from_scenario(scenario, settings.sep);
    let params = LossParams::from_scenario(scenario);
    Shared(Arc::new(TrainingView::compute(
        &pop,
        &params,
        scenario.threshold,
    )))
}

/// Where a model predicts positive, in words.
fn boundary_text(b: Boundary) -> String {
    match b {
        Boundary::PositiveAbove(x) => format!("x ≥ {}", number(x, 3)),
        Boundary::PositiveBelow(x) => format!("x ≤ {}", number(x, 3)),
        Boundary::AllPositive => "everywhere".into(),
        Boundary::AllNegative => "nowhere".into(),
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
fn table_cells(v: &TrainingView) -> Vec<[String; 4]> {
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

/// The statements readers come to check, each computed from the view.
fn statements(v: &TrainingView) -> Vec<String> {
    let mut out = Vec::new();
    for (kind, t) in v.trained.iter() {
        if let Err(why) = t {
            out.push(format!(
                "{} trains no model here: {}.",
                kind.name(),
                why.reason()
            ));
        }
    }
    let d = v.population.d();
    if d == 0.0 {
        out.push(
            "At d = 0 the feature says nothing about the class: every loss trains a flat \
             model (w = 0) and only its level b differs."
                .into(),
        );
    } else {
        out.push(format!(
            "With d = {}, the best any score can reach is a ROC AUC of {} (Φ(d / √2)).",
            number(d, 3),
            number(v.population.best_auc(), 4)
        ));
    }
    let weighted = v.trained.get(LossKind::WeightedBce);
    let pw = v.params.pos_weight;
    match (weighted, v.bce_boundary_at_equivalent()) {
        (Ok(w), Some(bce)) if pw != 1.0 => out.push(format!(
            "pos_weight {} moves the boundary to {}: exactly where the BCE model crosses the \
             threshold t′ = {}, whose odds are the threshold's divided by {} ({}). Weighting \
             the positives is moving the threshold.",
            number(pw, 3),
            boundary_text(w.metrics.boundary),
            number(v.equivalent_bce_threshold(), 4),
            number(pw, 3),
            boundary_text(bce)
        )),
        (Ok(_), Some(_)) => out.push(
            "pos_weight 1: weighted BCE is BCE, and its model lies on BCE's (and on the true \
             probability)."
                .into(),
        ),
        _ => {}
    }
    if let (Ok(balanced), Some(Ok(half))) =
        (v.trained.get(LossKind::BalancedCe), v.recall_at_half_alpha)
        && let Ok(recall) = balanced.metrics.recall
    {
        let alpha = v.params.alpha;
        let verb = if recall < half {
            "lowers"
        } else if recall > half {
            "raises"
        } else {
            "leaves"
        };
        out.push(format!(
            "α = {} {verb} α-balanced CE's recall: {} against {} with α = 0.5 (the classes \
             weighed equally).",
            number(alpha, 3),
            number(recall, 4),
            number(half, 4)
        ));
    }
    if let (Ok(focal), Ok(bce)) = (v.trained.get(LossKind::Focal), v.trained.get(LossKind::Bce))
        && v.params.gamma > 0.0
        && focal.model.w.abs() < bce.model.w.abs()
    {
        out.push(format!(
            "γ = {} trains a flatter model: slope w = {} against BCE's {}, so its \
             probabilities stay nearer the middle: less confident, right or wrong.",
            number(v.params.gamma, 3),
            number(focal.model.w, 3),
            number(bce.model.w, 3)
        ));
    }
    out
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
    let live = Memo::new(move |_| compute(&scenario.get(), &training.get()));
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
    let progress = expect_context::<Progress>().training;
    // The models trained on a sample, shown while they belong to the settings on the page.
    let sample_models = Memo::new(move |_| {
        let wanted = sample_request(&scenario.get(), &training.get());
        progress.with(|run| match run {
            Some(run) if run.request == wanted => run.last().map_or([None; 4], |step| {
                step.models.map(|m| m.ok().map(|(model, _)| model))
            }),
            _ => [None; 4],
        })
    });
    let figure = |f: fn(Box<TrainingView>) -> Figure| {
        Memo::new(move |_| {
            live.with(|v| {
                let mut v = (*v.0).clone();
                v.sample = sample_models.get();
                f(Box::new(v))
            })
        })
    };
    let (models, scores, optimal, gradient) = (
        figure(Figure::TrainedModels),
        figure(Figure::TrainedScores),
        figure(Figure::OptimalPrediction),
        figure(Figure::GradientShare),
    );
    let cells = Memo::new(move |_| shown.with(|v| table_cells(&v.0)));
    let rows = (0..QUANTITIES.len())
        .map(|q| {
            let cell = move |k: usize| move || cells.with(|c| c[q][k].clone());
            view! {
                <tr>
                    <th scope="row">{QUANTITIES[q]}</th>
                    <td>{cell(0)}</td><td>{cell(1)}</td><td>{cell(2)}</td><td>{cell(3)}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let mut columns = vec!["trained with".to_string()];
    columns.extend(LossKind::ALL.map(|k| k.name().to_string()));
    let label = move |what: &'static str| {
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
    };
    view! {
        <PanelFrame panel=Panel::Training title="What each loss trains">
            <div node_ref=wrap class="training-body">
            {words(TRAINING)}
            <ParamSlider state=training id="sep" label="class separation" symbol="d" min=0.0
                max=SEP_MAX step=0.1 get=|t| t.sep set=|t, v| t.sep = v />
            <ChartCanvas figure=models class="tall" title="trained models" from_training_run=true
                label=label("Each loss's trained model p(x) over the two classes' feature") />
            <NumbersTable label="trained models" columns>{rows}</NumbersTable>
            <ul class="checks">
                {move || shown.with(|v| statements(&v.0))
                    .into_iter()
                    .map(|s| view! { <li>{s}</li> })
                    .collect::<Vec<_>>()}
            </ul>
            <SampleTraining scenario training />
            <ChartCanvas figure=scores class="tall" title="what each trained model predicts"
                label=label("Each trained model's scores, negatives and positives, log counts") />
            {words(TRAINED_SCORES)}
            <div class="chart-row two">
                <ChartCanvas figure=optimal title="what each loss asks for"
                    label=label("The loss-optimal prediction against the true probability") />
                <ChartCanvas figure=gradient title="where the gradient comes from"
                    label=label("The negatives' share of focal loss's gradient against gamma") />
            </div>
            {words(OPTIMAL)}
            </div>
        </PanelFrame>
    }
}

/// Training every loss on a finite, seeded sample of the same population, in the worker, one
/// Newton step at a time: the dashed lines in the chart above move with each step, and each
/// loss's mean loss on the rows is drawn step by step.
#[component]
fn SampleTraining(
    /// The scenario (mix, seed, loss parameters).
    scenario: RwSignal<Scenario>,
    /// The separation and the sample's size.
    training: RwSignal<TrainingSettings>,
) -> impl IntoView {
    let progress = expect_context::<Progress>().training;
    let request = move || sample_request(&scenario.get_untracked(), &training.get_untracked());
    let start = move |_| train(request());
    let download = move |_| {
        let r = request();
        leptos::task::spawn_local(save_training_rows(r.population, r.n, r.seed));
    };
    let running = move || progress.with(|run| run.as_ref().is_some_and(|r| r.running()));
    let status = move || {
        let wanted = sample_request(&scenario.get(), &training.get());
        progress.with(|run| {
            let Some(run) = run else {
                return "Not trained on a sample yet.".to_string();
            };
            let rows = grouped(u64::from(run.request.n));
            let said = match run.last() {
                None => format!("Drawing {rows} rows…"),
                Some(s) if s.done => {
                    format!("Converged after {} Newton steps on {rows} rows.", s.step)
                }
                Some(s) if run.following => format!("Newton step {} on {rows} rows…", s.step),
                Some(s) => format!("Stopped at step {} on {rows} rows.", s.step),
            };
            if run.request == wanted {
                said
            } else {
                format!("{said} The settings have changed since: train again to see their models.")
            }
        })
    };
    let cell = move |k: usize, part: usize| {
        move || {
            progress.with(
                |run| match run.as_ref().and_then(|r| r.last()).map(|s| s.models[k]) {
                    Some(Ok((m, loss))) => number([m.w, m.b, loss][part], 4),
                    Some(Err(why)) if part == 0 => format!("no model: {}", why.reason()),
                    Some(Err(_)) => "–".into(),
                    None => "–".into(),
                },
            )
        }
    };
    let table_rows = LossKind::ALL
        .into_iter()
        .enumerate()
        .map(|(k, kind)| {
            view! {
                <tr>
                    <th scope="row">{kind.name()}</th>
                    <td>{cell(k, 0)}</td><td>{cell(k, 1)}</td><td>{cell(k, 2)}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let columns = ["trained on the sample", "w", "b", "mean loss"]
        .map(String::from)
        .to_vec();
    let curves = Memo::new(move |_| {
        progress.with(|run| {
            Figure::LossCurves(LossCurves(
                run.as_ref().map(TrainRun::loss_curves).unwrap_or_default(),
            ))
        })
    });
    let curves_label = Signal::derive(move || {
        progress.with(|run| match run {
            Some(run) => format!(
                "Each loss's mean loss on the {} rows after each Newton step",
                grouped(u64::from(run.request.n))
            ),
            None => "Each loss's mean loss on the sample, step by step: not trained yet".into(),
        })
    });
    view! {
        <div class="sample-training">
            <h3>"Train on a sample"</h3>
            {words(SAMPLE)}
            <ParamSlider state=training id="train-n" label="rows in the sample" symbol="n"
                min=f64::from(MIN_SAMPLE) max=f64::from(MAX_SAMPLE) step=1.0 scale=Scale::Log
                get=|t| f64::from(t.rows) set=|t, v| t.rows = v.round() as u32 />
            <div class="train-buttons">
                <button type="button" on:click=click(start) disabled=running>"Train on a sample"</button>
                <button type="button" on:click=click(move |_| stop_training())
                    disabled=move || !running()>"Stop"</button>
                <button type="button" on:click=click(download)>"Download training data (CSV)"</button>
                <span role="status">{status}</span>
            </div>
            <div class="chart-row two">
                <ChartCanvas figure=curves title="each loss, step by step" label=curves_label
                    from_training_run=true />
                <NumbersTable label="models trained on the sample" columns>{table_rows}</NumbersTable>
            </div>
        </div>
    }
}
