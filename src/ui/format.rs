//! How numbers read on the page: undefined values say why, nothing prints NaN.

use crate::sim::Metric;

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
