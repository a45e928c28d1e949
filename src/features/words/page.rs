//! The page's words: every sentence about the current numbers, the terms' definitions and the
//! guided story, written by the worker (`features::words`) into boxes the page holds empty.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering::Relaxed};

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::features::words::{BOXES, STORY, WordsJob};
use crate::state::Layout;
use crate::ui::derived::Derived;
use crate::ui::nav::bring;
use crate::ui::signals::PageSignals;
use crate::ui::worker_client::{Progress, request_words};

/// How long the page's state stays still before the words are asked for: words are read, not
/// watched, and rewriting a dozen boxes on every input of a drag cost the drag its frames.
const SETTLE: std::time::Duration = std::time::Duration::from_millis(120);

/// Keeps the worker writing the words for the page's state, once it has settled.
pub fn follow(page: PageSignals, derived: Derived) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let view = page.view.get();
        let job = WordsJob {
            id: 0,
            request: derived.request.get(),
            point: view.point,
            story: view.story,
            embed: page.layout.with(|l| l.embed),
            costs: page.decision.with(|d| [d.cost_fp, d.cost_fn, d.reward_tp]),
            shown: view.losses,
            sep: page.training.with(|t| t.sep),
        };
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        pending.set_value(set_timeout_with_handle(move || request_words(job), SETTLE).ok());
    });
    // Once a step's words are in, its box comes into view and the keyboard's focus goes to its
    // heading: on opening a story link and on each new step (only the newest job's words are
    // taken, so they are the step's). An embed opens where it is: bringing its box into view
    // would scroll the host's page.
    let embed = page.layout.with_untracked(|l| l.embed);
    let shown = Arc::new(AtomicU32::new(if embed {
        page.view.with_untracked(|v| v.story)
    } else {
        0
    }));
    Effect::new(move |_| {
        let empty = text(STORY).is_empty();
        let step = page.view.with_untracked(|v| v.story);
        if step == 0 {
            shown.store(0, Relaxed);
        } else if !empty && shown.swap(step, Relaxed) != step {
            // After the box has taken its new HTML (a heading focused before would be replaced).
            request_animation_frame(|| bring("story"));
        }
    });
}

/// The HTML the worker wrote for box `i` of `BOXES` (empty until it has).
pub fn text(i: usize) -> String {
    use_context::<Progress>()
        .and_then(|p| {
            p.words
                .with(|w| w.as_ref().map(|w| w.0.sections[i].clone()))
        })
        .unwrap_or_default()
}

/// Box `i` of `BOXES`.
pub fn words(i: usize) -> impl IntoView {
    view! { <div class="words-box" id=BOXES[i] inner_html=move || text(i)></div> }
}

/// Boxes `i` and `j` of `BOXES`, one after the other (a panel's words, then what never changes
/// beside them: formulas and terms).
pub fn words_and(i: usize, j: usize) -> impl IntoView {
    (words(i), words(j))
}

/// "Leave the story" (a button in the story's words): the story ends and the full page comes
/// back; everything else the reader set stays. The keyboard's focus goes to the main region.
pub fn leave(page: PageSignals, e: leptos::ev::MouseEvent) {
    if crate::ui::widgets::data_act(&e).as_deref() != Some("leave") {
        return;
    }
    page.view.update(|v| v.story = 0);
    page.layout.update(|l| {
        *l = Layout {
            embed: l.embed,
            ..Layout::default()
        }
    });
    if let Some(main) = document().query_selector("main").ok().flatten() {
        let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}
