//! A canvas that a pure chart function draws on: sized to its box in device pixels (crisp on
//! HiDPI screens), redrawn when its box, the theme or anything the chart reads changes.

use leptos::prelude::*;
use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::charts::{ChartStyle, DataTable, Figure, Theme};
use crate::ui::backend::PageBackend;
use crate::ui::download::{save_png, save_svg};
use crate::ui::hooks::{element_size, on_screen, when_seen};
use crate::ui::measured::MeasuredCanvas;
use crate::ui::signals::Sources;
use crate::ui::worker_client::Progress;

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

/// Draws `figure` (named `name`) on `el`, its bitmap sized to its CSS box `size` in device
/// pixels.
fn draw(el: HtmlCanvasElement, size: (u32, u32), theme: Theme, figure: Memo<Figure>, name: &str) {
    let (width, height) = size;
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
    let area = PageBackend::Canvas(backend).into_drawing_area();
    let style = ChartStyle { theme, scale };
    let drawn = figure
        .with_untracked(|f| f.draw(&area, &style))
        .and_then(|()| area.present());
    if drawn.is_err() {
        leptos::logging::warn!("the chart {name} could not be drawn");
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
    /// Whether the chart's data also comes from the training run on a sample or the retraining
    /// spread (which are not among the page's sources): off screen it then tracks them too.
    #[prop(optional)]
    from_training_run: bool,
) -> impl IntoView {
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let size = element_size(canvas);
    let theme = use_context::<ReadSignal<Theme>>();
    let theme_now = move || theme.map(|t| t.get_untracked()).unwrap_or_default();
    let name = figure.with_untracked(|f| f.name());
    let visible = on_screen(move || canvas.get().map(|c| c.into()));
    // Off screen, the chart only learns that its sources changed; its data is computed when
    // it is drawn. (Its label, read by screen readers wherever the chart is, stays current.)
    let sources = use_context::<Sources>();
    let run = from_training_run
        .then(use_context::<Progress>)
        .flatten()
        .map(|p| (p.training, p.spread));
    when_seen(
        visible,
        move |seen| {
            size.track();
            match sources {
                Some(s) if !seen => {
                    s.track();
                    if let Some((run, spread)) = run {
                        run.track();
                        spread.track();
                    }
                }
                _ => figure.track(),
            }
            if let Some(t) = theme {
                t.track();
            }
        },
        move || {
            if let Some(el) = canvas.get_untracked() {
                draw(el, size.get_untracked(), theme_now(), figure, name);
            }
        },
    );
    let css_size = move || {
        let (w, h) = size.get_untracked();
        (w.max(320), h.max(200))
    };
    view! {
        <div class="chart-figure">
            <canvas node_ref=canvas id=format!("{name}-chart") class=format!("chart {class}")
                role="img" aria-label=move || label.get()></canvas>
            <div class="chart-tools">
                {data_details(figure, title)}
                <span class="downloads">
                    <button type="button" aria-label=format!("Download {title} as PNG")
                        on:click=super::click(move |_| figure.with_untracked(|f| save_png(f, css_size(), theme_now())))>
                        "PNG"
                    </button>
                    <button type="button" aria-label=format!("Download {title} as SVG")
                        on:click=super::click(move |_| figure.with_untracked(|f| save_svg(f, css_size(), theme_now())))>
                        "SVG"
                    </button>
                </span>
            </div>
        </div>
    }
}

/// The chart's numbers as a table, built when the reader opens it.
fn data_details(figure: Memo<Figure>, title: &'static str) -> impl IntoView {
    let (table_open, set_table_open) = signal(false);
    view! {
        <details class="data" on:toggle:target=move |ev| {
            set_table_open.set(ev.target().has_attribute("open"))
        }>
            <summary>"Data table"</summary>
            {move || table_open.get().then(|| figure.with(|f| data_table(f, title)))}
        </details>
    }
}

/// Two charts side by side (on a wide screen).
#[component]
pub fn ChartPair(
    /// The first chart: what it draws, its title and its label.
    first: (Memo<Figure>, &'static str, Signal<String>),
    /// The second chart, likewise.
    second: (Memo<Figure>, &'static str, Signal<String>),
) -> impl IntoView {
    let [(f1, t1, l1), (f2, t2, l2)] = [first, second];
    view! {
        <div class="chart-row two">
            <ChartCanvas figure=f1 title=t1 label=l1 />
            <ChartCanvas figure=f2 title=t2 label=l2 />
        </div>
    }
}
