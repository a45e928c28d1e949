//! The story's steps as they set the page: each one's numbers, panels and controls. The page
//! needs them (a link naming only the step opens it; a step's controls sit in its box), so they
//! live apart from the steps' titles and sentences, which only the worker writes (`words`).

use crate::sim::LossKind;
use crate::sim::Scenario;
use crate::sim::loss::Shown;
use crate::state::{Control, DecisionSettings, Keyed, Layout, ModelB, PageState, Panel};
use crate::state::{STORY_STEPS, ViewOptions};

/// A step of the story, as it sets the page.
pub struct Step {
    /// The panels it shows, in page order (as a link holds them).
    pub panels: &'static [Panel],
    /// The controls it talks about: they sit in its box, and an embedded step shows only them.
    pub controls: &'static [Control],
    /// Sets its numbers: the scenario, model B and the costs.
    set: fn(&mut PageState),
}

/// The steps, in order (`words::steps` holds their titles and sentences in the same order).
const STEPS: [Step; STORY_STEPS as usize] = [
    // A rare class and two models.
    Step {
        panels: &[Panel::Numbers, Panel::ModelB],
        controls: &[Control::Ratio, Control::Acc0, Control::Acc1],
        set: rare,
    },
    // What the loss prefers, and what recall prefers.
    Step {
        panels: &[Panel::ModelB],
        controls: &[Control::Ratio, Control::Acc1],
        set: rare,
    },
    // Why: who carries the loss.
    Step {
        panels: &[Panel::Numbers, Panel::Share],
        controls: &[Control::Ratio],
        set: rare,
    },
    // The same models on a balanced set.
    Step {
        panels: &[Panel::Composition, Panel::ModelB],
        controls: &[Control::Ratio],
        set: even,
    },
    // What pos_weight, alpha and gamma do to the loss.
    Step {
        panels: &[Panel::Focal, Panel::Share],
        controls: &[Control::PosWeight, Control::Alpha, Control::Gamma],
        set: weighted,
    },
    // ... and what they do to a model trained with it.
    Step {
        panels: &[Panel::Training],
        controls: &[Control::PosWeight, Control::Alpha, Control::Gamma],
        set: weighted,
    },
    // Choosing the threshold with costs.
    Step {
        panels: &[Panel::Threshold, Panel::Decide],
        controls: &[Control::Threshold],
        set: costly_misses,
    },
    // Your own predictions.
    Step {
        panels: &[Panel::Numbers, Panel::Share, Panel::ModelB],
        controls: &[Control::Ratio],
        set: rare,
    },
    // A loss that moves the threshold to the balanced-error rule (Menon et al. 2021).
    Step {
        panels: &[Panel::Numbers, Panel::Training],
        controls: &[Control::Losses],
        set: menon,
    },
];

/// Step `n` (1-based; out of range, the nearest step).
pub fn step(n: u32) -> &'static Step {
    &STEPS[(n.clamp(1, STORY_STEPS) - 1) as usize]
}

/// The page as step `n` begins, what its "Reset this step" link holds: its numbers and panels,
/// every control on the full page, only the step's own in an embed.
pub fn begin(n: u32, embed: bool) -> PageState {
    let step = step(n);
    let mut state = PageState::default();
    (step.set)(&mut state);
    state.view = ViewOptions {
        story: n.clamp(1, STORY_STEPS),
        losses: state.view.losses,
        ..ViewOptions::default()
    };
    state.layout = Layout {
        embed,
        panels: step.panels.to_vec(),
        controls: if embed {
            step.controls.to_vec()
        } else {
            Control::ALL.to_vec()
        },
    };
    state
}

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

/// Menon et al. 2021's synthetic task on its informative direction: positives 5 % of the mix,
/// classes `2 sqrt 2` apart, BCE beside logit adjustment at `tau = 1`.
fn menon(s: &mut PageState) {
    rare(s);
    s.scenario.neg = 95_000;
    s.scenario.pos = 5_000;
    s.training.sep = 2.0 * std::f64::consts::SQRT_2;
    s.view.losses = Shown::of(&[LossKind::Bce, LossKind::LogitAdjusted]);
}

/// The rare set, where a missed positive costs 20 false alarms.
fn costly_misses(s: &mut PageState) {
    rare(s);
    s.decision = DecisionSettings {
        cost_fn: 20.0,
        ..DecisionSettings::default()
    };
}
