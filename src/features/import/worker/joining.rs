//! The first worker's side of a two-worker import: the second worker's rows joined to its own,
//! a class at a time.

use super::ImportSummary;
use super::importer::Read;
use super::part::PartRead;
use crate::sim::engine::DataSet;

/// The first worker's side of the join: its own rows, read and sorted, and the second
/// worker's joined to them as they arrive, one class at a time (the one being received is the
/// only copy of the second worker's scores the first holds).
pub struct Joining {
    read: Read,
    lengths: Vec<[usize; 2]>,
    /// The class being received: model, class.
    next: Option<(usize, usize)>,
    buffer: Vec<f64>,
}

impl Joining {
    /// Joins the part's counts and skipped rows to `read` (the first part's rows, sorted);
    /// its scores are then `receive`d.
    pub fn new(mut read: Read, part: PartRead) -> Result<Self, String> {
        read.rows.sort();
        let models = read.rows.classes.len();
        if part.lengths.len() != models || !part.rows.sorted {
            return Err("The second worker read the file otherwise.".into());
        }
        read.rows.join_counts(part.rows).map_err(|e| e.message())?;
        let mut joining = Joining {
            read,
            lengths: part.lengths,
            next: Some((0, 0)),
            buffer: Vec::new(),
        };
        joining.skip_empty();
        Ok(joining)
    }

    /// The class expected next (model, class), if any.
    pub fn wanted(&self) -> Option<(usize, usize)> {
        self.next
    }

    /// `n` scores of `model`'s `class`, written into place by `fill`; an error if that class
    /// is not the one expected or it has fewer scores left.
    pub fn receive(
        &mut self,
        model: usize,
        class: usize,
        n: usize,
        fill: impl FnOnce(&mut [f64]),
    ) -> Result<(), String> {
        let order = || "The second worker's scores came out of order.".to_string();
        if self.next != Some((model, class)) {
            return Err(order());
        }
        // `next` names a class `lengths` has.
        let want = self.lengths[model][class];
        if self.buffer.len() + n > want {
            return Err(order());
        }
        if self.buffer.capacity() < want {
            self.buffer.reserve_exact(want - self.buffer.len());
        }
        let at = self.buffer.len();
        self.buffer.resize(at + n, 0.0);
        fill(&mut self.buffer[at..]);
        if self.buffer.len() == want {
            let scores = std::mem::take(&mut self.buffer);
            self.read.rows.add_class(model, class, &scores, true);
            self.next = Some(after((model, class)));
            self.skip_empty();
        }
        Ok(())
    }

    /// Moves past classes with no scores (and to `None` after the last).
    fn skip_empty(&mut self) {
        while let Some((m, c)) = self.next {
            match self.lengths.get(m) {
                None => self.next = None,
                Some(l) if l[c] == 0 => self.next = Some(after((m, c))),
                Some(_) => return,
            }
        }
    }

    /// Once every class is in: the data set for the engine and the summary for the page.
    pub fn complete(self) -> Result<(DataSet, ImportSummary), String> {
        if self.next.is_some() {
            return Err("The second worker's scores did not all arrive.".into());
        }
        self.read.complete()
    }
}

/// The class that comes after `(model, class)`: a model's positives after its negatives, then
/// the next model's negatives.
fn after((m, c): (usize, usize)) -> (usize, usize) {
    if c == 0 { (m, 1) } else { (m + 1, 0) }
}
