//! A canvas that a pure chart function draws on: sized to its box in device pixels (crisp on
//! HiDPI screens), redrawn when its box, the theme or anything the chart reads changes.

use leptos::__reexports::send_wrapper::SendWrapper;
use std::time::Duration;

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::wasm_bindgen::closure::Closure;
use plotters::prelude::*;
use web_sys::{MediaQueryList, ResizeObserver};

use super::download::{save_png, save_svg};
use super::measured::MeasuredCanvas;
use crate::charts::{ChartStyle, DataTable, Figure, Theme};

/// The system's colour scheme, following changes while the page is open.
pub fn system_theme() -> ReadSignal<Theme> {
    let query: Option<MediaQueryList> = window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten();
    let theme_of = |dark: bool| if dark { Theme::Dark } else { Theme::Light };
    let (theme, set_theme) = signal(theme_of(query.as_ref().is_some_and(|q| q.matches())));
    if let Some(query) = query {
        let on_change = Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(
            move |ev: web_sys::MediaQueryListEvent| set_theme.set(theme_of(ev.matches())),
        );
        let _ =
            query.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        let keep = SendWrapper::new((query, on_change));
        on_cleanup(move || {
            let (query, on_change) = keep.take();
            let _ = query
                .remove_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        });
    }
    theme
}

/// How long an off-screen chart or table waits after the last change before it catches up.
pub const OFFSCREEN_DELAY: Duration = Duration::from_millis(250);

/// Whether an element is on screen (or within 100 px of it), kept current by an
/// IntersectionObserver. What is off screen can wait: during a drag only what the reader sees is
/// redrawn, the rest catches up a moment after the drag stops.
pub fn on_screen(get: impl Fn() -> Option<web_sys::Element> + 'static) -> ReadSignal<bool> {
    let (visible, set_visible) = signal(false);
    Effect::new(move |_| {
        let Some(el) = get() else { return };
        let on_change = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Some(entry) = entries
                .iter()
                .last()
                .and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
            {
                set_visible.set(entry.is_intersecting());
            }
        });
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin("100px");
        let Ok(observer) = web_sys::IntersectionObserver::new_with_options(
            on_change.as_ref().unchecked_ref(),
            &options,
        ) else {
            set_visible.set(true);
            return;
        };
        observer.observe(&el);
        let keep = SendWrapper::new((observer, on_change));
        on_cleanup(move || keep.take().0.disconnect());
    });
    visible
}

/// Runs `act` after each change that `track` reads: at once while `visible`; off screen, a
/// moment after the last change (so the page is complete when the reader scrolls, prints or
/// saves), or as soon as it scrolls into view, whichever comes first.
pub fn when_seen(
    visible: ReadSignal<bool>,
    track: impl Fn() + 'static,
    act: impl Fn() + Copy + Send + Sync + 'static,
) {
    let dirty = StoredValue::new(false);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let run = move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        act();
        dirty.set_value(false);
    };
    Effect::new(move |_| {
        track();
        if visible.get_untracked() {
            run();
        } else {
            dirty.set_value(true);
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            pending.set_value(set_timeout_with_handle(run, OFFSCREEN_DELAY).ok());
        }
    });
    Effect::new(move |_| {
        if visible.get() && dirty.get_value() {
            run();
        }
    });
}

/// The CSS size of an element, kept current by a ResizeObserver.
fn element_size(node: NodeRef<leptos::html::Canvas>) -> ReadSignal<(u32, u32)> {
    let (size, set_size) = signal((0, 0));
    Effect::new(move |_| {
        let Some(el) = node.get() else { return };
        let target = el.clone();
        let on_resize = Closure::<dyn Fn()>::new(move || {
            set_size.set((target.client_width() as u32, target.client_height() as u32));
        });
        let Ok(observer) = ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else {
            return;
        };
        observer.observe(&el);
        let keep = SendWrapper::new((observer, on_resize));
        on_cleanup(move || keep.take().0.disconnect());
    });
    size
}

