//! The frame of every panel, and the checkbox that switches how a chart is shown.

use leptos::prelude::*;

use crate::state::{Keyed, Panel, ViewOptions};

/// A panel: a section named by its heading, its id the panel's key in links (`#focal`).
#[component]
pub fn PanelFrame(
    /// Which panel.
    panel: Panel,
    /// The heading.
    title: &'static str,
    /// Extra CSS class (`split`: chart beside words on wide screens).
    #[prop(optional)]
    class: &'static str,
    /// The panel's body.
    children: Children,
) -> impl IntoView {
    let id = panel.key();
    let (title_id, labelled_by) = (format!("{id}-title"), format!("{id}-title"));
    let class = format!("panel {class}").trim_end().to_string();
    view! {
        <section class=class id=id aria-labelledby=labelled_by>
            // Focusable from code: the page's list of panels jumps here.
            <h2 id=title_id tabindex="-1">{title}</h2>
            {children()}
        </section>
    }
}

/// A labelled checkbox that switches one of the chart options.
#[component]
pub fn Toggle(
    /// Element id.
    id: &'static str,
    /// The chart options.
    options: RwSignal<ViewOptions>,
    /// Reads the option.
    get: fn(&ViewOptions) -> bool,
    /// Writes the option.
    set: fn(&mut ViewOptions, bool),
    /// The label.
    children: Children,
) -> impl IntoView {
    view! {
        <label class="toggle">
            <input type="checkbox" id=id
                prop:checked=move || options.with(get)
                on:change:target=move |ev| options.update(|o| set(o, ev.target().checked())) />
            {children()}
        </label>
    }
}
