//! The random stream and a scenario's numbers, pinned to the bit (see `common/golden.rs`).

mod common;

#[test]
fn golden_values_are_unchanged() {
    common::golden::check();
}
