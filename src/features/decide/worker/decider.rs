//! The worker's decision state: the judged model's scores and what depends on them alone
//! (runs, calibration, log loss, ranking, the bootstrap), kept while the scores stay the same,
//! and the last job, rendered again as the bootstrap moves on.

use super::{DecideJob, Decided, RESAMPLES, body::failed, render};
use crate::export::trained_scores;
use crate::format::{grouped, number};
use crate::sim::decision::{Bootstrap, Calibration, OddsShift, Runs};
use crate::sim::engine::{Engine, ModelId, SYNTHETIC};
use crate::sim::generator::ClassScores;
use crate::sim::loss::losses;
use crate::sim::ranking::Ranking;
use crate::sim::training::{LossParams, Model};
use crate::sim::{Class, ClassLoss, LossKind, Losses, Metric, Undefined};
use crate::state::{Judge, Undo};

/// The judged model's scores and what depends on them alone.
pub(super) struct Prepared {
    /// What identifies the scores: the job's fields they depend on.
    key: Vec<f64>,
    /// Where the scores come from, in a sentence.
    pub(super) source: String,
    /// A trained model's fit and losses (the results file's `trained_model`).
    pub(super) trained: Option<TrainedModel>,
    pub(super) neg: ClassScores,
    pub(super) pos: ClassScores,
    pub(super) runs: Runs,
    pub(super) calibration: Calibration,
    /// BCE's mean, Keras-clipped: the log loss.
    pub(super) log_loss: Metric,
    pub(super) ranking: Ranking,
    /// `None` until a job from a panel on screen asks for it.
    pub(super) bootstrap: Option<Result<Bootstrap, Undefined>>,
}

/// A trained model, for the results file: its loss, fit, sample and losses on that sample.
pub(super) struct TrainedModel {
    pub(super) kind: LossKind,
    pub(super) model: Model,
    /// The sample's separation.
    pub(super) separation: f64,
    pub(super) losses: Losses,
}

/// The worker's decision state: the prepared scores, the last job, and the bootstrap.
#[derive(Default)]
pub struct Decider {
    prepared: Option<Prepared>,
    /// The calibration of the scores with a training weight undone, and its key.
    undone: Option<(Vec<f64>, Calibration)>,
    last: Option<DecideJob>,
}

/// The fields of a job that its judged model's scores depend on.
fn source_key(job: &DecideJob) -> Vec<f64> {
    let mut r = job.request;
    let s = &mut r.scenario;
    s.threshold = 0.0;
    let judge = Judge::ALL.iter().position(|j| *j == job.settings.judge);
    let mut key = vec![judge.unwrap_or(0) as f64];
    match job.settings.judge {
        Judge::A | Judge::B => {
            (s.alpha, s.gamma, s.pos_weight) = (0.0, 0.0, 0.0);
            if job.settings.judge == Judge::A {
                r.model_b = [0.0; 2];
            }
        }
        Judge::Trained(_) => {
            (s.acc0, s.acc1, r.model_b) = (0.0, 0.0, [0.0; 2]);
            key.extend([job.training.sep, f64::from(job.training.rows)]);
        }
    }
    key.extend(r.encode());
    key
}

/// The judged model's scores, with what the panel says of them.
struct Source {
    /// `[negatives, positives]`.
    classes: [ClassScores; 2],
    /// Where the scores come from, in a sentence.
    source: String,
    /// A trained model's fit, sample and losses.
    trained: Option<TrainedModel>,
}

/// The judged model's scores and where they come from; `Err` says why there are none.
fn scores(engine: &mut Engine, job: &DecideJob) -> Result<Source, String> {
    let r = &job.request;
    let model = match job.settings.judge {
        Judge::A => ModelId::A,
        Judge::B => ModelId::B,
        Judge::Trained(kind) => return trained(job, kind),
    };
    let from = if r.data == SYNTHETIC {
        "the scenario's synthetic scores"
    } else {
        "the imported scores"
    };
    let name = if model == ModelId::A { "A" } else { "B" };
    engine
        .scores(r, model)
        .map(|classes| Source {
            classes,
            source: format!("Model {name}, on {from}"),
            trained: None,
        })
        .ok_or_else(|| "The worker no longer holds the imported data set.".into())
}

