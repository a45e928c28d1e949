//! The story's steps in words, in the order of `story::steps` (which holds what each one sets on
//! the page): each one's title and sentences.

use super::sentences::{
    balanced, costs, loss_against_recall, own_data, shares, trained, two_models, who_carries,
};
use crate::features::words::facts::Facts;
use crate::state::STORY_STEPS;

/// A step of the story in words: its title, and its sentences from the numbers.
pub(super) struct Step {
    pub(super) title: &'static str,
    pub(super) words: fn(&Facts) -> String,
}

pub(super) const STEPS: [Step; STORY_STEPS as usize] = [
    Step {
        title: "A rare class and two models",
        words: two_models,
    },
    Step {
        title: "What the loss prefers, and what recall prefers",
        words: loss_against_recall,
    },
    Step {
        title: "Why: who carries the loss",
        words: who_carries,
    },
    Step {
        title: "The same models on a balanced set",
        words: balanced,
    },
    Step {
        title: "What pos_weight, α and γ do to the loss",
        words: shares,
    },
    Step {
        title: "…and what they do to a model trained with it",
        words: trained,
    },
    Step {
        title: "Choosing the threshold with costs",
        words: costs,
    },
    Step {
        title: "Your own predictions",
        words: own_data,
    },
    Step {
        title: "A loss that moves the threshold: logit adjustment",
        words: super::menon::menon,
    },
];