/// The rows of a chart's data table.
fn data_table(figure: &Figure, title: &str) -> impl IntoView + use<> {
    let DataTable { header, rows } = figure.table();
    let head = header
        .into_iter()
        .map(|h| view! { <th scope="col">{h}</th> })
        .collect::<Vec<_>>();
    let body = rows
        .into_iter()
        .map(|row| {
            let mut cells = row.into_iter();
            let first = cells.next().unwrap_or_default();
            let rest = cells.map(|c| view! { <td>{c}</td> }).collect::<Vec<_>>();
            view! { <tr><th scope="row">{first}</th>{rest}</tr> }
        })
        .collect::<Vec<_>>();
    view! {
        <div class="table-wrap">
            <table class="numbers data" aria-label=format!("{title}: data")>
                <thead><tr>{head}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// A chart on a canvas, with its downloads and its numbers as a table.
#[component]
pub fn ChartCanvas(
    /// What to draw; the canvas redraws whenever it changes.
    figure: Memo<Figure>,
    /// The chart's title, for downloads and the data table.
    title: &'static str,
    /// What the chart shows now, for screen readers.
    #[prop(into)]
    label: Signal<String>,
    /// Extra CSS class (sets the aspect ratio).
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let size = element_size(canvas);
    let theme = use_context::<ReadSignal<Theme>>();
    let theme_now = move || theme.map(|t| t.get_untracked()).unwrap_or_default();
    let name = figure.with_untracked(|f| f.name());
    let visible = on_screen(move || canvas.get().map(|c| c.into()));
    let draw = move || {
        let (width, height) = size.get_untracked();
        let theme = theme.map(|t| t.get_untracked()).unwrap_or_default();
        let Some(el) = canvas.get_untracked() else {
            return;
        };
        if width == 0 || height == 0 {
            return;
        }
        let scale = window().device_pixel_ratio().clamp(1.0, 4.0);
        let (w, h) = (
            (f64::from(width) * scale).round() as u32,
            (f64::from(height) * scale).round() as u32,
        );
        // Resizing the bitmap reallocates it: only when the box or the density changed (every
        // chart paints its whole background, so an unchanged bitmap needs no clearing).
        if el.width() != w || el.height() != h {
            el.set_width(w);
            el.set_height(h);
        }
        let Some(backend) = MeasuredCanvas::new(el) else {
            return;
        };
        let area = backend.into_drawing_area();
        let style = ChartStyle { theme, scale };
        let drawn = figure
            .with_untracked(|f| f.draw(&area, &style))
            .and_then(|()| area.present());
        if drawn.is_err() {
            leptos::logging::warn!("the chart {name} could not be drawn");
        }
    };
    when_seen(
        visible,
        move || {
            size.track();
            figure.track();
            if let Some(t) = theme {
                t.track();
            }
        },
        draw,
    );
    let (table_open, set_table_open) = signal(false);
    let css_size = move || {
        let (w, h) = size.get_untracked();
        (w.max(320), h.max(200))
    };
    view! {
        <div class="chart-figure">
            <canvas node_ref=canvas id=format!("{name}-chart") class=format!("chart {class}")
                role="img" aria-label=move || label.get()></canvas>
            <div class="chart-tools">
                <details class="data" on:toggle:target=move |ev| {
                    set_table_open.set(ev.target().has_attribute("open"))
                }>
                    <summary>"Data table"</summary>
                    {move || table_open.get().then(|| figure.with(|f| data_table(f, title)))}
                </details>
                <span class="downloads">
                    <button type="button" aria-label=format!("Download {title} as PNG")
                        on:click=move |_| figure.with_untracked(|f| save_png(f, css_size(), theme_now()))>
                        "PNG"
                    </button>
                    <button type="button" aria-label=format!("Download {title} as SVG")
                        on:click=move |_| figure.with_untracked(|f| save_svg(f, css_size(), theme_now()))>
                        "SVG"
                    </button>
                </span>
            </div>
        </div>
    }
}
