//! The decision panel's answer: its sections (what each is and where the page puts it), and
//! its form on the wire.

use crate::sim::engine::{Reader, write_confusion, write_metric};
use crate::sim::{Metrics, Ranking};

/// The panel's parts, in the order `Decided::sections` holds them.
pub const SECTIONS: usize = 10;
/// The panel's body: its fields, headings and empty boxes (`body_html`), written once.
pub const BODY: usize = 0;
/// The costs box.
pub const COSTS: usize = 1;
/// The prevalence box.
pub const PREVALENCE: usize = 2;
/// The calibration box.
pub const CALIBRATION: usize = 3;
/// The uncertainty box.
pub const UNCERTAINTY: usize = 4;
/// The results file's `decision`, `calibration` and `intervals` objects, joined by
/// `SNIPPET_BREAK` (empty when there are none).
pub const JSON: usize = 5;
/// The first of the three snippets (numpy + scikit-learn, Keras, PyTorch).
pub const CODE: usize = 6;
/// A sentence for screen readers, written into a live region that stays in place: what the
/// least cost is and where (it changes when the costs or the data do, not on every input).
pub const STATUS: usize = 9;
/// What separates the results file's three objects in their section.
pub const SNIPPET_BREAK: char = '\u{1}';
/// Where the page puts each section: the element's id ("": the panel's own box, for the body;
/// "-": nowhere) and whether it is HTML (else text).
pub const TARGETS: [(&str, bool); SECTIONS] = [
    ("", true),
    ("d-part0", true),
    ("d-part1", true),
    ("d-part2", true),
    ("d-part3", true),
    ("-", false),
    ("d-code0", false),
    ("d-code1", false),
    ("d-code2", false),
    ("d-status", false),
];

/// The decision panel's answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Decided {
    /// The job it answers.
    pub id: u32,
    /// The least-cost threshold, if there is one to move the page's threshold to.
    pub best: Option<f64>,
    /// Bootstrap resamples done, and asked for.
    pub resamples: [u32; 2],
    /// The judged model's metrics at the page's threshold: the page's metrics table shows
    /// them for a trained model, whose scores only the worker holds.
    pub judged: Option<Metrics>,
    /// The body, the boxes' HTML, the results file's objects and the snippets (`TARGETS`).
    pub sections: [String; SECTIONS],
}

impl Decided {
    /// Writes the reply's numbers after `out`'s, and gives its bytes (the sections' text,
    /// separated by NUL).
    pub(crate) fn write(&self, out: &mut Vec<f64>) -> Vec<u8> {
        out.extend([
            f64::from(self.id),
            self.best.unwrap_or(-1.0),
            f64::from(self.resamples[0]),
            f64::from(self.resamples[1]),
        ]);
        if let Some(m) = &self.judged {
            write_confusion(out, &m.confusion);
            write_metric(out, m.roc_auc);
            write_metric(out, m.average_precision);
        }
        self.sections.join("\0").into_bytes()
    }

    /// The reply back from `write`'s numbers and bytes.
    pub(crate) fn read(v: &[f64], bytes: Vec<u8>) -> Option<Self> {
        let [id, best, done, target, ref rest @ ..] = *v else {
            return None;
        };
        let counts = [id, done, target];
        let mut r = Reader::new(&counts);
        let (id, done, target) = (r.count()?, r.count()?, r.count()?);
        // The judged model's counts and ranking, when there are any.
        let judged = match rest {
            [] => None,
            rest => {
                let mut r = Reader::new(rest);
                let confusion = r.confusion()?;
                let ranking = Ranking {
                    roc_auc: r.metric()?,
                    average_precision: r.metric()?,
                };
                Some(r.end(Metrics::new(confusion, ranking))?)
            }
        };
        let text = String::from_utf8(bytes).ok()?;
        let parts: Vec<String> = text.split('\0').map(String::from).collect();
        Some(Decided {
            id,
            best: (best >= 0.0 && best.is_finite()).then_some(best),
            resamples: [done, target],
            judged,
            sections: parts.try_into().ok()?,
        })
    }
}
