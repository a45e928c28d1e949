//! The exact engine (what the Web Worker runs): the same numbers as the core's own layers, only
//! the changed layers redone, and answers that survive their trip as numbers.

#![cfg(not(target_arch = "wasm32"))]

mod common;

mod engine {
    mod exact;
    mod helpers;
    mod preview;
    mod reuse;
    mod trip;
}
