//! The page's state in signals (`PageSignals`): the reactive mirror of `state::PageState`, the
//! one source of truth, one signal per part (the URL mirrors it). What is derived from it lives
//! in `derived/`.

use crate::sim::loss::Shown;
use std::sync::Arc;

use leptos::prelude::*;

use crate::features::import::worker::ImportSummary;
use crate::sim::Scenario;
use crate::sim::engine::Answer;
use crate::state::{DecisionSettings, Judge, Layout, ModelB, Panel, TrainingSettings, ViewOptions};
use crate::state::{PageState, Parsed};

/// Predictions imported from a file, shown instead of the synthetic scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// What the engine holds, with each class's preview.
    pub summary: Shared<ImportSummary>,
    /// The file's name (or "pasted text").
    pub file: String,
    /// The synthetic scenario's counts, restored on the way back.
    pub before: [u32; 2],
}

/// The page's state: one signal per part, so a control notifies only what reads its part.
#[derive(Clone, Copy)]
pub struct PageSignals {
    /// The numbers' parameters.
    pub scenario: RwSignal<Scenario>,
    /// Model B.
    pub model_b: RwSignal<ModelB>,
    /// How the charts are shown.
    pub view: RwSignal<ViewOptions>,
    /// The training view's separation.
    pub training: RwSignal<TrainingSettings>,
    /// Which panels and controls appear.
    pub layout: RwSignal<Layout>,
    /// The decision panel's settings.
    pub decision: RwSignal<DecisionSettings>,
    /// What had to be corrected in the link the page was opened with.
    pub notices: RwSignal<Vec<String>>,
    /// Imported predictions, while the page shows them (a link cannot carry them).
    pub data: RwSignal<Option<Imported>>,
}

/// The losses the page's tables and charts show (the reader's choice, `losses=`), for every
/// component that lists losses.
#[derive(Clone, Copy)]
pub struct ShownLosses(pub Memo<Shown>);

/// The shown losses (section 2's four outside a page, as in component tests).
pub fn shown_losses() -> Signal<Shown> {
    match use_context::<ShownLosses>() {
        Some(ShownLosses(m)) => m.into(),
        None => Signal::stored(Shown::default()),
    }
}

impl PageSignals {
    /// The page opened on a link.
    pub fn new(parsed: Parsed) -> Self {
        let s = parsed.state;
        let view = RwSignal::new(s.view);
        provide_context(ShownLosses(Memo::new(move |_| view.with(|v| v.losses))));
        PageSignals {
            scenario: RwSignal::new(s.scenario),
            model_b: RwSignal::new(s.model_b),
            view,
            training: RwSignal::new(s.training),
            layout: RwSignal::new(s.layout),
            decision: RwSignal::new(s.decision),
            notices: RwSignal::new(parsed.notices),
            data: RwSignal::new(None),
        }
    }

    /// Shows imported predictions: the scenario takes the file's class counts (its accuracies
    /// and seed then play no part); the synthetic counts come back with `back_to_synthetic`.
    pub fn show_import(&self, summary: ImportSummary, file: String) {
        let before = self
            .data
            .with_untracked(|d| d.as_ref().map(|d| d.before))
            .unwrap_or_else(|| self.scenario.with_untracked(|s| [s.neg, s.pos]));
        let [neg, pos] = summary.counts;
        self.scenario.update(|s| {
            s.neg = neg;
            s.pos = pos;
        });
        self.data.set(Some(Imported {
            summary: Shared(Arc::new(summary)),
            file,
            before,
        }));
    }

    /// Back to the synthetic scenario, with the counts it had.
    pub fn back_to_synthetic(&self) {
        if let Some(d) = self.data.get_untracked() {
            self.data.set(None);
            self.scenario.update(|s| [s.neg, s.pos] = d.before);
        }
    }

    /// The model the decision panel judges, which the metrics table follows; model A where
    /// the page shows no decision panel (an embed, say). Tracked.
    pub fn judged(&self) -> Judge {
        match self.layout.with(|l| l.shows(Panel::Decide)) {
            true => self.decision.with(|d| d.judge),
            false => Judge::A,
        }
    }

    /// The whole state (tracked).
    pub fn state(&self) -> PageState {
        PageState {
            scenario: self.scenario.get(),
            model_b: self.model_b.get(),
            view: self.view.get(),
            training: self.training.get(),
            layout: self.layout.get(),
            decision: self.decision.get(),
            imported: self.data.with(Option::is_some),
        }
    }

    /// The whole state (untracked).
    pub fn state_untracked(&self) -> PageState {
        untrack(|| self.state())
    }

    /// Replaces the whole state, touching only the parts that differ.
    pub fn set(&self, s: PageState) {
        set_changed(self.scenario, s.scenario);
        set_changed(self.model_b, s.model_b);
        set_changed(self.view, s.view);
        set_changed(self.training, s.training);
        set_changed(self.layout, s.layout);
        set_changed(self.decision, s.decision);
    }
}

/// Sets `signal` to `value` unless it holds it already: its readers hear only of a change.
fn set_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|v| *v != value) {
        signal.set(value);
    }
}

/// Everything a chart's data is made from: cheap to track, so a chart off screen learns that
/// it may have changed without computing its data (it does that when it is drawn).
#[derive(Clone, Copy)]
pub struct Sources {
    /// The page's state.
    pub page: PageSignals,
    /// The engine's last answer.
    pub answer: RwSignal<Option<Shared<Answer>>>,
}

impl Sources {
    /// Subscribes to every source.
    pub fn track(&self) {
        self.page.scenario.track();
        self.page.model_b.track();
        self.page.view.track();
        self.page.training.track();
        self.page.data.track();
        self.answer.track();
    }
}

/// Large memoised data, compared by identity: a fresh computation is always a change, and no
/// memo ever compares a million samples element by element.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}
