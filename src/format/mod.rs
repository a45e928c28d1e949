//! Every rule that turns a number into text, in one place: the page's tables and sentences,
//! chart labels, links and downloads. Undefined values say why; nothing ever prints NaN.

mod notes;

pub use notes::Notes;

use crate::sim::{Metric, Scenario};

/// A value with `digits` significant digits, in plain notation for ordinary magnitudes.
pub fn number(v: f64, digits: usize) -> String {
    if !v.is_finite() {
        return "undefined".into();
    }
    if v == 0.0 {
        return "0".into();
    }
    let magnitude = v.abs().log10().floor() as i32;
    if (-4..9).contains(&magnitude) {
        let decimals = (digits as i32 - 1 - magnitude).max(0) as usize;
        format!("{v:.decimals$}")
    } else {
        format!("{v:.*e}", digits - 1)
    }
}

/// A metric, or "undefined" and the reason.
pub fn metric(m: Metric, digits: usize) -> String {
    match m {
        Ok(v) => number(v, digits),
        Err(why) => format!("undefined: {}", why.reason()),
    }
}

/// A share in [0, 1] as a percentage.
pub fn percent(m: Metric) -> String {
    match m {
        Ok(v) => format!("{:.1} %", 100.0 * v),
        Err(why) => format!("undefined: {}", why.reason()),
    }
}

/// A count with thousands separators: 1000000 -> "1,000,000".
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `number(v, digits)` without trailing zeros: 1, 0.25, 30.7, 1e-5, 1.25e-7.
pub fn significant(v: f64, digits: usize) -> String {
    let s = number(v, digits);
    let (mantissa, exponent) = s.split_at(s.find('e').unwrap_or(s.len()));
    if mantissa.contains('.') {
        format!(
            "{}{exponent}",
            mantissa.trim_end_matches('0').trim_end_matches('.')
        )
    } else {
        s
    }
}

/// A parameter value for a chart label: up to three decimals, trailing zeros dropped.
pub fn short(v: f64) -> String {
    if !v.is_finite() {
        return "undefined".into();
    }
    let text = format!("{v:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

/// A whole number with its thousands grouped and its sign: -12,000.
pub fn whole(v: f64) -> String {
    let sign = if v < 0.0 { "-" } else { "" };
    format!("{sign}{}", grouped(v.abs() as u64))
}

/// A loss sum for a chart label: four significant digits, thousands grouped.
pub fn short_sum(v: f64) -> String {
    if !v.is_finite() {
        return "undefined".into();
    }
    if v.abs() >= 1000.0 {
        return whole(v.round());
    }
    let digits = if v == 0.0 {
        0
    } else {
        (3 - v.abs().log10().floor() as i32).clamp(0, 8)
    };
    format!("{v:.*}", digits as usize)
}

/// A class ratio, in negatives per positive, as an axis or table label beside those words:
/// 1000 -> "1,000" (not "1:1,000", which reads backwards next to "negatives per positive").
pub fn ratio(r: f64) -> String {
    grouped(r.round() as u64)
}

/// A class ratio as a narrow column heading: 1000 -> "1:1k", 10000 -> "1:10k".
pub fn ratio_heading(r: f64) -> String {
    match r.round() as u64 {
        n if n >= 1_000 && n.is_multiple_of(1_000) => format!("1:{}k", n / 1_000),
        n => format!("1:{n}"),
    }
}

/// A number for a file or a link: the shortest decimal that reads back to the same double.
/// Finite by construction; a non-finite value would be a bug, and is written as `null`
/// rather than as something no reader can parse.
pub fn exact(v: f64) -> String {
    if v.is_finite() {
        format!("{v}")
    } else {
        "null".into()
    }
}

/// A metric for a file: its exact value, or `null` when it is undefined.
pub fn exact_metric(m: Metric) -> String {
    m.map(exact).unwrap_or_else(|_| "null".into())
}

/// The scenario's classes in one line: "1,010,000 samples: 1,000,000 negatives, 10,000
/// positives (0.990 % positive)".
pub fn composition(s: &Scenario) -> String {
    let share = if s.total() == 0 {
        String::new()
    } else {
        format!(
            " ({} % positive)",
            number(100.0 * f64::from(s.pos) / s.total() as f64, 3)
        )
    };
    format!(
        "{} samples: {} negatives, {} positives{share}",
        grouped(s.total()),
        grouped(u64::from(s.neg)),
        grouped(u64::from(s.pos)),
    )
}

/// Text made safe inside HTML: as an element's text or a quoted attribute's value.
pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A table of text as HTML in a scrolling wrapper: a header row, then `rows`, each row's first
/// cell a row header when `row_headers`. Every cell is escaped.
pub fn table_html(
    out: &mut String,
    class: &str,
    label: &str,
    header: &[String],
    rows: &[Vec<String>],
    row_headers: bool,
) {
    use std::fmt::Write;
    let _ = write!(
        out,
        r#"<div class="table-wrap"><table class="{class}" aria-label="{}"><thead><tr>"#,
        escape_html(label)
    );
    for h in header {
        let _ = write!(out, r#"<th scope="col">{}</th>"#, escape_html(h));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            let c = escape_html(c);
            let _ = if i == 0 && row_headers {
                write!(out, r#"<th scope="row">{c}</th>"#)
            } else {
                write!(out, "<td>{c}</td>")
            };
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
}
