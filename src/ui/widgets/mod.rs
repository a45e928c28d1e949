//! Reusable pieces of the page: panel frames and toggles, sliders and number fields, tables,
//! chart canvases, formulas, and the share bar.

pub mod chart;
pub mod panel;
pub mod share_bar;
pub mod slider;
pub mod tables;

use wasm_bindgen::JsCast;

pub use chart::{ChartCanvas, ChartPair};
pub use panel::{PanelFrame, Toggle};
pub use share_bar::ShareBar;
pub use slider::{CountInput, ParamSlider, Presets, Scale, SeedInput};
pub use tables::{LossTable, MetricTable, NumbersTable};

/// A click handler as one type. Leptos compiles its event code once per handler type, and each
/// closure is a type of its own: boxed, every button of the page shares one copy (about 1.5 KB
/// of wasm a handler).
pub type Click = Box<dyn FnMut(leptos::ev::MouseEvent)>;

/// `f` as a `Click`.
pub fn click(f: impl FnMut(leptos::ev::MouseEvent) + 'static) -> Click {
    Box::new(f)
}

/// The element an event came from, as a `T` (`None` if it is not one).
pub fn target<T: JsCast>(ev: &web_sys::Event) -> Option<T> {
    ev.target().and_then(|t| t.dyn_into::<T>().ok())
}

/// What the button a click came from does: markup written as HTML (the worker's panels, the
/// import's preview) has one delegated handler, and each button says its act in `data-act`.
pub fn data_act(ev: &web_sys::Event) -> Option<String> {
    target::<web_sys::Element>(ev)?.get_attribute("data-act")
}
