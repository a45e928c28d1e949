//! The focal curve: the factor focal loss keeps at the reader's pₜ, and what α does to each
//! class.

use crate::features::focal::chart::REFERENCE_GAMMAS;
use crate::features::words::facts::Facts;
use crate::features::words::formulas::{ALPHA_T, P_T, formula};
use crate::features::words::phrases::{para, plain};
use crate::features::words::terms::terms;
use crate::format::{number, percent};
use crate::sim::LossKind;

/// The words that follow the numbers.
pub(crate) fn words(f: &Facts) -> String {
    let mut out = String::new();
    let (g, a, pt) = (f.s.gamma, f.s.alpha, f.point);
    let factor = if g == 0.0 { 1.0 } else { (1.0 - pt).powf(g) };
    para(
        &mut out,
        &format!(
            "At pₜ = {}, (1 − pₜ)<sup>γ</sup> = {} with γ = {}: that example keeps {} of its \
             cross-entropy. α then scales a positive's loss by {} and a negative's by {}.",
            plain(pt),
            number(factor, 3),
            plain(g),
            percent(Ok(factor)),
            plain(a),
            plain(1.0 - a)
        ),
    );
    let (neg, pos) = (f.s.neg, f.s.pos);
    let weight = if a == 0.0 {
        "α = 0 gives the positives no weight at all: they drop out of α-balanced CE and focal \
         loss."
            .to_string()
    } else if a == 1.0 {
        "α = 1 gives the negatives no weight at all: they drop out of α-balanced CE and focal \
         loss."
            .to_string()
    } else if a == 0.5 {
        "With α = 0.5 both classes weigh the same, as in BCE (each term halved).".to_string()
    } else {
        let ratio = a / (1.0 - a);
        let (fewer, more) = if ratio < 1.0 {
            ("less", "positives")
        } else {
            ("more", "negatives")
        };
        // Whether that leans towards the rarer class or away from it.
        let effect = match (ratio < 1.0, pos.cmp(&neg)) {
            (_, std::cmp::Ordering::Equal) => "the classes are equal in number here, so it tips \
                                               the balance"
                .to_string(),
            (true, std::cmp::Ordering::Less) | (false, std::cmp::Ordering::Greater) => {
                format!(
                    "the {more} are the rarer class here, so this is less balanced than BCE, not more"
                )
            }
            _ => format!(
                "the {more} are the more numerous class here, so this evens the classes out"
            ),
        };
        format!(
            "With α = {}, a positive weighs {} times a negative, {fewer} than in BCE: {effect}.",
            plain(a),
            number(ratio, 3)
        )
    };
    para(
        &mut out,
        &format!(
            "Focal loss multiplies cross-entropy by (1 − pₜ)<sup>γ</sup>. An example the model \
             already gets right (pₜ near 1) keeps almost none of its loss; a badly wrong one \
             keeps nearly all. γ = 0 is plain cross-entropy; the grey curves are γ = {}, darker \
             as γ grows (the current γ's curve is drawn in colour instead). {weight} Lin et al. (2017) used \
             α = 0.25 with γ = 2 and left γ to do the rebalancing.",
            REFERENCE_GAMMAS.map(plain).join(", ")
        ),
    );
    out
}

/// The formulas and terms, which never change.
pub(crate) fn static_words() -> String {
    let mut out = String::new();
    formula(&mut out, &LossKind::Focal.text().formula);
    formula(&mut out, &P_T);
    formula(&mut out, &ALPHA_T);
    terms(&mut out, &["pt", "gamma", "abce", "focal"]);
    out
}
