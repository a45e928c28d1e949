//! The maths of `docs/SPEC.md`, as plain data and functions.
//!
//! Every value is computed in layers shaped like its dependencies, so that a control only redoes
//! its own layer (`analysis.rs` runs the whole chain for one scenario; the page memoises each
//! layer, `engine` caches them for the exact numbers):
//!
//! ```text
//! (seed, class, count) -> UnitDraws            sorted U(0,1) draws, one stream per class
//! + accuracy           -> ClassScores          sorted probabilities: one multiply-add each
//! + gamma              -> ClassLoss            CE and focal sums: one pass, one log a sample
//! both classes         -> Ranking              ROC AUC, average precision: one merge
//! + threshold          -> Confusion, Metrics   two binary searches
//! + alpha, pos_weight  -> Losses               arithmetic on the per-class sums
//! ```

pub mod analysis;
pub mod compare;
pub mod composition;
pub mod curves;
pub mod decision;
pub mod engine;
pub mod fastmath;
pub mod generator;
pub mod kernels;
pub mod loss;
pub mod metrics;
pub mod noise;
pub mod params;
pub mod presets;
pub mod ranking;
pub mod rng;
pub mod training;

pub use analysis::{Analysis, analyse};
pub use compare::{RATIOS, Verdict, loss_crossover, verdict};
pub use composition::{Measure, Profile, ratio_of};
pub use generator::{ClassScores, Interval, score_interval};
pub use loss::{ClassLoss, LossKind, Losses, PerLoss, Reduction, losses, per_sample_loss};
pub use metrics::{Confusion, Metric, Metrics, Undefined};
pub use params::{Class, EPS, MAX_COUNT, RATIO_MAX, Scenario, ratio};
pub use presets::{PRESETS, Preset};
pub use ranking::{Ranking, Ranks};
pub use rng::UnitDraws;
