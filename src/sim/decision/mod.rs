//! Deciding with a model (SPEC section 8): the threshold that costs least, the metrics at another
//! prevalence, calibration, and how uncertain the numbers are.
//!
//! Everything works on the two sorted classes (`ClassScores`), the form every data source has
//! on the page, and is cheap enough to follow a slider:
//!
//! ```text
//! scores        -> Runs               one gallop over the positives' runs of equal scores
//!               -> Calibration        one pass over each class
//! + costs       -> Best, CostCurve    one pass over the runs; two binary searches a point
//! + prevalence  -> AtDeployment       arithmetic on the confusion matrix
//! + threshold   -> RateIntervals      arithmetic on the confusion matrix
//! + seed        -> Bootstrap          O(N + P) a resample, in slices for a worker
//! ```

pub mod bootstrap;
pub mod calibration;
pub mod costs;
pub mod intervals;
pub mod json;
pub mod prevalence;
pub mod runs;
pub mod support;

pub use bootstrap::{Bootstrap, BootstrapInterval, Resampler, percentile};
pub use calibration::{BINS, Bin, Calibration, bin_of};
pub use costs::{Best, CostCurve, Costs, best_threshold};
pub use intervals::{LEVEL, RateIntervals, Share, Z_95, wilson};
pub use json::{calibration_json, decision_json, intervals_json};
pub use prevalence::{AtDeployment, OddsShift, Weighted};
pub use runs::Runs;
pub use support::{MAX_WIDTH, MIN_COUNT, Support};
