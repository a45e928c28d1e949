//! The focal modulation curve.

use leptos::prelude::*;

use crate::charts::Figure;
use crate::features::focal::chart::FocalCurve;
use crate::features::focal::per_sample::PerSample;
use crate::features::words::page::words_and;
use crate::features::words::{FOCAL, FOCAL_TERMS};
use crate::format::number;
use crate::sim::Scenario;
use crate::sim::loss::LossParams;
use crate::state::{Panel, ViewOptions};
use crate::ui::signals::shown_losses;
use crate::ui::widgets::{ChartCanvas, PanelFrame, Toggle};

/// The focal loss (or its modulating factor) against the probability of the true class.
#[component]
pub fn FocalPanel(scenario: RwSignal<Scenario>, options: RwSignal<ViewOptions>) -> impl IntoView {
    let data = move || {
        scenario.with(|s| FocalCurve {
            gamma: s.gamma,
            alpha: s.alpha,
            factor: options.with(|o| o.focal_factor),
        })
    };
    let figure = Memo::new(move |_| Figure::Focal(data()));
    let label = move || {
        let d = data();
        format!(
            "Focal loss against the probability of the true class for gamma 0, 0.5, 1, 2 and 5, \
             with the current gamma {} and alpha {}",
            d.gamma, d.alpha
        )
    };
    let shown = shown_losses();
    let per_sample = Memo::new(move |_| {
        Figure::PerSample(PerSample {
            params: scenario.with(LossParams::from_scenario),
            shown: shown.get(),
        })
    });
    let per_sample_label = move || {
        let names: Vec<_> = shown.get().iter().map(|k| k.name()).collect();
        format!(
            "Each shown loss's per-sample loss against the probability of the true class, for a \
             positive and for a negative: {}",
            names.join(", ")
        )
    };
    view! {
        <PanelFrame panel=Panel::Focal title="Focal loss: quieting the easy examples" class="split">
            <div class="figure">
            <ChartCanvas figure title="focal loss curve" label=Signal::derive(label) />
            <Toggle id="focal-factor" options get=|o| o.focal_factor set=|o, v| o.focal_factor = v>
                "show the modulating factor (1 − pₜ)"<sup>"γ"</sup>" alone"
            </Toggle>
            <p class="explain">"What one sample pays under each shown loss, a positive and a \
                negative, against the probability the model gives its true class."</p>
            <ChartCanvas figure=per_sample class="facets" title="each loss per sample"
                label=Signal::derive(per_sample_label) />
            </div>
            <div class="words">
            <label class="point">
                "the factor at pₜ = "
                <input type="number" id="pt" min="0" max="1" step="0.01"
                    prop:value=move || options.with(|o| o.point)
                    on:change:target=move |ev| {
                        if let Ok(v) = ev.target().value().trim().parse::<f64>()
                            && v.is_finite()
                        {
                            options.update(|o| o.point = v.clamp(0.0, 1.0));
                        }
                    } />
            </label>
            <p class="point-answer">{move || point_answer(scenario, options)}</p>
            {words_and(FOCAL, FOCAL_TERMS)}
            </div>
        </PanelFrame>
    }
}

/// The answer to "the factor at pₜ", on the page: an embed hides the words that also say it.
/// The factor and the shares are written as the words write them; the parameters as the link does.
fn point_answer(scenario: RwSignal<Scenario>, options: RwSignal<ViewOptions>) -> String {
    let pt = options.with(|o| o.point);
    let (g, a) = scenario.with(|s| (s.gamma, s.alpha));
    let factor = if g == 0.0 { 1.0 } else { (1.0 - pt).powf(g) };
    format!(
        "At pₜ = {pt} with γ = {g} the factor is {}: a positive keeps {} of its cross-entropy \
         (α = {a}), a negative {}.",
        number(factor, 3),
        number(a * factor, 3),
        number((1.0 - a) * factor, 3)
    )
}
