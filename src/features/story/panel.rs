//! The story's box on the page, above the panels (on a phone, above the scenario's controls
//! too): the step's words, which the worker writes, with the step's own controls between its
//! words and its links, so a reader moves a slider beside the sentence that asks them to.

use leptos::prelude::*;

use crate::features::explore::panels::scenario::{Place, controls};
use crate::features::words::STORY;
use crate::features::words::page::{leave, text};
use crate::ui::signals::PageSignals;
use crate::ui::widgets::click;

/// The step's box, while the story runs.
pub fn story_box(page: PageSignals) -> impl IntoView {
    view! {
        <section class="panel story" id="story" aria-label="guided story"
            on:click=click(move |e| leave(page, e))>
            <div inner_html=part(false)></div>
            <div class="story-controls" role="group" aria-label="this step's controls">
                {controls(page, Place::Story)}
            </div>
            <div inner_html=part(true)></div>
        </section>
    }
}

/// The worker's story HTML before its links (`links` false) or from them: one closure type for
/// both, so the page's module holds the code that sets them once.
fn part(links: bool) -> impl Fn() -> String + Send + Sync + 'static {
    move || {
        let html = text(STORY);
        // The links are the box's `<nav>`, last.
        let at = html
            .as_bytes()
            .windows(4)
            .position(|w| w == b"<nav")
            .unwrap_or(html.len());
        let (words, nav) = html.split_at(at);
        if links { nav } else { words }.to_string()
    }
}
