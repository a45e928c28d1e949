//! Sharing and exporting: copy the link, get an embed snippet, download results and
//! predictions.

use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::export::{ImportedSource, PredictionsJob, losses_json, metrics_json, results_json_from};
use crate::features::training::job::TrainRun;
use crate::features::training::panel::{sample_request, spread_request};
use crate::features::training::spread_job::SpreadRun;
use crate::format::escape_html;
use crate::sim::training::spread::SpreadResults;
use crate::sim::training::{Binormal, LossParams, Training, training_json};
use crate::state::link;
use crate::state::{Control, Judge, Keyed, Layout, Panel, ThemeChoice};
use crate::ui::derived::Derived;
use crate::ui::download::save_text;
use crate::ui::signals::PageSignals;
use crate::ui::url::base_url;
use crate::ui::worker_client::{Progress, save_predictions};

/// The link to the current view.
pub fn current_link(page: &PageSignals) -> String {
    format!("{}#{}", base_url(), link::format(&page.state_untracked()))
}

/// Checkboxes choosing a subset of `T`.
fn pick<T: Keyed + Send + Sync>(
    legend: &'static str,
    chosen: RwSignal<Vec<T>>,
    prefix: &'static str,
) -> impl IntoView {
    let boxes = T::ALL
        .iter()
        .map(|&item| {
            let id = format!("{prefix}-{}", item.key());
            let label_for = id.clone();
            view! {
                <label class="pick" for=label_for>
                    <input type="checkbox" id=id
                        prop:checked=move || chosen.with(|c| c.contains(&item))
                        on:change:target=move |ev| {
                            let on = ev.target().checked();
                            chosen.update(|c| {
                                c.retain(|x| *x != item);
                                if on {
                                    c.push(item);
                                }
                                let keep = c.clone();
                                *c = T::ALL.iter().copied().filter(|x| keep.contains(x)).collect();
                            });
                        } />
                    {item.label()}
                </label>
            }
        })
        .collect::<Vec<_>>();
    view! { <fieldset><legend>{legend}</legend>{boxes}</fieldset> }
}

/// The bar of share and export buttons, and the embed dialog.
#[component]
pub fn ShareBar(
    /// The page's state.
    page: PageSignals,
    /// The numbers to export.
    derived: Derived,
) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let Progress {
        csv: progress,
        training,
        spread,
        ..
    } = expect_context::<Progress>();
    let copy = move |_| copy_link(&page, status);
    let results = move |_| save_results(&page, &derived, training, spread);
    let predictions = move |_| save_predictions(predictions_job(&page, &derived));
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    view! {
        <div class="share-bar" role="toolbar" aria-label="share and export">
            <button type="button" on:click=super::click(copy)>"Copy link"</button>
            <button type="button" on:click=super::click(move |_| {
                if let Some(d) = dialog.get() {
                    let _ = d.show_modal();
                }
            })>"Embed…"</button>
            <button type="button" on:click=super::click(results)>"Download results (JSON)"</button>
            <button type="button" on:click=super::click(predictions)
                disabled=move || progress.get().is_some()>"Download predictions (CSV)"</button>
            {move || progress.get().map(|p| view! {
                <span class="progress" role="status">
                    <progress max="1" value=p aria-label="preparing the predictions file"></progress>
                    {format!(" {:.0} %", 100.0 * p)}
                </span>
            })}
            <span class="share-status" role="status">{move || status.get()}</span>
        </div>
        {embed_dialog(page, dialog)}
    }
}

/// Copies the link to the current view, saying so in `status` (or showing the link to copy).
fn copy_link(page: &PageSignals, status: RwSignal<String>) {
    let href = current_link(page);
    let imported = page.data.with_untracked(Option::is_some);
    let promise = window().navigator().clipboard().write_text(&href);
    leptos::task::spawn_local(async move {
        status.set(match JsFuture::from(promise).await {
            Ok(_) if imported => "Link copied. It carries the settings, not the imported \
                 predictions: they never leave this browser, and the link says so when opened."
                .into(),
            Ok(_) => "Link copied.".into(),
            Err(_) => format!("Copy this link: {href}"),
        });
    });
}

