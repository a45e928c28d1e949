//! Importing a reader's own predictions (SPEC section 7).
//!
//! `parse` is the pure parser (no web types), `worker` the import in the worker (a chunk at a
//! time, across two workers for a large file), `js` its JavaScript side (wasm only: reading the
//! file, the second worker), `panel` the panel (wasm only), `words` its words.

#[cfg(target_arch = "wasm32")]
pub(crate) mod js;
#[cfg(target_arch = "wasm32")]
pub(crate) mod panel;
pub mod parse;
pub(crate) mod words;
pub mod worker;
