//! The browser shell: renders the core's results and turns input events into parameter changes.

pub(crate) mod backend;
pub mod curve;
pub(crate) mod derived;
pub(crate) mod download;
pub(crate) mod embed;
pub(crate) mod hooks;
pub(crate) mod measured;
pub(crate) mod nav;
pub(crate) mod signals;
mod url;
pub(crate) mod widgets;
pub(crate) mod worker_client;

use leptos::prelude::*;

use crate::features::explore::panels::scenario::{Place, any_at, scenario_controls};
use crate::features::import::panel::ImportBox;
use crate::features::panel;
use crate::features::story::panel::story_box;
use crate::features::words::page as words;
use crate::features::words::{FOOTER, LEDE, LEDE_IMPORTED, LEDE_SYNTHETIC};
use crate::format::grouped;
use crate::sim::engine::PREVIEW;
use crate::state::PageState;
use crate::state::link;
use crate::state::{Keyed, Layout, Panel, STORY_STEPS};
use derived::Derived;
use hooks::estimate_marked;
use nav::{panel_nav, skip_link};
use signals::PageSignals;
use widgets::ShareBar;

/// The whole page, opened on the link in the address bar.
#[component]
pub fn App() -> impl IntoView {
    app::<true>()
}

/// The page as the embed module (`src/bin/embed.rs`) builds it: no header, share bar, import,
/// story or words, and no panel of `Panel::FULL_ONLY`. The start-up script (index.html) loads
/// it for the embeds that show none of those (`PageState::module`): a quarter fewer bytes.
pub fn embed_app() -> impl IntoView {
    app::<false>()
}

/// Takes away index.html's shell: the header and lede it paints before any module has loaded
/// (the first screen's largest text, painted with the HTML), which the app now renders itself.
pub(crate) fn drop_shell() {
    if let Some(shell) = document().get_element_by_id("shell") {
        shell.remove();
    }
}

/// The page; `FULL` false leaves out, at compile time, everything an embed never shows.
fn app<const FULL: bool>() -> impl IntoView {
    drop_shell();
    let page = PageSignals::new(link::parse(&url::current_fragment()));
    embed::follow(page);
    url::sync(page);
    let derived = Derived::new(page.scenario, page.model_b, page.data);
    provide_context(worker_client::connect(page, derived));
    provide_context(signals::Sources {
        page,
        answer: derived.answer,
    });
    on_cleanup(worker_client::disconnect);
    // Embeds hide the words: they never start the worker for them.
    if FULL {
        words::follow(page, derived);
    }
    let layout = page.layout;
    // The numbers shown are exact when no shown panel reads the predictions.
    let exact = derived.exact;
    let exact = Memo::new(move |_| exact.get() || !layout.with(Layout::reads_predictions));
    let marked = estimate_marked(exact);
    let embed = move || layout.with(|l| l.embed);
    mark_embedded(layout);
    let shows = move |p: Panel| layout.with(|l| l.shows(p));
    // The scenario's controls first, a task after the header, then the panels one a task.
    let built = build_in_turn(Panel::ALL.len() + 1);
    let built = move |i: usize| built.with(|b| i < *b);
    view! {
        {full::<FULL, _>(|| header(page, derived, embed))}
        {(!FULL).then(hidden_title)}
        // Above the layout, so that on a phone the step comes before the scenario's controls.
        {full::<FULL, _>(|| view! {
            <Show when=move || page.view.with(|v| v.story > 0)>{story_box(page)}</Show>
        })}
        <div class="layout" class:no-controls=move || !any_at(page, Place::Side)>
            <Show when=move || any_at(page, Place::Side) && built(0)>{scenario_controls(page)}</Show>
            <main id="main" tabindex="-1" data-exact=move || exact.get().to_string() class:estimate=move || marked.get()>
                <Notices page />
                // Inside the story, only its last step (your own data) offers the import.
                {full::<FULL, _>(|| view! {
                    <Show when=move || !embed() && page.view.with(|v| v.story % STORY_STEPS == 0)>
                        <ImportBox page />
                    </Show>
                })}
                <ExactStatus marked />
                {Panel::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, &p)| view! {
                        <Show when=move || shows(p) && built(i + 1)>{panel::<FULL>(p, page, derived)}</Show>
                    })
                    .collect_view()}
            </main>
        </div>
        {footer::<FULL>(page, embed)}
    }
}