/// Whether the page holds a model B of its own: always with synthetic scores, with imported
/// ones when the file has a second score column.
fn holds_model_b(page: &PageSignals) -> bool {
    page.data
        .with_untracked(|d| d.as_ref().is_none_or(|d| d.summary.0.names.len() == 2))
}

/// What the predictions file holds: model A, model B if the page holds one, and the trained
/// model the decision panel judges, if it judges one.
fn predictions_job(page: &PageSignals, derived: &Derived) -> PredictionsJob {
    PredictionsJob {
        request: derived.request.get_untracked(),
        model_b: holds_model_b(page),
        trained: match untrack(|| page.judged()) {
            Judge::Trained(kind) => Some((kind, page.training.get_untracked())),
            _ => None,
        },
    }
}

/// The results file's `model_b`: model B's losses and metrics, as the page shows them.
fn model_b_json(derived: &Derived) -> String {
    let (losses, metrics) = (
        derived.b.losses.get_untracked(),
        derived.b.metrics.get_untracked(),
    );
    format!(
        "{{\n    \"losses\": {},\n    \"metrics\": {}\n  }}",
        losses_json(&losses, "    "),
        metrics_json(&metrics)
    )
}

/// Downloads the results file: the numbers on the page, what each loss trains, and the
/// decision panel's sections when they are current.
fn save_results(
    page: &PageSignals,
    derived: &Derived,
    run: RwSignal<Option<TrainRun>>,
    spread: RwSignal<Option<SpreadRun>>,
) {
    let s = page.scenario.get_untracked();
    // SPEC section 6: the models each loss trains, on the population of the training view.
    let pop = Binormal::from_scenario(&s, page.training.get_untracked().sep);
    let mut training = Training::compute(&pop, &LossParams::from_scenario(&s), s.threshold, None);
    // The models trained on a sample, when a run reached the optimum of the sample the
    // page's settings describe.
    let wanted = sample_request(&s, &page.training.get_untracked());
    training.sample = run.with_untracked(|run| {
        run.as_ref()
            .filter(|r| r.request == wanted)
            .and_then(TrainRun::sample_fits)
    });
    // The retraining spread, when a run of the settings on the page has completed.
    let wanted = spread_request(&s, &page.training.get_untracked());
    training.spread = spread.with_untracked(|run| {
        let run = run
            .as_ref()
            .filter(|r| r.request == wanted && r.complete())?;
        Some(SpreadResults {
            request: run.request.clamped(),
            spread: run.spread?,
        })
    });
    let mut sections = Vec::new();
    if holds_model_b(page) {
        sections.push(("model_b", model_b_json(derived)));
    }
    sections.push(("training", training_json(&training)));
    let request = derived.request.get_untracked();
    sections.extend(crate::features::decide::panel::results_sections(
        page, &request,
    ));
    let text = derived.a.losses.with_untracked(|l| {
        derived.a.metrics.with_untracked(|m| {
            page.data.with_untracked(|d| {
                let source = d.as_ref().map(|d| ImportedSource {
                    rows: d.summary.0.rows(),
                    score: d.summary.0.kind.key(),
                });
                // The numbers' own scenario: with imported predictions, the file's counts.
                let numbers = derived.request.with_untracked(|r| r.scenario);
                results_json_from(&numbers, source, l, m, &sections)
            })
        })
    });
    save_text("imbalance-lab-results.json", &text, "application/json");
}

/// A field for the frame's width, in CSS pixels.
fn size_field(id: &'static str, label: &'static str, value: RwSignal<u32>) -> impl IntoView {
    view! {
        <label for=id>{label}
            <input type="number" id=id class="value" min=200 max=4000 step=10
                prop:value=move || value.get().to_string()
                on:change:target=move |ev| {
                    if let Ok(v) = ev.target().value().parse::<u32>() {
                        value.set(v.clamp(200, 4000));
                    }
                } />
        </label>
    }
}

