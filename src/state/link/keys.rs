//! Every key a link may carry, once: what it holds, its range, and the part of the state it
//! sets. Reading looks a key up here; a key not here is one the page does not know.

use super::read;
use crate::sim::MAX_COUNT;
use crate::sim::loss::{ALPHA, GAMMA, POS_WEIGHT};
use crate::sim::params::Param;
use crate::sim::training::{MAX_SAMPLE, SEP};
use crate::state::PageState;
use crate::state::{MAX_COST, MIN_SAMPLE, STORY_STEPS};

/// What a key holds, and where in the state it goes.
pub(super) enum Value {
    /// A finite number in `[lo, hi]`.
    Real([f64; 2], fn(&mut PageState) -> &mut f64),
    /// A whole number in `[lo, hi]`.
    Count([u32; 2], fn(&mut PageState) -> &mut u32),
    /// 1 or 0 (or true/false, yes/no, on/off).
    Flag(fn(&mut PageState) -> &mut bool),
    /// Read its own way (a list, a choice, a pair), with its own notices.
    Own(fn(&mut PageState, &str, &mut Vec<String>)),
}

use Value::{Count, Flag, Own, Real};

const UNIT: [f64; 2] = [0.0, 1.0];

/// A parameter's range.
const fn range(p: Param) -> [f64; 2] {
    [p.min, p.max]
}
const COST: [f64; 2] = [0.0, MAX_COST];
const COUNT: [u32; 2] = [0, MAX_COUNT];
const SAMPLE: [u32; 2] = [MIN_SAMPLE, MAX_SAMPLE];

/// The keys, by name.
pub(super) const KEYS: &[(&str, Value)] = &[
    ("neg", Count(COUNT, |s| &mut s.scenario.neg)),
    ("pos", Count(COUNT, |s| &mut s.scenario.pos)),
    ("acc0", Real(UNIT, |s| &mut s.scenario.acc0)),
    ("acc1", Real(UNIT, |s| &mut s.scenario.acc1)),
    // The losses' parameters, with the ranges their losses declare.
    (ALPHA.key, Real(range(ALPHA), |s| &mut s.scenario.alpha)),
    (GAMMA.key, Real(range(GAMMA), |s| &mut s.scenario.gamma)),
    (
        POS_WEIGHT.key,
        Real(range(POS_WEIGHT), |s| &mut s.scenario.pos_weight),
    ),
    ("thr", Real(UNIT, |s| &mut s.scenario.threshold)),
    ("seed", Own(read::seed)),
    ("acc0b", Real(UNIT, |s| &mut s.model_b.acc0)),
    ("acc1b", Real(UNIT, |s| &mut s.model_b.acc1)),
    (SEP.key, Real(range(SEP), |s| &mut s.training.sep)),
    ("rows", Count(SAMPLE, |s| &mut s.training.rows)),
    ("cfp", Real(COST, |s| &mut s.decision.cost_fp)),
    ("cfn", Real(COST, |s| &mut s.decision.cost_fn)),
    ("rtp", Real(COST, |s| &mut s.decision.reward_tp)),
    ("prev", Own(read::prevalence)),
    ("undo", Own(read::undo)),
    ("judge", Own(read::judge)),
    ("log", Flag(|s| &mut s.view.log_counts)),
    ("factor", Flag(|s| &mut s.view.focal_factor)),
    ("pt", Real(UNIT, |s| &mut s.view.point)),
    ("story", Count([0, STORY_STEPS], |s| &mut s.view.story)),
    ("theme", Own(read::theme)),
    ("src", Own(read::source)),
    ("embed", Flag(|s| &mut s.layout.embed)),
    ("panels", Own(read::panels)),
    ("controls", Own(read::controls)),
];
