//! The browser shell: renders the core's results and turns input events into parameter changes.

mod canvas;
mod compare;
mod controls;
mod download;
mod exact;
mod explain;
mod format;
mod measured;
mod share;
mod state;
mod tables;
mod url;

use leptos::prelude::*;

use crate::charts::{Figure, FocalCurve, ScoreHistogram, ThresholdCurves};
use crate::link::{self, PageState};
use crate::page::{Control, Layout, Panel};
use crate::sim::{RATIO_MAX, Scenario, ratio_of};
use canvas::{ChartCanvas, system_theme};
use compare::Comparison;
use controls::{
    CountInput, ParamSlider, Presets, Scale, SeedInput, composition_line, set_ratio, set_total,
};
use explain::{ALPHA_T, CE, FOCAL, Formula, MIX, P_T, PRECISION, WEIGHTED};
use share::ShareBar;
use state::{Derived, Page, ViewOptions};
use tables::{LossTable, MetricTable};

/// The whole page, opened on the link in the address bar.
#[component]
pub fn App() -> impl IntoView {
    let page = Page::new(link::parse(&url::current_fragment()));
    provide_context(system_theme());
    url::sync(page);
    let derived = Derived::new(page.scenario, page.rival);
    provide_context(exact::connect(derived));
    let settled = derived.settled;
    let marked = estimate_marked(settled);
    let layout = page.layout;
    let embed = move || layout.with(|l| l.embed);
    // Embedded pages drop the page chrome; the body's class lets the CSS fit the frame.
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.class_list().toggle_with_force("embed", embed());
        }
    });
    let shows = move |p: Panel| layout.with(|l| l.shows(p));
    let full_page = move || {
        let state = PageState {
            layout: Layout::default(),
            ..page.state()
        };
        format!("{}#{}", url::base_url(), link::format(&state))
    };
    let scenario = page.scenario;
    let options = page.view;
    view! {
        <Show when=move || !embed()>
            <header class="site">
                <h1>"imbalance-lab"</h1>
                <p class="lede">
                    "Why a falling validation loss can hide a model that got worse at the rare "
                    "class, and what class weights and focal loss change. Every number below "
                    "comes from synthetic predictions regenerated as you move a control."
                </p>
                <ShareBar page derived />
            </header>
        </Show>
        <Show when=embed>
            // Embedded, the page still has a title for screen readers.
            <header class="visually-hidden"><h1>"imbalance-lab"</h1></header>
        </Show>
        <div class="layout" class:no-controls=move || layout.with(|l| l.controls.is_empty())>
            <Show when=move || layout.with(|l| !l.controls.is_empty())>
                <ScenarioControls scenario layout />
            </Show>
            <main data-exact=move || settled.get().to_string() class:estimate=move || marked.get()>
                <Notices page />
                <ExactStatus marked />
                <Show when=move || shows(Panel::Numbers)><NumbersPanel derived /></Show>
                <Show when=move || shows(Panel::Focal)><FocalPanel scenario options /></Show>
                <Show when=move || shows(Panel::Scores)>
                    <ScoresPanel scenario options derived />
                </Show>
                <Show when=move || shows(Panel::Share)><SharePanel derived /></Show>
                <Show when=move || shows(Panel::Threshold)>
                    <ThresholdPanel scenario derived />
                </Show>
                <Show when=move || shows(Panel::Composition)>
                    <CompositionPanel scenario derived />
                </Show>
                <Show when=move || shows(Panel::Ab)>
                    <section class="panel" id="ab" aria-labelledby="ab-title">
                        <h2 id="ab-title">"Model A or model B? Ask each measure"</h2>
                        <p class="explain">
                            "Two models scored on the same samples. A is the scenario's model; B "
                            "has its own accuracies (by default the seed notebook's pair: A "
                            "0.999 / 0.5, B 0.98 / 0.9). Each row says which model a loss or "
                            "metric prefers, first on this validation set and then on sets of "
                            "other class ratios. Drag the ratio: BCE changes sides, recall never "
                            "does."
                        </p>
                        <Comparison scenario rival=page.rival derived />
                    </section>
                </Show>
            </main>
        </div>
        <Show
            when=move || !embed()
            fallback=move || view! {
                <footer class="embed-footer">
                    <a href=full_page target="_blank" rel="noopener">"Open in imbalance-lab ↗"</a>
                </footer>
            }
        >
            <footer class="site">
                <p>
                    "Predictions follow the seed notebook's uniform generator; losses follow Keras "
                    "and PyTorch conventions (probabilities clipped to [1e-7, 1 − 1e-7]), metrics "
                    "follow scikit-learn. Nothing leaves this page."
                </p>
            </footer>
        </Show>
    }
}

