//! Inputs that edit one parameter each: a slider and a number field side by side.

use leptos::prelude::*;

use crate::format::number;
use crate::sim::{MAX_COUNT, PRESETS, Scenario};

/// How a slider's position maps to its value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scale {
    /// Evenly spaced values.
    Linear,
    /// Evenly spaced powers: every factor of ten takes the same length.
    Log,
    /// Evenly spaced powers of `1 - v`, for a value from 0 that saturates towards 1 (the
    /// class-balanced loss's beta: 0.9, 0.99, 0.999 take the same length).
    Saturating,
}

impl Scale {
    /// The slider position in [0, 1] of a value.
    fn position(self, v: f64, min: f64, max: f64) -> f64 {
        let p = match self {
            Scale::Linear => (v - min) / (max - min),
            Scale::Log => (v / min).ln() / (max / min).ln(),
            Scale::Saturating => (1.0 - v).ln() / (1.0 - max).ln(),
        };
        if p.is_finite() {
            p.clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// The value at a slider position.
    fn value(self, p: f64, min: f64, max: f64) -> f64 {
        match self {
            Scale::Linear => min + p * (max - min),
            Scale::Log => min * (max / min).powf(p),
            Scale::Saturating => 1.0 - (1.0 - max).powf(p),
        }
    }

    /// The value the slider's `input` sets: a linear slider's own, a log slider's at position `p`
    /// to 3 significant digits (it reads cleanly), a saturating one's with 2 digits of its
    /// distance from 1 (0.999, not 0.99897).
    fn snapped(self, p: f64, min: f64, max: f64) -> f64 {
        match self {
            Scale::Linear => p,
            Scale::Log => {
                let v = self.value(p, min, max);
                let digits = 10f64.powi(v.abs().log10().floor() as i32 - 2);
                (v / digits).round() * digits
            }
            Scale::Saturating => {
                let rest = 1.0 - self.value(p, min, max);
                if rest >= 1.0 {
                    0.0
                } else {
                    let digits = 10f64.powi(rest.log10().floor() as i32 - 1);
                    1.0 - (rest / digits).round() * digits
                }
            }
        }
    }
}

/// A labelled slider with a number field beside it, both editing one value of a signal.
#[component]
pub fn ParamSlider<S>(
    /// The state being edited.
    state: RwSignal<S>,
    /// Element id of the slider; the number field is `{id}-value`.
    id: &'static str,
    /// Visible label.
    label: &'static str,
    /// The symbol shown beside the label (plain text, e.g. "γ").
    #[prop(optional)]
    symbol: &'static str,
    /// Smallest value.
    min: f64,
    /// Largest value.
    max: f64,
    /// Step of the number field (and of a linear slider).
    step: f64,
    /// Linear or logarithmic slider.
    #[prop(default = Scale::Linear)]
    scale: Scale,
    /// Whether the value is a count (shown without decimals).
    #[prop(optional)]
    whole: bool,
    /// Reads the value.
    get: fn(&S) -> f64,
    /// Writes the value (already clamped to [min, max]).
    set: fn(&mut S, f64),
) -> impl IntoView
where
    S: Send + Sync + 'static,
{
    // A memo of this slider's own value: a change elsewhere in the state re-runs nothing here.
    let value = Memo::new(move |_| state.with(get));
    let value = move || value.get();
    let write = move |v: f64| {
        if v.is_finite() {
            state.update(|s| set(s, v.clamp(min, max)));
        }
    };
    let (slider_max, slider_step) = match scale {
        Scale::Linear => (max, step),
        Scale::Log | Scale::Saturating => (1.0, 0.001),
    };
    let slider_min = if scale == Scale::Linear { min } else { 0.0 };
    view! {
        <div class="control">
            <label for=id>
                {label}
                {(!symbol.is_empty()).then(|| view! { " " <span class="symbol">{symbol}</span> })}
            </label>
            <input type="range" id=id min=slider_min max=slider_max step=slider_step
                // A log slider's position is not its value: screen readers announce the value.
                aria-valuetext=move || if whole { value().to_string() } else { number(value(), 4) }
                prop:value=move || match scale {
                    Scale::Linear => value().to_string(),
                    Scale::Log | Scale::Saturating => scale.position(value(), min, max).to_string(),
                }
                on:input:target=move |ev| {
                    if let Ok(p) = ev.target().value().parse::<f64>() {
                        write(scale.snapped(p, min, max));
                    }
                } />
            <input type="number" id=format!("{id}-value") class="value" min=min max=max step=step
                aria-label=format!("{label}, value")
                prop:value=move || match scale {
                    // Every digit of 0.999999: rounded, it would read 1.
                    Scale::Saturating => value().to_string(),
                    _ if whole => value().to_string(),
                    _ => number(value(), 4),
                }
                on:change:target=move |ev| {
                    if let Ok(v) = ev.target().value().trim().parse::<f64>() {
                        write(v);
                    }
                } />
        </div>
    }
}

/// A labelled field for a sample count, 0 to `MAX_COUNT`.
#[component]
pub fn CountInput(
    /// The scenario being edited.
    scenario: RwSignal<Scenario>,
    /// Element id.
    id: &'static str,
    /// Visible label.
    label: &'static str,
    /// Reads the count.
    get: fn(&Scenario) -> u32,
    /// Writes the count.
    set: fn(&mut Scenario, u32),
) -> impl IntoView {
    view! {
        <div class="count">
            <label for=id>{label}</label>
            <input type="number" id=id class="value" min=0 max=MAX_COUNT step=1
                prop:value={
                    let count = Memo::new(move |_| scenario.with(get));
                    move || count.get().to_string()
                }
                on:change:target=move |ev| {
                    if let Ok(v) = ev.target().value().trim().parse::<f64>()
                        && v.is_finite()
                    {
                        scenario.update(|s| set(s, v.clamp(0.0, f64::from(MAX_COUNT)) as u32));
                    }
                } />
        </div>
    }
}

/// The seed, and a button that draws a new sample.
#[component]
pub fn SeedInput(
    /// The scenario being edited.
    scenario: RwSignal<Scenario>,
) -> impl IntoView {
    view! {
        <div class="seed">
            <label for="seed">"seed"</label>
            <input type="number" id="seed" class="value" min=0 step=1
                prop:value={
                    let seed = Memo::new(move |_| scenario.with(|s| s.seed));
                    move || seed.get().to_string()
                }
                on:change:target=move |ev| {
                    if let Ok(v) = ev.target().value().trim().parse::<u64>() {
                        scenario.update(|s| s.seed = v);
                    }
                } />
            <button type="button" id="new-sample"
                on:click=super::click(move |_| scenario.update(|s| s.seed = s.seed.wrapping_add(1)))>
                "new sample"
            </button>
        </div>
    }
}

/// Buttons that load the named scenarios.
#[component]
pub fn Presets(
    /// The scenario being edited.
    scenario: RwSignal<Scenario>,
) -> impl IntoView {
    let buttons: Vec<_> = PRESETS.into_iter().map(|preset| {
        view! {
            <button type="button" class="preset" title=preset.about
                on:click=super::click(move |_| scenario.update(|s| *s = preset.scenario(s.seed)))>
                {preset.name}
            </button>
        }
    }).collect();
    view! {
        <div class="presets" role="group" aria-label="presets">{buttons}</div>
    }
}
