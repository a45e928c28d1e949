//! Reading a score: a number from a field's bytes, and a probability from a number.

use crate::sim::fastmath;

/// What the score columns hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScoreKind {
    /// Probabilities in [0, 1], used as they are.
    Probability,
    /// Logits `z` (log-odds, any real number), turned into `sigmoid(z)`.
    Logit,
}

impl ScoreKind {
    /// The name used in the results JSON (SPEC section 7).
    pub fn key(self) -> &'static str {
        match self {
            ScoreKind::Probability => "probability",
            ScoreKind::Logit => "logit",
        }
    }
}

/// Why a field is not a usable number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotNumber {
    /// Nothing but white space.
    Empty,
    /// Text that is no number.
    Text,
    /// NaN or an infinity (written as such, or too large for a double).
    NotFinite,
}

/// The finite number a field holds, trimmed of white space. Rust's own parser, so every
/// shortest round-trip spelling reads back to the same bits. With `decimal_comma` (files
/// separated by `;` or tabs, as spreadsheets write them where `,` is the decimal mark), a
/// single `,` with no `.` is read as the decimal point.
pub fn number(field: &[u8], decimal_comma: bool) -> Result<f64, NotNumber> {
    let field = field.trim_ascii();
    let parsed = match ascii(field).map(str::parse::<f64>) {
        Some(Ok(v)) => v,
        _ if field.is_empty() => return Err(NotNumber::Empty),
        _ if decimal_comma => comma_number(field)?,
        _ => return Err(NotNumber::Text),
    };
    if parsed.is_finite() {
        Ok(parsed)
    } else {
        Err(NotNumber::NotFinite)
    }
}

/// The bytes as a `str` if they are ASCII (every number is): a check several times faster
/// than `str::from_utf8` on short fields, which matters at two fields a row.
#[inline(always)]
fn ascii(bytes: &[u8]) -> Option<&str> {
    // SAFETY: ASCII bytes are valid UTF-8.
    bytes
        .is_ascii()
        .then(|| unsafe { std::str::from_utf8_unchecked(bytes) })
}

/// A number written with a decimal comma, `0,25`.
fn comma_number(field: &[u8]) -> Result<f64, NotNumber> {
    let mut buf = [0u8; 64];
    let commas = field.iter().filter(|&&b| b == b',').count();
    if commas != 1 || field.contains(&b'.') || field.len() > buf.len() {
        return Err(NotNumber::Text);
    }
    let buf = &mut buf[..field.len()];
    for (o, &b) in buf.iter_mut().zip(field) {
        *o = if b == b',' { b'.' } else { b };
    }
    match ascii(buf).map(str::parse::<f64>) {
        Some(Ok(v)) => Ok(v),
        _ => Err(NotNumber::Text),
    }
}

/// The logistic function `1 / (1 + e^-z)`, as scipy's `expit` computes it, but with fdlibm's
/// `exp` (within an ulp; scipy takes the C library's) so that it has the same bits natively and
/// in the browser: within two ulps of scipy's. Large `|z|` saturate to exactly 0 or 1, never
/// NaN.
pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + fastmath::exp(-z))
}

/// Why a number is not a usable score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum BadScore {
    /// The field is no finite number.
    NotNumber(NotNumber),
    /// A probability outside [0, 1].
    OutOfRange,
}

/// The probability a score field stands for, under `kind`.
pub fn probability(field: &[u8], kind: ScoreKind, decimal_comma: bool) -> Result<f64, BadScore> {
    let v = number(field, decimal_comma).map_err(BadScore::NotNumber)?;
    match kind {
        ScoreKind::Probability if (0.0..=1.0).contains(&v) => Ok(v),
        ScoreKind::Probability => Err(BadScore::OutOfRange),
        ScoreKind::Logit => Ok(sigmoid(v)),
    }
}
