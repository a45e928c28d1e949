//! The words on the wire: the page's job (`WordsJob`) as numbers, and the worker's reply
//! (`Words`) as numbers and bytes (their tags are `protocol`'s).

use super::BOXES;
use crate::sim::engine::{Reader, Request};
use crate::sim::loss::Shown;
use crate::sim::training::SEP;
use crate::state::{MAX_COST, STORY_STEPS};

/// What the page asks the words for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WordsJob {
    /// The job's number: a reply names it.
    pub id: u32,
    /// The page's request: data, scenario and model B.
    pub request: Request,
    /// The probability of the true class the focal panel states the factor at.
    pub point: f64,
    /// The story's step (0: none).
    pub story: u32,
    /// Whether the page is embedded (the story's links stay embedded).
    pub embed: bool,
    /// The decision panel's cost of a false positive, of a false negative, and reward of a
    /// true positive.
    pub costs: [f64; 3],
    /// The losses the page shows: the words speak of these.
    pub shown: Shown,
    /// The training view's separation `d` (the story's step on logit adjustment trains on it).
    pub sep: f64,
}

impl WordsJob {
    /// Writes the job's numbers after `out`'s (`protocol::ToWorker::Words`).
    pub(crate) fn write(&self, out: &mut Vec<f64>) {
        out.push(f64::from(self.id));
        self.request.write(out);
        out.extend([
            self.point,
            f64::from(self.story),
            f64::from(u8::from(self.embed)),
        ]);
        out.extend(self.costs);
        out.push(f64::from(self.shown.bits()));
        out.push(self.sep);
    }

    /// The job back from `write`'s numbers; `None` for anything else.
    pub(crate) fn read(v: &[f64]) -> Option<Self> {
        let mut r = Reader::new(v);
        let id = r.count()?;
        let request = r.request()?;
        let point = r.real()?.clamp(0.0, 1.0);
        let story = r.count()?.min(STORY_STEPS);
        let embed = r.count()? == 1;
        let mut costs = [0.0; 3];
        for c in &mut costs {
            *c = r.real()?.clamp(0.0, MAX_COST);
        }
        let shown = Shown::from_bits(r.count()?)?;
        let sep = SEP.read(r.real()?);
        r.end(WordsJob {
            id,
            request,
            point,
            story,
            embed,
            costs,
            shown,
            sep,
        })
    }
}

/// The words, one HTML text a box of `BOXES`.
#[derive(Clone, Debug, PartialEq)]
pub struct Words {
    /// The job it answers.
    pub id: u32,
    /// Each box's HTML, by its index in `BOXES`.
    pub sections: Vec<String>,
}

impl Words {
    /// Writes the reply's numbers after `out`'s, and gives its bytes (the boxes' HTML,
    /// separated by NUL).
    pub(crate) fn write(&self, out: &mut Vec<f64>) -> Vec<u8> {
        out.push(f64::from(self.id));
        self.sections.join("\0").into_bytes()
    }

    /// The reply back from `write`'s numbers and bytes.
    pub(crate) fn read(v: &[f64], bytes: Vec<u8>) -> Option<Self> {
        let [id] = *v else { return None };
        let id = Reader::new(&[id]).count()?;
        let text = String::from_utf8(bytes).ok()?;
        let sections: Vec<String> = text.split('\0').map(String::from).collect();
        (sections.len() == BOXES.len()).then_some(Words { id, sections })
    }
}