/// How long an estimate stays on screen before it is marked (italics, status line): the exact
/// numbers usually replace it sooner at a million samples, and marking then unmarking every
/// table cell on each input would only flicker and cost a re-layout.
const MARK_AFTER: std::time::Duration = std::time::Duration::from_millis(200);

/// Whether the shown numbers have been a preview's estimate for longer than `MARK_AFTER`.
fn estimate_marked(settled: Memo<bool>) -> ReadSignal<bool> {
    let (marked, set_marked) = signal(false);
    let generation = StoredValue::new(0u32);
    Effect::new(move |_| {
        let now = generation.get_value().wrapping_add(1);
        generation.set_value(now);
        if settled.get() {
            set_marked.set(false);
        } else {
            set_timeout(
                move || {
                    if generation.get_value() == now && !settled.get_untracked() {
                        set_marked.set(true);
                    }
                },
                MARK_AFTER,
            );
        }
    });
    marked
}

/// While the shown numbers are a marked estimate: says so, with the exact numbers' progress.
#[component]
fn ExactStatus(marked: ReadSignal<bool>) -> impl IntoView {
    let progress = expect_context::<exact::Progress>().exact;
    view! {
        <p class="exact-status" role="status" class:visible=move || marked.get()>
            {move || marked.get().then(|| {
                let p = progress.get().unwrap_or(0.0);
                view! {
                    <progress max="1" value=p aria-label="exact numbers"></progress>
                    {format!(
                        " Numbers in italics are estimates from a {}-sample preview of each large class; exact numbers {:.0} % done.",
                        crate::charts::grouped(u64::from(crate::sim::engine::PREVIEW)),
                        100.0 * p
                    )}
                }
            })}
        </p>
    }
}

/// What had to be corrected in the link the page was opened with.
#[component]
fn Notices(page: Page) -> impl IntoView {
    let notices = page.notices;
    view! {
        <Show when=move || notices.with(|n| !n.is_empty())>
            <div class="notices" role="status">
                <p>"The link had values this page could not use as written:"</p>
                <ul>
                    {move || notices.get().into_iter().map(|n| view! { <li>{n}</li> }).collect::<Vec<_>>()}
                </ul>
                <button type="button" on:click=move |_| notices.set(Vec::new())>"Dismiss"</button>
            </div>
        </Show>
    }
}

