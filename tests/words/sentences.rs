//! Every sentence that states a number follows the scenario, and the numbers it states are
//! the ones it claims (the focal factor, the weights that "give the positives half").

use imbalance_lab::features::words::{
    BOXES, COMPOSITION, FOCAL, LEDE_SYNTHETIC, MODEL_B, NUMBERS, SHARE, STORY, THRESHOLD, WordsJob,
    write_words,
};
use imbalance_lab::sim::engine::Engine;
use imbalance_lab::sim::loss::LossParams;
use imbalance_lab::sim::{Class, ClassLoss, LossKind, Scenario, analyse, losses};

use super::helpers::{after, job, scenario, text, words};

#[test]
fn every_sentence_with_a_number_follows_the_scenario() {
    let rare = words(scenario(100_000, 1_000), 1);
    let even = words(scenario(10_000, 10_000), 1);
    let [r, e] = [&rare, &even].map(|w| text(&w.sections[NUMBERS]));
    assert!(
        r.contains("With 100 negatives per positive (100,000 and 1,000)"),
        "{r}"
    );
    assert!(e.contains("With as many negatives as positives"), "{e}");
    // The shares in the sentence are the shares of BCE's sums.
    for (w, s) in [
        (&r, scenario(100_000, 1_000)),
        (&e, scenario(10_000, 10_000)),
    ] {
        let bce = *analyse(&s).losses.get(LossKind::Bce);
        let said = after(w, "the negatives carry");
        assert!(
            (said - 100.0 * bce.share(Class::Negative).unwrap()).abs() < 0.051,
            "{said} in {w}"
        );
    }
    // Each class's own mean sits beside the sums: BCE per negative at 1:100 and balanced are
    // the same model's, so nearly equal; the focal sum is said as a sum.
    let per_neg = |w: &str| after(w, "standard error BCE");
    assert!((per_neg(&r) - per_neg(&e)).abs() < 0.01, "{r}\n{e}");
    assert!(r.contains("Focal loss's sum here is"), "{r}");
    // Every other box that states numbers changes with the scenario too.
    for i in [SHARE, THRESHOLD, COMPOSITION, MODEL_B, STORY] {
        assert_ne!(rare.sections[i], even.sections[i], "{}", BOXES[i]);
    }
    // The lede (the page writes it) says which controls draw data.
    assert!(LEDE_SYNTHETIC.contains("the counts, accuracies and seed draw them"));
}

#[test]
fn the_focal_factor_is_stated_at_the_readers_point() {
    let at = |point: f64, gamma: f64| {
        let s = Scenario {
            gamma,
            ..scenario(500, 50)
        };
        let w = write_words(&mut Engine::new(), &WordsJob { point, ..job(s, 0) });
        text(&w.sections[FOCAL])
    };
    let t = at(0.9, 2.0);
    assert!(
        t.contains("At pₜ = 0.9, (1 − pₜ)γ = 0.0100 with γ = 2"),
        "{t}"
    );
    assert!(t.contains("keeps 1.0 % of its cross-entropy"), "{t}");
    let t = at(0.5, 1.0);
    assert!(t.contains("(1 − pₜ)γ = 0.500 with γ = 1"), "{t}");
    // alpha 0.25 is named for what it does: less balanced than BCE.
    assert!(
        t.contains("a positive weighs 0.333 times a negative"),
        "{t}"
    );
    assert!(t.contains("less balanced than BCE"), "{t}");
}

#[test]
fn the_weights_said_to_give_the_positives_half_do() {
    let s = scenario(20_000, 300);
    let t = text(&words(s, 0).sections[SHARE]);
    let w = after(&t, "weighted BCE needs pos_weight =");
    let alpha = after(&t, "α-balanced CE needs α =");
    let focal_alpha = after(&t, "and α =");
    let a = analyse(&s);
    let [neg, pos] = a.losses.get(LossKind::Bce).class_sums();
    // Rebuilt from the class sums: each setting puts the positives' share at a half (to the
    // three significant digits the sentence gives).
    let sums = |n: f64| ClassLoss {
        ce: n,
        focal: n,
        ..ClassLoss::default()
    };
    let at = |pos_weight: f64, alpha: f64| {
        LossParams::new(pos_weight, alpha, s.gamma).with_counts(f64::from(s.neg), f64::from(s.pos))
    };
    let weighted = *losses(&sums(neg), &sums(pos), &at(w, 0.5)).get(LossKind::WeightedBce);
    assert!(
        (weighted.share(Class::Positive).unwrap() - 0.5).abs() < 0.005,
        "{t}"
    );
    let balanced = *losses(&sums(neg), &sums(pos), &at(1.0, alpha)).get(LossKind::BalancedCe);
    assert!(
        (balanced.share(Class::Positive).unwrap() - 0.5).abs() < 0.005,
        "{t}"
    );
    let [fneg, fpos] = a.losses.get(LossKind::Focal).class_sums();
    let (fneg, fpos) = (fneg / (1.0 - s.alpha), fpos / s.alpha);
    let focal = *losses(&sums(fneg), &sums(fpos), &at(1.0, focal_alpha)).get(LossKind::Focal);
    assert!(
        (focal.share(Class::Positive).unwrap() - 0.5).abs() < 0.005,
        "{t}"
    );
}

#[test]
fn the_terms_name_the_sample_size_the_spread_is_taken_from() {
    use imbalance_lab::format::grouped;
    use imbalance_lab::sim::noise::SPREAD_SAMPLES;
    let w = words(scenario(100, 10), 0);
    let t = text(&w.sections[imbalance_lab::features::words::NUMBERS_TERMS]);
    assert!(
        t.contains(&format!(
            "up to {} evenly spaced",
            grouped(SPREAD_SAMPLES as u64)
        )),
        "{t}"
    );
    // A disclosure names its terms in its summary.
    assert!(
        t.starts_with("CE") || t.contains("Terms: mean, sum, share"),
        "{t}"
    );
}
