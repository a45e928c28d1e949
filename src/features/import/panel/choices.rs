//! The reader's choices about a chosen file (label column, positive class, the models' score
//! columns, the score kind): written as HTML with what the worker detected, and read back into
//! the overrides sent with the next look.

use std::fmt::Write;

use crate::features::import::parse::errors::count;
use crate::features::import::parse::{Overrides, ScoreKind};
use crate::features::import::worker::Detection;
use crate::format::escape_html;

/// A labelled choice among `(value, text)` options as HTML.
fn select_html(
    out: &mut String,
    id: &str,
    label: &str,
    options: &[(String, String)],
    chosen: &str,
) {
    let _ = write!(
        out,
        r#"<span class="choice"><label for="{id}">{label}</label><select id="{id}">"#
    );
    // Nothing chosen yet (detection found no such column): say so, so that every real option
    // is a change the reader can make.
    if !options.iter().any(|(value, _)| value == chosen) {
        out.push_str(r#"<option value="" selected disabled>choose…</option>"#);
    }
    for (value, text) in options {
        let selected = if value == chosen { " selected" } else { "" };
        let _ = write!(
            out,
            r#"<option value="{}"{selected}>{}</option>"#,
            escape_html(value),
            escape_html(text)
        );
    }
    out.push_str("</select></span>");
}

/// Model A's and model B's score columns, as detected or chosen.
fn score_columns(d: &Detection) -> (Option<usize>, Option<usize>) {
    (d.scores.first().copied(), d.scores.get(1).copied())
}

/// The choices, as HTML, each showing what the worker detected or the reader chose.
pub(super) fn choices_html(out: &mut String, d: &Detection) {
    let columns: Vec<(String, String)> = d
        .columns
        .iter()
        .enumerate()
        .map(|(i, n)| (i.to_string(), n.clone()))
        .collect();
    let at = |i: Option<usize>| i.map_or("none".to_string(), |i| i.to_string());
    let values: Vec<(String, String)> = d
        .values
        .iter()
        .map(|(v, n)| (v.clone(), format!("{v} ({})", count(*n, "row"))))
        .collect();
    let mut with_none = vec![("none".to_string(), "none".to_string())];
    with_none.extend(columns.iter().cloned());
    out.push_str(r#"<div class="import-choices">"#);
    select_html(out, "import-label", "label column", &columns, &at(d.label));
    let positive = d.positive.clone().unwrap_or_default();
    select_html(out, "import-positive", "positive class", &values, &positive);
    let (a, b) = score_columns(d);
    select_html(out, "import-a", "model A scores", &columns, &at(a));
    select_html(out, "import-b", "model B scores", &with_none, &at(b));
    let kinds = [("probability", "probabilities"), ("logit", "logits")]
        .map(|(v, t)| (v.to_string(), t.to_string()));
    let kind = d.kind.map_or("probability", ScoreKind::key);
    select_html(out, "import-kind", "scores are", &kinds, kind);
    out.push_str("</div>");
}

/// The reader's pick in one of the choices, applied to the overrides.
pub(super) fn apply(o: &mut Overrides, id: &str, v: &str, d: &Detection) {
    let (a, b) = score_columns(d);
    match id {
        "import-label" => {
            // A new label column has its own values: the positive one is detected afresh.
            o.label = v.parse().ok();
            o.positive = None;
        }
        "import-positive" => o.positive = Some(v.to_string()),
        "import-a" => {
            o.scores = v
                .parse()
                .ok()
                .map(|a| std::iter::once(a).chain(b).collect())
        }
        "import-b" => o.scores = a.map(|a| std::iter::once(a).chain(v.parse().ok()).collect()),
        "import-kind" => {
            o.kind = Some(if v == "logit" {
                ScoreKind::Logit
            } else {
                ScoreKind::Probability
            })
        }
        _ => {}
    }
}