/// Every control of the scenario (those the layout shows), with the presets.
#[component]
fn ScenarioControls(scenario: RwSignal<Scenario>, layout: RwSignal<Layout>) -> impl IntoView {
    let has = move |c: Control| layout.with(|l| l.has(c));
    view! {
        <aside class="panel controls" aria-labelledby="controls-title">
            <h2 id="controls-title">"Scenario"</h2>
            <Show when=move || has(Control::Presets)><Presets scenario /></Show>
            <Show when=move || has(Control::Ratio) || has(Control::Total) || has(Control::Counts)>
                <p class="composition" aria-live="polite">{move || scenario.with(composition_line)}</p>
            </Show>
            <Show when=move || has(Control::Ratio)>
                <ParamSlider state=scenario id="ratio" label="class ratio, negatives per positive"
                    min=1.0 max=RATIO_MAX step=1.0 scale=Scale::Log get=controls::slider_ratio
                    set=set_ratio />
            </Show>
            <Show when=move || has(Control::Total)>
                <ParamSlider state=scenario id="total" label="total samples" symbol="N"
                    min=100.0 max=10_000_000.0 step=1.0 scale=Scale::Log
                    get=|s| s.total() as f64 set=set_total />
            </Show>
            <Show when=move || has(Control::Counts)>
                <div class="counts">
                    <CountInput scenario id="neg" label="negatives (label 0)"
                        get=|s| s.neg set=|s, v| s.neg = v />
                    <CountInput scenario id="pos" label="positives (label 1)"
                        get=|s| s.pos set=|s, v| s.pos = v />
                </div>
            </Show>
            <Show when=move || has(Control::Acc0)>
                <ParamSlider state=scenario id="acc0" label="accuracy on negatives" symbol="acc0"
                    min=0.0 max=1.0 step=0.001 get=|s| s.acc0 set=|s, v| s.acc0 = v />
            </Show>
            <Show when=move || has(Control::Acc1)>
                <ParamSlider state=scenario id="acc1" label="accuracy on positives" symbol="acc1"
                    min=0.0 max=1.0 step=0.001 get=|s| s.acc1 set=|s, v| s.acc1 = v />
            </Show>
            <Show when=move || has(Control::Threshold)>
                <ParamSlider state=scenario id="thr" label="threshold" symbol="t"
                    min=0.0 max=1.0 step=0.001 get=|s| s.threshold set=|s, v| s.threshold = v />
            </Show>
            <Show when=move || has(Control::PosWeight)>
                <ParamSlider state=scenario id="pw" label="pos_weight" symbol="w"
                    min=0.01 max=100.0 step=0.01 scale=Scale::Log
                    get=|s| s.pos_weight set=|s, v| s.pos_weight = v />
            </Show>
            <Show when=move || has(Control::Alpha)>
                <ParamSlider state=scenario id="alpha" label="focal alpha" symbol="α"
                    min=0.0 max=1.0 step=0.01 get=|s| s.alpha set=|s, v| s.alpha = v />
            </Show>
            <Show when=move || has(Control::Gamma)>
                <ParamSlider state=scenario id="gamma" label="focal gamma" symbol="γ"
                    min=0.0 max=10.0 step=0.1 get=|s| s.gamma set=|s, v| s.gamma = v />
            </Show>
            <Show when=move || has(Control::Seed)><SeedInput scenario /></Show>
        </aside>
    }
}

/// The loss and metric tables.
#[component]
fn NumbersPanel(derived: Derived) -> impl IntoView {
    view! {
        <section class="panel" id="numbers" aria-labelledby="numbers-title">
            <h2 id="numbers-title">"The numbers"</h2>
            <div class="numbers-grid">
                <div>
                    <h3>"Losses"</h3>
                    <LossTable losses=derived.a.losses exact=derived.a.exact />
                    <p class="explain">
                        "Mean is the sum divided by the number of samples (PyTorch's and Keras' "
                        "default). The shares say how much of the sum each class carries: with "
                        "100 negatives per positive the negatives carry nearly all of it, even "
                        "when the model fails half the positives."
                    </p>
                    <Formula mathml=CE alt="CE = -[y ln p + (1 - y) ln(1 - p)]" />
                    <Formula mathml=WEIGHTED alt="CE_w = -[w y ln p + (1 - y) ln(1 - p)]" />
                </div>
                <div>
                    <h3>"Metrics at the threshold"</h3>
                    <MetricTable metrics=derived.a.metrics exact=derived.a.exact />
                </div>
            </div>
        </section>
    }
}