/// How many of `count` panels may be built: none at first, then one more in a task of its own
/// after each frame. The header and the controls paint before any panel computes its numbers,
/// and no single task builds them all (on a phone's CPU that task held the first paint for
/// over a second).
fn build_in_turn(count: usize) -> ReadSignal<usize> {
    let (built, set_built) = signal(0);
    fn next(set_built: WriteSignal<usize>, n: usize, count: usize) {
        if n >= count {
            return;
        }
        request_animation_frame(move || {
            let more = move || {
                set_built.set(n + 1);
                next(set_built, n + 1, count);
            };
            set_timeout(more, std::time::Duration::ZERO);
        });
    }
    next(set_built, 0, count);
    built
}

/// Embedded pages drop the page chrome; the body's class lets the CSS fit the frame.
fn mark_embedded(layout: RwSignal<Layout>) {
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body
                .class_list()
                .toggle_with_force("embed", layout.with(|l| l.embed));
        }
    });
}

/// What only the full page shows. The embed module gets an empty view whose type does not name
/// `V`, so none of `V`'s code is linked into it (an `Option<V>` would link it all).
fn full<const FULL: bool, V: IntoView + 'static>(view: impl FnOnce() -> V) -> AnyView {
    if FULL {
        view().into_any()
    } else {
        ().into_any()
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
            {skip_link()}
            <header class="site">
                <h1>"imbalance-lab"</h1>
                <p class="lede">
                    {LEDE}
                    // Written here, not by the worker: the lede is the largest text of the
                    // first screen, and it was complete only once the worker had started.
                    <span inner_html=move || if page.data.with(Option::is_some) {
                        LEDE_IMPORTED
                    } else {
                        LEDE_SYNTHETIC
                    }></span>
                    <Show when=move || page.view.with(|v| v.story == 0)>
                        " New here? "<a href="#story=1">"Take the guided story"</a>"."
                    </Show>
                </p>
                <ShareBar page derived />
                {panel_nav(page.layout)}
            </header>
        </Show>
        <Show when=embed>
            // Embedded, the page still has a title for screen readers.
            {hidden_title()}
        </Show>
    }
}

/// An embedded page's title, for screen readers only.
fn hidden_title() -> impl IntoView {
    view! { <header class="visually-hidden"><h1>"imbalance-lab"</h1></header> }
}

/// The page's footer; embedded, a link to the full page with the same settings.
fn footer<const FULL: bool>(
    page: PageSignals,
    embed: impl Fn() -> bool + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let embedded = move || {
        view! {
            <footer class="embed-footer">
                <a href=move || full_page(page) target="_blank" rel="noopener">"Open in imbalance-lab ↗"</a>
            </footer>
        }
    };
    if !FULL {
        return embedded().into_any();
    }
    view! {
        <Show when=move || !embed() fallback=embedded>
            <footer class="site">{words::words(FOOTER)}</footer>
        </Show>
    }
    .into_any()
}

/// The link to the full page with the settings shown.
fn full_page(page: PageSignals) -> String {
    let state = PageState {
        layout: Layout::default(),
        ..page.state()
    };
    format!("{}#{}", url::base_url(), link::format(&state))
}

/// In the embed module, in place of a panel only the full page carries.
pub(crate) fn full_page_only(page: PageSignals) -> impl IntoView {
    view! {
        <section class="panel">
            <p>
                "This panel is shown in the full page: "
                <a href=move || full_page(page) target="_blank" rel="noopener">"open it in imbalance-lab ↗"</a>
            </p>
        </section>
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
