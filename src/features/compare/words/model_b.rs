//! Model A against model B: where each loss changes its mind, and whether their difference
//! stands out of the noise.

use std::fmt::Write;

use crate::features::words::facts::Facts;
use crate::features::words::phrases::{error, para, plain, prefers, terms_box};
use crate::format::{grouped, metric, number};
use crate::sim::{LossKind, Measure, Profile, Verdict, loss_crossover, verdict};

/// The words that follow the numbers.
pub(crate) fn words(f: &Facts) -> String {
    let mut out = String::new();
    let models = if f.imported && f.same {
        "Your file has one score column: model B is model A, so every row is a tie.".to_string()
    } else if f.imported {
        "Model A and model B are your file's two score columns.".to_string()
    } else {
        format!(
            "Model A is the scenario's (acc0 {}, acc1 {}); model B has accuracies of its own \
             (acc0 {}, acc1 {}), set by the sliders below.",
            plain(f.s.acc0),
            plain(f.s.acc1),
            plain(f.model_b.acc0),
            plain(f.model_b.acc1)
        )
    };
    para(
        &mut out,
        &format!(
            "Two models scored on the same samples. {models} Each row says which model a loss \
             or metric prefers, first on this validation set and then on sets of other class \
             ratios. {}",
            if f.imported {
                "The “at ratio” table re-weights your file's classes: BCE can change sides, recall \
                 never does."
            } else {
                "Drag the comparison class ratio: BCE can change sides, recall never does."
            }
        ),
    );
    if f.same {
        return out;
    }
    let [a, b] = [0, 1].map(|m| Profile::new(&f.models[m].losses, &f.models[m].metrics));
    let lines: String = f
        .shown
        .iter()
        .map(|k| format!("<li>{}</li>", crossover_line(&a, &b, k)))
        .collect();
    let _ = write!(out, "<ul class=\"crossovers\">{lines}</ul>");
    // Said before the list that counts in it.
    let how = if f.imported {
        "how far A − B would move from one validation set of this size and mix to another. \
         The two columns' rows cannot be paired here, so it is √(a² + b²) for the two means' \
         standard errors a and b, which overstates the noise when the models agree row by row."
    } else {
        "how far A − B would move from one seed to another. Both models score the same draws, \
         so it is the mean's standard error taken of each sample's loss under A minus its loss \
         under B."
    };
    para(
        &mut out,
        &format!(
            "Each A − B below is counted in <dfn>standard errors of the difference</dfn>: {how} \
             Under 2 of them, a difference is within the noise."
        ),
    );
    let items: String = f.shown.iter().map(|k| noise_item(f, k)).collect();
    let _ = write!(out, "<ul class=\"noise\">{items}</ul>");
    out
}

/// One loss's A against B, and whether the difference stands out of the noise.
fn noise_item(f: &Facts, k: LossKind) -> String {
    let (a, b) = (f.loss(0, k), f.loss(1, k));
    if let (Err(why), Err(_)) = (a, b) {
        return format!("<li>{}: {}.</li>", k.name(), metric(Err(why), 4));
    }
    let v = verdict(Measure::Loss(k), a, b);
    let judged = match (a, b, f.diff_se[k as usize]) {
        (Ok(a), Ok(b), Some(se)) if se > 0.0 => {
            let z = (a - b).abs() / se;
            let noise = if z < 2.0 {
                format!("within {}: another draw could flip it", f.noise())
            } else {
                format!("beyond {}", f.noise())
            };
            format!(
                "A − B = {}, {} standard errors ({}): {noise}",
                number(a - b, 3),
                number(z, 2),
                error(Some(se))
            )
        }
        (Ok(a), Ok(b), Some(_)) => format!(
            "the difference is {}, with no sampling noise",
            number(a - b, 3)
        ),
        (Ok(a), Ok(b), None) => format!(
            "the difference is {}; its noise cannot be measured on a class of one sample",
            number(a - b, 3)
        ),
        _ => "no difference can be taken".into(),
    };
    format!(
        "<li>{}: A {} against B {}, {} prefers {}; {judged}.</li>",
        k.name(),
        metric(a, 4),
        metric(b, 4),
        k.name(),
        prefers(v)
    )
}

/// One sentence on where a loss changes its mind.
fn crossover_line(a: &Profile, b: &Profile, kind: LossKind) -> String {
    let (a, b) = (*a, *b);
    let name = Measure::Loss(kind).name();
    if let Some(why) = kind.loss().fixed_mix() {
        return format!("{name} has no crossover ratio: {}.", why.reason());
    }
    let balanced = verdict(Measure::Loss(kind), a.loss(kind, 1.0), b.loss(kind, 1.0));
    match (loss_crossover(&a, &b, kind), balanced) {
        (Some(r), Verdict::A | Verdict::B) if r <= 1e7 => {
            let (low, high) = if balanced == Verdict::A {
                ("A", "B")
            } else {
                ("B", "A")
            };
            format!(
                "{name} prefers {low} below {} negatives per positive and {high} above it.",
                grouped(r.round().max(1.0) as u64)
            )
        }
        (_, Verdict::A) => format!("{name} prefers A at every class ratio."),
        (_, Verdict::B) => format!("{name} prefers B at every class ratio."),
        _ => format!("{name} cannot compare the two here."),
    }
}

/// The terms, which never change.
pub(crate) fn static_words() -> String {
    terms_box(&["se", "mean"])
}
