//! Training (SPEC section 6): what each loss trains on a population, exactly, and on a seeded
//! sample, one Newton step a message.
//!
//! `panel` holds the panel (wasm only), `charts` its charts (`models`: the trained models, the
//! optimal prediction, the gradient's share; `loss_curves`: the sample's training), `job` the
//! worker's training, `words` its words.

pub mod charts {
    pub mod loss_curves;
    pub mod models;
}
pub mod job;
#[cfg(target_arch = "wasm32")]
pub(crate) mod panel;
pub(crate) mod words;
