//! Is a gain real? Every loss retrained on K samples in the worker, a sample a message: the
//! controls, the progress, the chart of each shown loss's spread beside BCE's, and a sentence a
//! shown loss on whether its median recall lies outside BCE's band. The maths is the worker's;
//! the page only draws what comes back.

use leptos::prelude::*;

use crate::charts::Figure;
use crate::features::training::charts::spread::SpreadChart;
use crate::features::training::spread_job::SpreadRun;
use crate::format::{grouped, number};
use crate::sim::loss::Shown;
use crate::sim::training::spread::{
    LossSpread, Place, Quantity, SPREAD_K, SPREAD_N, SpreadRequest, against_bce,
};
use crate::sim::training::{Binormal, LossParams, PerLoss};
use crate::sim::{LossKind, Scenario};
use crate::state::TrainingSettings;
use crate::ui::signals::shown_losses;
use crate::ui::widgets::{ChartCanvas, ParamSlider, Scale, click};
use crate::ui::worker_client::{Progress, retrain};

/// The spread the page's settings ask for: the training view's population, the scenario's loss
/// parameters, threshold and seed, `spread_k` samples of `spread_n` rows.
pub fn spread_request(s: &Scenario, t: &TrainingSettings) -> SpreadRequest {
    SpreadRequest {
        population: Binormal::from_scenario(s, t.sep),
        params: LossParams::from_scenario(s),
        threshold: s.threshold,
        k: t.spread_k,
        n: t.spread_n,
        seed: s.seed,
    }
}

/// Retraining every loss K times, and what moves.
#[component]
pub(super) fn SpreadTraining(
    /// The scenario (mix, threshold, seed, loss parameters).
    scenario: RwSignal<Scenario>,
    /// The separation, K and n.
    training: RwSignal<TrainingSettings>,
) -> impl IntoView {
    let progress = expect_context::<Progress>().spread;
    let shown = shown_losses();
    let wanted = Memo::new(move |_| spread_request(&scenario.get(), &training.get()));
    let start = move |_| retrain(wanted.get_untracked());
    let running = move || progress.with(|r| r.as_ref().is_some_and(SpreadRun::running));
    let status = move || progress.with(|r| status_text(r.as_ref(), &wanted.get()));
    let chart = Memo::new(move |_| {
        Figure::Spread(Box::new(progress.with(|r| SpreadChart {
            spread: r.as_ref().and_then(|r| r.spread),
            samples: r.as_ref().map_or_else(Vec::new, |r| r.samples.clone()),
            shown: shown.get(),
            k: r.as_ref().map_or(0, SpreadRun::k),
            n: r.as_ref().map_or(0, |r| r.request.clamped().n),
        })))
    });
    let label = Signal::derive(move || progress.with(|r| chart_label(r.as_ref())));
    let said = move || {
        progress.with(
            |r| match r.as_ref().and_then(|r| r.spread.map(|s| (r, s))) {
                Some((run, s)) => sentences(&s, shown.get(), run.samples.len(), run.request.n),
                None => Vec::new(),
            },
        )
    };
    view! {
        <div class="spread-training">
            <h3>"Is a gain real? Retrain K times"</h3>
            <p class="explain">"Another sample of the same population trains another model. \
                Each loss is retrained on K samples of n rows (seeds seed, seed + 1, …) and \
                judged on the population: where a loss's median lies outside BCE's shaded band, \
                it moves the model further than drawing another sample does."</p>
            <ParamSlider state=training id="spread-k" label="samples" symbol="K"
                min=f64::from(SPREAD_K[0]) max=f64::from(SPREAD_K[1]) step=1.0 whole=true
                get=|t| f64::from(t.spread_k) set=|t, v| t.spread_k = v.round() as u32 />
            <ParamSlider state=training id="spread-n" label="rows in each sample" symbol="n"
                min=f64::from(SPREAD_N[0]) max=f64::from(SPREAD_N[1]) step=1.0 scale=Scale::Log whole=true
                get=|t| f64::from(t.spread_n) set=|t, v| t.spread_n = v.round() as u32 />
            <div class="train-buttons">
                <button type="button" on:click=click(start) disabled=running>"Retrain K times"</button>
                <span role="status">{status}</span>
            </div>
            // A row a shown loss (set through the CSSOM: the page's CSP refuses style attributes).
            <div style:--spread-rows=move || shown.get().len().max(1).to_string()>
                <ChartCanvas figure=chart class="spread" title="retraining spread" label
                    from_training_run=true />
            </div>
            <ul class="checks">
                {move || said().into_iter().map(|s| view! { <li>{s}</li> }).collect::<Vec<_>>()}
            </ul>
        </div>
    }
}

