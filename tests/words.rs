//! The page's words as the worker writes them: the job and the reply survive the wire, every
//! sentence that states a number follows the scenario, the standard errors are what seeds
//! really do, the weights that "give the positives half" do, the story's links set the page
//! they promise, and no box ever shows NaN, infinity or a stray "undefined".
#![cfg(not(target_arch = "wasm32"))]

mod words {
    mod defined;
    mod extremes;
    mod helpers;
    mod imported;
    mod noise;
    mod sentences;
    mod story;
    mod wire;
}
