//! The page parameters the losses read, and their ranges (SPEC sections 2, 5 and 9).

use crate::sim::params::{Param, Scenario};

/// The weight of the positives in balanced CE and focal.
pub const ALPHA: Param = Param {
    key: "alpha",
    name: "α",
    min: 0.0,
    max: 1.0,
    default: 0.25,
};

/// The focal exponent.
pub const GAMMA: Param = Param {
    key: "gamma",
    name: "γ",
    min: 0.0,
    max: 10.0,
    default: 2.0,
};

/// The weight of the positives' term in weighted BCE.
pub const POS_WEIGHT: Param = Param {
    key: "pw",
    name: "pos_weight",
    min: 0.01,
    max: 100.0,
    default: 1.0,
};

/// Class-balanced loss's beta: how fast the effective number of samples saturates.
pub const CB_BETA: Param = Param {
    key: "cb_beta",
    name: "β",
    min: 0.0,
    max: 0.999999,
    default: 0.999,
};

/// Logit adjustment's temperature on the log prior odds.
pub const LA_TAU: Param = Param {
    key: "la_tau",
    name: "τ",
    min: 0.0,
    max: 3.0,
    default: 1.0,
};

/// LDAM's margin of the smaller class, in logit units.
pub const LDAM_M: Param = Param {
    key: "ldam_m",
    name: "margin m",
    min: 0.0,
    max: 5.0,
    default: 1.0,
};

/// The asymmetric loss's focusing exponent on the positives.
pub const ASL_GP: Param = Param {
    key: "asl_gp",
    name: "γ₊",
    min: 0.0,
    max: 10.0,
    default: 0.0,
};

/// The asymmetric loss's focusing exponent on the negatives.
pub const ASL_GN: Param = Param {
    key: "asl_gn",
    name: "γ₋",
    min: 0.0,
    max: 10.0,
    default: 4.0,
};

/// The asymmetric loss's probability margin: a negative below it costs nothing.
pub const ASL_M: Param = Param {
    key: "asl_m",
    name: "clip m",
    min: 0.0,
    max: 0.5,
    default: 0.05,
};

/// Poly-1's weight on the first polynomial term, `1 - p_t`.
pub const POLY_EPS: Param = Param {
    key: "poly_eps",
    name: "ε",
    min: -1.0,
    max: 10.0,
    default: 1.0,
};

/// The Tversky index's weight on the false positives.
pub const TV_A: Param = Param {
    key: "tv_a",
    name: "a (FP)",
    min: 0.0,
    max: 1.0,
    default: 0.5,
};

/// The Tversky index's weight on the false negatives.
pub const TV_B: Param = Param {
    key: "tv_b",
    name: "b (FN)",
    min: 0.0,
    max: 1.0,
    default: 0.5,
};

/// The parameters of SPEC section 9's losses, in the order the page lists them.
pub const EXTRA: [Param; 9] = [
    CB_BETA, LA_TAU, LDAM_M, ASL_GP, ASL_GN, ASL_M, POLY_EPS, TV_A, TV_B,
];

/// The values of SPEC section 9's parameters, in `EXTRA`'s order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExtraParams(pub [f64; EXTRA.len()]);

impl Default for ExtraParams {
    /// Every parameter at its default.
    fn default() -> Self {
        ExtraParams(EXTRA.map(|p| p.default))
    }
}

impl ExtraParams {
    /// The place of `param` in `EXTRA`, if it is one of them.
    fn index(param: &Param) -> Option<usize> {
        EXTRA.iter().position(|p| p.key == param.key)
    }

    /// The value of `param` (its default for a parameter not in `EXTRA`).
    pub fn get(&self, param: Param) -> f64 {
        Self::index(&param).map_or(param.default, |i| self.0[i])
    }

    /// A place to write `param`'s value, if it is one of `EXTRA`.
    pub fn slot(&mut self, param: &Param) -> Option<&mut f64> {
        Self::index(param).map(|i| &mut self.0[i])
    }

    /// The same values with `param` set to `v` (unchanged for a parameter not in `EXTRA`).
    pub fn with(mut self, param: Param, v: f64) -> Self {
        if let Some(slot) = self.slot(&param) {
            *slot = v;
        }
        self
    }

    /// Each parameter in its range (NaN the default), as a link is read.
    pub fn clamped(&self) -> Self {
        let mut out = *self;
        for (v, p) in out.0.iter_mut().zip(EXTRA) {
            *v = p.read(*v);
        }
        out
    }
}

