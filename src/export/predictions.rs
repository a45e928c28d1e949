//! The predictions file (SPEC section 5): `label,probability` for model A, then a column for
//! each further model the page holds, so that every model the page judges can be rerun from
//! one file. Written in pieces (by the worker, or by the page between frames).

use std::fmt::Write;
use std::ops::Range;

use crate::sim::engine::{Engine, ModelId, Reader, Request};
use crate::sim::training::{Binormal, LossParams, Model, NoOptimum, Sample, fit_population};
use crate::sim::{Class, ClassScores, LossKind, Scenario};
use crate::state::TrainingSettings;

/// The file's first line when it holds one model.
pub const CSV_HEADER: &str = "label,probability\n";

/// What the page asks the predictions file for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PredictionsJob {
    /// The page's request: model A's and model B's scores.
    pub request: Request,
    /// Whether the page holds a model B of its own (synthetic scores, or an imported second
    /// score column); a file of one score column has none.
    pub model_b: bool,
    /// The trained model the decision panel judges, on the training view's sample.
    pub trained: Option<(LossKind, TrainingSettings)>,
}

impl PredictionsJob {
    /// Writes the job's numbers after `out`'s (`protocol::ToWorker::Csv`).
    pub(crate) fn write(&self, out: &mut Vec<f64>) {
        self.request.write(out);
        out.push(f64::from(u8::from(self.model_b)));
        match self.trained {
            None => out.push(-1.0),
            Some((kind, t)) => {
                let k = LossKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
                out.extend([k as f64, t.sep, f64::from(t.rows)]);
            }
        }
    }

    /// The job back from `write`'s numbers; `None` for anything else.
    pub(crate) fn read(v: &[f64]) -> Option<Self> {
        let mut r = Reader::new(v);
        let request = r.request()?;
        let model_b = r.count()? == 1;
        let trained = match r.real()? {
            k if k < 0.0 => None,
            k => {
                let kind = *LossKind::ALL.get(k as usize)?;
                let (sep, rows) = (r.real()?, r.count()?);
                Some((
                    kind,
                    TrainingSettings {
                        sep,
                        rows,
                        ..TrainingSettings::default()
                    },
                ))
            }
        };
        r.end(PredictionsJob {
            request,
            model_b,
            trained,
        })
    }
}

/// A model a loss trains on the population (SPEC 6), scored on the training view's sample.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainedScores {
    /// The loss it is trained with.
    pub kind: LossKind,
    /// The model.
    pub model: Model,
    /// The sample it is scored on.
    pub sample: Sample,
    /// Its probabilities, `[negatives, positives]`, in the sample's draw order (the rows of
    /// "Download training data (CSV)").
    pub scores: [Vec<f64>; 2],
}

/// The model `kind` trains on the population of the training view (`t`) for scenario `s`,
/// scored on that view's sample; why there is none, if it trains none.
pub fn trained_scores(
    s: &Scenario,
    t: &TrainingSettings,
    kind: LossKind,
) -> Result<TrainedScores, NoOptimum> {
    let pop = Binormal::from_scenario(s, t.sep);
    let params = pop.params(&LossParams::from_scenario(s));
    let model = fit_population(&pop, kind, &params)?.model;
    let sample = Sample::generate(&pop, t.rows, s.seed);
    let scores = [Class::Negative, Class::Positive]
        .map(|c| sample.x(c).iter().map(|&x| model.probability(x)).collect());
    Ok(TrainedScores {
        kind,
        model,
        sample,
        scores,
    })
}

/// The file's columns, gathered once and written a piece at a time.
pub struct PredictionsFile {
    /// Model A's scores, `[negatives, positives]`.
    a: [ClassScores; 2],
    /// Model B's, when the page holds one of its own.
    b: Option<[ClassScores; 2]>,
    /// The judged trained model's, on its own rows.
    trained: Option<TrainedScores>,
}

impl PredictionsFile {
    /// The columns `job` asks for, with the trained model's scores (`trained_scores` of the
    /// job's `trained`, which only the worker computes: none without a worker, or where the
    /// loss has no optimum); `None` if the engine no longer holds the job's data set.
    pub fn new(
        engine: &mut Engine,
        job: &PredictionsJob,
        trained: Option<TrainedScores>,
    ) -> Option<Self> {
        let r = &job.request;
        let a = engine.scores(r, ModelId::A)?;
        let b = match job.model_b {
            true => Some(engine.scores(r, ModelId::B)?),
            false => None,
        };
        Some(PredictionsFile { a, b, trained })
    }

    /// The header line: `label,probability`, then `model_b`, then the trained model's own
    /// labels and scores (`training_label,trained_<loss>`).
    pub fn header(&self) -> String {
        let mut h = String::from("label,probability");
        if self.b.is_some() {
            h.push_str(",model_b");
        }
        if let Some(t) = &self.trained {
            let _ = write!(h, ",training_label,trained_{}", t.kind.key());
        }
        h.push('\n');
        h
    }

    /// Rows of model A's (and B's) samples.
    fn scored_rows(&self) -> usize {
        self.a[0].len() + self.a[1].len()
    }

    /// Rows of the trained model's sample.
    fn trained_rows(&self) -> usize {
        self.trained
            .as_ref()
            .map_or(0, |t| t.scores[0].len() + t.scores[1].len())
    }

    /// Rows after the header: the longer of the two groups of columns (the shorter one's
    /// cells are empty past its last row).
    pub fn rows(&self) -> usize {
        self.scored_rows().max(self.trained_rows())
    }

    /// The rows `range` (the header first when the range starts at 0).
    pub fn piece(&self, range: Range<usize>) -> Vec<u8> {
        let width = 22 + 20 * usize::from(self.b.is_some()) + 22 * self.trained_rows().min(1);
        let mut out = Vec::with_capacity(range.len() * width + 64);
        if range.start == 0 {
            out.extend_from_slice(self.header().as_bytes());
        }
        let neg = self.a[0].len();
        let mut line = String::with_capacity(96);
        for i in range.start..range.end.min(self.rows()) {
            line.clear();
            if i < self.scored_rows() {
                let (c, j) = if i < neg { (0, i) } else { (1, i - neg) };
                let _ = write!(line, "{c},{}", self.a[c].get(j));
                if let Some(b) = &self.b {
                    let _ = write!(line, ",{}", b[c].get(j));
                }
            } else {
                line.push(',');
                if self.b.is_some() {
                    line.push(',');
                }
            }
            if let Some(t) = &self.trained {
                let n = t.scores[0].len();
                let (c, j) = if i < n { (0, i) } else { (1, i - n) };
                match t.scores[c].get(j) {
                    Some(p) => {
                        let _ = write!(line, ",{c},{p}");
                    }
                    None => line.push_str(",,"),
                }
            }
            line.push('\n');
            out.extend_from_slice(line.as_bytes());
        }
        out
    }
}

/// Appends CSV rows for `scores[range]` of one class: `label,probability`, the probability in
/// the shortest form that reads back to the exact double the app computed with.
pub fn csv_rows(scores: &ClassScores, range: Range<usize>, out: &mut Vec<u8>) {
    let label = scores.class.label();
    let mut line = String::with_capacity(32);
    for p in range.map(|i| scores.get(i)) {
        line.clear();
        let _ = writeln!(line, "{label},{p}");
        out.extend_from_slice(line.as_bytes());
    }
}