/// The focal modulation curve.
#[component]
fn FocalPanel(scenario: RwSignal<Scenario>, options: RwSignal<ViewOptions>) -> impl IntoView {
    let data = move || {
        scenario.with(|s| FocalCurve {
            gamma: s.gamma,
            alpha: s.alpha,
            factor: options.with(|o| o.focal_factor),
        })
    };
    let figure = Memo::new(move |_| Figure::Focal(data()));
    let label = move || {
        let d = data();
        format!(
            "Focal loss against the probability of the true class for gamma 0, 0.5, 1, 2 and 5, \
             with the current gamma {} and alpha {}",
            d.gamma, d.alpha
        )
    };
    view! {
        <section class="panel split" id="focal" aria-labelledby="focal-title">
            <h2 id="focal-title">"Focal loss: quieting the easy examples"</h2>
            <div class="figure">
            <ChartCanvas figure title="focal loss curve" label=Signal::derive(label) />
            <label class="toggle">
                <input type="checkbox" id="focal-factor"
                    prop:checked=move || options.with(|o| o.focal_factor)
                    on:change:target=move |ev| {
                        options.update(|o| o.focal_factor = ev.target().checked())
                    } />
                "show the modulating factor (1 − pₜ)"<sup>"γ"</sup>" alone"
            </label>
            </div>
            <div class="words">
            <Formula mathml=FOCAL alt="FL = alpha_t (1 - p_t)^gamma CE" />
            <Formula mathml=P_T alt="p_t = p for a positive, 1 - p for a negative" />
            <Formula mathml=ALPHA_T alt="alpha_t = alpha for a positive, 1 - alpha for a negative" />
            <p class="explain">
                "Focal loss multiplies cross-entropy by (1 − pₜ)"<sup>"γ"</sup>", where pₜ is the probability the "
                "model gives the true class. An example it already gets right (pₜ near 1) keeps "
                "almost none of its loss; a badly wrong one keeps nearly all. γ = 0 is plain "
                "cross-entropy; raise γ and the right-hand end flattens. α then scales the "
                "positives' loss by α and the negatives' by 1 − α: the paper's α = 0.25 gives the "
                "rare positives less weight, not more, and leaves γ to do the rebalancing."
            </p>
            </div>
        </section>
    }
}

/// Per-class score histograms with the threshold.
#[component]
fn ScoresPanel(
    scenario: RwSignal<Scenario>,
    options: RwSignal<ViewOptions>,
    derived: Derived,
) -> impl IntoView {
    let data = move || {
        let (neg, pos) = derived.histograms.get();
        ScoreHistogram {
            neg,
            pos,
            threshold: scenario.with(|s| s.threshold),
            confusion: derived.a.metrics.with(|m| m.confusion),
            log: options.with(|o| o.log_counts),
        }
    };
    let figure = Memo::new(move |_| Figure::Scores(data()));
    let label = move || {
        let c = derived.a.metrics.with(|m| m.confusion);
        format!(
            "Histograms of the predicted probabilities of each class, threshold {}: TN {}, FP {}, \
             FN {}, TP {}",
            scenario.with(|s| s.threshold),
            c.tn,
            c.fp,
            c.fn_,
            c.tp
        )
    };
    view! {
        <section class="panel split" id="scores" aria-labelledby="scores-title">
            <h2 id="scores-title">"What the model predicts, class by class"</h2>
            <div class="figure">
            <ChartCanvas figure title="score histograms" label=Signal::derive(label) />
            <label class="toggle">
                <input type="checkbox" id="log-counts"
                    prop:checked=move || options.with(|o| o.log_counts)
                    on:change:target=move |ev| {
                        options.update(|o| o.log_counts = ev.target().checked())
                    } />
                "log scale for counts"
            </label>
            </div>
            <div class="words">
            <p class="explain">
                <span class="neg">"Negatives"</span>" and "<span class="pos">"positives"</span>
                " as the model scores them. Everything right of the threshold is predicted "
                "positive: negatives there are false positives, positives there are true "
                "positives. Turn the log scale off and see how little of the picture the rare "
                "class is; move the threshold and watch false positives and false negatives "
                "trade places."
            </p>
            </div>
        </section>
    }
}

/// The share of each loss carried by each class.
#[component]
fn SharePanel(derived: Derived) -> impl IntoView {
    let figure = Memo::new(move |_| Figure::Share(derived.a.losses.get()));
    let label = move || {
        derived.a.losses.with(|l| {
            crate::sim::LossKind::ALL
                .map(|k| {
                    let share = l.get(k).share(crate::sim::Class::Negative);
                    format!("{}: negatives {}", k.name(), format::percent(share))
                })
                .join("; ")
        })
    };
    view! {
        <section class="panel split" id="share" aria-labelledby="share-title">
            <h2 id="share-title">"Who pays the loss"</h2>
            <div class="figure">
            <ChartCanvas figure class="short" title="who pays the loss" label=Signal::derive(label) />
            </div>
            <div class="words">
            <p class="explain">
                "A loss is a sum over samples, so the class with more samples has more say. "
                "pos_weight multiplies the positives' part of weighted BCE; α shifts balanced CE "
                "and focal loss between the classes; γ removes the easy examples, which are "
                "mostly negatives. Watch how far each knob has to move before the positives "
                "carry half."
            </p>
            </div>
        </section>
    }
}

