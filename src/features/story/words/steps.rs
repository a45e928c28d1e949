//! The story's steps, in order: each one's title, the page it sets and its words.

use super::sentences::{
    balanced, costs, loss_against_recall, own_data, shares, trained, two_models, who_carries,
};
use crate::features::words::facts::Facts;
use crate::sim::Scenario;
use crate::state::PageState;
use crate::state::{Control, DecisionSettings, ModelB, Panel, STORY_STEPS};

/// A step of the story: its title, the page it sets, and its words.
pub(super) struct Step {
    pub(super) title: &'static str,
    pub(super) panels: &'static [Panel],
    /// The controls an embedded step shows (the full page shows them all).
    pub(super) controls: &'static [Control],
    pub(super) set: fn(&mut PageState),
    pub(super) words: fn(&Facts) -> String,
}

pub(super) const STEPS: [Step; STORY_STEPS as usize] = [
    Step {
        title: "A rare class and two models",
        panels: &[Panel::Numbers, Panel::ModelB],
        controls: &[Control::Ratio, Control::Acc0, Control::Acc1],
        set: rare,
        words: two_models,
    },
    Step {
        title: "What the loss prefers, and what recall prefers",
        panels: &[Panel::ModelB],
        controls: &[Control::Ratio, Control::Acc1],
        set: rare,
        words: loss_against_recall,
    },
    Step {
        title: "Why: who carries the loss",
        panels: &[Panel::Share, Panel::Numbers],
        controls: &[Control::Ratio],
        set: rare,
        words: who_carries,
    },
    Step {
        title: "The same models on a balanced set",
        panels: &[Panel::ModelB, Panel::Composition],
        controls: &[Control::Ratio],
        set: even,
        words: balanced,
    },
    Step {
        title: "What pos_weight, α and γ do to the loss",
        panels: &[Panel::Share, Panel::Focal],
        controls: &[Control::PosWeight, Control::Alpha, Control::Gamma],
        set: weighted,
        words: shares,
    },
    Step {
        title: "…and what they do to a model trained with it",
        panels: &[Panel::Training],
        controls: &[Control::PosWeight, Control::Alpha, Control::Gamma],
        set: weighted,
        words: trained,
    },
    Step {
        title: "Choosing the threshold with costs",
        panels: &[Panel::Decide, Panel::Threshold],
        controls: &[Control::Threshold],
        set: costly_misses,
        words: costs,
    },
    Step {
        title: "Your own predictions",
        panels: &[Panel::Numbers, Panel::Share, Panel::ModelB],
        controls: &[Control::Ratio],
        set: rare,
        words: own_data,
    },
];

/// The story's validation set: 100,000 negatives and 1,000 positives, the blog post's models.
fn rare(s: &mut PageState) {
    s.scenario = Scenario {
        neg: 100_000,
        pos: 1_000,
        acc0: 0.999,
        acc1: 0.5,
        ..Scenario::default()
    };
    s.model_b = ModelB {
        acc0: 0.98,
        acc1: 0.9,
    };
}

/// The same models on a balanced set: 10,000 of each class.
fn even(s: &mut PageState) {
    rare(s);
    s.scenario.neg = 10_000;
    s.scenario.pos = 10_000;
}

/// The rare set, with the weights of focal-loss training: pos_weight 100, alpha 0.25, gamma 2.
fn weighted(s: &mut PageState) {
    rare(s);
    s.scenario.pos_weight = 100.0;
    s.scenario.gamma = 2.0;
    s.scenario.alpha = 0.25;
}

/// The rare set, where a missed positive costs 20 false alarms.
fn costly_misses(s: &mut PageState) {
    rare(s);
    s.decision = DecisionSettings {
        cost_fn: 20.0,
        ..DecisionSettings::default()
    };
}
