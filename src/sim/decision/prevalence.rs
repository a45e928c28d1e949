//! The same model where positives are more or less common than in the validation set: the
//! metrics at the deployment prevalence `pi_d`, and probabilities corrected for a new prior.

use crate::sim::metrics::{Confusion, Metric, Undefined};

/// Counts as real numbers: a confusion matrix re-weighted to another class mix.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weighted {
    /// Positives predicted positive.
    pub tp: f64,
    /// Negatives predicted positive.
    pub fp: f64,
    /// Negatives predicted negative.
    pub tn: f64,
    /// Positives predicted negative.
    pub fn_: f64,
}

/// `num / den` where `den > 0` and the quotient is finite (a class whose weight underflows
/// counts as absent), else the reason.
fn ratio(num: f64, den: f64, why: Undefined) -> Metric {
    let v = num / den;
    if den > 0.0 && v.is_finite() {
        Ok(v)
    } else {
        Err(why)
    }
}

/// NaN counts as `fallback`; anything else is clamped to [0, 1].
fn unit(v: f64, fallback: f64) -> f64 {
    if v.is_nan() {
        fallback
    } else {
        v.clamp(0.0, 1.0)
    }
}

impl Weighted {
    /// SPEC 8: TP and FN times `pi_d / pi`, FP and TN times `(1 - pi_d) / (1 - pi)`, with `pi`
    /// the share of positives in `c`. The weighted counts add up to the same total.
    ///
    /// A class `c` lacks can't be re-weighted unless the deployment lacks it too
    /// (`NoPositives` / `NoNegatives`); no samples at all is `NoSamples`. `pi_d` is clamped to
    /// [0, 1]; NaN counts as `pi` (no re-weighting).
    pub fn at_prevalence(c: &Confusion, pi_d: f64) -> Result<Self, Undefined> {
        let (p, n) = (c.positives() as f64, c.negatives() as f64);
        let total = p + n;
        if total == 0.0 {
            return Err(Undefined::NoSamples);
        }
        let pi_d = unit(pi_d, p / total);
        // pi_d / pi = pi_d total / P: no rounding of pi, and no 1 - pi near 1.
        let weight = |share: f64, count: f64, why| {
            if share == 0.0 {
                Ok(0.0)
            } else if count == 0.0 {
                Err(why)
            } else {
                Ok(share * total / count)
            }
        };
        let w_pos = weight(pi_d, p, Undefined::NoPositives)?;
        let w_neg = weight(1.0 - pi_d, n, Undefined::NoNegatives)?;
        Ok(Weighted {
            tp: c.tp as f64 * w_pos,
            fp: c.fp as f64 * w_neg,
            tn: c.tn as f64 * w_neg,
            fn_: c.fn_ as f64 * w_pos,
        })
    }

    /// TP / (TP + FP).
    pub fn precision(&self) -> Metric {
        ratio(self.tp, self.tp + self.fp, Undefined::NoPredictedPositives)
    }

    /// TP / (TP + FN).
    pub fn recall(&self) -> Metric {
        ratio(self.tp, self.tp + self.fn_, Undefined::NoPositives)
    }

    /// TN / (TN + FP).
    pub fn specificity(&self) -> Metric {
        ratio(self.tn, self.tn + self.fp, Undefined::NoNegatives)
    }

    /// 2 TP / (2 TP + FP + FN).
    pub fn f1(&self) -> Metric {
        let den = 2.0 * self.tp + self.fp + self.fn_;
        ratio(2.0 * self.tp, den, Undefined::NoPositivesNorPredicted)
    }

    /// (TP + TN) / everything.
    pub fn accuracy(&self) -> Metric {
        let all = self.tp + self.fp + self.tn + self.fn_;
        ratio(self.tp + self.tn, all, Undefined::NoSamples)
    }

    /// (recall + specificity) / 2.
    pub fn balanced_accuracy(&self) -> Metric {
        Ok((self.recall()? + self.specificity()?) / 2.0)
    }

    /// Matthews correlation coefficient; undefined when a row or column is empty, as
    /// `Confusion::mcc`.
    pub fn mcc(&self) -> Metric {
        let (tp, fp, tn, fn_) = (self.tp, self.fp, self.tn, self.fn_);
        for (margin, why) in [
            (tp + fn_, Undefined::NoPositives),
            (tn + fp, Undefined::NoNegatives),
            (tp + fp, Undefined::NoPredictedPositives),
            (tn + fn_, Undefined::NoPredictedNegatives),
        ] {
            if margin <= 0.0 {
                return Err(why);
            }
        }
        let den = ((tp + fp) * (tp + fn_)).sqrt() * ((tn + fp) * (tn + fn_)).sqrt();
        ratio(tp * tn - fp * fn_, den, Undefined::NoSamples).map(|v| v.clamp(-1.0, 1.0))
    }
}

/// The `at_deployment` metrics of SPEC 8: the validation set's counts at the page's threshold,
/// re-weighted to the deployment prevalence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AtDeployment {
    /// The deployment prevalence `pi_d`, as used (clamped to [0, 1]).
    pub prevalence: f64,
    /// The re-weighted counts, or why there are none.
    pub counts: Result<Weighted, Undefined>,
    /// TP / (TP + FP) at `pi_d`.
    pub precision: Metric,
    /// TP / (TP + FN): the validation recall, unless `pi_d` is 0.
    pub recall: Metric,
    /// 2 TP / (2 TP + FP + FN) at `pi_d`.
    pub f1: Metric,
    /// TN / (TN + FP): the validation specificity, unless `pi_d` is 1.
    pub specificity: Metric,
    /// (TP + TN) / N at `pi_d`.
    pub accuracy: Metric,
    /// (recall + specificity) / 2.
    pub balanced_accuracy: Metric,
    /// MCC at `pi_d`.
    pub mcc: Metric,
}

