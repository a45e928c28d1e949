//! The conversation with the Web Worker, natively: the messages survive their trip, the worker
//! answers as the engine does, the predictions file comes in whole pieces, and the page keeps
//! one request in flight with only the newest waiting.

mod worker {
    mod helpers;
    mod import;
    mod messages;
    mod queue;
    mod serve;
    mod training;
}
