//! Model A against model B on the same validation set: which one each loss and metric
//! prefers, now and at other class ratios.

use leptos::prelude::*;

use super::controls::{ParamSlider, Scale, ratio_of, set_ratio};
use super::format::metric;
use super::state::{Derived, Model, Rival};
use crate::charts::grouped;
use crate::sim::{
    LossKind, Measure, Metric, RATIO_MAX, RATIOS, Scenario, Verdict, loss_crossover, verdict,
};

/// A measure of a model at ratio column `i` of `RATIOS`.
fn at_ratio(model: &Model, m: Measure, i: usize) -> Metric {
    if m == Measure::AveragePrecision {
        model.ap_at_ratios.with(|ap| ap[i])
    } else {
        model.profile.with(|p| p.measure(m, RATIOS[i]))
    }
}

fn verdict_cell(v: Verdict) -> impl IntoView {
    let (text, class) = match v {
        Verdict::A => ("A", "verdict a"),
        Verdict::B => ("B", "verdict b"),
        Verdict::Tie => ("tie", "verdict tie"),
        Verdict::Undefined => ("–", "verdict none"),
    };
    view! { <td class=class>{text}</td> }
}

/// One sentence on where a loss changes its mind.
fn crossover_line(d: Derived, kind: LossKind) -> String {
    let (a, b) = (d.a.profile.get(), d.b.profile.get());
    let name = Measure::Loss(kind).name();
    let balanced = verdict(Measure::Loss(kind), a.loss(kind, 1.0), b.loss(kind, 1.0));
    match (loss_crossover(&a, &b, kind), balanced) {
        (Some(r), Verdict::A | Verdict::B) if r <= 1e7 => {
            let (low, high) = if balanced == Verdict::A {
                ("A", "B")
            } else {
                ("B", "A")
            };
            format!(
                "{name} prefers {low} below 1:{} negatives per positive and {high} above it.",
                grouped(r.round().max(1.0) as u64)
            )
        }
        (_, Verdict::A) => format!("{name} prefers A at every class ratio."),
        (_, Verdict::B) => format!("{name} prefers B at every class ratio."),
        _ => format!("{name} cannot compare the two here."),
    }
}

/// The A/B panel.
#[component]
pub fn Comparison(
    /// The scenario (model A's accuracies, the shared settings).
    scenario: RwSignal<Scenario>,
    /// Model B's accuracies.
    rival: RwSignal<Rival>,
    /// The derived numbers of both models.
    derived: Derived,
) -> impl IntoView {
    let d = derived;
    let key = |m: Measure| match m {
        Measure::Loss(k) => k.key().to_string(),
        other => other.name().replace(' ', "_").to_lowercase(),
    };
    let name = |m: Measure| {
        format!(
            "{}{}",
            m.name(),
            if m.higher_is_better() { "" } else { " (mean)" }
        )
    };
    let now_rows = Measure::ALL.map(|m| {
        let now = move || {
            let a = d.a.losses.with(|l| d.a.metrics.with(|x| m.of(l, x)));
            let b = d.b.losses.with(|l| d.b.metrics.with(|x| m.of(l, x)));
            (a, b)
        };
        view! {
            <tr data-measure=key(m)>
                <th scope="row">{name(m)}</th>
                <td>{move || metric(now().0, 4)}</td>
                <td>{move || metric(now().1, 4)}</td>
                {move || { let (a, b) = now(); verdict_cell(verdict(m, a, b)) }}
            </tr>
        }
    });
    let strip_rows = Measure::ALL.map(|m| {
        let cells = (0..RATIOS.len())
            .map(|i| move || verdict_cell(verdict(m, at_ratio(&d.a, m, i), at_ratio(&d.b, m, i))))
            .collect::<Vec<_>>();
        view! { <tr data-measure=key(m)><th scope="row">{name(m)}</th>{cells}</tr> }
    });
    let headers = RATIOS.map(|r| {
        let short = match r as u64 {
            1_000 => "1:1k".to_string(),
            10_000 => "1:10k".to_string(),
            n => format!("1:{n}"),
        };
        view! { <th scope="col">{short}</th> }
    });
    view! {
        <div class="ab-controls">
            <p class="model-a">
                "Model A is the scenario above: "
                <span class="num">{move || scenario.with(|s| format!("acc0 {}, acc1 {}", s.acc0, s.acc1))}</span>
                "."
            </p>
            <ParamSlider state=rival id="acc0b" label="model B, accuracy on negatives" symbol="acc0"
                min=0.0 max=1.0 step=0.001 get=|r| r.acc0 set=|r, v| r.acc0 = v />
            <ParamSlider state=rival id="acc1b" label="model B, accuracy on positives" symbol="acc1"
                min=0.0 max=1.0 step=0.001 get=|r| r.acc1 set=|r, v| r.acc1 = v />
            <ParamSlider state=scenario id="ab-ratio" label="comparison class ratio, negatives per positive"
                min=1.0 max=RATIO_MAX step=1.0 scale=Scale::Log get=ratio_of set=set_ratio />
        </div>
        <ul class="crossovers">
            {LossKind::ALL.map(|k| view! { <li>{move || crossover_line(d, k)}</li> }).to_vec()}
        </ul>
        <div class="ab-tables">
            <div class="table-wrap">
                <table class="numbers ab" aria-label="model A against model B">
                    <thead>
                        <tr>
                            <th scope="col">"on this set"</th>
                            <th scope="col">"A"</th>
                            <th scope="col">"B"</th>
                            <th scope="col">"prefers"</th>
                        </tr>
                    </thead>
                    <tbody>{now_rows.to_vec()}</tbody>
                </table>
            </div>
            <div class="table-wrap">
                <table class="numbers ab" aria-label="preferred model by class ratio">
                    <thead>
                        <tr><th scope="col">"at ratio"</th>{headers.to_vec()}</tr>
                    </thead>
                    <tbody>{strip_rows.to_vec()}</tbody>
                </table>
            </div>
        </div>
    }
}
