//! Reusable pieces of the page: panel frames and toggles, sliders and number fields, tables,
//! chart canvases, formulas, and the share bar.

pub mod chart;
pub mod formula;
pub mod panel;
pub mod share_bar;
pub mod slider;
pub mod tables;

pub use chart::ChartCanvas;
pub use formula::Formula;
pub use panel::{PanelFrame, Toggle};
pub use share_bar::ShareBar;
pub use slider::{CountInput, ParamSlider, Presets, Scale, SeedInput};
pub use tables::{LossTable, MetricTable, NumbersTable};
