//! The same model on validation sets of another composition.
//!
//! A model's behaviour on each class (its mean loss on the negatives and on the positives, the
//! share of each class it calls positive) does not depend on how many of each the validation set
//! holds. Only the mix does. So every loss mean and every count-based metric at any class ratio
//! follows from a few per-class numbers, with no pass over the samples.

use super::loss::{LossKind, Losses};
use super::metrics::{Confusion, Metric, Metrics, Undefined};
use super::params::{Class, ratio};

/// Something a reader can judge a model by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Measure {
    /// The mean of one loss (lower is better).
    Loss(LossKind),
    /// Share of samples classified correctly.
    Accuracy,
    /// TP / (TP + FP).
    Precision,
    /// TP / (TP + FN).
    Recall,
    /// 2 TP / (2 TP + FP + FN).
    F1,
    /// (recall + specificity) / 2.
    BalancedAccuracy,
    /// Matthews correlation coefficient.
    Mcc,
    /// Area under the ROC curve.
    RocAuc,
    /// Average precision (scikit-learn's definition).
    AveragePrecision,
}

impl Measure {
    /// Every measure, the losses first, in their list's order.
    pub const ALL: [Measure; LossKind::COUNT + Self::METRICS.len()] = {
        let mut all = [Measure::Accuracy; LossKind::COUNT + Self::METRICS.len()];
        let mut i = 0;
        while i < all.len() {
            all[i] = if i < LossKind::COUNT {
                Measure::Loss(LossKind::ALL[i])
            } else {
                Self::METRICS[i - LossKind::COUNT]
            };
            i += 1;
        }
        all
    };

    /// The measures that are not losses.
    const METRICS: [Measure; 8] = [
        Measure::Accuracy,
        Measure::Precision,
        Measure::Recall,
        Measure::F1,
        Measure::BalancedAccuracy,
        Measure::Mcc,
        Measure::RocAuc,
        Measure::AveragePrecision,
    ];

    /// Whether a larger value means a better model (losses: no).
    pub fn higher_is_better(self) -> bool {
        !matches!(self, Measure::Loss(_))
    }

    /// The name the page shows.
    pub fn name(self) -> &'static str {
        match self {
            Measure::Loss(kind) => kind.name(),
            Measure::Accuracy => "accuracy",
            Measure::Precision => "precision",
            Measure::Recall => "recall",
            Measure::F1 => "F1",
            Measure::BalancedAccuracy => "balanced accuracy",
            Measure::Mcc => "MCC",
            Measure::RocAuc => "ROC AUC",
            Measure::AveragePrecision => "average precision",
        }
    }

    /// The value measured on the scenario itself.
    pub fn of(self, losses: &Losses, metrics: &Metrics) -> Metric {
        match self {
            Measure::Loss(kind) => losses.get(kind).mean(),
            Measure::Accuracy => metrics.accuracy,
            Measure::Precision => metrics.precision,
            Measure::Recall => metrics.recall,
            Measure::F1 => metrics.f1,
            Measure::BalancedAccuracy => metrics.balanced_accuracy,
            Measure::Mcc => metrics.mcc,
            Measure::RocAuc => metrics.roc_auc,
            Measure::AveragePrecision => metrics.average_precision,
        }
    }
}

/// What one model does to each class, independent of how many samples each class has.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Profile {
    /// Mean per-sample loss on the negatives, in `LossKind::ALL` order; `None` without negatives.
    pub neg_loss: Option<[f64; LossKind::COUNT]>,
    /// Mean per-sample loss on the positives; `None` without positives.
    pub pos_loss: Option<[f64; LossKind::COUNT]>,
    /// Share of the negatives predicted positive at the threshold; `None` without negatives.
    pub fpr: Option<f64>,
    /// Share of the positives predicted positive at the threshold; `None` without positives.
    pub tpr: Option<f64>,
    /// ROC AUC, which no class ratio changes.
    pub roc_auc: Metric,
}

