//! The page's state in the URL fragment (SPEC section 5): `key=value` pairs joined by `&`.
//!
//! Reading never fails: a missing key takes its default, and a malformed, out-of-range, repeated
//! or unknown one is clamped, defaulted or ignored with a notice that says which. Writing gives
//! the shortest decimal that reads back to the same number, so a link reproduces the numbers bit
//! for bit.
//! - `keys.rs`: every key the page knows, with its range and the part of the state it sets;
//! - `read.rs`: reading a fragment, with its notices;
//! - `write.rs`: writing one.

mod keys;
mod read;
mod write;

use crate::page::{DecisionSettings, Layout, ModelB, TrainingSettings, ViewOptions};
use crate::sim::Scenario;

pub use read::parse;
pub use write::format;

/// Everything a link carries.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageState {
    /// The numbers' parameters.
    pub scenario: Scenario,
    /// Model B of the comparison.
    pub model_b: ModelB,
    /// How the charts are shown.
    pub view: ViewOptions,
    /// The training view's separation and sample size.
    pub training: TrainingSettings,
    /// Which panels and controls appear.
    pub layout: Layout,
    /// The decision panel's costs, prevalence, undone weight and judged model.
    pub decision: DecisionSettings,
    /// Whether the page showed imported predictions (which a link cannot carry): `src=import`.
    pub imported: bool,
}

/// A state read from a fragment, with what had to be corrected.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// The state.
    pub state: PageState,
    /// One sentence per correction, in the order met.
    pub notices: Vec<String>,
}
