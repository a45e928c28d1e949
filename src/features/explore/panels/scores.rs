//! Per-class score histograms with the threshold.

use leptos::prelude::*;

use crate::charts::Figure;
use crate::features::explore::charts::scores::ScoreHistogram;
use crate::features::words::page::words_and;
use crate::features::words::{SCORES, SCORES_TERMS};
use crate::sim::Scenario;
use crate::state::{Panel, ViewOptions};
use crate::ui::derived::Derived;
use crate::ui::widgets::{ChartCanvas, PanelFrame, Toggle};

/// What the model predicts, class by class.
#[component]
pub fn ScoresPanel(
    scenario: RwSignal<Scenario>,
    options: RwSignal<ViewOptions>,
    derived: Derived,
) -> impl IntoView {
    let data = move || {
        let (neg, pos) = derived.histograms.get();
        ScoreHistogram {
            neg,
            pos,
            threshold: scenario.with(|s| s.threshold),
            confusion: derived.a.metrics.with(|m| m.confusion),
            log: options.with(|o| o.log_counts),
        }
    };
    let figure = Memo::new(move |_| Figure::Scores(data()));
    let label = move || {
        let c = derived.a.metrics.with(|m| m.confusion);
        format!(
            "Histograms of the predicted probabilities of each class, threshold {}: TN {}, FP {}, \
             FN {}, TP {}",
            scenario.with(|s| s.threshold),
            c.tn,
            c.fp,
            c.fn_,
            c.tp
        )
    };
    view! {
        <PanelFrame panel=Panel::Scores title="What the model predicts, class by class" class="split">
            <div class="figure">
            <ChartCanvas figure title="score histograms" label=Signal::derive(label) />
            <Toggle id="log-counts" options get=|o| o.log_counts set=|o, v| o.log_counts = v>
                "log scale for counts"
            </Toggle>
            </div>
            <div class="words">{words_and(SCORES, SCORES_TERMS)}</div>
        </PanelFrame>
    }
}
