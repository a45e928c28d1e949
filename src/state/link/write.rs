//! Writing a state as a fragment.

use crate::sim::loss::EXTRA;
use crate::state::PageState;
use crate::state::{Judge, Keyed, Layout, ThemeChoice, TrainingSettings, Undo, ViewOptions};

/// Writes a state as a fragment (without the `#`). Every number of the scenario, of model B and
/// of the training view is written, so a link keeps its meaning even if a default changes; view
/// and layout keys only when they differ from the full page's.
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
        format!("acc0b={}", state.model_b.acc0),
        format!("acc1b={}", state.model_b.acc1),
        format!("sep={}", state.training.sep),
        format!("rows={}", state.training.rows),
        format!("cfp={}", state.decision.cost_fp),
        format!("cfn={}", state.decision.cost_fn),
        format!("rtp={}", state.decision.reward_tp),
    ];
    newer_keys(state, &mut parts);
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
    // Only a chosen theme: links made before the key existed stay byte-identical.
    if state.view.theme != ThemeChoice::Auto {
        parts.push(format!("theme={}", state.view.theme.key()));
    }
    if state.view.losses != view.losses {
        parts.push(format!("losses={}", state.view.losses.keys()));
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

/// The keys added after links were first shared (SPEC section 9's parameters, the retraining
/// spread's size), each only where it differs from its default: links made before they existed
/// stay byte-identical.
fn newer_keys(state: &PageState, parts: &mut Vec<String>) {
    let s = &state.scenario;
    for p in EXTRA {
        let v = s.extra.get(p);
        if v != p.default {
            parts.push(format!("{}={v}", p.key));
        }
    }
    let (t, spread) = (&state.training, TrainingSettings::default());
    if t.spread_k != spread.spread_k {
        parts.push(format!("spread_k={}", t.spread_k));
    }
    if t.spread_n != spread.spread_n {
        parts.push(format!("spread_n={}", t.spread_n));
    }
}

fn join<T: Keyed>(items: &[T]) -> String {
    items.iter().map(|v| v.key()).collect::<Vec<_>>().join(",")
}
