//! The positives' runs of equal scores and where each falls among the negatives: the one walk
//! over the two classes that the cost search and the bootstrap share.
//!
//! Every count the decision panel needs at a positive's score (TP, FP; the negatives tied with
//! it) is read off a run, so this is the memo layer between the scores and those numbers: built
//! once when the scores change, it makes a cost change O(runs) with no search at all.

use crate::sim::generator::ClassScores;
use crate::sim::ranking::gallop;

/// A run of equal positive scores: it ends (exclusive) at `end` among the positives, and the
/// negatives below its score are `0..lt`, those equal to it `lt..le`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Run {
    pub(super) end: u32,
    pub(super) lt: u32,
    pub(super) le: u32,
}

/// The first index from `i` on whose score is not below `x` (`y < x`), or with `ties`, not
/// at or below it (`y <= x`): a few steps one by one (where the classes are dense, the next
/// score usually is the answer), then galloping search (where one class is rare and the answer
/// is far). One closure type for all three uses: one copy of the search in the wasm.
fn advance(scores: &ClassScores, mut i: usize, x: f64, ties: bool) -> usize {
    let below = |y: f64| y < x || (ties && y == x);
    let end = (i + 4).min(scores.len());
    while i < end {
        if !below(scores.get(i)) {
            return i;
        }
        i += 1;
    }
    gallop(scores, i, below)
}

/// The runs of the positives' distinct scores, ascending, with the classes' sizes.
#[derive(Clone, Debug, PartialEq)]
pub struct Runs {
    pub(super) negatives: usize,
    pub(super) positives: ClassScores,
    pub(super) runs: Vec<Run>,
    pub(super) above_all: f64,
}

impl Runs {
    /// One walk over the positives' runs, each placed among the negatives by a few linear steps
    /// then galloping search: O(P log(N / P)), 12 bytes a distinct positive score. Each class must
    /// have fewer than 2^32 samples (the page's limit is 10^7).
    pub fn new(neg: &ClassScores, pos: &ClassScores) -> Self {
        let p = pos.len();
        let mut runs = Vec::with_capacity(p);
        let (mut i, mut lt, mut le) = (0, 0, 0);
        while i < p {
            let x = pos.get(i);
            i = advance(pos, i, x, true);
            lt = advance(neg, lt, x, false);
            le = advance(neg, le.max(lt), x, true);
            runs.push(Run {
                end: i as u32,
                lt: lt as u32,
                le: le as u32,
            });
        }
        let last = |c: &ClassScores| c.len().checked_sub(1).map_or(0.0, |i| c.get(i));
        let max = last(neg).max(last(pos));
        Runs {
            negatives: neg.len(),
            positives: pos.clone(),
            runs,
            // Predicting nothing: the slider's end when it is enough, else just above.
            above_all: if max < 1.0 { 1.0 } else { max.next_up() },
        }
    }

    /// Number of negatives.
    pub fn negatives(&self) -> usize {
        self.negatives
    }

    /// Number of positives.
    pub fn positives(&self) -> usize {
        self.positives.len()
    }

    /// Number of distinct positive scores.
    pub fn len(&self) -> usize {
        self.runs.len()
    }

    /// Whether there are no positives.
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }
}
