//! Training every loss on a seeded sample, in the worker, one Newton step a message: the page
//! animates the models as the steps arrive (SPEC section 6's sample).

use crate::sim::LossKind;
use crate::sim::engine::Reader;
use crate::sim::training::{
    Binormal, LossParams, MAX_SAMPLE, Model, Sample, Trainer, trainer::MAX_STEPS,
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

/// Where training stands after a step: each loss's model and its mean loss on the rows, or
/// `None` for a loss that has no optimum on these rows.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainStep {
    /// Steps taken (0: the starting point, w = b = 0).
    pub step: u32,
    /// Whether every loss has converged (or can move no further).
    pub done: bool,
    /// Each loss's model and loss, in `LossKind::ALL` order.
    pub models: [Option<(Model, f64)>; 4],
}

impl TrainRequest {
    pub(super) fn write(&self, out: &mut Vec<f64>) {
        let p = &self.population;
        out.extend([
            p.sep,
            f64::from(p.neg),
            f64::from(p.pos),
            f64::from(self.n),
            (self.seed >> 32) as f64,
            (self.seed & 0xffff_ffff) as f64,
            self.params.pos_weight,
            self.params.alpha,
            self.params.gamma,
        ]);
    }

    pub(super) fn read(v: &[f64]) -> Option<Self> {
        let mut r = Reader::new(v);
        let request = TrainRequest {
            population: Binormal {
                sep: r.real()?,
                neg: r.count()?,
                pos: r.count()?,
            },
            n: r.count()?.min(MAX_SAMPLE),
            seed: (r.half()? << 32) | r.half()?,
            params: LossParams {
                pos_weight: r.real()?,
                alpha: r.real()?,
                gamma: r.real()?,
            },
        };
        r.end(request)
    }
}

impl TrainStep {
    pub(super) fn write(&self, out: &mut Vec<f64>) {
        out.extend([f64::from(self.step), f64::from(u8::from(self.done))]);
        for m in &self.models {
            match m {
                Some((model, loss)) => out.extend([1.0, model.w, model.b, *loss]),
                None => out.extend([0.0; 4]),
            }
        }
    }

    pub(super) fn read(v: &[f64]) -> Option<Self> {
        let mut r = Reader::new(v);
        let step = r.count()?;
        let done = r.real()? == 1.0;
        let mut models = [None; 4];
        for slot in &mut models {
            let [ok, w, b, loss] = [r.real()?, r.real()?, r.real()?, r.real()?];
            if ok == 1.0 {
                *slot = Some((Model { w, b }, loss));
            }
        }
        r.end(TrainStep { step, done, models })
    }
}

/// Draws the sample and trains every loss on it, a step at a time, through `reply`.
pub fn train(r: &TrainRequest, reply: &mut dyn FnMut(TrainStep)) {
    let sample = Sample::generate(&r.population, r.n, r.seed);
    let mut trainers = LossKind::ALL.map(|k| Trainer::new(&sample, k, &r.params).ok());
    let now = |t: &Option<Trainer>| {
        t.as_ref().map(|t| {
            let s = t.current();
            (s.model, s.loss)
        })
    };
    let done =
        |t: &[Option<Trainer>; 4]| t.iter().all(|t| t.as_ref().is_none_or(Trainer::finished));
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
