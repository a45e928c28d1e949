//! How a number, a verdict or the data read in a sentence, and the paragraph every box's words
//! are set in: shared by every panel's words.

use std::fmt::Write;

use super::facts::Facts;
use super::terms::terms;
use crate::format::{grouped, number, significant};
use crate::sim::Verdict;

impl Facts {
    /// What a seed is for these data: a new draw of the synthetic set, or another sample like
    /// the imported one.
    pub(crate) fn noise(&self) -> &'static str {
        if self.imported {
            "sample-to-sample noise (another validation set of this size and mix)"
        } else {
            "seed-to-seed noise"
        }
    }

    /// "86 negatives per positive", or what stands in for it.
    pub(crate) fn mix(&self) -> String {
        let (n, p) = (self.s.neg, self.s.pos);
        let per = match (n, p) {
            (0, 0) => return "no samples at all".into(),
            (_, 0) => "no positives".to_string(),
            (0, _) => "no negatives".to_string(),
            _ if n == p => "as many negatives as positives".to_string(),
            _ if n > p => format!(
                "{} negatives per positive",
                short_ratio(f64::from(n) / f64::from(p))
            ),
            _ => format!(
                "{} positives per negative",
                short_ratio(f64::from(p) / f64::from(n))
            ),
        };
        format!(
            "{per} ({} and {})",
            grouped(u64::from(n)),
            grouped(u64::from(p))
        )
    }
}

/// A setting as it reads in a sentence: 1, 0.25, 2, 30.7 (up to four significant digits, no
/// trailing zeros).
pub(crate) fn plain(v: f64) -> String {
    significant(v, 4)
}

/// A standard error: two significant digits, in plain decimals however small; "–" when it
/// cannot be estimated (a class of one sample).
pub(crate) fn error(v: Option<f64>) -> String {
    match v {
        Some(v) if v > 0.0 && v.is_finite() => {
            let decimals = (1 - v.log10().floor() as i32).clamp(0, 12) as usize;
            format!("{v:.decimals$}")
        }
        Some(_) => "0".into(),
        None => "–".into(),
    }
}

/// A loss's sum, as the losses table writes it (six significant digits).
pub(crate) fn sum(v: f64) -> String {
    number(v, 6)
}

/// A ratio above 1 for a sentence: 86, 2.5, 1.004 (never a bare "1" for classes that differ).
pub(crate) fn short_ratio(r: f64) -> String {
    if r >= 10.0 {
        grouped(r.round() as u64)
    } else {
        significant(r, if r < 1.01 { 4 } else { 3 })
    }
}

/// Which model a verdict names, in words.
pub(crate) fn prefers(v: Verdict) -> &'static str {
    match v {
        Verdict::A => "model A",
        Verdict::B => "model B",
        Verdict::Tie => "neither (a tie)",
        Verdict::Undefined => "no model (a measure that cannot be computed here)",
    }
}

/// "pos_weight is 1: weighted BCE is BCE" when it is.
pub(crate) fn coincide(f: &Facts) -> &'static str {
    if f.s.pos_weight == 1.0 {
        " pos_weight is 1, so weighted BCE is BCE: their rows, bars and lines coincide."
    } else {
        ""
    }
}

pub(crate) fn para(out: &mut String, text: &str) {
    let _ = write!(out, "<p class=\"explain\">{text}</p>");
}

/// A box of one paragraph.
pub(crate) fn para_box(text: &str) -> String {
    let mut out = String::new();
    para(&mut out, text);
    out
}

/// A box of nothing but a disclosure of `keys`' terms.
pub(crate) fn terms_box(keys: &[&str]) -> String {
    let mut out = String::new();
    terms(&mut out, keys);
    out
}
