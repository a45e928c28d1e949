//! Who pays the loss: each class's share of each loss, and the settings that would give the
//! positives half.

use crate::features::import::parse::errors::in_words;
use crate::features::words::facts::Facts;
use crate::features::words::phrases::{coincide, para, plain, terms_box};
use crate::format::{number, percent};
use crate::sim::loss::LossParams;
use crate::sim::{Class, LossKind, Scenario};

/// The words that follow the numbers.
pub(crate) fn words(f: &Facts) -> String {
    let mut out = String::new();
    let l = &f.models[0].losses;
    let s = &f.s;
    let carried: Vec<String> = f
        .shown
        .iter()
        .map(|k| {
            let share = percent(l.get(k).share(Class::Negative));
            format!("{share} of {}", settings(k, s))
        })
        .collect();
    para(
        &mut out,
        &format!(
            "Model A: the negatives carry {}.{}",
            in_words(&carried),
            coincide(f)
        ),
    );
    // The settings that give the positives half: pos_weight * pos_ce = neg_ce, and
    // alpha * pos = (1 - alpha) * neg, with focal loss's sums taken before alpha.
    let [ce_neg, ce_pos] = l.get(LossKind::Bce).class_sums();
    let [fo_neg, fo_pos] = l.get(LossKind::Focal).class_sums();
    let unweighted = (s.alpha > 0.0 && s.alpha < 1.0)
        .then(|| (fo_neg / (1.0 - s.alpha), fo_pos / s.alpha))
        .filter(|(n, p)| *n > 0.0 && *p > 0.0);
    let half = if ce_neg > 0.0 && ce_pos > 0.0 {
        let focal = match unweighted {
            Some((n, p)) => format!(
                " and α = {} in focal loss at γ {}",
                number(n / (n + p), 3),
                plain(s.gamma)
            ),
            None => String::new(),
        };
        format!(
            "For the positives to carry half, weighted BCE needs pos_weight = {} (the \
             negatives' BCE sum over the positives'), α-balanced CE needs α = {}{focal}.",
            number(ce_neg / ce_pos, 3),
            number(ce_neg / (ce_neg + ce_pos), 3),
        )
    } else {
        "With a class whose loss is 0, no weight can give the positives half.".into()
    };
    para(
        &mut out,
        &format!(
            "A loss is a sum over samples, so the class with more samples has more say. {half} \
             γ removes the easy examples, which are mostly negatives when the model is good on \
             them."
        ),
    );
    out
}

/// The terms, which never change.
pub(crate) fn static_words() -> String {
    terms_box(&["share", "wbce", "abce", "focal", "gamma"])
}

/// A loss's name in a sentence with the values of its parameters: `focal loss (α 0.25, γ 2)`.
fn settings(kind: LossKind, s: &Scenario) -> String {
    let params = LossParams::from_scenario(s);
    let values: Vec<String> = (kind.loss().params.iter())
        .filter_map(|p| Some(format!("{} {}", p.name, plain(params.value(p)?))))
        .collect();
    match values.is_empty() {
        true => kind.text().in_prose.to_string(),
        false => format!("{} ({})", kind.text().in_prose, values.join(", ")),
    }
}
