//! Which requests an answer still serves, whole or in part.

use imbalance_lab::sim::Class;
use imbalance_lab::sim::engine::{Engine, ModelId};
use imbalance_lab::sim::loss::{LA_TAU, SUMS, Sum};

use super::helpers::{edited, request};
use crate::common::counts;

#[test]
fn an_answer_covers_exactly_the_requests_it_answers() {
    let s = counts(2_000, 100);
    let r = request(s, [0.9, 0.8]);
    let exact = Engine::new().compute(&r, &mut |_| {}).unwrap();
    assert!(exact.exact_for(&r));
    // alpha and pos_weight only weight the per-class sums, so the same answer serves them.
    let reweighted = edited(s, |s| (s.alpha, s.pos_weight) = (0.6, 9.0), [0.9, 0.8]);
    assert!(exact.exact_for(&reweighted));
    for other in [
        edited(s, |s| s.threshold = 0.4, [0.9, 0.8]),
        edited(s, |s| s.gamma = 1.0, [0.9, 0.8]),
        edited(s, |s| s.acc0 = 0.5, [0.9, 0.8]),
        edited(s, |s| s.neg = 2_001, [0.9, 0.8]),
        edited(s, |s| s.seed = 2, [0.9, 0.8]),
        request(s, [0.9, 0.7]),
    ] {
        assert!(!exact.exact_for(&other), "{other:?}");
    }
    // A new count of negatives leaves the positives' sums valid, but for logit adjustment's,
    // whose prior it changes (LDAM's margin of the positives, the smaller class, stays m).
    let more = edited(s, |s| s.neg = 3_000, [0.9, 0.8]);
    let key = more.loss_key(ModelId::A, Class::Positive);
    for sum in SUMS {
        let kept = exact.sum(key, ModelId::A, Class::Positive, sum);
        if sum == Sum::Adjusted {
            assert_eq!(kept, None, "{sum:?}");
        } else {
            assert_eq!(kept, Some(exact.models[0].loss[1].get(sum)), "{sum:?}");
        }
    }
    // Logit adjustment's own parameter redoes its own sums only.
    let tau = edited(s, |s| s.extra = s.extra.with(LA_TAU, 2.0), [0.9, 0.8]);
    let key = tau.loss_key(ModelId::A, Class::Positive);
    assert_eq!(
        exact.sum(key, ModelId::A, Class::Positive, Sum::Adjusted),
        None
    );
    assert!(
        exact
            .sum(key, ModelId::A, Class::Positive, Sum::Margin)
            .is_some()
    );
    let key = more.loss_key(ModelId::A, Class::Negative);
    assert_eq!(exact.loss(key, ModelId::A, Class::Negative), None);
    assert_eq!(exact.sum(key, ModelId::A, Class::Negative, Sum::Ce), None);
    // A new gamma leaves every cross-entropy sum valid, and no focal sum.
    let steeper = edited(s, |s| s.gamma = 3.5, [0.9, 0.8]);
    for m in ModelId::ALL {
        for class in [Class::Negative, Class::Positive] {
            let key = steeper.loss_key(m, class);
            assert_eq!(exact.loss(key, m, class), None);
            assert_eq!(
                exact.sum(key, m, class, Sum::Ce),
                Some(exact.models[m.index()].loss[class as usize].ce)
            );
        }
    }
    let other_model = edited(s, |s| s.gamma = 3.5, [0.9, 0.7]);
    let key = other_model.loss_key(ModelId::B, Class::Positive);
    assert_eq!(exact.sum(key, ModelId::B, Class::Positive, Sum::Ce), None);
}

#[test]
fn an_answer_is_useful_while_any_part_of_it_still_answers_the_page() {
    let s = counts(2_000, 100);
    let exact = Engine::new()
        .compute(&request(s, [0.9, 0.8]), &mut |_| {})
        .unwrap();
    // A new gamma keeps the cross-entropy sums, a new threshold the ranks, a new count of
    // negatives the positives' sums, a new model B model A's numbers.
    for still in [
        edited(s, |s| s.gamma = 4.0, [0.9, 0.8]),
        edited(s, |s| s.threshold = 0.1, [0.9, 0.8]),
        edited(s, |s| s.neg = 2_500, [0.9, 0.8]),
        request(s, [0.5, 0.5]),
    ] {
        assert!(exact.useful_for(&still), "{still:?}");
    }
    // Both counts or the seed changed: nothing in it answers the page any more.
    for gone in [
        edited(s, |s| (s.neg, s.pos) = (2_500, 90), [0.9, 0.8]),
        edited(s, |s| s.seed = 99, [0.9, 0.8]),
    ] {
        assert!(!exact.useful_for(&gone), "{gone:?}");
    }
}
