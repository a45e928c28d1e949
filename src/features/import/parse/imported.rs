//! The result of an import: each model's scores, split by class.

use crate::sim::{Class, ClassScores};

use super::labels::LabelMap;
use super::scores::ScoreKind;
use super::skipped::Skipped;

/// One model's probabilities, by class, in file order (unsorted: the engine sorts them).
#[derive(Clone, Debug, PartialEq)]
pub struct ModelScores {
    /// The model's name: its column's header name, else `column 2` and the like.
    pub name: String,
    /// The negatives' probabilities.
    pub neg: Vec<f64>,
    /// The positives' probabilities.
    pub pos: Vec<f64>,
}

impl ModelScores {
    /// The two classes as the engine takes them (sorted, without a copy).
    pub fn into_classes(self) -> (ClassScores, ClassScores) {
        (
            ClassScores::from_scores(Class::Negative, self.neg),
            ClassScores::from_scores(Class::Positive, self.pos),
        )
    }
}

/// A file's predictions, ready for the engine: every probability finite and in [0, 1].
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// Rows imported (skipped rows not counted).
    pub rows: u64,
    /// Model A, and model B if the file has a second score column.
    pub models: Vec<ModelScores>,
    /// What the score columns held (logits are now probabilities).
    pub kind: ScoreKind,
    /// Which label values were read as which class.
    pub labels: LabelMap,
    /// The rows skipped, and why.
    pub skipped: Skipped,
}

impl Imported {
    /// Negatives imported.
    pub fn negatives(&self) -> u64 {
        self.models.first().map_or(0, |m| m.neg.len() as u64)
    }

    /// Positives imported.
    pub fn positives(&self) -> u64 {
        self.models.first().map_or(0, |m| m.pos.len() as u64)
    }
}

/// Splits one model's scores, in row order, by the rows' classes (bit `i` of `positive` set
/// for a positive row `i`): the negatives keep the vector, moved to its front in place, and the
/// positives (usually the few) get a vector of their own, so the split costs little memory.
pub fn split_classes(
    mut all: Vec<f64>,
    positive: &[u64],
    positives: usize,
) -> (Vec<f64>, Vec<f64>) {
    let mut pos = Vec::with_capacity(positives);
    let mut kept = 0;
    for i in 0..all.len() {
        let v = all[i];
        if positive[i / 64] >> (i % 64) & 1 == 1 {
            pos.push(v);
        } else {
            all[kept] = v;
            kept += 1;
        }
    }
    all.truncate(kept);
    (all, pos)
}
