//! Getting around a long page: a skip link to the main content (the first Tab stop) and a list
//! of the panels shown, each a link to its section. Neither is shown in an embed.

use leptos::ev::MouseEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use super::widgets::{click, target};
use crate::state::{Keyed, Layout};

/// The skip link: hidden until the keyboard reaches it.
pub fn skip_link() -> impl IntoView {
    view! { <a class="skip" href="#main" on:click=click(jump)>"Skip to the main content"</a> }
}

/// A link to each panel shown (`layout`'s), in page order.
pub fn panel_nav(layout: RwSignal<Layout>) -> impl IntoView {
    // Written as HTML: a list of views that follows the layout costs the page's module more.
    let links = move || {
        layout.with(|l| {
            l.panels
                .iter()
                .map(|p| format!("<li><a href=\"#{}\">{}</a></li>", p.key(), p.label()))
                .collect::<String>()
        })
    };
    view! {
        <nav class="panel-nav" aria-label="panels" on:click=click(jump)>
            "Jump to: "<ul inner_html=links></ul>
        </nav>
    }
}

/// Follows an in-page link without letting it change the address: the fragment holds the
/// page's state, and `#decide` there would be read as a link with an unknown key.
fn jump(e: MouseEvent) {
    // The links hold only their text, so a click on one comes from the link itself.
    let Some(href) = target::<Element>(&e).and_then(|a| a.get_attribute("href")) else {
        return;
    };
    e.prevent_default();
    bring(href.get(1..).unwrap_or_default());
}

/// Scrolls the element `id` to the top of the window and gives the keyboard's focus to its
/// heading (`{id}-title`, a panel's or the story's) or, without one, to the element itself.
pub fn bring(id: &str) {
    let document = document();
    let Some(el) = document.get_element_by_id(id) else {
        return;
    };
    el.scroll_into_view();
    let focus = document
        .get_element_by_id(&format!("{id}-title"))
        .unwrap_or(el);
    let _ = focus.unchecked_into::<HtmlElement>().focus();
}
