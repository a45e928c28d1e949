//! The page's panels, one file each with its words beside it, and the scenario's controls.

mod ab;
mod composition;
pub(crate) mod decide;
mod focal;
mod import;
mod numbers;
mod scenario;
mod scores;
mod share;
mod threshold;
pub(crate) mod training;

use leptos::prelude::*;

use crate::page::Panel;
use crate::ui::derived::Derived;
use crate::ui::state::Page;
pub use import::ImportBox;
pub use scenario::ScenarioControls;

/// One panel of the page.
pub fn panel(p: Panel, page: Page, derived: Derived) -> AnyView {
    let (scenario, options) = (page.scenario, page.view);
    match p {
        Panel::Numbers => view! { <numbers::NumbersPanel derived /> }.into_any(),
        Panel::Focal => view! { <focal::FocalPanel scenario options /> }.into_any(),
        Panel::Scores => view! { <scores::ScoresPanel scenario options derived /> }.into_any(),
        Panel::Share => view! { <share::SharePanel derived /> }.into_any(),
        Panel::Threshold => view! { <threshold::ThresholdPanel scenario derived /> }.into_any(),
        Panel::Composition => {
            view! { <composition::CompositionPanel scenario derived /> }.into_any()
        }
        Panel::Ab => view! { <ab::AbPanel scenario rival=page.rival derived /> }.into_any(),
        Panel::Training => {
            view! { <training::TrainingPanel scenario training=page.training /> }.into_any()
        }
        Panel::Decide => view! { <decide::DecidePanel page derived /> }.into_any(),
    }
}
