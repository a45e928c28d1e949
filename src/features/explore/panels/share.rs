//! The share of each loss carried by each class.

use leptos::prelude::*;

use crate::charts::Figure;
use crate::features::words::page::words_and;
use crate::features::words::{SHARE, SHARE_TERMS};
use crate::format::percent;
use crate::sim::Class;
use crate::state::Panel;
use crate::ui::derived::Derived;
use crate::ui::signals::shown_losses;
use crate::ui::widgets::{ChartCanvas, PanelFrame};

/// Who pays the loss.
#[component]
pub fn SharePanel(derived: Derived) -> impl IntoView {
    let shown = shown_losses();
    let figure = Memo::new(move |_| Figure::Share(derived.a.losses.get(), shown.get()));
    let label = move || {
        derived.a.losses.with(|l| {
            shown
                .get()
                .iter()
                .map(|k| {
                    let share = l.get(k).share(Class::Negative);
                    format!("{}: negatives {}", k.name(), percent(share))
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
    };
    view! {
        <PanelFrame panel=Panel::Share title="Who pays the loss" class="split">
            <div class="figure">
            <ChartCanvas figure class="short" title="who pays the loss" label=Signal::derive(label) />
            </div>
            <div class="words">{words_and(SHARE, SHARE_TERMS)}</div>
        </PanelFrame>
    }
}
