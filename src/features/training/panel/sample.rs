//! Training on a sample, in the worker: the run's controls, status, table and loss curves.

use crate::ui::signals::shown_losses;
use leptos::prelude::*;

use crate::charts::Figure;
use crate::features::training::charts::loss_curves::LossCurves;
use crate::features::training::job::{TrainRequest, TrainRun};
use crate::features::words::SAMPLE;
use crate::features::words::page::words;
use crate::format::{grouped, number};
use crate::sim::training::{Binormal, LossParams, MAX_SAMPLE, Model};
use crate::sim::{LossKind, Scenario};
use crate::state::{MIN_SAMPLE, TrainingSettings};
use crate::ui::download::save_training_rows;
use crate::ui::widgets::{ChartCanvas, NumbersTable, ParamSlider, Scale, click};
use crate::ui::worker_client::{Progress, stop_training, train};

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

/// The models trained on a sample, while they belong to the settings on the page.
pub(super) fn sample_models(
    scenario: RwSignal<Scenario>,
    training: RwSignal<TrainingSettings>,
) -> Memo<[Option<Model>; LossKind::COUNT]> {
    let progress = expect_context::<Progress>().training;
    Memo::new(move |_| {
        let wanted = sample_request(&scenario.get(), &training.get());
        progress.with(|run| match run {
            Some(run) if run.request == wanted => {
                run.last().map_or([None; LossKind::COUNT], |step| {
                    step.models.map(|m| m.ok().map(|(model, _)| model))
                })
            }
            _ => [None; LossKind::COUNT],
        })
    })
}

/// Training every loss on a finite, seeded sample of the same population, in the worker, one
/// Newton step at a time: the dashed lines in the chart above move with each step, and each
/// loss's mean loss on the rows is drawn step by step.
#[component]
pub(super) fn SampleTraining(
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
        progress.with(|run| status_text(run.as_ref(), &wanted))
    };
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
                {loss_curves(progress)}
                {sample_table(progress)}
            </div>
        </div>
    }
}

/// Where the run stands, whether it still answers the settings on the page (`wanted`), and
/// what pressing "Train on a sample" would do: the slider changes nothing until then.
fn status_text(run: Option<&TrainRun>, wanted: &TrainRequest) -> String {
    let press = format!(
        "Pressing “Train on a sample” trains every loss on {} rows drawn afresh.",
        grouped(u64::from(wanted.n))
    );
    let Some(run) = run else {
        return format!("Not trained on a sample yet. {press}");
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
    if run.request == *wanted {
        said
    } else {
        format!("{said} The settings have changed since. {press}")
    }
}

/// Each loss's mean loss on the sample, step by step.
fn loss_curves(progress: RwSignal<Option<TrainRun>>) -> impl IntoView {
    let shown = shown_losses();
    let curves = Memo::new(move |_| {
        progress.with(|run| {
            Figure::LossCurves(LossCurves(
                run.as_ref().map(TrainRun::loss_curves).unwrap_or_default(),
                shown.get(),
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
        <ChartCanvas figure=curves title="each loss, step by step" label=curves_label
            from_training_run=true />
    }
}

/// The models of the run's last step: each loss's w, b and mean loss.
fn sample_table(progress: RwSignal<Option<TrainRun>>) -> impl IntoView {
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
    let losses = shown_losses();
    let table_rows = LossKind::ALL
        .into_iter()
        .enumerate()
        .map(|(k, kind)| {
            let hidden = move || !losses.with(|s| s.contains(kind));
            view! {
                <tr hidden=hidden>
                    <th scope="row">{kind.name()}</th>
                    <td>{cell(k, 0)}</td><td>{cell(k, 1)}</td><td>{cell(k, 2)}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let columns = ["trained on the sample", "w", "b", "mean loss"]
        .map(String::from)
        .to_vec();
    view! { <NumbersTable label="models trained on the sample" columns>{table_rows}</NumbersTable> }
}
