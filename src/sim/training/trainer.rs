//! Training the logistic model on a finite sample, one damped Newton step at a time, so the page
//! can show the fit "epoch by epoch"; no regularisation (SPEC section 6: on the same rows BCE and
//! weighted BCE equal scikit-learn's `LogisticRegression(penalty=None, class_weight=...)`).
//!
//! The objective is the mean loss over the rows (the minimiser of the sum, as scikit-learn's).
//! A step costs one pass over the rows (the trial point's value, gradient and Hessian
//! together), and one more for each halving of a step that did not lower the loss enough.

use super::newton::{Newton, Progress};
use super::population::Fit;
use super::problem::{LossParams, Model, NoOptimum};
use super::sample::Sample;
use crate::sim::LossKind;
use crate::sim::loss::Shape;

/// Steps after which `fit` gives up (from `w = b = 0` Newton takes 5 to 25: more when `b` has a
/// long way to go, at 1:10,000 and `d = 6`, since the trust radius starts at 1).
pub const MAX_STEPS: u32 = 100;

/// Where one step left the training.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    /// The model after the step.
    pub model: Model,
    /// Its mean loss over the rows.
    pub loss: f64,
    /// Steps taken so far.
    pub steps: u32,
    /// Whether the optimum is reached (further steps change nothing).
    pub converged: bool,
}

/// Damped Newton on one loss over one sample.
#[derive(Clone, Debug)]
pub struct Trainer {
    sample: Sample,
    shape: Shape,
    newton: Newton,
    progress: Progress,
}

impl Trainer {
    /// Starts at `w = 0, b = 0` (every prediction 0.5); fails when the loss has no finite
    /// minimiser on these rows (see `Sample::existence`).
    pub fn new(sample: &Sample, kind: LossKind, params: &LossParams) -> Result<Self, NoOptimum> {
        Self::starting_at(sample, kind, params, Model::default())
    }

    /// Starts at `start`.
    pub fn starting_at(
        sample: &Sample,
        kind: LossKind,
        params: &LossParams,
        start: Model,
    ) -> Result<Self, NoOptimum> {
        let shape = Shape::of(kind, params)?;
        sample.existence(&shape)?;
        Ok(Trainer {
            newton: Newton::new(start, sample.objective(&shape, &start)),
            sample: sample.clone(),
            shape,
            progress: Progress::Moving,
        })
    }

    /// Where the training is now.
    pub fn current(&self) -> Step {
        Step {
            model: self.newton.model,
            loss: self.newton.at.value,
            steps: self.newton.steps,
            converged: self.progress == Progress::Converged,
        }
    }

    /// Whether stepping again would change nothing: converged, stuck, or out of steps.
    pub fn finished(&self) -> bool {
        self.progress != Progress::Moving || self.newton.steps >= MAX_STEPS
    }

    /// One damped Newton step (nothing once converged or stuck), and where it got.
    pub fn step(&mut self) -> Step {
        if self.progress == Progress::Moving {
            let (sample, shape) = (&self.sample, &self.shape);
            self.progress = self.newton.step(|m| sample.objective(shape, &m));
        }
        self.current()
    }

    /// Steps until the optimum (at most `MAX_STEPS`).
    pub fn fit(mut self) -> Result<Fit, NoOptimum> {
        while self.progress == Progress::Moving && self.newton.steps < MAX_STEPS {
            self.step();
        }
        Fit::reached(&self.newton, self.progress)
    }
}

/// The model `kind` trains on `sample`, from `w = 0, b = 0`.
pub fn fit_sample(sample: &Sample, kind: LossKind, params: &LossParams) -> Result<Fit, NoOptimum> {
    Trainer::new(sample, kind, params)?.fit()
}
