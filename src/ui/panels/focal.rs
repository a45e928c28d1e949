//! The focal modulation curve.

use leptos::prelude::*;

use crate::charts::{Figure, FocalCurve};
use crate::page::{Panel, ViewOptions};
use crate::sim::Scenario;
use crate::ui::widgets::formula::{ALPHA_T, FOCAL, P_T};
use crate::ui::widgets::{ChartCanvas, Formula, PanelFrame, Toggle};

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
    view! {
        <PanelFrame panel=Panel::Focal title="Focal loss: quieting the easy examples" class="split">
            <div class="figure">
            <ChartCanvas figure title="focal loss curve" label=Signal::derive(label) />
            <Toggle id="focal-factor" options get=|o| o.focal_factor set=|o, v| o.focal_factor = v>
                "show the modulating factor (1 − pₜ)"<sup>"γ"</sup>" alone"
            </Toggle>
            </div>
            <div class="words">
            <Formula mathml=FOCAL alt="FL = alpha_t (1 - p_t)^gamma CE" />
            <Formula mathml=P_T alt="p_t = p for a positive, 1 - p for a negative" />
            <Formula mathml=ALPHA_T alt="alpha_t = alpha for a positive, 1 - alpha for a negative" />
            <p class="explain">
                "Focal loss multiplies cross-entropy by (1 − pₜ)"<sup>"γ"</sup>", where pₜ is the probability the "
                "model gives the true class. An example it already gets right (pₜ near 1) keeps "
                "almost none of its loss; a badly wrong one keeps nearly all. γ = 0 is plain "
                "cross-entropy; raise γ and the right-hand end flattens. α then scales the "
                "positives' loss by α and the negatives' by 1 − α: the α = 0.25 of Lin et al. "
                "(2017), the focal-loss paper, gives the rare positives less weight, not more, "
                "and leaves γ to do the rebalancing."
            </p>
            </div>
        </PanelFrame>
    }
}
