//! Which losses the tables and charts show (`losses=`), and the settings of SPEC section 9's
//! losses, each beside its loss while it is shown.

use leptos::prelude::*;

use crate::sim::loss::{
    ASL_GN, ASL_GP, ASL_M, CB_BETA, LA_TAU, LDAM_M, POLY_EPS, Shown, TV_A, TV_B,
};
use crate::sim::params::Param;
use crate::sim::{LossKind, Scenario};
use crate::ui::signals::PageSignals;
use crate::ui::widgets::{ParamSlider, Scale};

/// A slider of one of section 9's parameters: its loss, its parameter, and where it is kept.
struct Knob {
    kind: LossKind,
    param: Param,
    label: &'static str,
    step: f64,
    scale: Scale,
    get: fn(&Scenario) -> f64,
    set: fn(&mut Scenario, f64),
}

/// The knob of `EXTRA[$i]`: reads and writes that slot of the scenario's section 9 values.
macro_rules! knob {
    ($kind:ident, $param:ident, $i:literal, $step:expr, $scale:ident, $label:literal) => {
        Knob {
            kind: LossKind::$kind,
            param: $param,
            label: $label,
            step: $step,
            scale: Scale::$scale,
            get: |s| s.extra.0[$i],
            set: |s, v| s.extra.0[$i] = v,
        }
    };
}

/// Every section 9 parameter, in `EXTRA`'s order (the index is its place there).
const KNOBS: [Knob; 9] = [
    knob!(
        ClassBalanced,
        CB_BETA,
        0,
        0.000001,
        Saturating,
        "class-balanced β"
    ),
    knob!(LogitAdjusted, LA_TAU, 1, 0.05, Linear, "logit adjustment τ"),
    knob!(Ldam, LDAM_M, 2, 0.05, Linear, "LDAM margin m"),
    knob!(Asymmetric, ASL_GP, 3, 0.1, Linear, "ASL γ on positives"),
    knob!(Asymmetric, ASL_GN, 4, 0.1, Linear, "ASL γ on negatives"),
    knob!(Asymmetric, ASL_M, 5, 0.01, Linear, "ASL probability margin"),
    knob!(Poly1, POLY_EPS, 6, 0.1, Linear, "Poly-1 ε"),
    knob!(
        Tversky,
        TV_A,
        7,
        0.01,
        Linear,
        "Tversky a (false positives)"
    ),
    knob!(
        Tversky,
        TV_B,
        8,
        0.01,
        Linear,
        "Tversky b (false negatives)"
    ),
];

/// The element ids of the knobs' sliders (the parameter's key, so a link and the page agree).
const fn slider_id(p: &Param) -> &'static str {
    p.key
}

/// The loss picker, then the shown losses' own settings.
pub fn loss_controls(page: PageSignals) -> impl IntoView {
    let view = page.view;
    let shown = Memo::new(move |_| view.with(|v| v.losses));
    // At least one loss stays shown (an empty table says nothing): false when refused.
    let toggle = move |kind: LossKind, on: bool| {
        let next = view.with_untracked(|v| v.losses.with(kind, on));
        if next.is_empty() {
            return false;
        }
        view.update(|v| v.losses = next);
        true
    };
    let boxes: Vec<_> = LossKind::ALL
        .into_iter()
        .map(|kind| {
            let id = format!("show-{}", kind.key());
            view! {
                <label class="pick">
                    <input type="checkbox" id=id
                        prop:checked=move || shown.with(|s| s.contains(kind))
                        on:change:target=move |ev| {
                            let box_ = ev.target();
                            if !toggle(kind, box_.checked()) {
                                box_.set_checked(true);
                            }
                        } />
                    {kind.name()}
                </label>
            }
        })
        .collect();
    let scenario = page.scenario;
    let knobs: Vec<_> = KNOBS
        .iter()
        .map(|k| {
            let kind = k.kind;
            view! {
                <Show when=move || shown.with(|s: &Shown| s.contains(kind))>
                    <ParamSlider state=scenario id=slider_id(&k.param) label=k.label min=k.param.min
                        max=k.param.max step=k.step scale=k.scale get=k.get set=k.set />
                </Show>
            }
        })
        .collect();
    view! {
        <fieldset class="loss-picker">
            <legend>"Losses shown"</legend>
            <div class="picks">{boxes}</div>
        </fieldset>
        {knobs}
    }
}
