//! Reading a fragment: each pair is looked up in `KEYS` and read, and whatever had to be
//! corrected is said in a notice.

use super::keys::{KEYS, Value};
use crate::features::story::steps::begin;
use crate::format::exact;
use crate::sim::loss::Shown;
use crate::state::{
    Control, Judge, KEPT, Keyed, PREVALENCE, Panel, ThemeChoice, UNDONE_WEIGHT, Undo,
};
use crate::state::{PageState, Parsed};

/// Reads a fragment (with or without its leading `#`).
pub fn parse(fragment: &str) -> Parsed {
    let mut state = PageState::default();
    let mut notices = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    for pair in fragment.split('&').filter(|p| !p.trim().is_empty()) {
        let (key, raw) = match pair.split_once('=') {
            Some((k, v)) => (percent_decode(k), percent_decode(v)),
            None => (percent_decode(pair), String::new()),
        };
        let key = key.trim().to_string();
        if seen.contains(&key) {
            notices.push(format!(
                "{key} is given more than once; the last value is used."
            ));
        } else {
            seen.push(key.clone());
        }
        read_pair(&mut state, &key, &raw, &mut notices);
    }
    // A link that names only a story step (what a teacher pastes) opens the step as its "Reset
    // this step" link does: its numbers and its panels, not the default page.
    if let [key] = seen.as_slice()
        && key == "story"
        && state.view.story > 0
    {
        state = begin(state.view.story, false);
    }
    Parsed { state, notices }
}

fn read_pair(state: &mut PageState, key: &str, raw: &str, notices: &mut Vec<String>) {
    let Some((_, value)) = KEYS.iter().find(|(k, _)| *k == key) else {
        notices.push(format!(
            "\u{201c}{}\u{201d} is not a key this page knows; ignored.",
            shown(key)
        ));
        return;
    };
    match value {
        Value::Real(range, slot) => {
            let slot = slot(state);
            match parse_real(raw) {
                None => notices.push(format!(
                    "{key}=\u{201c}{}\u{201d} is not a number; using {}.",
                    shown(raw),
                    exact(*slot)
                )),
                Some(v) => *slot = clamp_noted(key, raw, v, *range, notices),
            }
        }
        Value::Count(range, slot) => read_count(key, raw, *range, slot(state), notices),
        Value::Flag(slot) => match parse_flag(raw) {
            Some(v) => *slot(state) = v,
            None => notices.push(format!(
                "{key}=\u{201c}{}\u{201d} should be 1 or 0; ignored.",
                shown(raw)
            )),
        },
        Value::Own(read) => read(state, raw, notices),
    }
}

/// A whole number in `[min, max]`: rounded and clamped, with a notice if it had to be.
fn read_count(
    key: &str,
    raw: &str,
    [min, max]: [u32; 2],
    slot: &mut u32,
    notices: &mut Vec<String>,
) {
    match parse_real(raw) {
        None => notices.push(format!(
            "{key}=\u{201c}{}\u{201d} is not a count; using {}.",
            shown(raw),
            slot
        )),
        Some(v) => {
            let c = v.round().clamp(f64::from(min), f64::from(max));
            if c != v {
                notices.push(format!(
                    "{key}={} is not a whole number from {min} to {max}; using {c}.",
                    shown(raw.trim())
                ));
            }
            *slot = c as u32;
        }
    }
}

/// Undoes percent-encoding (`%2C` -> `,`); a broken escape stays as written.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Shortens what a reader typed for a notice.
fn shown(value: &str) -> String {
    let mut v: String = value.chars().take(24).collect();
    if value.chars().count() > 24 {
        v.push('…');
    }
    v
}

