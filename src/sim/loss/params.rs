//! The page parameters the losses read, and their ranges (SPEC sections 2 and 5).

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

/// The values of the losses' parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LossParams {
    /// Weight of the positives' term in weighted BCE, in `[0.01, 100]`.
    pub pos_weight: f64,
    /// Weight of the positives in balanced CE and focal (negatives get `1 - alpha`), in `[0, 1]`.
    pub alpha: f64,
    /// Focal exponent, in `[0, 10]`.
    pub gamma: f64,
}

impl Default for LossParams {
    /// SPEC section 2's defaults.
    fn default() -> Self {
        LossParams::new(POS_WEIGHT.default, ALPHA.default, GAMMA.default)
    }
}

impl LossParams {
    /// The parameters `pw`, `alpha`, `gamma`, in the page's order.
    pub const fn new(pos_weight: f64, alpha: f64, gamma: f64) -> Self {
        LossParams {
            pos_weight,
            alpha,
            gamma,
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
    }

    /// Each parameter in its range (NaN the default), as a link is read.
    pub fn clamped(&self) -> Self {
        LossParams::new(
            POS_WEIGHT.read(self.pos_weight),
            ALPHA.read(self.alpha),
            GAMMA.read(self.gamma),
        )
    }

    /// The scenario's loss parameters.
    pub fn from_scenario(s: &Scenario) -> Self {
        LossParams::new(s.pos_weight, s.alpha, s.gamma)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::LossKind;

    /// Every parameter a loss reads is one `LossParams::value` knows.
    #[test]
    fn every_loss_parameter_has_its_value() {
        let p = LossParams::new(3.0, 0.4, 5.0);
        for kind in LossKind::ALL {
            for param in kind.loss().params {
                let want = [(ALPHA, 0.4), (GAMMA, 5.0), (POS_WEIGHT, 3.0)]
                    .into_iter()
                    .find(|(q, _)| q.key == param.key)
                    .map(|(_, v)| v);
                assert_eq!(p.value(param), want, "{}", param.key);
            }
        }
    }
}
