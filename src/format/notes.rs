//! Undefined values in tables: the cell says "undefined" with a mark, and the reason is a note
//! under the table. A reason in the cell ("undefined: no sample is predicted positive") widened
//! its column past the panel; a mark keeps every column as narrow as its numbers.

use std::fmt::Write;

use super::{escape_html, number};
use crate::sim::{Metric, Undefined};

/// The marks, in the order a table's reasons are first met (one for each kind of reason).
const MARKS: [&str; 9] = ["*", "†", "‡", "§", "¶", "**", "††", "‡‡", "§§"];

/// The reasons a table's undefined cells give, each with its mark, in the order first met.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Notes(Vec<Undefined>);

impl Notes {
    /// The notes of a table whose cells hold `values` (in reading order).
    pub fn of(values: impl IntoIterator<Item = Metric>) -> Self {
        let mut notes = Notes::default();
        for why in values.into_iter().filter_map(Result::err) {
            notes.add(why);
        }
        notes
    }

    /// Adds a reason (once), and gives its mark.
    pub fn add(&mut self, why: Undefined) -> &'static str {
        if !self.0.contains(&why) {
            self.0.push(why);
        }
        self.mark(why)
    }

    /// A reason's mark ("" for one this table does not list).
    pub fn mark(&self, why: Undefined) -> &'static str {
        self.0
            .iter()
            .position(|w| *w == why)
            .map_or("", |i| MARKS[i.min(MARKS.len() - 1)])
    }

    /// A cell: the value to `digits` significant digits, or "undefined" and its reason's mark.
    pub fn cell(&self, m: Metric, digits: usize) -> String {
        self.cell_with(m, |v| number(v, digits))
    }

    /// A cell of a value `f` writes, or "undefined" and its reason's mark.
    pub fn cell_with(&self, m: Metric, f: impl Fn(f64) -> String) -> String {
        match m {
            Ok(v) => f(v),
            Err(why) => format!("undefined{}", self.mark(why)),
        }
    }

    /// Whether the table has no undefined cell.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Each note: its mark and its reason ("* undefined: no sample is predicted positive").
    pub fn lines(&self) -> Vec<String> {
        self.0
            .iter()
            .map(|why| format!("{} undefined: {}.", self.mark(*why), why.reason()))
            .collect()
    }

    /// The notes as HTML under a table (nothing when there are none).
    pub fn html(&self) -> String {
        let mut out = String::new();
        if !self.is_empty() {
            out.push_str(r#"<p class="table-notes">"#);
            for line in self.lines() {
                let _ = write!(out, "<span>{}</span> ", escape_html(&line));
            }
            out.push_str("</p>");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reason_gets_one_mark_in_the_order_first_met() {
        let notes = Notes::of([
            Ok(0.5),
            Err(Undefined::NoPredictedPositives),
            Err(Undefined::NoPositives),
            Err(Undefined::NoPredictedPositives),
        ]);
        assert_eq!(notes.cell(Ok(0.25), 4), "0.2500");
        assert_eq!(
            notes.cell(Err(Undefined::NoPredictedPositives), 4),
            "undefined*"
        );
        assert_eq!(notes.cell(Err(Undefined::NoPositives), 4), "undefined†");
        assert_eq!(
            notes.lines(),
            [
                "* undefined: no sample is predicted positive.",
                "† undefined: there are no positive samples."
            ]
        );
        assert!(notes.html().starts_with(r#"<p class="table-notes">"#));
        assert_eq!(Notes::of([Ok(1.0)]).html(), "");
    }
}
