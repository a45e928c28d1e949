//! Inputs that edit one parameter of the scenario each.

use leptos::prelude::*;

use super::format::number;
use crate::sim::{MAX_COUNT, Scenario};

/// A labelled slider with a number field beside it, both editing one parameter.
#[component]
pub fn ParamSlider(
    /// The scenario being edited.
    scenario: RwSignal<Scenario>,
    /// Element id of the slider; the number field is `{id}-value`.
    id: &'static str,
    /// Visible label.
    label: &'static str,
    /// Smallest value.
    min: f64,
    /// Largest value.
    max: f64,
    /// Slider step.
    step: f64,
    /// Reads the parameter.
    get: fn(&Scenario) -> f64,
    /// Writes the parameter.
    set: fn(&mut Scenario, f64),
) -> impl IntoView {
    let value = move || scenario.with(get);
    let update = move |text: String| {
        if let Ok(v) = text.trim().parse::<f64>()
            && v.is_finite()
        {
            scenario.update(|s| set(s, v.clamp(min, max)));
        }
    };
    view! {
        <div class="control">
            <label for=id>{label}</label>
            <input type="range" id=id min=min max=max step=step
                prop:value=move || value().to_string()
                on:input:target=move |ev| update(ev.target().value()) />
            <input type="number" id=format!("{id}-value") class="value" min=min max=max step=step
                aria-label=format!("{label}, value")
                prop:value=move || number(value(), 4)
                on:change:target=move |ev| update(ev.target().value()) />
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
        <div class="control">
            <label for=id>{label}</label>
            <input type="number" id=id class="value wide" min=0 max=MAX_COUNT step=1
                prop:value=move || scenario.with(get).to_string()
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
