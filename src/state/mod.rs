//! The page's state, plain data with no web types: everything a link carries (`PageState`:
//! the scenario, model B, how the charts are shown, training's and the decision's settings,
//! which panels and controls appear), and reading and writing it in the URL (`link`). The page
//! mirrors it in signals (`ui::signals::PageSignals`).

mod control;
pub mod link;
mod theme;

pub use control::Control;
pub use theme::ThemeChoice;

use crate::sim::loss::Shown;
use crate::sim::{LossKind, Scenario};

/// Model B, compared with model A: its accuracies on each class. Model A is the
/// scenario's own.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ModelB {
    /// Accuracy on the negatives.
    pub acc0: f64,
    /// Accuracy on the positives.
    pub acc1: f64,
}

impl Default for ModelB {
    /// Model B of the blog post "Unbalanced Validation Data Losses".
    fn default() -> Self {
        ModelB {
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
    /// Samples of the retraining spread (`spread_k`), in `SPREAD_K`.
    pub spread_k: u32,
    /// Rows in each of them (`spread_n`), in `SPREAD_N`.
    pub spread_n: u32,
}

/// The decision panel's settings (SPEC section 8): what errors cost, the prevalence the model
/// is deployed at, a training weight to undo, and which model is judged.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DecisionSettings {
    /// The cost of a false positive, `cfp`.
    pub cost_fp: f64,
    /// The cost of a false negative, `cfn`.
    pub cost_fn: f64,
    /// The reward of a true positive, `rtp`.
    pub reward_tp: f64,
    /// The positives' share where the model is deployed, `prev`; `None`: the validation set's.
    pub prevalence: Option<f64>,
    /// A training weight whose effect on the probabilities is undone, `undo`.
    pub undo: Undo,
    /// The model judged, `judge`.
    pub judge: Judge,
}

impl Default for DecisionSettings {
    /// SPEC 8's defaults: each error costs 1, a true positive earns nothing.
    fn default() -> Self {
        DecisionSettings {
            cost_fp: 1.0,
            cost_fn: 1.0,
            reward_tp: 0.0,
            prevalence: None,
            undo: Undo::Nothing,
            judge: Judge::A,
        }
    }
}

/// The largest cost or reward a link or a field takes.
pub const MAX_COST: f64 = 1e6;
/// The deployment prevalence's range: a share strictly between 0 and 1.
pub const PREVALENCE: [f64; 2] = [1e-6, 1.0 - 1e-6];
/// The range of an undone pos_weight (pos_weight's own).
pub const UNDONE_WEIGHT: [f64; 2] = [0.01, 100.0];
/// The range of an undone undersampling rate (the share of negatives kept).
pub const KEPT: [f64; 2] = [1e-4, 1.0];

/// How the judged model was trained, to undo its effect on the probabilities.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Undo {
    /// As it is.
    Nothing,
    /// Trained with `pos_weight` w: odds / w (`undo=pw:w`).
    PosWeight(f64),
    /// Trained on a set whose negatives were kept at rate r: odds times r (`undo=neg:r`).
    Undersampled(f64),
}

/// The model the decision panel judges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Judge {
    /// Model A: the scenario's scores, or the imported (first) score column.
    A,
    /// Model B (the second score column of an import).
    B,
    /// The logistic model a loss trains on the population (SPEC 6), scored on the training
    /// view's sample.
    Trained(LossKind),
}

impl Judge {
    /// Every model, in the order the page offers them.
    pub const ALL: [Judge; 2 + LossKind::COUNT] = {
        let mut all = [Judge::A; 2 + LossKind::COUNT];
        all[1] = Judge::B;
        let mut i = 0;
        while i < LossKind::COUNT {
            all[2 + i] = Judge::Trained(LossKind::ALL[i]);
            i += 1;
        }
        all
    };

    /// The key in links.
    pub fn key(self) -> &'static str {
        match self {
            Judge::A => "a",
            Judge::B => "b",
            Judge::Trained(k) => k.key(),
        }
    }
}

/// The fewest rows a sample can have (the slider's left end).
pub const MIN_SAMPLE: u32 = 100;

