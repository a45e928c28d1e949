//! Training with a loss (SPEC section 6): what each loss does to a model.
//!
//! A feature `x` with known class laws (`binormal`: negatives `N(0, 1)`, positives `N(d, 1)`)
//! and a logistic model `p(x) = sigmoid(w x + b)`. Each loss, computed from the logit without
//! clipping, trains its own `(w, b)`: on the whole population, exactly (`population.rs`), or on
//! a seeded sample, step by step (`sample.rs`, `trainer.rs`). The rest explains the result:
//!
//! ```text
//! problem      population, loss parameters, model, why an optimum may not exist
//! quadrature   normal expectations to ~1e-15 (trapezoidal rule)
//! newton       damped Newton on (w, b), for the population and the sample
//! population   the trained models, the expected (validation) loss
//! evaluation   recall, FPR, precision, F1 at the threshold; the decision boundary
//! optimal      the loss-optimal prediction p*(q)
//! gradient     each class's share of the gradient
//! sample       seeded rows, portable; the training data CSV
//! trainer      Newton on the rows, one step at a time
//! spread       every loss retrained on K samples: median and 5-95 % band of each quantity
//! json         the results file's `training` section
//! view         what the training panel shows
//! effect       what each loss does to the model, compared with BCE's
//! ```

pub mod effect;
pub mod evaluation;
pub mod gradient;
pub mod json;
pub mod newton;
pub mod optimal;
pub mod population;
pub mod problem;
pub mod quadrature;
pub mod sample;
pub mod spread;
pub mod trainer;
pub mod tversky;
pub mod view;

pub use crate::sim::loss::{Shape, Terms};
pub use evaluation::{
    Boundary, PopulationMetrics, boundary, ln_normal_tail, normal_tail, population_metrics,
};
pub use gradient::{GradientShares, gradient_shares};
pub use json::{SampleFits, Training, training_json};
pub use newton::Objective;
pub use optimal::{Q_GRID, optimal_curve, optimal_logit, optimal_prediction};
pub use population::{
    Fit, expected_class_loss, expected_loss, fit_population, fit_population_from, objective,
};
pub use problem::{Binormal, LossParams, Model, NoOptimum, PerLoss, SEP, sigmoid};
pub use sample::{CSV_HEADER, MAX_SAMPLE, Sample};
pub use trainer::{Step, Trainer, fit_sample};
pub use tversky::{hard_index_at, hard_model, tversky_boundary};
pub use view::{GAMMA_AXIS, SCORE_BINS, Trained, TrainingView};
