//! Threshold metrics of SPEC section 3, with undefined values as a type, never NaN.

use super::generator::ClassScores;
use super::ranking::Ranking;

/// Why a value has no number: its denominator is 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Undefined {
    /// There are no samples at all.
    NoSamples,
    /// There are no positive samples.
    NoPositives,
    /// There are no negative samples.
    NoNegatives,
    /// No sample is predicted positive at this threshold.
    NoPredictedPositives,
    /// No sample is predicted negative at this threshold.
    NoPredictedNegatives,
    /// No positives, and none predicted positive: F1 is 0/0.
    NoPositivesNorPredicted,
    /// The loss is 0, so it has no shares.
    ZeroLoss,
    /// A set-level loss (Tversky): a ratio of sums, with no sum over samples to share.
    SetLevel,
    /// The loss's terms depend on the class counts, so another ratio is another loss.
    CountDependent,
}

impl Undefined {
    /// A short explanation for the page.
    pub fn reason(self) -> &'static str {
        match self {
            Undefined::NoSamples => "there are no samples",
            Undefined::NoPositives => "there are no positive samples",
            Undefined::NoNegatives => "there are no negative samples",
            Undefined::NoPredictedPositives => "no sample is predicted positive",
            Undefined::NoPredictedNegatives => "no sample is predicted negative",
            Undefined::NoPositivesNorPredicted => {
                "there are no positives and none is predicted positive"
            }
            Undefined::ZeroLoss => "the loss is zero",
            Undefined::SetLevel => "a set-level loss has no sum over samples",
            Undefined::CountDependent => {
                "its terms depend on the class counts, so at another ratio it is another loss"
            }
        }
    }
}

/// A number, or the reason there is none.
pub type Metric = Result<f64, Undefined>;

fn ratio(num: u64, den: u64, why: Undefined) -> Metric {
    if den == 0 {
        Err(why)
    } else {
        Ok(num as f64 / den as f64)
    }
}

/// The confusion matrix at one threshold; a sample is predicted positive when `p >= t`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Confusion {
    /// Positives predicted positive.
    pub tp: u64,
    /// Negatives predicted positive.
    pub fp: u64,
    /// Negatives predicted negative.
    pub tn: u64,
    /// Positives predicted negative.
    pub fn_: u64,
}

impl Confusion {
    /// Counts at threshold `t` by two binary searches in the sorted scores.
    pub fn at(neg: &ClassScores, pos: &ClassScores, t: f64) -> Self {
        let fp = neg.count_at_or_above(t);
        let tp = pos.count_at_or_above(t);
        Confusion {
            tp,
            fp,
            tn: neg.len() as u64 - fp,
            fn_: pos.len() as u64 - tp,
        }
    }

    /// Number of positive samples.
    pub fn positives(&self) -> u64 {
        self.tp + self.fn_
    }

    /// Number of negative samples.
    pub fn negatives(&self) -> u64 {
        self.tn + self.fp
    }

    /// Share of all samples classified correctly.
    pub fn accuracy(&self) -> Metric {
        let n = self.positives() + self.negatives();
        ratio(self.tp + self.tn, n, Undefined::NoSamples)
    }

    /// TP / (TP + FP).
    pub fn precision(&self) -> Metric {
        ratio(self.tp, self.tp + self.fp, Undefined::NoPredictedPositives)
    }

    /// TP / (TP + FN), the true positive rate.
    pub fn recall(&self) -> Metric {
        ratio(self.tp, self.positives(), Undefined::NoPositives)
    }

    /// 2 TP / (2 TP + FP + FN).
    pub fn f1(&self) -> Metric {
        let den = 2 * self.tp + self.fp + self.fn_;
        ratio(2 * self.tp, den, Undefined::NoPositivesNorPredicted)
    }

    /// TN / (TN + FP), the true negative rate.
    pub fn specificity(&self) -> Metric {
        ratio(self.tn, self.negatives(), Undefined::NoNegatives)
    }

    /// FP / (FP + TN), the false positive rate.
    pub fn fall_out(&self) -> Metric {
        ratio(self.fp, self.negatives(), Undefined::NoNegatives)
    }

    /// Mean of recall and specificity.
    pub fn balanced_accuracy(&self) -> Metric {
        Ok((self.recall()? + self.specificity()?) / 2.0)
    }

    /// Matthews correlation coefficient; undefined when a row or column of the matrix is empty
    /// (scikit-learn returns 0 there, with a warning).
    pub fn mcc(&self) -> Metric {
        let (tp, fp, tn, fn_) = (
            self.tp as f64,
            self.fp as f64,
            self.tn as f64,
            self.fn_ as f64,
        );
        for (margin, why) in [
            (self.positives(), Undefined::NoPositives),
            (self.negatives(), Undefined::NoNegatives),
            (self.tp + self.fp, Undefined::NoPredictedPositives),
            (self.tn + self.fn_, Undefined::NoPredictedNegatives),
        ] {
            if margin == 0 {
                return Err(why);
            }
        }
        // Each product of two margins is below 2^53, so exact; the square roots keep the
        // product of four from losing digits. Rounding can still land a hair outside [-1, 1]
        // (-1.0000000000000002 for a perfectly wrong model), so clamp to the true range.
        let den = ((tp + fp) * (tp + fn_)).sqrt() * ((tn + fp) * (tn + fn_)).sqrt();
        Ok(((tp * tn - fp * fn_) / den).clamp(-1.0, 1.0))
    }
}

/// Every metric of SPEC section 3 for one scenario.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metrics {
    /// The counts at the threshold.
    pub confusion: Confusion,
    /// (TP + TN) / N.
    pub accuracy: Metric,
    /// TP / (TP + FP).
    pub precision: Metric,
    /// TP / (TP + FN).
    pub recall: Metric,
    /// 2 TP / (2 TP + FP + FN).
    pub f1: Metric,
    /// TN / (TN + FP).
    pub specificity: Metric,
    /// (recall + specificity) / 2.
    pub balanced_accuracy: Metric,
    /// Matthews correlation coefficient.
    pub mcc: Metric,
    /// Area under the ROC curve (threshold-free).
    pub roc_auc: Metric,
    /// Average precision, scikit-learn's definition (threshold-free).
    pub average_precision: Metric,
}

impl Metrics {
    /// Gathers the threshold metrics of `confusion` and the threshold-free `ranking`.
    pub fn new(confusion: Confusion, ranking: Ranking) -> Self {
        Metrics {
            confusion,
            accuracy: confusion.accuracy(),
            precision: confusion.precision(),
            recall: confusion.recall(),
            f1: confusion.f1(),
            specificity: confusion.specificity(),
            balanced_accuracy: confusion.balanced_accuracy(),
            mcc: confusion.mcc(),
            roc_auc: ranking.roc_auc,
            average_precision: ranking.average_precision,
        }
    }

    /// The metrics under their keys in the results file (SPEC section 5), in its order.
    pub fn named(&self) -> [(&'static str, Metric); KEYS.len()] {
        let values = [
            self.accuracy,
            self.precision,
            self.recall,
            self.f1,
            self.specificity,
            self.balanced_accuracy,
            self.mcc,
            self.roc_auc,
            self.average_precision,
        ];
        std::array::from_fn(|i| (KEYS[i], values[i]))
    }
}

/// The metrics' keys in the results file, in `Metrics::named`'s order.
const KEYS: [&str; 9] = [
    "accuracy",
    "precision",
    "recall",
    "f1",
    "specificity",
    "balanced_accuracy",
    "mcc",
    "roc_auc",
    "average_precision",
];
