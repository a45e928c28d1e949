//! Deciding (SPEC section 8): what errors cost and the threshold that costs least, the
//! deployment prevalence, calibration, intervals and the code that recomputes it.
//!
//! `panel` holds the panel (wasm only: fields and boxes), `worker` the work the worker does and
//! sends back as HTML, `chart` its cost curve, `words` its terms.

pub mod chart;
#[cfg(target_arch = "wasm32")]
pub(crate) mod panel;
pub(crate) mod words;
pub mod worker;