/// The listener the snippet carries: it sets a frame's height to the height the frame's own
/// page reports, and does nothing else. It checks the message's shape and source (not its
/// origin: a sandboxed frame's is "null"); a second copy on the page sets the same heights.
const LISTENER: &str = r#"<script>
addEventListener("message", function (e) {
  var d = e.data, h = d && d.type === "imbalance-lab:height" && d.height;
  if (Number.isFinite(h)) document.querySelectorAll("iframe[data-imbalance-lab]").forEach(function (f) {
    if (f.contentWindow === e.source) f.style.height = Math.min(Math.max(Math.round(h), 100), 30000) + "px";
  });
});
</script>"#;

/// The HTML to paste: the frame (its `color-scheme` the theme's, so that the browser keeps its
/// background transparent; its height a first guess, for hosts that strip scripts) and the
/// listener that sizes it.
fn snippet(src: &str, width: u32, theme: ThemeChoice) -> String {
    let scheme = match theme {
        ThemeChoice::Auto => "light dark",
        chosen => chosen.key(),
    };
    format!(
        r#"<iframe src="{}" data-imbalance-lab width="{width}" height="640" style="border:0;max-width:100%;color-scheme:{scheme}" title="imbalance-lab: losses on imbalanced data" loading="lazy"></iframe>
{LISTENER}"#,
        escape_html(src)
    )
}

/// The theme's choices, as markup: one delegated handler reads them (cheaper in the page's
/// module than a component per choice).
const THEME_CHOICES: &str = r#"<legend>colours</legend><label><input type="radio" name="embed-theme" value="auto" checked>the reader's system</label><label><input type="radio" name="embed-theme" value="light">light</label><label><input type="radio" name="embed-theme" value="dark">dark</label>"#;

/// The embed dialog: what the frame shows, its colours and width, and the HTML to paste.
fn embed_dialog(page: PageSignals, dialog: NodeRef<leptos::html::Dialog>) -> impl IntoView {
    let panels = RwSignal::new(vec![Panel::Focal]);
    let controls = RwSignal::new(vec![Control::Alpha, Control::Gamma]);
    // The chosen radio button's value, a theme's key (a string signal, as the page has already).
    let theme = RwSignal::new(String::new());
    let width = RwSignal::new(720u32);
    // Said inside the dialog, next to its button: the page's own status line is behind it.
    let status = RwSignal::new(String::new());
    let code = move || {
        let mut state = page.state();
        state.layout = Layout {
            embed: true,
            panels: panels.get(),
            controls: controls.get(),
        };
        state.view.theme = theme.with(|t| ThemeChoice::from_key(t)).unwrap_or_default();
        let src = format!("{}#{}", base_url(), link::format(&state));
        snippet(&src, width.get(), state.view.theme)
    };
    view! {
        <dialog node_ref=dialog class="embed-dialog" aria-labelledby="embed-title">
            <h2 id="embed-title">"Embed this view"</h2>
            <p>"Pick what the frame shows; the scenario is the one on the page now."</p>
            <div class="embed-picks">
                {pick("panels", panels, "embed-panel")}
                {pick("controls", controls, "embed-control")}
                <fieldset class="embed-theme" inner_html=THEME_CHOICES on:click=super::click(move |ev| {
                    if let Some(input) = super::target::<web_sys::HtmlInputElement>(&ev) {
                        theme.set(input.value());
                    }
                })></fieldset>
            </div>
            <div class="embed-size">
                {size_field("embed-width", "width ", width)}
            </div>
            <label for="embed-snippet">"HTML to paste into your post"</label>
            <textarea id="embed-snippet" readonly rows="8" prop:value=code></textarea>
            <div class="dialog-buttons">
                <span class="embed-status" role="status">{move || status.get()}</span>
                <button type="button" on:click=super::click(move |_| {
                    let promise = window().navigator().clipboard().write_text(&code());
                    leptos::task::spawn_local(async move {
                        status.set(match JsFuture::from(promise).await {
                            Ok(_) => "Embed code copied.".into(),
                            Err(_) => "Select the code and copy it.".into(),
                        });
                    });
                })>"Copy code"</button>
                <button type="button" on:click=super::click(move |_| {
                    if let Some(d) = dialog.get() {
                        d.close();
                    }
                })>"Close"</button>
            </div>
        </dialog>
    }
}
