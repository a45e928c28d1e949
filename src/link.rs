//! The page's state in the URL fragment (SPEC section 5): `key=value` pairs joined by `&`.
//!
//! Reading never fails: a missing key takes its default, and a malformed, out-of-range, repeated
//! or unknown one is clamped, defaulted or ignored with a notice that says which. Writing gives
//! the shortest decimal that reads back to the same number, so a link reproduces the numbers bit
//! for bit.

use crate::page::{
    Control, DecisionSettings, Judge, KEPT, Keyed, Layout, MAX_COST, MIN_SAMPLE, PREVALENCE, Panel,
    Rival, STORY_STEPS, TrainingSettings, UNDONE_WEIGHT, Undo, ViewOptions,
};
use crate::sim::training::MAX_SAMPLE;
use crate::sim::{MAX_COUNT, Scenario};

/// Everything a link carries.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageState {
    /// The numbers' parameters.
    pub scenario: Scenario,
    /// Model B of the comparison.
    pub rival: Rival,
    /// How the charts are shown.
    pub view: ViewOptions,
    /// The training view's separation and sample size.
    pub training: TrainingSettings,
    /// Which panels and controls appear.
    pub layout: Layout,
    /// The decision panel's costs, prevalence, undone weight and judged model.
    pub decision: DecisionSettings,
    /// Whether the page showed imported predictions (which a link cannot carry): `src=import`.
    pub imported: bool,
}

/// A state read from a fragment, with what had to be corrected.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// The state.
    pub state: PageState,
    /// One sentence per correction, in the order met.
    pub notices: Vec<String>,
}

/// The range and default of a real-valued key.
struct Real {
    key: &'static str,
    min: f64,
    max: f64,
}

const REALS: [Real; 13] = [
    Real {
        key: "acc0",
        min: 0.0,
        max: 1.0,
    },
    Real {
        key: "acc1",
        min: 0.0,
        max: 1.0,
    },
    Real {
        key: "alpha",
        min: 0.0,
        max: 1.0,
    },
    Real {
        key: "gamma",
        min: 0.0,
        max: 10.0,
    },
    Real {
        key: "pw",
        min: 0.01,
        max: 100.0,
    },
    Real {
        key: "thr",
        min: 0.0,
        max: 1.0,
    },
    Real {
        key: "acc0b",
        min: 0.0,
        max: 1.0,
    },
    Real {
        key: "acc1b",
        min: 0.0,
        max: 1.0,
    },
    Real {
        key: "sep",
        min: 0.0,
        max: crate::sim::training::SEP_MAX,
    },
    Real {
        key: "cfp",
        min: 0.0,
        max: MAX_COST,
    },
    Real {
        key: "cfn",
        min: 0.0,
        max: MAX_COST,
    },
    Real {
        key: "rtp",
        min: 0.0,
        max: MAX_COST,
    },
    Real {
        key: "pt",
        min: 0.0,
        max: 1.0,
    },
];

fn real_slot<'a>(s: &'a mut PageState, key: &str) -> Option<&'a mut f64> {
    Some(match key {
        "acc0" => &mut s.scenario.acc0,
        "acc1" => &mut s.scenario.acc1,
        "alpha" => &mut s.scenario.alpha,
        "gamma" => &mut s.scenario.gamma,
        "pw" => &mut s.scenario.pos_weight,
        "thr" => &mut s.scenario.threshold,
        "acc0b" => &mut s.rival.acc0,
        "acc1b" => &mut s.rival.acc1,
        "sep" => &mut s.training.sep,
        "cfp" => &mut s.decision.cost_fp,
        "cfn" => &mut s.decision.cost_fn,
        "rtp" => &mut s.decision.reward_tp,
        "pt" => &mut s.view.point,
        _ => return None,
    })
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
    Parsed { state, notices }
}