fn parse_real(raw: &str) -> Option<f64> {
    raw.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

fn parse_flag(raw: &str) -> Option<bool> {
    match raw.trim() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

fn parse_list<T: Keyed>(key: &str, raw: &str, notices: &mut Vec<String>) -> Vec<T> {
    let mut picked = Vec::new();
    for name in raw.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        match T::from_key(name) {
            Some(v) => {
                if !picked.contains(&v) {
                    picked.push(v);
                }
            }
            None => notices.push(format!(
                "{key}: \u{201c}{}\u{201d} is not one of {}; ignored.",
                shown(name),
                T::ALL
                    .iter()
                    .map(|v| v.key())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
    // Page order, whatever the link's order.
    T::ALL
        .iter()
        .copied()
        .filter(|v| picked.contains(v))
        .collect()
}

/// `value` clamped to `[lo, hi]`, with a notice if it had to be.
fn clamp_noted(key: &str, raw: &str, v: f64, [lo, hi]: [f64; 2], notices: &mut Vec<String>) -> f64 {
    let c = v.clamp(lo, hi);
    if c != v {
        notices.push(format!(
            "{key}={} is outside [{}, {}]; using {}.",
            shown(raw.trim()),
            exact(lo),
            exact(hi),
            exact(c)
        ));
    }
    c
}

/// `seed`: any whole number a `u64` holds.
pub(super) fn seed(state: &mut PageState, raw: &str, notices: &mut Vec<String>) {
    match raw.trim().parse::<u64>() {
        Ok(v) => state.scenario.seed = v,
        Err(_) => notices.push(format!(
            "seed=\u{201c}{}\u{201d} is not a whole number from 0 to {}; using {}.",
            shown(raw),
            u64::MAX,
            state.scenario.seed
        )),
    }
}

/// `panels`: the panels shown, in page order.
pub(super) fn panels(state: &mut PageState, raw: &str, notices: &mut Vec<String>) {
    let panels = parse_list::<Panel>("panels", raw, notices);
    // A page with no panel at all is never what a link meant.
    if panels.is_empty() {
        notices.push("panels names no panel this page has; showing them all.".into());
        state.layout.panels = Panel::ALL.to_vec();
    } else {
        state.layout.panels = panels;
    }
}

/// `controls`: the controls shown, in page order (none is a choice too).
pub(super) fn controls(state: &mut PageState, raw: &str, notices: &mut Vec<String>) {
    state.layout.controls = parse_list::<Control>("controls", raw, notices);
}

/// `theme`: light, dark or auto (the reader's system's).
pub(super) fn theme(state: &mut PageState, raw: &str, notices: &mut Vec<String>) {
    state.view.theme = ThemeChoice::from_key(raw.trim()).unwrap_or_else(|| {
        notices.push(format!(
            "theme=\u{201c}{}\u{201d} should be light, dark or auto; following the system.",
            shown(raw)
        ));
        ThemeChoice::Auto
    });
}

/// `losses`: a comma-separated list of loss keys (SPEC section 9).
pub(super) fn losses(state: &mut PageState, raw: &str, notices: &mut Vec<String>) {
    let (shown, said) = Shown::parse(raw);
    state.view.losses = shown;
    notices.extend(said);
}

/// `prev`: a share strictly between 0 and 1; empty for the validation set's own.
pub(super) fn prevalence(state: &mut PageState, raw: &str, notices: &mut Vec<String>) {
    state.decision.prevalence = if raw.trim().is_empty() {
        None
    } else if let Some(v) = parse_real(raw) {
        Some(clamp_noted("prev", raw, v, PREVALENCE, notices))
    } else {
        notices.push(format!(
            "prev=\u{201c}{}\u{201d} is not a number; using the validation set's prevalence.",
            shown(raw)
        ));
        None
    };
}

/// `undo`: `pw:w` (trained with pos_weight w), `neg:r` (negatives kept at rate r) or `none`.
pub(super) fn undo(state: &mut PageState, raw: &str, notices: &mut Vec<String>) {
    let raw = raw.trim();
    if raw == "none" || raw.is_empty() {
        state.decision.undo = Undo::Nothing;
        return;
    }
    let read = raw.split_once(':').and_then(|(kind, v)| {
        let v = parse_real(v)?;
        match kind {
            "pw" => Some(Undo::PosWeight(clamp_noted(
                "undo",
                raw,
                v,
                UNDONE_WEIGHT,
                notices,
            ))),
            "neg" => Some(Undo::Undersampled(clamp_noted(
                "undo", raw, v, KEPT, notices,
            ))),
            _ => None,
        }
    });
    state.decision.undo = read.unwrap_or_else(|| {
        notices.push(format!(
            "undo=\u{201c}{}\u{201d} should be pw:<weight>, neg:<rate> or none; undoing nothing.",
            shown(raw)
        ));
        Undo::Nothing
    });
}

/// `judge`: the model the decision panel judges.
pub(super) fn judge(state: &mut PageState, raw: &str, notices: &mut Vec<String>) {
    match Judge::ALL.into_iter().find(|j| j.key() == raw.trim()) {
        Some(j) => state.decision.judge = j,
        None => notices.push(format!(
            "judge=\u{201c}{}\u{201d} should be one of {}; judging model A.",
            shown(raw),
            Judge::ALL.map(Judge::key).join(", ")
        )),
    }
}

/// `src`: whether the page showed synthetic or imported predictions.
pub(super) fn source(state: &mut PageState, raw: &str, notices: &mut Vec<String>) {
    match raw.trim() {
        "import" => {
            state.imported = true;
            notices.push(
                "This link was made while the page showed imported predictions, which a \
                 link cannot carry (they never leave the browser that read them): showing \
                 synthetic predictions with the file's class counts and the link's \
                 settings. Import the file again to see its numbers."
                    .into(),
            );
        }
        "synthetic" => {}
        _ => notices.push(format!(
            "src=\u{201c}{}\u{201d} should be synthetic or import; ignored.",
            shown(raw)
        )),
    }
}