fn per_class(losses: &Losses, class: Class, count: u64) -> Option<[f64; LossKind::COUNT]> {
    (count > 0).then(|| {
        LossKind::ALL.map(|kind| {
            // A loss without per-class sums (set-level, undefined) has no profile: `loss` says
            // why before it reads this 0.
            losses.get(kind).class_sum(class).unwrap_or(0.0) / count as f64
        })
    })
}

impl Profile {
    /// The profile of a scenario from its losses and metrics.
    pub fn new(losses: &Losses, metrics: &Metrics) -> Self {
        let c = &metrics.confusion;
        let (neg, pos) = (c.negatives(), c.positives());
        Profile {
            neg_loss: per_class(losses, Class::Negative, neg),
            pos_loss: per_class(losses, Class::Positive, pos),
            fpr: (neg > 0).then(|| c.fp as f64 / neg as f64),
            tpr: (pos > 0).then(|| c.tp as f64 / pos as f64),
            roc_auc: metrics.roc_auc,
        }
    }

    fn rates(&self) -> Result<(f64, f64), Undefined> {
        match (self.fpr, self.tpr) {
            (Some(fpr), Some(tpr)) => Ok((fpr, tpr)),
            (None, _) => Err(Undefined::NoNegatives),
            (_, None) => Err(Undefined::NoPositives),
        }
    }

    /// The mean of one loss on a set with `ratio` negatives per positive.
    pub fn loss(&self, kind: LossKind, ratio: f64) -> Metric {
        if let Some(why) = kind.loss().fixed_mix() {
            return Err(why);
        }
        let i = kind.index();
        match (self.neg_loss, self.pos_loss) {
            (Some(n), Some(p)) => Ok((ratio * n[i] + p[i]) / (ratio + 1.0)),
            (None, _) => Err(Undefined::NoNegatives),
            (_, None) => Err(Undefined::NoPositives),
        }
    }

    /// A measure on a set with `ratio` negatives per positive. Average precision needs the
    /// scores themselves (see `ranking::average_precision_weighted`): here it is undefined.
    pub fn measure(&self, m: Measure, ratio: f64) -> Metric {
        if let Measure::Loss(kind) = m {
            return self.loss(kind, ratio);
        }
        if m == Measure::RocAuc {
            return self.roc_auc;
        }
        let (fpr, tpr) = self.rates()?;
        // Counts per positive: the scale cancels in every ratio below.
        let (tp, fn_) = (tpr, 1.0 - tpr);
        let (fp, tn) = (ratio * fpr, ratio * (1.0 - fpr));
        let div = |num: f64, den: f64, why| if den > 0.0 { Ok(num / den) } else { Err(why) };
        match m {
            Measure::Accuracy => Ok((tp + tn) / (1.0 + ratio)),
            Measure::Precision => div(tp, tp + fp, Undefined::NoPredictedPositives),
            Measure::Recall => Ok(tpr),
            Measure::F1 => div(
                2.0 * tp,
                2.0 * tp + fp + fn_,
                Undefined::NoPositivesNorPredicted,
            ),
            Measure::BalancedAccuracy => Ok((tpr + 1.0 - fpr) / 2.0),
            Measure::Mcc => {
                let predicted_pos = tp + fp;
                let predicted_neg = tn + fn_;
                if predicted_pos <= 0.0 {
                    return Err(Undefined::NoPredictedPositives);
                }
                if predicted_neg <= 0.0 {
                    return Err(Undefined::NoPredictedNegatives);
                }
                // (TP + FN) = 1 and (TN + FP) = ratio.
                let den = (predicted_pos * predicted_neg * ratio).sqrt();
                Ok(((tp * tn - fp * fn_) / den).clamp(-1.0, 1.0))
            }
            Measure::AveragePrecision => Err(Undefined::NoSamples),
            Measure::Loss(_) | Measure::RocAuc => unreachable!("handled above"),
        }
    }
}

/// The class ratio of a confusion matrix's samples, negatives per positive, if both exist.
pub fn ratio_of(c: &Confusion) -> Option<f64> {
    ratio(c.negatives(), c.positives())
}
