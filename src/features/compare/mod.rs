//! Comparing: model A against model B on the same validation set (`model_b`), and how the
//! losses and metrics change with the class ratio (`composition`).
//!
//! `panels` holds the two panels (wasm only), `chart` the composition's charts, `words` the
//! words the worker writes for them.

/// The two panels.
#[cfg(target_arch = "wasm32")]
pub(crate) mod panels {
    pub(crate) mod composition;
    pub(crate) mod model_b;
}

pub mod chart;

/// The panels' words, written in the worker.
pub(crate) mod words {
    pub(crate) mod composition;
    pub(crate) mod model_b;
}
