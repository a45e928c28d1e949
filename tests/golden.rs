//! The random stream and a scenario's numbers, pinned to the bit (see `common/golden.rs`).

#![cfg(not(target_arch = "wasm32"))]

mod common;

#[test]
fn golden_values_are_unchanged() {
    common::golden::check();
}
