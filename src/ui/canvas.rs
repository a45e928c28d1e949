//! A canvas that a pure chart function draws on: sized to its box in device pixels (crisp on
//! HiDPI screens), redrawn when its box, the theme or anything the chart reads changes.

use leptos::__reexports::send_wrapper::SendWrapper;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::wasm_bindgen::closure::Closure;
use plotters::coord::Shift;
use plotters::prelude::*;
use web_sys::{MediaQueryList, ResizeObserver};

use super::measured::MeasuredCanvas;
use crate::charts::{ChartStyle, DrawResult, Theme};

/// The drawing area a chart function gets in the page.
pub type CanvasArea = DrawingArea<MeasuredCanvas, Shift>;

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

/// A chart on a canvas.
#[component]
pub fn ChartCanvas<F>(
    /// Element id.
    id: &'static str,
    /// What the chart shows, for screen readers.
    #[prop(into)]
    label: Signal<String>,
    /// Extra CSS class (sets the aspect ratio).
    #[prop(optional)]
    class: &'static str,
    /// Draws the chart; everything it reads is tracked, so it reruns when that changes.
    draw: F,
) -> impl IntoView
where
    F: Fn(&CanvasArea, &ChartStyle) -> DrawResult<MeasuredCanvas> + 'static,
{
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let size = element_size(canvas);
    let theme = use_context::<ReadSignal<Theme>>();
    Effect::new(move |_| {
        let (width, height) = size.get();
        let theme = theme.map(|t| t.get()).unwrap_or_default();
        let Some(el) = canvas.get() else { return };
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
        if draw(&area, &style).and_then(|()| area.present()).is_err() {
            leptos::logging::warn!("the chart {id} could not be drawn");
        }
    });
    view! {
        <canvas node_ref=canvas id=id class=format!("chart {class}") role="img"
            aria-label=move || label.get()></canvas>
    }
}
