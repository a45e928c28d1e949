//! The guided story (`story=N`): steps that set the page and say what its numbers show.
//! `steps` is what each step sets (the page opens a step from it), `words` what each says
//! (written in the worker), `panel` the step's box on the page (wasm only).

#[cfg(target_arch = "wasm32")]
pub(crate) mod panel;
pub mod steps;
pub(crate) mod words;