/// The model `kind` trains on the population (SPEC 6), scored on the training view's sample
/// (the same scores as the predictions file's column).
fn trained(job: &DecideJob, kind: LossKind) -> Result<Source, String> {
    let s = &job.request.scenario;
    let t = trained_scores(s, &job.training, kind)
        .map_err(|why| format!("{} trains no model here: {}.", kind.name(), why.reason()))?;
    let model = t.model;
    let source = format!(
        "The model {} trains on the population (logit = {} x {}), scored on the training \
         view's sample of {} rows (separation {}, seed {}), not on the scenario's samples",
        kind.name(),
        number(model.w, 4),
        if model.b < 0.0 {
            format!("− {}", number(-model.b, 4))
        } else {
            format!("+ {}", number(model.b, 4))
        },
        grouped(t.sample.len() as u64),
        number(t.sample.sep, 3),
        s.seed
    );
    let [neg, pos] = t.scores;
    let classes = [
        ClassScores::from_scores(Class::Negative, neg),
        ClassScores::from_scores(Class::Positive, pos),
    ];
    // Its losses on its own sample: the class counts some losses read are the sample's.
    let mut params = LossParams::from_scenario(s);
    params.counts = [classes[0].len() as f64, classes[1].len() as f64];
    let sums = classes.each_ref().map(|c| ClassLoss::of(c, &params));
    let trained = TrainedModel {
        kind,
        model,
        separation: t.sample.sep,
        losses: losses(&sums[0], &sums[1], &params),
    };
    Ok(Source {
        classes,
        source,
        trained: Some(trained),
    })
}

impl Decider {
    /// Answers a job: the panel as HTML. A job for scores other than the last one's starts
    /// their bootstrap afresh.
    pub fn decide(&mut self, engine: &mut Engine, job: &DecideJob) -> Decided {
        let key = source_key(job);
        if self.prepared.as_ref().is_none_or(|p| p.key != key) {
            self.prepared = None;
            self.undone = None;
            match scores(engine, job) {
                Ok(Source {
                    classes: [neg, pos],
                    source,
                    trained,
                }) => {
                    let runs = Runs::new(&neg, &pos);
                    let n = (neg.len() + pos.len()) as f64;
                    // The log loss is BCE's mean: the page's own sums (SPEC 2).
                    let ce = ClassLoss::cross_entropy(&neg) + ClassLoss::cross_entropy(&pos);
                    self.prepared = Some(Prepared {
                        calibration: Calibration::new(&neg, &pos),
                        log_loss: if n > 0.0 {
                            Ok(ce / n)
                        } else {
                            Err(Undefined::NoSamples)
                        },
                        ranking: Ranking::new(&neg, &pos),
                        bootstrap: None,
                        key,
                        source,
                        trained,
                        neg,
                        pos,
                        runs,
                    });
                }
                Err(message) => {
                    self.last = None;
                    return failed(job.id, &message);
                }
            }
        }
        if job.seen
            && let Some(p) = &mut self.prepared
            && p.bootstrap.is_none()
        {
            p.bootstrap = Some(Bootstrap::new(
                &p.runs,
                job.request.scenario.seed,
                RESAMPLES,
            ));
        }
        self.last = Some(*job);
        self.render()
    }

    /// Whether the bootstrap has resamples left to do.
    pub fn busy(&self) -> bool {
        self.prepared
            .as_ref()
            .and_then(|p| p.bootstrap.as_ref())
            .is_some_and(|b| b.as_ref().is_ok_and(|b| !b.is_finished()))
    }

    /// Runs the bootstrap on until `more()` says stop (checked after each resample); whether
    /// it did any.
    pub fn advance(&mut self, mut more: impl FnMut() -> bool) -> bool {
        let Some(boot) = self
            .prepared
            .as_mut()
            .and_then(|p| p.bootstrap.as_mut())
            .and_then(|b| b.as_mut().ok())
        else {
            return false;
        };
        let mut did = false;
        while !boot.is_finished() && more() {
            boot.run(1);
            did = true;
        }
        did
    }

    /// The last job's panel again, with the intervals so far.
    pub fn again(&mut self) -> Option<Decided> {
        self.last.is_some().then(|| self.render())
    }

    /// The panel for the last job.
    fn render(&mut self) -> Decided {
        let job = self.last.expect("a job is being answered");
        let undo_shift = match job.settings.undo {
            Undo::Nothing => None,
            Undo::PosWeight(w) => OddsShift::undo_pos_weight(w),
            Undo::Undersampled(r) => OddsShift::undo_undersampling(r),
        };
        let p = self.prepared.as_ref().expect("scores are prepared");
        if let Some(shift) = undo_shift {
            let key = vec![shift.factor()];
            if self.undone.as_ref().is_none_or(|(k, _)| *k != key) {
                let map = |c: &ClassScores, class| {
                    let v = c.iter().map(|x| shift.apply(x).unwrap_or(x)).collect();
                    ClassScores::from_scores(class, v)
                };
                let cal =
                    Calibration::new(&map(&p.neg, Class::Negative), &map(&p.pos, Class::Positive));
                self.undone = Some((key, cal));
            }
        }
        let undone = undo_shift.and(self.undone.as_ref().map(|(_, c)| c));
        render(&job, p, undo_shift, undone)
    }
}
