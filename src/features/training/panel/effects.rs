//! What each shown loss does to the model, read off the population models
//! (`sim::training::effect`): a table of each loss's kind and numbers, the map from a reshaping
//! loss's outputs back to probabilities, and a sentence for each kind present.

use leptos::prelude::*;

use crate::format::number;
use crate::sim::LossKind;
use crate::sim::loss::Shown;
use crate::sim::training::effect::{Effect, P_GRID, bce_threshold, effect, pos_weight};
use crate::sim::training::{Model, TrainingView};
use crate::ui::signals::{Shared, shown_losses};

/// A row of the table: what the loss does, and its numbers.
type Row = (&'static str, String);

/// What the page says of one loss's effect, beside BCE's model, at the view's threshold.
fn row(v: &TrainingView, kind: LossKind, e: &Effect) -> Row {
    let n = |x: f64| number(x, 3);
    let model = |k| {
        v.trained
            .get(k)
            .as_ref()
            .map_or(Model::default(), |t| t.model)
    };
    let (m, bce) = (model(kind), model(LossKind::Bce));
    let wb = || {
        format!(
            "w = {}, b = {} against BCE's {}, {}",
            n(m.w),
            n(m.b),
            n(bce.w),
            n(bce.b)
        )
    };
    let (what, how) = match e {
        Effect::Threshold { .. } if kind == LossKind::Bce => (
            "the baseline",
            format!("w = {}, b = {}: the true probability", n(m.w), n(m.b)),
        ),
        Effect::Threshold { shift } if shift.abs() <= 1e-9 => {
            ("BCE's model", "its parameters make it BCE here".to_string())
        }
        Effect::Threshold { shift } => (
            // Class-balanced CE on large classes: both effective numbers near 1 / (1 - beta).
            if shift.abs() < 5e-3 {
                "barely moves the threshold"
            } else {
                "moves the threshold"
            },
            format!(
                "BCE with pos_weight {}; at t = {} it decides as BCE at t′ = {}",
                n(pos_weight(*shift)),
                n(v.threshold),
                number(bce_threshold(v.threshold, *shift), 4)
            ),
        ),
        Effect::Margins { margins: [d0, d1] } => (
            "adds class margins",
            format!("Δ₀ = {}, Δ₁ = {} (logit units): {}", n(*d0), n(*d1), wb()),
        ),
        Effect::Reshapes { .. } => ("reshapes the probabilities", wb()),
        Effect::Sharpens { boundary: Ok(x) } => (
            "no finite optimum",
            format!("sharpens towards positive where x ≥ {}", n(*x)),
        ),
        Effect::Sharpens { boundary: Err(why) } | Effect::Untrained(why) => {
            ("no model here", why.reason().to_string())
        }
    };
    (what, how)
}

/// The sentences for the kinds present: which losses, and what that means for their outputs.
fn sentences(v: &TrainingView, effects: &[(LossKind, Effect)]) -> Vec<String> {
    let names = |f: fn(&Effect) -> bool| -> Option<String> {
        let list: Vec<_> = effects
            .iter()
            .filter(|(k, e)| *k != LossKind::Bce && f(e))
            .map(|(k, _)| k.name())
            .collect();
        (!list.is_empty()).then(|| list.join(", "))
    };
    let mut out = Vec::new();
    if let Some(l) = names(|e| matches!(e, Effect::Threshold { shift } if shift.abs() > 1e-9)) {
        out.push(format!(
            "{l}: BCE's slope, another intercept. They rank every sample as BCE does; each is BCE \
             with another pos_weight, or BCE's probabilities at another threshold."
        ));
    }
    if let Some(l) = names(|e| matches!(e, Effect::Margins { .. })) {
        out.push(format!(
            "{l}: each class must clear its own margin, the rarer the wider. That moves b and \
             changes the slope w too."
        ));
    }
    if let Some(l) = names(|e| matches!(e, Effect::Reshapes { .. })) {
        out.push(format!(
            "{l}: another slope, so the outputs are no longer probabilities. Where p*(q) rises, \
             an output p stands for one true probability q(p) (below)."
        ));
    }
    for (k, e) in effects {
        if let Effect::Reshapes {
            not_monotone: Some((lo, hi)),
            ..
        } = e
        {
            // Where it stops rising at 1, the loss asks for certainty (the asymmetric loss's
            // negatives cost at most -(1 - m)^gn ln m, however sure the model is).
            let at_one = v.optimal.get(*k).iter().any(|&(q, p)| q == *lo && p == 1.0);
            let (name, lo, hi) = (k.name(), number(*lo, 3), number(*hi, 3));
            out.push(if at_one {
                format!(
                    "{name}'s p*(q) is 1 for q from {lo} to {hi}: there the loss asks for \
                     certainty, and an output of 1 maps back to no single probability."
                )
            } else {
                format!(
                    "{name}'s p*(q) does not rise for q from {lo} to {hi}: there an output maps \
                     back to no single probability."
                )
            });
        }
    }
    if let Some(l) = names(|e| matches!(e, Effect::Sharpens { .. })) {
        out.push(format!(
            "{l}: no finite optimum. Trained, w grows without end and every prediction goes to \
             0 or 1: over-confident, whatever the true probability."
        ));
    }
    out
}

/// The table, the sentences and the map back, for the shown losses: written as HTML in one
/// pass (the words boxes' way), so the page's module carries no view code for three tables.
#[component]
pub(super) fn Effects(
    /// The training view the panel shows.
    view: RwSignal<Shared<TrainingView>>,
) -> impl IntoView {
    let shown = shown_losses();
    let html = move || {
        let kinds = shown.get();
        view.with(|v| html(&v.0, kinds))
    };
    view! {
        <h3>"What each loss does to the model"</h3>
        <div class="effects" inner_html=html></div>
    }
}

/// The section's HTML. Every piece is the page's own text and numbers: nothing to escape.
fn html(v: &TrainingView, shown: Shown) -> String {
    let effects: Vec<_> = shown.iter().map(|k| (k, effect(v, k))).collect();
    let mut out = table_head(
        "what each loss does",
        "effects",
        &["loss", "what it does", "how, on this population"],
    );
    for (k, e) in &effects {
        let (what, how) = row(v, *k, e);
        out += &format!(
            "<tr><th scope=\"row\">{}</th><td>{what}</td><td>{how}</td></tr>",
            k.name()
        );
    }
    out += "</tbody></table></div><ul class=\"checks\">";
    for s in sentences(v, &effects) {
        out += &format!("<li>{s}</li>");
    }
    out += "</ul>";
    let mut maps = effects.iter().filter_map(|(k, e)| match e {
        Effect::Reshapes { calibrated, .. } => Some((k.name(), calibrated)),
        _ => None,
    });
    if let Some(first) = maps.next() {
        let mut head = vec!["its output p means q =".to_string()];
        head.extend(P_GRID.map(|p| number(p, 2)));
        let head: Vec<_> = head.iter().map(String::as_str).collect();
        out += &table_head("reshaped outputs mapped back to probabilities", "", &head);
        for (name, qs) in std::iter::once(first).chain(maps) {
            out += &format!("<tr><th scope=\"row\">{name}</th>");
            for q in qs {
                out += &format!("<td>{}</td>", q.map_or("–".into(), |q| number(q, 3)));
            }
            out += "</tr>";
        }
        out += "</tbody></table></div>";
    }
    out
}

/// A numbers table's opening, up to its body.
fn table_head(label: &str, class: &str, columns: &[&str]) -> String {
    let mut out = format!(
        "<div class=\"table-wrap\"><table class=\"numbers {class}\" aria-label=\"{label}\"><thead><tr>"
    );
    for c in columns {
        out += &format!("<th scope=\"col\">{c}</th>");
    }
    out + "</tr></thead><tbody>"
}
