//! The page as the curve module (`src/bin/curve.rs`) builds it: the focal curve and the
//! scenario's controls, and nothing that draws or reads predictions (no derived numbers, no
//! worker). A link that asks for another panel gets a link to the full page in its place.

use leptos::prelude::*;

use super::signals::PageSignals;
use super::{Notices, footer, full_page_only, hidden_title, mark_embedded, url};
use crate::features::explore::panels::scenario::{Place, any_at, scenario_controls};
use crate::features::focal::panel::FocalPanel;
use crate::state::link;
use crate::state::{Keyed, Panel};

/// The focal curve's embed.
pub fn curve_app() -> impl IntoView {
    super::drop_shell();
    let page = PageSignals::new(link::parse(&url::current_fragment()));
    super::embed::follow(page);
    url::sync(page);
    let layout = page.layout;
    mark_embedded(layout);
    let shows = move |p: Panel| layout.with(|l| l.shows(p));
    let (scenario, options) = (page.scenario, page.view);
    view! {
        {hidden_title()}
        <div class="layout" class:no-controls=move || !any_at(page, Place::Side)>
            <Show when=move || any_at(page, Place::Side)>{scenario_controls(page)}</Show>
            <main tabindex="-1" data-exact="true">
                <Notices page />
                {Panel::ALL
                    .iter()
                    .map(|&p| view! {
                        <Show when=move || shows(p)>
                            {match p {
                                Panel::Focal => view! { <FocalPanel scenario options /> }.into_any(),
                                _ => full_page_only(page).into_any(),
                            }}
                        </Show>
                    })
                    .collect_view()}
            </main>
        </div>
        {footer::<false>(page, move || layout.with(|l| l.embed))}
    }
}
