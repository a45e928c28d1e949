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

pub use read::parse;
pub use write::format;
