//! Losses and metrics of the same model at other class ratios.

use crate::ui::signals::shown_losses;
use leptos::prelude::*;

use crate::charts::Figure;
use crate::features::words::page::words_and;
use crate::features::words::{COMPOSITION, COMPOSITION_TERMS};
use crate::format::number;
use crate::sim::Scenario;
use crate::state::Panel;
use crate::ui::derived::Derived;
use crate::ui::widgets::{ChartPair, PanelFrame};

/// Same model, different validation sets.
#[component]
pub fn CompositionPanel(scenario: RwSignal<Scenario>, derived: Derived) -> impl IntoView {
    let ratio = move || scenario.with(Scenario::ratio);
    let shown = shown_losses();
    let losses = Memo::new(move |_| {
        Figure::CompositionLosses(derived.a.profile.get(), ratio(), shown.get())
    });
    let metrics = Memo::new(move |_| Figure::CompositionMetrics(derived.a.profile.get(), ratio()));
    let label = move |what: &'static str| {
        Signal::derive(move || {
            format!(
                "{what} against the class ratio, from 1:1 to 1:10,000; the line marks the \
                 current ratio, {} negatives per positive",
                scenario.with(|s| number(s.ratio_on_slider(), 4))
            )
        })
    };
    view! {
        <PanelFrame panel=Panel::Composition title="Same model, different validation sets">
            <ChartPair
                first=(losses, "loss means by class ratio", label("Mean of each loss"))
                second=(metrics, "metrics by class ratio", label("Precision, recall, F1 and accuracy")) />
            {words_and(COMPOSITION, COMPOSITION_TERMS)}
        </PanelFrame>
    }
}
