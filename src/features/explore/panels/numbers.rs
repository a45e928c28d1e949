//! The loss and metric tables.

use leptos::prelude::*;

use crate::features::words::page::words_and;
use crate::features::words::{NUMBERS, NUMBERS_TERMS};
use crate::state::Panel;
use crate::ui::derived::Derived;
use crate::ui::widgets::{LossTable, MetricTable, PanelFrame};

/// The loss and metric tables.
#[component]
pub fn NumbersPanel(derived: Derived) -> impl IntoView {
    view! {
        <PanelFrame panel=Panel::Numbers title="The numbers">
            <div class="numbers-grid">
                <div>
                    <h3>"Losses"</h3>
                    <LossTable losses=derived.a.losses exact=derived.a.exact />
                    {words_and(NUMBERS, NUMBERS_TERMS)}
                </div>
                <div>
                    <h3>"Metrics at the threshold"</h3>
                    <MetricTable metrics=derived.a.metrics exact=derived.a.exact />
                </div>
            </div>
        </PanelFrame>
    }
}
