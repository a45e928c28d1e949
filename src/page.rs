//! Everything the page remembers besides the scenario: the rival model, how the charts are
//! shown, and which panels and controls appear (for embedding). Plain data, no web types.

/// The second model of the A/B comparison: its accuracies on each class. Model A is the
/// scenario's own.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rival {
    /// Accuracy on the negatives.
    pub acc0: f64,
    /// Accuracy on the positives.
    pub acc1: f64,
}

impl Default for Rival {
    /// Model B of the blog post "Unbalanced Validation Data Losses".
    fn default() -> Self {
        Rival {
            acc0: 0.98,
            acc1: 0.9,
        }
    }
}

/// The training view's own settings (its mix, threshold and loss parameters are the scenario's).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrainingSettings {
    /// Separation `d` of the classes' feature means (SPEC section 6), in `[0, 6]`.
    pub sep: f64,
    /// Rows of the sample trained in the worker, in `[MIN_SAMPLE, MAX_SAMPLE]`.
    pub rows: u32,
}

/// The fewest rows a sample can have (the slider's left end).
pub const MIN_SAMPLE: u32 = 100;

impl Default for TrainingSettings {
    fn default() -> Self {
        TrainingSettings {
            sep: crate::sim::training::SEP_DEFAULT,
            rows: 10_000,
        }
    }
}

/// How the charts are shown (not part of the numbers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ViewOptions {
    /// Histogram counts on a log axis.
    pub log_counts: bool,
    /// The focal chart shows the modulating factor instead of the loss.
    pub focal_factor: bool,
}

impl Default for ViewOptions {
    fn default() -> Self {
        ViewOptions {
            log_counts: true,
            focal_factor: false,
        }
    }
}

/// A panel of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Panel {
    /// The loss and metric tables.
    Numbers,
    /// The focal modulation curve.
    Focal,
    /// The score histograms.
    Scores,
    /// Each loss's split between the classes.
    Share,
    /// Precision / recall / F1, ROC and PR.
    Threshold,
    /// The same model at other class ratios.
    Composition,
    /// Model A against model B.
    Ab,
    /// What each loss trains.
    Training,
}

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
    /// The seed and "new sample".
    Seed,
}

/// Something named by a key in links.
pub trait Keyed: Copy + PartialEq + 'static {
    /// Every value, in page order.
    const ALL: &'static [Self];
    /// The key in links.
    fn key(self) -> &'static str;
    /// How it is named where a reader picks it (the embed dialog).
    fn label(self) -> &'static str;
    /// The value of a key.
    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.key() == key)
    }
}

impl Keyed for Panel {
    const ALL: &'static [Self] = &[
        Panel::Numbers,
        Panel::Focal,
        Panel::Scores,
        Panel::Share,
        Panel::Threshold,
        Panel::Composition,
        Panel::Ab,
        Panel::Training,
    ];
    fn key(self) -> &'static str {
        match self {
            Panel::Numbers => "numbers",
            Panel::Focal => "focal",
            Panel::Scores => "scores",
            Panel::Share => "share",
            Panel::Threshold => "threshold",
            Panel::Composition => "composition",
            Panel::Ab => "ab",
            Panel::Training => "training",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Panel::Numbers => "loss and metric tables",
            Panel::Focal => "focal loss curve",
            Panel::Scores => "score histograms",
            Panel::Share => "who pays the loss",
            Panel::Threshold => "threshold, ROC and PR",
            Panel::Composition => "class-ratio view",
            Panel::Ab => "A/B comparison",
            Panel::Training => "what each loss trains",
        }
    }
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
            Control::Seed => "seed",
        }
    }
}

/// Which parts of the page appear. The full page shows everything; an embed can pick.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// No header or footer; the page fits its frame.
    pub embed: bool,
    /// The panels shown, in page order.
    pub panels: Vec<Panel>,
    /// The controls shown, in page order (none: no scenario panel).
    pub controls: Vec<Control>,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            embed: false,
            panels: Panel::ALL.to_vec(),
            controls: Control::ALL.to_vec(),
        }
    }
}

impl Layout {
    /// Whether a panel is shown.
    pub fn shows(&self, panel: Panel) -> bool {
        self.panels.contains(&panel)
    }

    /// Whether a control is shown.
    pub fn has(&self, control: Control) -> bool {
        self.controls.contains(&control)
    }
}
