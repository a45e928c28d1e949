//! The loss and metric tables.

use leptos::prelude::*;

use crate::format::{percent, short};
use crate::page::Panel;
use crate::sim::{Class, LossKind};
use crate::ui::derived::Derived;
use crate::ui::widgets::formula::{CE, WEIGHTED};
use crate::ui::widgets::{Formula, LossTable, MetricTable, PanelFrame};

/// The loss and metric tables.
#[component]
pub fn NumbersPanel(derived: Derived) -> impl IntoView {
    // Computed from the numbers on the page, so it is true of every scenario.
    let carried = move || {
        let [neg, pos] = derived
            .request
            .with(|r| [r.scenario.neg, r.scenario.pos].map(f64::from));
        let mix = if pos == 0.0 {
            "With no positives".to_string()
        } else {
            format!("With {} negatives per positive", short(neg / pos))
        };
        derived.a.losses.with(|l| {
            let bce = l.get(LossKind::Bce);
            match (bce.share(Class::Negative), bce.share(Class::Positive)) {
                (Ok(n), Ok(p)) => format!(
                    "{mix}, the negatives carry {} of BCE's sum here and the positives {}.",
                    percent(Ok(n)),
                    percent(Ok(p))
                ),
                _ => format!("{mix}, BCE's sum is 0: there is nothing to share."),
            }
        })
    };
    view! {
        <PanelFrame panel=Panel::Numbers title="The numbers">
            <div class="numbers-grid">
                <div>
                    <h3>"Losses"</h3>
                    <LossTable losses=derived.a.losses exact=derived.a.exact />
                    <p class="explain">
                        "Mean is the sum divided by the number of samples (PyTorch's and Keras' "
                        "default). The shares say how much of the sum each class carries. "
                        {carried}
                    </p>
                    <Formula mathml=CE alt="CE = -[y ln p + (1 - y) ln(1 - p)]" />
                    <Formula mathml=WEIGHTED alt="CE_w = -[w y ln p + (1 - y) ln(1 - p)]" />
                </div>
                <div>
                    <h3>"Metrics at the threshold"</h3>
                    <MetricTable metrics=derived.a.metrics exact=derived.a.exact />
                </div>
            </div>
        </PanelFrame>
    }
}
