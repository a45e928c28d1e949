//! The passes against a plain loop over the per-sample definition (`sums.rs`'s tests).

use super::super::shape::{lifted_on, modulating, shifted_on};
use super::*;
use crate::sim::UnitDraws;
use crate::sim::fastmath;

/// A plain loop over one class's samples, each half of a large class summed from zero.
fn plain(scores: &ClassScores, term: impl Fn(f64) -> f64) -> f64 {
    let len = scores.len();
    let mid = if len >= SPLIT {
        (len / 2).next_multiple_of(CHUNK)
    } else {
        len
    };
    let (mut a, mut b) = (0.0, 0.0);
    for (i, p) in scores.iter().enumerate() {
        if i < mid {
            a += term(p);
        } else {
            b += term(p);
        }
    }
    if mid < len { a + b } else { a }
}

/// Every pass has the bits of a plain loop over the per-sample arithmetic of `Shape`, for
/// whole and fractional exponents, and for a class large enough to be summed in two halves.
#[test]
fn every_pass_matches_a_plain_loop_bit_for_bit() {
    for (class, size) in [Class::Negative, Class::Positive]
        .into_iter()
        .flat_map(|c| [(c, 3_001), (c, 200_003)])
    {
        let draws = UnitDraws::generate(7, class, size);
        let scores = ClassScores::new(class, 0.8, &draws);
        let split = |p: f64| split(class, clip(p));
        let ce = |p: f64| -fastmath::ln(split(p).0);
        for gamma in [0.0, 2.0, 3.0, 2.5, 0.3] {
            let l = ClassLoss::new(
                &scores,
                &SumParams {
                    gamma,
                    asl: [gamma, 0.07],
                    adjusted: 0.05,
                    margin: 3.5,
                },
            );
            let bits = |got: f64, want: f64, what: &str| {
                assert_eq!(
                    got.to_bits(),
                    want.to_bits(),
                    "{class:?} {size} {what} {gamma}"
                )
            };
            bits(l.ce, plain(&scores, ce), "ce");
            bits(
                l.focal,
                plain(&scores, |p| modulating(split(p).1, gamma) * ce(p)),
                "focal",
            );
            bits(l.rest, plain(&scores, |p| split(p).1), "rest");
            bits(l.prob, plain(&scores, |p| p), "prob");
            let (pt, rest) = (|p| split(p).0, |p| split(p).1);
            bits(
                l.adjusted,
                plain(&scores, |p| shifted_on(pt(p), rest(p), 0.05)),
                "adjusted",
            );
            bits(
                l.margin,
                plain(&scores, |p| shifted_on(pt(p), rest(p), 3.5)),
                "margin",
            );
            let asl = match class {
                Class::Negative => plain(&scores, |p| lifted_on(clip(p), 0.07, gamma)),
                Class::Positive => l.focal,
            };
            bits(l.asl, asl, "asl");
        }
    }
}