/// Where the run stands, and whether it answers the settings on the page (`wanted`).
fn status_text(run: Option<&SpreadRun>, wanted: &SpreadRequest) -> String {
    let Some(run) = run else {
        return "Not retrained yet.".into();
    };
    if let Some(why) = run.failed {
        return why.into();
    }
    let rows = grouped(u64::from(run.request.clamped().n));
    let (done, k) = (run.samples.len(), run.k());
    let said = if run.complete() {
        format!("Done: {k} samples of {rows} rows.")
    } else {
        format!("Sample {} of {k} ({rows} rows each)…", done + 1)
    };
    if run.request == *wanted {
        said
    } else {
        format!("{said} The settings have changed since: retrain to see theirs.")
    }
}

/// What the chart shows now, for screen readers.
fn chart_label(run: Option<&SpreadRun>) -> String {
    match run {
        None => "Each loss's spread over K retrainings: not retrained yet".into(),
        Some(r) => format!(
            "Each shown loss's decision boundary, recall and precision over {} of {} samples of \
             {} rows: each sample's value, the 5 to 95 % band and the median, beside BCE's band",
            r.samples.len(),
            r.k(),
            grouped(u64::from(r.request.clamped().n))
        ),
    }
}

/// A sentence a shown loss: where its median recall lies against BCE's band at this `n`.
fn sentences(s: &PerLoss<LossSpread>, shown: Shown, samples: usize, n: u32) -> Vec<String> {
    let n = grouped(u64::from(n));
    let bce = s.get(LossKind::Bce).band(Quantity::Recall);
    let span = |b: &crate::sim::training::spread::Band| {
        format!("{} to {}", number(b.p05, 3), number(b.p95, 3))
    };
    shown
        .iter()
        .map(|kind| {
            let l = s.get(kind);
            let name = kind.name();
            let Some(own) = l.band(Quantity::Recall) else {
                let why = l.reason.map_or("no recall", |r| r.reason());
                return format!("{name} trains no finite model on these samples ({why}).");
            };
            let m = number(own.median, 3);
            let mut said = match (kind, bce, against_bce(s, kind, Quantity::Recall)) {
                (LossKind::Bce, _, _) => format!(
                    "BCE's recall runs from {} over the samples (median {m}): what retraining \
                     alone moves at n = {n}.",
                    span(&own)
                ),
                (_, Some(b), Some(Place::Inside)) => format!(
                    "{name}'s median recall, {m}, lies inside BCE's band ({}) at n = {n}: \
                     retraining alone moves BCE that far.",
                    span(&b)
                ),
                (_, Some(b), Some(place)) => format!(
                    "{name}'s median recall, {m}, lies {} BCE's band ({}) at n = {n}: more \
                     than retraining alone moves.",
                    if place == Place::Above {
                        "above"
                    } else {
                        "below"
                    },
                    span(&b)
                ),
                _ => format!("{name}'s median recall is {m}; BCE has no recall to compare with."),
            };
            if (l.models as usize) < samples {
                let why = l.reason.map_or("", |r| r.reason());
                said += &format!(
                    " It trained a model on {} of {samples} samples ({why}).",
                    l.models
                );
            }
            said
        })
        .collect()
}