impl Default for TrainingSettings {
    fn default() -> Self {
        TrainingSettings {
            sep: crate::sim::training::SEP.default,
            rows: 10_000,
            spread_k: 20,
            spread_n: 10_000,
        }
    }
}

/// How the charts and words are shown (not part of the numbers).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewOptions {
    /// Histogram counts on a log axis.
    pub log_counts: bool,
    /// The focal chart shows the modulating factor instead of the loss.
    pub focal_factor: bool,
    /// The probability of the true class at which the focal panel states the factor
    /// `(1 - p_t)^gamma`.
    pub point: f64,
    /// The guided story's step, 1 to `STORY_STEPS`; 0 when the page is not telling it.
    pub story: u32,
    /// The colours of the page and its charts. A view option like the others (not part of the
    /// layout) so that "Open in imbalance-lab" keeps the colours the reader just saw.
    pub theme: ThemeChoice,
    /// The losses the tables and charts show (`losses=`); the results file holds every loss.
    pub losses: Shown,
}

/// Steps of the guided story.
pub const STORY_STEPS: u32 = 9;

impl Default for ViewOptions {
    fn default() -> Self {
        ViewOptions {
            log_counts: true,
            focal_factor: false,
            point: 0.9,
            story: 0,
            theme: ThemeChoice::Auto,
            losses: Shown::default(),
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
    ModelB,
    /// What each loss trains.
    Training,
    /// Costs, deployment prevalence, calibration, uncertainty, and the code.
    Decide,
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

impl Panel {
    /// The panels only the full page's module carries: the comparisons across ratios and
    /// models, training and deciding are a quarter of its code. The embed module
    /// (`src/bin/embed.rs`) shows the others; the start-up script in
    /// `index.html` names the others to choose between the modules.
    pub const FULL_ONLY: [Panel; 4] = [
        Panel::Composition,
        Panel::ModelB,
        Panel::Training,
        Panel::Decide,
    ];
}

impl Keyed for Panel {
    const ALL: &'static [Self] = &[
        Panel::Numbers,
        Panel::Focal,
        Panel::Scores,
        Panel::Share,
        Panel::Threshold,
        Panel::Composition,
        Panel::ModelB,
        Panel::Training,
        Panel::Decide,
    ];
    fn key(self) -> &'static str {
        match self {
            Panel::Numbers => "numbers",
            Panel::Focal => "focal",
            Panel::Scores => "scores",
            Panel::Share => "share",
            Panel::Threshold => "threshold",
            Panel::Composition => "composition",
            Panel::ModelB => "ab",
            Panel::Training => "training",
            Panel::Decide => "decide",
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
            Panel::ModelB => "A/B comparison",
            Panel::Training => "what each loss trains",
            Panel::Decide => "deciding: costs, prevalence, calibration",
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

/// Everything a link carries.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageState {
    /// The numbers' parameters.
    pub scenario: Scenario,
    /// Model B.
    pub model_b: ModelB,
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

impl Layout {
    /// Whether a shown panel reads the validation set's predictions: if none does (the focal
    /// curve alone, say), the page never asks the worker for their exact numbers.
    pub fn reads_predictions(&self) -> bool {
        self.panels
            .iter()
            .any(|p| !matches!(p, Panel::Focal | Panel::Training))
    }
}

impl PageState {
    /// The page's module that shows this state (the file stem the start-up script in `index.html` loads; it makes the
    /// same choice from the link, and tests/link.rs checks the two agree): `curve` for an
    /// embed of the focal curve alone, `embed` for any other embed that is not of the story and
    /// shows no panel of `Panel::FULL_ONLY`, else the full page's.
    pub fn module(&self) -> &'static str {
        let l = &self.layout;
        if !l.embed || self.view.story != 0 || l.panels.iter().any(|p| Panel::FULL_ONLY.contains(p))
        {
            "imbalance-lab"
        } else if l.panels.iter().all(|p| *p == Panel::Focal) {
            "curve"
        } else {
            "embed"
        }
    }
}

/// A state read from a fragment, with what had to be corrected.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// The state.
    pub state: PageState,
    /// One sentence per correction, in the order met.
    pub notices: Vec<String>,
}
