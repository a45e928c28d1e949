//! What the page learns of an imported file, with a preview of each class, and its form on the
//! wire.

use super::wire::{kind_code, kind_of, read_text, write_text};
use crate::features::import::parse::ScoreKind;
use crate::sim::ClassScores;
use crate::sim::engine::{PREVIEW, Reader};

/// What the page learns of an imported file: its counts, names and kinds, the rows skipped, and
/// each model's classes as previews (all of a class up to `PREVIEW` scores, else `PREVIEW`
/// evenly spaced quantiles of it).
#[derive(Clone, Debug, PartialEq)]
pub struct ImportSummary {
    /// The data set's number.
    pub id: u32,
    /// Negatives and positives imported.
    pub counts: [u32; 2],
    /// The models' names (one or two).
    pub names: Vec<String>,
    /// What the score columns held.
    pub kind: ScoreKind,
    /// Which label value is positive, and which negative, in words.
    pub labels: String,
    /// Rows skipped.
    pub skipped: u64,
    /// The skipped rows in words (the first of them with line and column), or empty.
    pub skipped_text: String,
    /// `[model][class]` sorted previews; model B repeats model A's with one score column.
    pub previews: [[Vec<f64>; 2]; 2],
}

impl ImportSummary {
    /// The request the page will make for this data set at these settings (gamma, threshold):
    /// the file's counts, none of the generator's settings (as `ui::derived` builds it).
    pub fn expected_request(&self, [gamma, threshold]: [f64; 2]) -> crate::sim::engine::Request {
        let scenario = crate::sim::Scenario {
            neg: self.counts[0],
            pos: self.counts[1],
            acc0: 0.5,
            acc1: 0.5,
            seed: 0,
            gamma,
            threshold,
            ..crate::sim::Scenario::default()
        };
        crate::sim::engine::Request {
            data: self.id,
            ..crate::sim::engine::Request::synthetic(scenario, [0.5, 0.5])
        }
    }

    /// Rows imported.
    pub fn rows(&self) -> u64 {
        u64::from(self.counts[0]) + u64::from(self.counts[1])
    }

    /// Whether the file has a second score column (a model B of its own).
    pub fn two_models(&self) -> bool {
        self.names.len() > 1
    }
}

/// `PREVIEW` evenly spaced quantiles of a sorted class (all of it when it is that small).
pub fn preview(scores: &ClassScores) -> Vec<f64> {
    let n = scores.len();
    let m = n.min(PREVIEW as usize);
    // In u64: in the worker `usize` is 32 bits, and (2i + 1) n overflows it past 65,536 rows.
    let (n64, m64) = (n as u64, m as u64);
    (0..m64)
        .map(|i| scores.get((((2 * i + 1) * n64) / (2 * m64)) as usize))
        .collect()
}

/// Text fields on the wire: joined by the unit separator, which no name or message holds.
const SEPARATOR: char = '\u{1f}';

impl ImportSummary {
    pub(crate) fn write(&self, out: &mut Vec<f64>) {
        out.extend([
            f64::from(self.id),
            f64::from(self.counts[0]),
            f64::from(self.counts[1]),
            kind_code(self.kind),
            self.skipped as f64,
        ]);
        let sep = SEPARATOR.to_string();
        write_text(out, &self.names.join(&sep));
        write_text(out, &self.labels);
        write_text(out, &self.skipped_text);
        for class in self.previews.iter().flatten() {
            out.push(class.len() as f64);
            out.extend(class);
        }
    }

    pub(crate) fn read(v: &[f64]) -> Option<Self> {
        let mut r = Reader::new(v);
        let id = r.count()?;
        let counts = [r.count()?, r.count()?];
        let kind = kind_of(r.whole()?)?;
        let skipped = r.whole()?;
        let names: Vec<String> = read_text(&mut r)?
            .split(SEPARATOR)
            .map(String::from)
            .collect();
        let labels = read_text(&mut r)?;
        let skipped_text = read_text(&mut r)?;
        let mut class = || -> Option<Vec<f64>> {
            let n = r.whole()? as usize;
            (n <= PREVIEW as usize).then_some(())?;
            let class = r.take(n)?;
            class
                .iter()
                .all(|p| (0.0..=1.0).contains(p))
                .then(|| class.to_vec())
        };
        let previews = [[class()?, class()?], [class()?, class()?]];
        let summary = ImportSummary {
            id,
            counts,
            names,
            kind,
            labels,
            skipped,
            skipped_text,
            previews,
        };
        (1..=2).contains(&summary.names.len()).then_some(())?;
        // Each preview is its class whole up to PREVIEW scores, else PREVIEW of them.
        let whole = |c: usize| (summary.counts[c] as usize).min(PREVIEW as usize);
        let fits = summary.counts.iter().all(|&c| c <= crate::sim::MAX_COUNT)
            && summary
                .previews
                .iter()
                .all(|m| (0..2).all(|c| m[c].len() == whole(c)));
        fits.then_some(())?;
        r.end(summary)
    }
}
