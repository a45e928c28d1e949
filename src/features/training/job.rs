//! Training every loss on a seeded sample, in the worker, one Newton step a message: the page
//! animates the models as the steps arrive (SPEC section 6's sample).

use crate::sim::Class;
use crate::sim::LossKind;
use crate::sim::engine::Reader;
use crate::sim::training::{
    Binormal, LossParams, MAX_SAMPLE, Model, NoOptimum, PerLoss, Sample, SampleFits, Trainer,
    trainer::MAX_STEPS,
};

/// A sample to draw and train every loss on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrainRequest {
    /// The population the rows are drawn from (separation and mix).
    pub population: Binormal,
    /// Rows, at most `MAX_SAMPLE`.
    pub n: u32,
    /// The sample's seed.
    pub seed: u64,
    /// The losses' parameters.
    pub params: LossParams,
}

/// Where training stands after a step: each loss's model and its mean loss on the rows, or why
/// a loss has no optimum on these rows.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainStep {
    /// Steps taken (0: the starting point, w = b = 0).
    pub step: u32,
    /// Whether every loss has converged (or can move no further).
    pub done: bool,
    /// Each loss's model and loss, in `LossKind::ALL` order.
    pub models: [Result<(Model, f64), NoOptimum>; LossKind::COUNT],
}

/// Every `NoOptimum`, in the order of its code on the wire: 1 and up (0 is a model).
pub const REASONS: [NoOptimum; 8] = [
    NoOptimum::NoSamples,
    NoOptimum::NoPositives,
    NoOptimum::NoNegatives,
    NoOptimum::ZeroWeight(Class::Negative),
    NoOptimum::ZeroWeight(Class::Positive),
    NoOptimum::Separated,
    NoOptimum::NotConverged,
    NoOptimum::SetLevel,
];

impl TrainRequest {
    pub(crate) fn write(&self, out: &mut Vec<f64>) {
        let p = &self.population;
        out.extend([
            p.sep,
            f64::from(p.neg),
            f64::from(p.pos),
            f64::from(self.n),
            (self.seed >> 32) as f64,
            (self.seed & 0xffff_ffff) as f64,
        ]);
        self.params.write(out);
    }

    pub(crate) fn read(v: &[f64]) -> Option<Self> {
        let mut r = Reader::new(v);
        let request = TrainRequest {
            population: Binormal {
                sep: r.real()?,
                neg: r.count()?,
                pos: r.count()?,
            },
            n: r.count()?.min(MAX_SAMPLE),
            seed: (r.half()? << 32) | r.half()?,
            params: r.loss_params()?,
        };
        let mut request = request;
        // The losses that read class counts read the population's mix.
        let p = &request.population;
        request.params = request
            .params
            .with_counts(f64::from(p.neg), f64::from(p.pos));
        r.end(request)
    }
}

impl TrainStep {
    pub(crate) fn write(&self, out: &mut Vec<f64>) {
        out.extend([f64::from(self.step), f64::from(u8::from(self.done))]);
        for m in &self.models {
            match m {
                Ok((model, loss)) => out.extend([0.0, model.w, model.b, *loss]),
                Err(why) => {
                    let code = REASONS.iter().position(|r| r == why).unwrap_or(0) + 1;
                    out.extend([code as f64, 0.0, 0.0, 0.0]);
                }
            }
        }
    }

    pub(crate) fn read(v: &[f64]) -> Option<Self> {
        let mut r = Reader::new(v);
        let step = r.count()?;
        let done = r.real()? == 1.0;
        let mut models = [Err(NoOptimum::NotConverged); LossKind::COUNT];
        for slot in &mut models {
            let code = r.count()?;
            let [w, b, loss] = [r.real()?, r.real()?, r.real()?];
            *slot = match code {
                0 => Ok((Model { w, b }, loss)),
                k => Err(*REASONS.get(k as usize - 1)?),
            };
        }
        r.end(TrainStep { step, done, models })
    }
}

/// Draws the sample and trains every loss on it, a step at a time, through `reply`.
pub fn train(r: &TrainRequest, reply: &mut dyn FnMut(TrainStep)) {
    let sample = Sample::generate(&r.population, r.n, r.seed);
    let mut trainers = LossKind::ALL.map(|k| Trainer::new(&sample, k, &r.params));
    let now = |t: &Result<Trainer, NoOptimum>| {
        t.as_ref().map_err(|e| *e).map(|t| {
            let s = t.current();
            (s.model, s.loss)
        })
    };
    let done = |t: &[Result<Trainer, NoOptimum>; LossKind::COUNT]| {
        t.iter().all(|t| t.as_ref().map_or(true, Trainer::finished))
    };
    reply(TrainStep {
        step: 0,
        done: done(&trainers),
        models: trainers.each_ref().map(now),
    });
    for step in 1..=MAX_STEPS {
        if done(&trainers) {
            break;
        }
        for t in trainers.iter_mut().flatten() {
            t.step();
        }
        reply(TrainStep {
            step,
            done: done(&trainers),
            models: trainers.each_ref().map(now),
        });
    }
}

/// A training run as the page follows it: what was asked, every step so far (the loss curves
/// are drawn from them), and whether the page still follows it (the reader can stop it).
#[derive(Clone, Debug, PartialEq)]
pub struct TrainRun {
    /// What was asked.
    pub request: TrainRequest,
    /// The steps received, in order.
    pub steps: Vec<TrainStep>,
    /// Whether the page still takes the run's steps.
    pub following: bool,
}

impl TrainRun {
    /// A run just asked for.
    pub fn new(request: TrainRequest) -> Self {
        TrainRun {
            request,
            steps: Vec::new(),
            following: true,
        }
    }

    /// Takes a step, unless the reader stopped the run.
    pub fn push(&mut self, step: TrainStep) {
        if self.following {
            self.steps.push(step);
        }
    }

    /// The newest step.
    pub fn last(&self) -> Option<&TrainStep> {
        self.steps.last()
    }

    /// Whether the run has reached the sample's optimum (every loss converged or has none).
    pub fn converged(&self) -> bool {
        self.last().is_some_and(|s| s.done)
    }

    /// Whether steps are still coming.
    pub fn running(&self) -> bool {
        self.following && !self.converged()
    }

    /// Each loss's mean loss on the rows at each step, `(step, loss)`, in `LossKind::ALL`
    /// order (empty for a loss without a model).
    pub fn loss_curves(&self) -> [Vec<(u32, f64)>; LossKind::COUNT] {
        std::array::from_fn(|k| {
            self.steps
                .iter()
                .filter_map(|s| s.models[k].as_ref().ok().map(|(_, loss)| (s.step, *loss)))
                .collect()
        })
    }

    /// The models at the sample's optimum, for the results file; `None` until the run has
    /// converged (a stopped run's models are not the sample's optimum).
    pub fn sample_fits(&self) -> Option<SampleFits> {
        let last = self.last().filter(|s| s.done)?;
        Some(SampleFits {
            n: self.request.n,
            seed: self.request.seed,
            fits: PerLoss(last.models.map(|m| m.map(|(model, _)| model))),
        })
    }
}
