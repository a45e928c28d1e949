//! The scenario panel's controls, by the keys an embed's `controls=` names them with.

use super::Keyed;

/// A control (or group of controls) of the scenario panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Control {
    /// The preset buttons.
    Presets,
    /// The class ratio slider.
    Ratio,
    /// The total slider.
    Total,
    /// The exact counts.
    Counts,
    /// Accuracy on negatives.
    Acc0,
    /// Accuracy on positives.
    Acc1,
    /// The threshold.
    Threshold,
    /// pos_weight.
    PosWeight,
    /// Focal alpha.
    Alpha,
    /// Focal gamma.
    Gamma,
    /// The losses shown, and the settings of section 9's losses.
    Losses,
    /// The seed and "new sample".
    Seed,
}

impl Keyed for Control {
    const ALL: &'static [Self] = &[
        Control::Presets,
        Control::Ratio,
        Control::Total,
        Control::Counts,
        Control::Acc0,
        Control::Acc1,
        Control::Threshold,
        Control::PosWeight,
        Control::Alpha,
        Control::Gamma,
        Control::Losses,
        Control::Seed,
    ];
    fn key(self) -> &'static str {
        match self {
            Control::Presets => "presets",
            Control::Ratio => "ratio",
            Control::Total => "total",
            Control::Counts => "counts",
            Control::Acc0 => "acc0",
            Control::Acc1 => "acc1",
            Control::Threshold => "thr",
            Control::PosWeight => "pw",
            Control::Alpha => "alpha",
            Control::Gamma => "gamma",
            Control::Losses => "losses",
            Control::Seed => "seed",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Control::Presets => "presets",
            Control::Ratio => "class ratio",
            Control::Total => "total samples",
            Control::Counts => "exact counts",
            Control::Acc0 => "acc0",
            Control::Acc1 => "acc1",
            Control::Threshold => "threshold",
            Control::PosWeight => "pos_weight",
            Control::Alpha => "alpha",
            Control::Gamma => "gamma",
            Control::Losses => "losses shown",
            Control::Seed => "seed",
        }
    }
}
