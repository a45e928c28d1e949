//! Training (SPEC section 6): what each loss trains on a population, exactly, and on a seeded
//! sample, one Newton step a message.
//!
//! `panel` holds the panel (wasm only), `charts` its charts (`models`: the trained models, the
//! optimal prediction, the gradient's share; `loss_curves`: the sample's training;
//! `spread`: the retraining spread), `job` the
//! worker's training (`spread_job`: retraining on K samples), `words` its words.

pub mod charts {
    pub mod loss_curves;
    pub mod models;
    pub mod spread;
}
pub mod job;
#[cfg(target_arch = "wasm32")]
pub(crate) mod panel;
pub mod spread_job;
pub(crate) mod words;
