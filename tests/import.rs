//! Importing predictions (SPEC section 7): detection, every good and bad case with its exact
//! message, chunking, random files, and real models' predictions against scikit-learn.
#![cfg(not(target_arch = "wasm32"))]

mod import {
    mod bad_files;
    mod bad_rows;
    mod chunks;
    mod fixtures;
    mod good;
    mod helpers;
    mod parts;
    mod sklearn;
}
