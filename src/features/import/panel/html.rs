//! The box's markup written as HTML: the preview of a chosen file (plain markup with one
//! delegated handler keeps the page's module small) and the line on the imported data.

use std::fmt::Write;

use super::choices::choices_html;
use crate::features::import::parse::ScoreKind;
use crate::features::import::worker::Detection;
use crate::format::{escape_html, grouped, table_html};
use crate::ui::signals::Imported;

/// What is shown: a line on the imported data, then the rows skipped, if any, in plain type.
pub(super) fn imported_html(d: &Imported) -> String {
    let s = &d.summary.0;
    let mut html = format!(
        r#"<p class="imported-what">{}</p>"#,
        escape_html(&summary_text(d))
    );
    if s.skipped > 0 {
        let _ = write!(html, "<p>{}.</p>", escape_html(&s.skipped_text));
    }
    html
}

/// A file's name with its size, as the box shows it while the file is looked at or shown:
/// "two_models.csv, 133 kB".
pub(super) fn named(name: &str, bytes: f64) -> String {
    let size = match bytes {
        b if b < 1e3 => format!("{b} bytes"),
        b if b < 1e6 => format!("{} kB", crate::format::significant(b / 1e3, 3)),
        b if b < 1e9 => format!("{} MB", crate::format::significant(b / 1e6, 3)),
        b => format!("{} GB", crate::format::significant(b / 1e9, 3)),
    };
    format!("{name}, {size}")
}

/// The preview's way out, whatever the file.
const CANCEL: &str = r#"<button type="button" data-act="cancel">Cancel</button>"#;

/// One line on the imported data.
fn summary_text(d: &Imported) -> String {
    let s = &d.summary.0;
    let models = match s.names.as_slice() {
        [a, b] => format!("{a} (model A) and {b} (model B)"),
        names => names.join(", "),
    };
    format!(
        "Showing {}: {} rows ({} negatives, {} positives), scores of {models} read as {}; {}.",
        d.file,
        grouped(s.rows()),
        grouped(u64::from(s.counts[0])),
        grouped(u64::from(s.counts[1])),
        match s.kind {
            ScoreKind::Probability => "probabilities",
            ScoreKind::Logit => "logits (turned into probabilities)",
        },
        s.labels,
    )
}

/// What the worker found in a chosen file, as HTML: the layout, the reader's choices, the first
/// rows before and after reading, and the buttons.
pub(super) fn check_html(name: &str, d: &Detection) -> String {
    if d.columns.is_empty() {
        // Not a table (its message says why): nothing to choose, only the way out.
        return format!(
            r#"<p>{}</p><div class="train-buttons">{CANCEL}</div>"#,
            escape_html(name)
        );
    }
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<p class="import-file">{}: {}.</p><p class="import-counted">{}</p>"#,
        escape_html(name),
        escape_html(&d.layout),
        escape_html(&d.counted)
    );
    choices_html(&mut out, d);
    rows_html(&mut out, d);
    let disabled = if d.problem.is_some() { " disabled" } else { "" };
    let _ = write!(
        out,
        r#"<div class="train-buttons"><button type="button" data-act="import"{disabled}>Import</button>{CANCEL}</div>"#
    );
    out
}

/// The file's first rows, and the same rows as read with the choices made.
fn rows_html(out: &mut String, d: &Detection) {
    out.push_str(r#"<div class="chart-row two">"#);
    table_html(
        out,
        "numbers preview",
        "the file's first rows",
        &d.columns,
        &d.raw,
        false,
    );
    let mut read_header = vec!["class".to_string()];
    read_header.extend(
        d.scores
            .iter()
            .map(|&c| format!("{}: probability", d.columns.get(c).map_or("scores", |n| n))),
    );
    // Nothing is read until the choices are made (a third label value, say): no empty table.
    if !d.read.is_empty() {
        table_html(
            out,
            "numbers preview",
            "the first rows as read",
            &read_header,
            &d.read,
            false,
        );
    }
    out.push_str("</div>");
}