impl AtDeployment {
    /// The metrics of `c` (the counts at the page's threshold) at prevalence `pi_d`.
    pub fn new(c: &Confusion, pi_d: f64) -> Self {
        let counts = Weighted::at_prevalence(c, pi_d);
        let each = |f: fn(&Weighted) -> Metric| counts.and_then(|w| f(&w));
        AtDeployment {
            prevalence: unit(pi_d, validation(c)),
            counts,
            precision: each(Weighted::precision),
            recall: each(Weighted::recall),
            f1: each(Weighted::f1),
            specificity: each(Weighted::specificity),
            accuracy: each(Weighted::accuracy),
            balanced_accuracy: each(Weighted::balanced_accuracy),
            mcc: each(Weighted::mcc),
        }
    }
}

impl AtDeployment {
    /// The metrics under their export keys, in the order the page lists them.
    pub fn named(&self) -> [(&'static str, Metric); 7] {
        [
            ("precision", self.precision),
            ("recall", self.recall),
            ("f1", self.f1),
            ("specificity", self.specificity),
            ("accuracy", self.accuracy),
            ("balanced_accuracy", self.balanced_accuracy),
            ("mcc", self.mcc),
        ]
    }
}

/// The validation prevalence `P / (P + N)` (0 without samples).
pub fn validation(c: &Confusion) -> f64 {
    let total = c.positives() + c.negatives();
    if total == 0 {
        0.0
    } else {
        c.positives() as f64 / total as f64
    }
}

/// Multiplies a probability's odds by `num / den`: `p' = num p / (num p + den (1 - p))`.
///
/// The factor is kept as two finite, non-negative numbers, not one, so a factor of 0 or
/// infinity (a prevalence of 0 or 1) needs no special case. The map is increasing in `p`, so a
/// threshold on corrected probabilities is a threshold on the original ones
/// (`threshold_on_scores`): exactly in real arithmetic, to within rounding at the boundary.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OddsShift {
    num: f64,
    den: f64,
}

impl OddsShift {
    /// The prior correction of SPEC 8, from the validation prevalence `pi` of `c` to `pi_d`:
    /// `odds' = odds (pi_d / (1 - pi_d)) / (pi / (1 - pi))`, i.e. the factor
    /// `pi_d N / ((1 - pi_d) P)`. It assumes the model's probabilities are calibrated for `pi`.
    /// Undefined when `c` lacks a class (`pi` is 0 or 1: there is no prior to correct from).
    /// `pi_d` is clamped to [0, 1]; NaN counts as `pi` (the identity).
    pub fn prior(c: &Confusion, pi_d: f64) -> Result<Self, Undefined> {
        let (p, n) = (c.positives() as f64, c.negatives() as f64);
        if p == 0.0 {
            return Err(Undefined::NoPositives);
        }
        if n == 0.0 {
            return Err(Undefined::NoNegatives);
        }
        let pi_d = unit(pi_d, p / (p + n));
        Ok(OddsShift {
            num: pi_d * n,
            den: (1.0 - pi_d) * p,
        })
    }

    /// Undoes a training weight on the positives (`pos_weight = w > 0`): weighted BCE's optimum
    /// is `odds(p*) = w odds(q)` (`training/optimal.rs`), so the true odds are `odds / w`.
    /// `None` unless `w` is finite and positive.
    pub fn undo_pos_weight(w: f64) -> Option<Self> {
        (w.is_finite() && w > 0.0).then_some(OddsShift { num: 1.0, den: w })
    }

    /// Undoes undersampling of the negatives, `r` in (0, 1] the fraction kept: the training
    /// set's posterior has odds `odds(q) / r` (the negatives' density is `r` times smaller), so
    /// the true odds are `odds * r` (Dal Pozzolo et al., "Calibrating probability with
    /// undersampling for unbalanced classification", 2015). `None` outside (0, 1].
    pub fn undo_undersampling(r: f64) -> Option<Self> {
        (r > 0.0 && r <= 1.0).then_some(OddsShift { num: r, den: 1.0 })
    }

    /// The factor on the odds (infinite when a prior correction goes to `pi_d = 1`).
    pub fn factor(&self) -> f64 {
        self.num / self.den
    }

    /// The shift back.
    pub fn inverse(&self) -> Self {
        OddsShift {
            num: self.den,
            den: self.num,
        }
    }

    /// The corrected probability of `p` (clamped to [0, 1]; NaN counts as 0.5). Undefined only
    /// where the shift contradicts the score: a certain positive (`p = 1`) where positives no
    /// longer exist (factor 0), or a certain negative where negatives no longer exist.
    pub fn apply(&self, p: f64) -> Metric {
        let p = unit(p, 0.5);
        let pos = self.num * p;
        let why = if p == 1.0 {
            Undefined::NoPositives
        } else {
            Undefined::NoNegatives
        };
        ratio(pos, pos + self.den * (1.0 - p), why)
    }

    /// The threshold on the original scores that the page's threshold `t` on the corrected
    /// probabilities means: `odds(t_orig) = odds(t) / factor`.
    pub fn threshold_on_scores(&self, t: f64) -> Metric {
        self.inverse().apply(t)
    }
}