/// Precision, recall and F1 against the threshold; ROC and PR.
#[component]
fn ThresholdPanel(scenario: RwSignal<Scenario>, derived: Derived) -> impl IntoView {
    let data = move || ThresholdCurves {
        sweep: derived.sweep.with(|s| s.0.as_ref().clone()),
        threshold: scenario.with(|s| s.threshold),
        current: derived.a.metrics.with(|m| m.confusion),
        roc_auc: derived.a.metrics.with(|m| m.roc_auc),
        average_precision: derived.a.metrics.with(|m| m.average_precision),
    };
    let curves = Memo::new(move |_| data());
    let threshold = Memo::new(move |_| Figure::Threshold(curves.get()));
    let roc = Memo::new(move |_| Figure::Roc(curves.get()));
    let pr = Memo::new(move |_| Figure::Pr(curves.get()));
    let label = |what: &'static str| {
        Signal::derive(move || {
            derived.a.metrics.with(|m| {
                format!(
                    "{what}; at the threshold: precision {}, recall {}, F1 {}",
                    format::metric(m.precision, 3),
                    format::metric(m.recall, 3),
                    format::metric(m.f1, 3)
                )
            })
        })
    };
    view! {
        <section class="panel" id="threshold" aria-labelledby="threshold-title">
            <h2 id="threshold-title">"Choosing the threshold"</h2>
            <div class="chart-row">
                <ChartCanvas figure=threshold class="square" title="precision, recall and F1"
                    label=label("Precision, recall and F1 against the threshold") />
                <ChartCanvas figure=roc class="square" title="ROC curve" label=label("ROC curve") />
                <ChartCanvas figure=pr class="square" title="precision-recall curve"
                    label=label("Precision-recall curve") />
            </div>
            <p class="explain">
                "The dots mark the current threshold. ROC plots the two rates within each class, "
                "so the class ratio cannot move it; the precision-recall curve mixes the "
                "classes, and its dashed no-skill line is the share of positives. On rare "
                "positives, a fine-looking ROC can sit beside a poor PR curve."
            </p>
        </section>
    }
}

/// Losses and metrics of the same model at other class ratios.
#[component]
fn CompositionPanel(scenario: RwSignal<Scenario>, derived: Derived) -> impl IntoView {
    let ratio = move || derived.a.metrics.with(|m| ratio_of(&m.confusion));
    let losses = Memo::new(move |_| Figure::CompositionLosses(derived.a.profile.get(), ratio()));
    let metrics = Memo::new(move |_| Figure::CompositionMetrics(derived.a.profile.get(), ratio()));
    let label = |what: &'static str| {
        Signal::derive(move || {
            format!(
                "{what} against the class ratio, from 1:1 to 1:10,000; the line marks the \
                 current ratio, {} negatives per positive",
                scenario.with(|s| format::number(controls::slider_ratio(s), 4))
            )
        })
    };
    view! {
        <section class="panel" id="composition" aria-labelledby="composition-title">
            <h2 id="composition-title">"Same model, different validation sets"</h2>
            <div class="chart-row two">
                <ChartCanvas figure=losses title="loss means by class ratio"
                    label=label("Mean of each loss") />
                <ChartCanvas figure=metrics title="metrics by class ratio"
                    label=label("Precision, recall, F1 and accuracy") />
            </div>
            <Formula mathml=MIX alt="mean = (r L0 + L1) / (r + 1), r negatives per positive" />
            <Formula mathml=PRECISION alt="precision = TPR / (TPR + r FPR)" />
            <p class="explain">
                "The model is fixed: the same accuracy on each class, the same per-class loss. "
                "Only the validation set's mix changes. A mean loss is a weighted average of the "
                "two classes' means, so as negatives pile up it tends to the negatives' loss "
                "whatever the model does to positives. Recall stays put; precision falls as the "
                "false positives multiply."
            </p>
        </section>
    }
}
