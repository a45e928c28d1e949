//! The loss and metric tables.

use leptos::prelude::*;

use crate::page::Panel;
use crate::ui::derived::Derived;
use crate::ui::widgets::formula::{CE, WEIGHTED};
use crate::ui::widgets::{Formula, LossTable, MetricTable, PanelFrame};

/// The loss and metric tables.
#[component]
pub fn NumbersPanel(derived: Derived) -> impl IntoView {
    view! {
        <PanelFrame panel=Panel::Numbers title="The numbers">
            <div class="numbers-grid">
                <div>
                    <h3>"Losses"</h3>
                    <LossTable losses=derived.a.losses exact=derived.a.exact />
                    <p class="explain">
                        "Mean is the sum divided by the number of samples (PyTorch's and Keras' "
                        "default). The shares say how much of the sum each class carries: with "
                        "100 negatives per positive the negatives carry nearly all of it, even "
                        "when the model fails half the positives."
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
