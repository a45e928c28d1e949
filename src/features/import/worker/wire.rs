//! The number encodings the import's messages share: texts (a byte a number), optional texts
//! and small numbers, score kinds and tables of texts.

use crate::features::import::parse::ScoreKind;
use crate::sim::engine::Reader;

pub(super) fn write_text(out: &mut Vec<f64>, text: &str) {
    out.push(text.len() as f64);
    out.extend(text.bytes().map(f64::from));
}

pub(super) fn read_text(r: &mut Reader) -> Option<String> {
    let n = r.whole()? as usize;
    let bytes = (0..n)
        .map(|_| r.whole().and_then(|b| u8::try_from(b).ok()))
        .collect::<Option<Vec<u8>>>()?;
    String::from_utf8(bytes).ok()
}

/// An optional text: 0, or 1 and the text.
pub(super) fn write_optional_text(out: &mut Vec<f64>, text: Option<&str>) {
    match text {
        None => out.push(0.0),
        Some(t) => {
            out.push(1.0);
            write_text(out, t);
        }
    }
}

pub(super) fn read_optional_text(r: &mut Reader) -> Option<Option<String>> {
    match r.whole()? {
        0 => Some(None),
        1 => read_text(r).map(Some),
        _ => None,
    }
}

pub(super) fn kind_code(kind: ScoreKind) -> f64 {
    match kind {
        ScoreKind::Probability => 0.0,
        ScoreKind::Logit => 1.0,
    }
}

pub(super) fn kind_of(code: u64) -> Option<ScoreKind> {
    match code {
        0 => Some(ScoreKind::Probability),
        1 => Some(ScoreKind::Logit),
        _ => None,
    }
}

/// An optional small number: 0 for none, else the value + 1.
pub(super) fn write_option(out: &mut Vec<f64>, v: Option<u64>) {
    out.push(v.map_or(0.0, |v| v as f64 + 1.0));
}

pub(super) fn read_option(r: &mut Reader) -> Option<Option<u64>> {
    let v = r.whole()?;
    Some(v.checked_sub(1))
}

pub(super) fn write_table(out: &mut Vec<f64>, rows: &[Vec<String>]) {
    out.push(rows.len() as f64);
    for row in rows {
        out.push(row.len() as f64);
        for cell in row {
            write_text(out, cell);
        }
    }
}

pub(super) fn read_table(r: &mut Reader) -> Option<Vec<Vec<String>>> {
    let n = r.whole()?;
    (n <= 1_000).then_some(())?;
    (0..n)
        .map(|_| {
            let m = r.whole()?;
            (m <= 1_000).then_some(())?;
            (0..m).map(|_| read_text(r)).collect()
        })
        .collect()
}