/// The values of the losses' parameters, and the class counts the losses that read them use
/// (class-balanced, logit adjustment, LDAM).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LossParams {
    /// Weight of the positives' term in weighted BCE, in `[0.01, 100]`.
    pub pos_weight: f64,
    /// Weight of the positives in balanced CE and focal (negatives get `1 - alpha`), in `[0, 1]`.
    pub alpha: f64,
    /// Focal exponent, in `[0, 10]`.
    pub gamma: f64,
    /// SPEC section 9's parameters.
    pub extra: ExtraParams,
    /// The number of negatives and of positives (of the set, or of the training mix).
    pub counts: [f64; 2],
}

impl Default for LossParams {
    /// SPEC sections 2 and 9's defaults, on balanced classes.
    fn default() -> Self {
        LossParams::new(POS_WEIGHT.default, ALPHA.default, GAMMA.default)
    }
}

impl LossParams {
    /// The parameters `pw`, `alpha`, `gamma`, in the page's order; section 9's at their
    /// defaults, on one sample of each class (balanced: no loss shifts or reweights for it).
    pub const fn new(pos_weight: f64, alpha: f64, gamma: f64) -> Self {
        LossParams {
            pos_weight,
            alpha,
            gamma,
            extra: ExtraParams([
                CB_BETA.default,
                LA_TAU.default,
                LDAM_M.default,
                ASL_GP.default,
                ASL_GN.default,
                ASL_M.default,
                POLY_EPS.default,
                TV_A.default,
                TV_B.default,
            ]),
            counts: [1.0, 1.0],
        }
    }

    /// The same parameters for classes of these sizes.
    pub fn with_counts(self, neg: f64, pos: f64) -> Self {
        LossParams {
            counts: [neg, pos],
            ..self
        }
    }

    /// The same parameters with one of section 9's set to `v`.
    pub fn with(self, param: Param, v: f64) -> Self {
        LossParams {
            extra: self.extra.with(param, v),
            ..self
        }
    }

    /// The value of one of the losses' parameters (`None` for one these do not hold).
    pub fn value(&self, param: &Param) -> Option<f64> {
        [
            (ALPHA, self.alpha),
            (GAMMA, self.gamma),
            (POS_WEIGHT, self.pos_weight),
        ]
        .into_iter()
        .find(|(p, _)| p.key == param.key)
        .map(|(_, v)| v)
        .or_else(|| ExtraParams::index(param).map(|i| self.extra.0[i]))
    }

    /// A section 9 parameter's value.
    pub fn get(&self, param: Param) -> f64 {
        self.extra.get(param)
    }

    /// Each parameter in its range (NaN the default), as a link is read.
    pub fn clamped(&self) -> Self {
        LossParams {
            pos_weight: POS_WEIGHT.read(self.pos_weight),
            alpha: ALPHA.read(self.alpha),
            gamma: GAMMA.read(self.gamma),
            extra: self.extra.clamped(),
            counts: self.counts,
        }
    }

    /// The scenario's loss parameters, on its class counts.
    pub fn from_scenario(s: &Scenario) -> Self {
        LossParams {
            pos_weight: s.pos_weight,
            alpha: s.alpha,
            gamma: s.gamma,
            extra: s.extra,
            counts: [f64::from(s.neg), f64::from(s.pos)],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::LossKind;

    /// Every parameter a loss reads is one `LossParams::value` knows, with its own value.
    #[test]
    fn every_loss_parameter_has_its_value() {
        let mut p = LossParams::new(3.0, 0.4, 5.0);
        for (i, param) in EXTRA.iter().enumerate() {
            p = p.with(*param, 0.125 * (i + 1) as f64);
        }
        for kind in LossKind::ALL {
            for param in kind.loss().params {
                let want = [(ALPHA, 0.4), (GAMMA, 5.0), (POS_WEIGHT, 3.0)]
                    .into_iter()
                    .find(|(q, _)| q.key == param.key)
                    .map(|(_, v)| v)
                    .or_else(|| {
                        EXTRA
                            .iter()
                            .position(|q| q.key == param.key)
                            .map(|i| 0.125 * (i + 1) as f64)
                    });
                assert_eq!(p.value(param), want, "{}", param.key);
                assert!(want.is_some(), "{} has no value", param.key);
            }
        }
    }

    /// `new`'s written-out defaults are `EXTRA`'s.
    #[test]
    fn new_takes_every_default() {
        assert_eq!(
            LossParams::new(1.0, 0.25, 2.0).extra,
            ExtraParams::default()
        );
    }
}
