//! The browser shell: renders the core's results and turns input events into parameter changes.

pub(crate) mod backend;
pub(crate) mod derived;
pub(crate) mod download;
pub(crate) mod hooks;
pub(crate) mod measured;
pub(crate) mod signals;
mod url;
pub(crate) mod widgets;
pub(crate) mod worker_client;

use leptos::prelude::*;

use crate::features::explore::panels::scenario::ScenarioControls;
use crate::features::import::panel::ImportBox;
use crate::features::panel;
use crate::features::words::page as words;
use crate::features::words::{FOOTER, LEDE, STORY};
use crate::format::grouped;
use crate::sim::engine::PREVIEW;
use crate::state::PageState;
use crate::state::link;
use crate::state::{Keyed, Layout, Panel, STORY_STEPS};
use derived::Derived;
use hooks::{estimate_marked, system_theme};
use signals::PageSignals;
use widgets::ShareBar;

/// The whole page, opened on the link in the address bar.
#[component]
pub fn App() -> impl IntoView {
    let page = PageSignals::new(link::parse(&url::current_fragment()));
    provide_context(system_theme());
    url::sync(page);
    let derived = Derived::new(page.scenario, page.model_b, page.data);
    provide_context(worker_client::connect(page, derived));
    provide_context(signals::Sources {
        page,
        answer: derived.answer,
    });
    on_cleanup(worker_client::disconnect);
    words::follow(page, derived);
    let exact = derived.exact;
    let marked = estimate_marked(exact);
    let layout = page.layout;
    let embed = move || layout.with(|l| l.embed);
    // Embedded pages drop the page chrome; the body's class lets the CSS fit the frame.
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.class_list().toggle_with_force("embed", embed());
        }
    });
    let shows = move |p: Panel| layout.with(|l| l.shows(p));
    view! {
        {header(page, derived, embed)}
        <div class="layout" class:no-controls=move || layout.with(|l| l.controls.is_empty())>
            <Show when=move || layout.with(|l| !l.controls.is_empty())>
                <ScenarioControls scenario=page.scenario layout
                    imported=Signal::derive(move || page.data.with(Option::is_some)) />
            </Show>
            <main tabindex="-1" data-exact=move || exact.get().to_string() class:estimate=move || marked.get()>
                <Notices page />
                <Show when=move || page.view.with(|v| v.story > 0)>
                    <section class="panel story" aria-label="guided story"
                        on:click=widgets::click(move |e| words::leave(page, e))
                        inner_html=move || words::text(STORY)></section>
                </Show>
                // Inside the story, only its last step (your own data) offers the import.
                <Show when=move || !embed() && page.view.with(|v| v.story % STORY_STEPS == 0)>
                    <ImportBox page />
                </Show>
                <ExactStatus marked />
                {Panel::ALL
                    .iter()
                    .map(|&p| view! { <Show when=move || shows(p)>{panel(p, page, derived)}</Show> })
                    .collect_view()}
            </main>
        </div>
        {footer(page, embed)}
    }
}

/// The page's title, lede and share bar; embedded, only a title for screen readers.
fn header(
    page: PageSignals,
    derived: Derived,
    embed: impl Fn() -> bool + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <Show when=move || !embed()>
            <header class="site">
                <h1>"imbalance-lab"</h1>
                <p class="lede">
                    "Why a falling validation loss can hide a model that got worse at the rare "
                    "class, and what class weights and focal loss change. "
                    <span id="w-lede" inner_html=move || words::text(LEDE)></span>
                </p>
                <ShareBar page derived />
            </header>
        </Show>
        <Show when=embed>
            // Embedded, the page still has a title for screen readers.
            <header class="visually-hidden"><h1>"imbalance-lab"</h1></header>
        </Show>
    }
}

/// The page's footer; embedded, a link to the full page with the same settings.
fn footer(
    page: PageSignals,
    embed: impl Fn() -> bool + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let full_page = move || {
        let state = PageState {
            layout: Layout::default(),
            ..page.state()
        };
        format!("{}#{}", url::base_url(), link::format(&state))
    };
    view! {
        <Show
            when=move || !embed()
            fallback=move || view! {
                <footer class="embed-footer">
                    <a href=full_page target="_blank" rel="noopener">"Open in imbalance-lab ↗"</a>
                </footer>
            }
        >
            <footer class="site">{words::words(FOOTER)}</footer>
        </Show>
    }
}

/// While the shown numbers are a marked estimate: says so, with the exact numbers' progress.
#[component]
fn ExactStatus(marked: ReadSignal<bool>) -> impl IntoView {
    let progress = expect_context::<worker_client::Progress>().exact;
    view! {
        <p class="exact-status" role="status" class:visible=move || marked.get()>
            {move || marked.get().then(|| {
                let p = progress.get().unwrap_or(0.0);
                view! {
                    <progress max="1" value=p aria-label="exact numbers"></progress>
                    {format!(
                        " Numbers in italics are estimates from a {}-sample preview of each large class; exact numbers {:.0} % done.",
                        grouped(u64::from(PREVIEW)),
                        100.0 * p
                    )}
                }
            })}
        </p>
    }
}

/// What had to be corrected in the link the page was opened with.
#[component]
fn Notices(page: PageSignals) -> impl IntoView {
    let notices = page.notices;
    view! {
        <Show when=move || notices.with(|n| !n.is_empty())>
            <div class="notices" role="status">
                <p>"About the link this page was opened with:"</p>
                <ul>
                    {move || notices.get().into_iter().map(|n| view! { <li>{n}</li> }).collect::<Vec<_>>()}
                </ul>
                <button type="button" on:click=widgets::click(move |_| notices.set(Vec::new()))>"Dismiss"</button>
            </div>
        </Show>
    }
}
