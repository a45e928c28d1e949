//! The page's features, one folder each, named for what it does and holding every layer of it:
//! its panel (wasm only), its charts, the worker's job and its words. What they share lives
//! outside: `sim` the maths, `charts` what every chart shares, `worker` the worker's host and
//! dispatch, `ui` the page's shell, `words` here the machinery that writes every feature's words.

pub mod compare;
pub mod decide;
pub mod explore;
pub mod focal;
pub mod import;
pub mod story;
pub mod training;
pub mod words;

#[cfg(target_arch = "wasm32")]
use leptos::prelude::*;

#[cfg(target_arch = "wasm32")]
use crate::state::Panel;
#[cfg(target_arch = "wasm32")]
use crate::ui::derived::Derived;
#[cfg(target_arch = "wasm32")]
use crate::ui::signals::PageSignals;

/// One panel of the page. The embed module (`FULL` false) links no code of
/// `Panel::FULL_ONLY`: it shows a link to the full page in their place.
#[cfg(target_arch = "wasm32")]
pub fn panel<const FULL: bool>(p: Panel, page: PageSignals, derived: Derived) -> AnyView {
    use compare::panels::{composition, model_b};
    use explore::panels::{numbers, scores, share, threshold};
    let (scenario, options) = (page.scenario, page.view);
    match p {
        // `Panel::FULL_ONLY`, by name: a pattern the compiler folds with `FULL`, so the embed
        // module links none of their code.
        Panel::Composition | Panel::ModelB | Panel::Training | Panel::Decide if !FULL => {
            crate::ui::full_page_only(page).into_any()
        }
        Panel::Numbers => view! { <numbers::NumbersPanel page derived /> }.into_any(),
        Panel::Focal => view! { <focal::panel::FocalPanel scenario options /> }.into_any(),
        Panel::Scores => view! { <scores::ScoresPanel scenario options derived /> }.into_any(),
        Panel::Share => view! { <share::SharePanel derived /> }.into_any(),
        Panel::Threshold => view! { <threshold::ThresholdPanel scenario derived /> }.into_any(),
        Panel::Composition => {
            view! { <composition::CompositionPanel scenario derived /> }.into_any()
        }
        Panel::ModelB => {
            view! { <model_b::ModelBPanel scenario model_b=page.model_b derived /> }.into_any()
        }
        Panel::Training => {
            view! { <training::panel::TrainingPanel scenario training=page.training /> }.into_any()
        }
        Panel::Decide => view! { <decide::panel::DecidePanel page derived /> }.into_any(),
    }
}
