//! Every key a link may carry, once: what it holds, its range, and the part of the state it
//! sets. Reading looks a key up here; a key not here is one the page does not know.

use super::read;
use crate::sim::MAX_COUNT;
use crate::sim::loss::{
    ALPHA, ASL_GN, ASL_GP, ASL_M, CB_BETA, GAMMA, LA_TAU, LDAM_M, POLY_EPS, POS_WEIGHT, TV_A, TV_B,
};
use crate::sim::params::Param;
use crate::sim::training::spread::{SPREAD_K, SPREAD_N};
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
    // SPEC section 9's, in `EXTRA`'s order.
    (
        CB_BETA.key,
        Real(range(CB_BETA), |s| &mut s.scenario.extra.0[0]),
    ),
    (
        LA_TAU.key,
        Real(range(LA_TAU), |s| &mut s.scenario.extra.0[1]),
    ),
    (
        LDAM_M.key,
        Real(range(LDAM_M), |s| &mut s.scenario.extra.0[2]),
    ),
    (
        ASL_GP.key,
        Real(range(ASL_GP), |s| &mut s.scenario.extra.0[3]),
    ),
    (
        ASL_GN.key,
        Real(range(ASL_GN), |s| &mut s.scenario.extra.0[4]),
    ),
    (
        ASL_M.key,
        Real(range(ASL_M), |s| &mut s.scenario.extra.0[5]),
    ),
    (
        POLY_EPS.key,
        Real(range(POLY_EPS), |s| &mut s.scenario.extra.0[6]),
    ),
    (TV_A.key, Real(range(TV_A), |s| &mut s.scenario.extra.0[7])),
    (TV_B.key, Real(range(TV_B), |s| &mut s.scenario.extra.0[8])),
    ("thr", Real(UNIT, |s| &mut s.scenario.threshold)),
    ("seed", Own(read::seed)),
    ("acc0b", Real(UNIT, |s| &mut s.model_b.acc0)),
    ("acc1b", Real(UNIT, |s| &mut s.model_b.acc1)),
    (SEP.key, Real(range(SEP), |s| &mut s.training.sep)),
    ("rows", Count(SAMPLE, |s| &mut s.training.rows)),
    ("spread_k", Count(SPREAD_K, |s| &mut s.training.spread_k)),
    ("spread_n", Count(SPREAD_N, |s| &mut s.training.spread_n)),
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
    ("losses", Own(read::losses)),
    ("src", Own(read::source)),
    ("embed", Flag(|s| &mut s.layout.embed)),
    ("panels", Own(read::panels)),
    ("controls", Own(read::controls)),
];
