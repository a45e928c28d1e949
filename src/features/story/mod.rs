//! The guided story (`story=N`): steps that set the page and say what its numbers show.
//! Only words, written in the worker (`words`).

pub(crate) mod words;