fn read_pair(state: &mut PageState, key: &str, raw: &str, notices: &mut Vec<String>) {
    if let Some(spec) = REALS.iter().find(|r| r.key == key) {
        let slot = real_slot(state, key).expect("every REALS key has a slot");
        match parse_real(raw) {
            None => notices.push(format!(
                "{key}=\u{201c}{}\u{201d} is not a number; using {}.",
                shown(raw),
                crate::format::exact(*slot)
            )),
            Some(v) if v < spec.min || v > spec.max => {
                let c = v.clamp(spec.min, spec.max);
                notices.push(format!(
                    "{key}={} is outside [{}, {}]; using {}.",
                    shown(raw.trim()),
                    crate::format::exact(spec.min),
                    crate::format::exact(spec.max),
                    crate::format::exact(c)
                ));
                *slot = c;
            }
            Some(v) => *slot = v,
        }
        return;
    }
    match key {
        "neg" | "pos" | "rows" | "story" => {
            let (slot, min, max) = match key {
                "neg" => (&mut state.scenario.neg, 0, MAX_COUNT),
                "pos" => (&mut state.scenario.pos, 0, MAX_COUNT),
                "story" => (&mut state.view.story, 0, STORY_STEPS),
                _ => (&mut state.training.rows, MIN_SAMPLE, MAX_SAMPLE),
            };
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
        "seed" => match raw.trim().parse::<u64>() {
            Ok(v) => state.scenario.seed = v,
            Err(_) => notices.push(format!(
                "seed=\u{201c}{}\u{201d} is not a whole number from 0 to {}; using {}.",
                shown(raw),
                u64::MAX,
                state.scenario.seed
            )),
        },
        "log" | "factor" | "embed" => match parse_flag(raw) {
            Some(v) => match key {
                "log" => state.view.log_counts = v,
                "factor" => state.view.focal_factor = v,
                _ => state.layout.embed = v,
            },
            None => notices.push(format!(
                "{key}=\u{201c}{}\u{201d} should be 1 or 0; ignored.",
                shown(raw)
            )),
        },
        "panels" => {
            let panels = parse_list::<Panel>(key, raw, notices);
            // A page with no panel at all is never what a link meant.
            if panels.is_empty() {
                notices.push("panels names no panel this page has; showing them all.".into());
                state.layout.panels = Panel::ALL.to_vec();
            } else {
                state.layout.panels = panels;
            }
        }
        "controls" => state.layout.controls = parse_list::<Control>(key, raw, notices),
        "prev" => state.decision.prevalence = read_prevalence(raw, notices),
        "undo" => state.decision.undo = read_undo(raw, notices),
        "judge" => match Judge::ALL.into_iter().find(|j| j.key() == raw.trim()) {
            Some(j) => state.decision.judge = j,
            None => notices.push(format!(
                "judge=\u{201c}{}\u{201d} should be one of {}; judging model A.",
                shown(raw),
                Judge::ALL.map(Judge::key).join(", ")
            )),
        },
        "src" => match raw.trim() {
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
        },
        _ => notices.push(format!(
            "\u{201c}{}\u{201d} is not a key this page knows; ignored.",
            shown(key)
        )),
    }
}

/// `value` clamped to `[lo, hi]`, with a notice if it had to be.
fn clamp_noted(key: &str, raw: &str, v: f64, [lo, hi]: [f64; 2], notices: &mut Vec<String>) -> f64 {
    let c = v.clamp(lo, hi);
    if c != v {
        notices.push(format!(
            "{key}={} is outside [{}, {}]; using {}.",
            shown(raw.trim()),
            crate::format::exact(lo),
            crate::format::exact(hi),
            crate::format::exact(c)
        ));
    }
    c
}

/// `prev`: a share strictly between 0 and 1; empty for the validation set's own.
fn read_prevalence(raw: &str, notices: &mut Vec<String>) -> Option<f64> {
    if raw.trim().is_empty() {
        return None;
    }
    match parse_real(raw) {
        Some(v) => Some(clamp_noted("prev", raw, v, PREVALENCE, notices)),
        None => {
            notices.push(format!(
                "prev=\u{201c}{}\u{201d} is not a number; using the validation set's prevalence.",
                shown(raw)
            ));
            None
        }
    }
}

/// `undo`: `pw:w` (trained with pos_weight w), `neg:r` (negatives kept at rate r) or `none`.
fn read_undo(raw: &str, notices: &mut Vec<String>) -> Undo {
    let raw = raw.trim();
    if raw == "none" || raw.is_empty() {
        return Undo::Nothing;
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
    read.unwrap_or_else(|| {
        notices.push(format!(
            "undo=\u{201c}{}\u{201d} should be pw:<weight>, neg:<rate> or none; undoing nothing.",
            shown(raw)
        ));
        Undo::Nothing
    })
}

/// Writes a state as a fragment (without the `#`). Every number of the scenario, of model B and
/// of the training view is written, so a link keeps its meaning even if a default changes; view and layout keys only
/// when they differ from the full page's.
pub fn format(state: &PageState) -> String {
    let s = &state.scenario;
    let mut parts = vec![
        format!("neg={}", s.neg),
        format!("pos={}", s.pos),
        format!("acc0={}", s.acc0),
        format!("acc1={}", s.acc1),
        format!("alpha={}", s.alpha),
        format!("gamma={}", s.gamma),
        format!("pw={}", s.pos_weight),
        format!("thr={}", s.threshold),
        format!("seed={}", s.seed),
        format!("acc0b={}", state.rival.acc0),
        format!("acc1b={}", state.rival.acc1),
        format!("sep={}", state.training.sep),
        format!("rows={}", state.training.rows),
        format!("cfp={}", state.decision.cost_fp),
        format!("cfn={}", state.decision.cost_fn),
        format!("rtp={}", state.decision.reward_tp),
    ];
    let d = &state.decision;
    if let Some(p) = d.prevalence {
        parts.push(format!("prev={p}"));
    }
    match d.undo {
        Undo::Nothing => {}
        Undo::PosWeight(w) => parts.push(format!("undo=pw:{w}")),
        Undo::Undersampled(r) => parts.push(format!("undo=neg:{r}")),
    }
    if d.judge != Judge::A {
        parts.push(format!("judge={}", d.judge.key()));
    }
    let view = ViewOptions::default();
    if state.view.log_counts != view.log_counts {
        parts.push(format!("log={}", u8::from(state.view.log_counts)));
    }
    if state.view.focal_factor != view.focal_factor {
        parts.push(format!("factor={}", u8::from(state.view.focal_factor)));
    }
    if state.view.point != view.point {
        parts.push(format!("pt={}", state.view.point));
    }
    if state.view.story != 0 {
        parts.push(format!("story={}", state.view.story));
    }
    if state.imported {
        parts.push("src=import".into());
    }
    let l = &state.layout;
    if l.embed {
        parts.push("embed=1".into());
    }
    let full = Layout::default();
    if l.panels != full.panels {
        parts.push(format!("panels={}", join(&l.panels)));
    }
    if l.controls != full.controls {
        parts.push(format!("controls={}", join(&l.controls)));
    }
    parts.join("&")
}

fn join<T: Keyed>(items: &[T]) -> String {
    items.iter().map(|v| v.key()).collect::<Vec<_>>().join(",")
}
