//! Training with a loss (SPEC section 6) against closed forms, brute force, finite differences,
//! an independent minimiser and scikit-learn.
#![cfg(not(target_arch = "wasm32"))]

mod common;

mod training {
    mod json;
    mod metrics;
    mod numerics;
    mod optimal;
    mod population;
    mod reference;
    mod sample;
    mod spread;
    mod view;
}
