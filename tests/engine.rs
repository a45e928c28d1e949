//! The exact engine (what the Web Worker runs): the same numbers as the core's own layers, only
//! the changed layers redone, and answers that survive their trip as numbers.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::counts;
use imbalance_lab::sim::curves::{histogram, threshold_sweep};
use imbalance_lab::sim::engine::{
    Answer, BINS, Curves, DataSet, Engine, ModelAnswer, ModelId, PREVIEW, Request, SWEEP,
};
use imbalance_lab::sim::ranking::{average_precision, average_precision_weighted, roc_auc};
use imbalance_lab::sim::{
    Class, ClassLoss, ClassScores, Confusion, RATIOS, Ranking, Ranks, Scenario, UnitDraws,
};

fn request(s: Scenario, rival: [f64; 2]) -> Request {
    Request::synthetic(s, rival)
}

/// The request for `base` after `edit` (the controls a user moved), model B at `rival`.
fn edited(base: Scenario, edit: fn(&mut Scenario), rival: [f64; 2]) -> Request {
    let mut s = base;
    edit(&mut s);
    request(s, rival)
}

/// The numbers of `r` straight from the core, with nothing kept between layers.
fn direct(r: &Request) -> Answer {
    let s = r.scenario;
    let draws =
        [Class::Negative, Class::Positive].map(|c| UnitDraws::generate(s.seed, c, s.count(c)));
    let scores = |m: ModelId| {
        [Class::Negative, Class::Positive]
            .map(|c| ClassScores::new(c, r.acc(m, c), &draws[c as usize]))
    };
    direct_on(r, &ModelId::ALL.map(scores))
}

/// The numbers of `r` on given scores (`[model][class]`), straight from the core.
fn direct_on(r: &Request, models: &[[ClassScores; 2]; 2]) -> Answer {
    let s = r.scenario;
    let model = |m: ModelId| {
        let [n, p] = &models[m.index()];
        ModelAnswer {
            loss: [ClassLoss::new(n, s.gamma), ClassLoss::new(p, s.gamma)],
            confusion: Confusion::at(n, p, s.threshold),
            ranks: Ranks {
                // Independent of the engine's single walk (`ranks`): one walk each.
                ranking: Ranking {
                    roc_auc: roc_auc(n, p),
                    average_precision: average_precision(n, p),
                },
                // One weighted walk per ratio: the engine's single walk must give the same bits.
                ap_at_ratios: RATIOS.map(|ratio| {
                    let w = if n.is_empty() {
                        1.0
                    } else {
                        ratio * p.len() as f64 / n.len() as f64
                    };
                    average_precision_weighted(n, p, w)
                }),
            },
        }
    };
    let [n, p] = &models[0];
    Answer {
        request: *r,
        models: ModelId::ALL.map(model),
        curves: Curves {
            histograms: [histogram(n, BINS), histogram(p, BINS)],
            sweep: threshold_sweep(n, p, SWEEP),
        },
    }
}

#[test]
fn imported_scores_give_the_cores_numbers_on_them() {
    // Two models' scores in no order, with ties and both ends of [0, 1].
    let wave = |k: usize, n: usize, f: f64| -> Vec<f64> {
        (0..n)
            .map(|i| (((i * k) % 97) as f64 / 96.0 * f).min(1.0))
            .collect()
    };
    let models = [
        [
            ClassScores::from_scores(Class::Negative, wave(7, 900, 0.6)),
            ClassScores::from_scores(Class::Positive, wave(11, 40, 1.3)),
        ],
        [
            ClassScores::from_scores(Class::Negative, wave(5, 900, 0.9)),
            ClassScores::from_scores(Class::Positive, wave(3, 40, 1.0)),
        ],
    ];
    let mut engine = Engine::new();
    engine.hold(DataSet {
        id: 3,
        models: models.clone(),
    });
    let s = Scenario {
        threshold: 0.4,
        gamma: 2.5,
        ..counts(900, 40)
    };
    let r = Request {
        data: 3,
        ..request(s, [0.5, 0.5])
    };
    let answer = engine.compute(&r, &mut |_| {}).unwrap();
    assert_eq!(answer, direct_on(&r, &models));
    // Threshold and gamma move on the same data; a data set the engine does not hold has no
    // answer (never numbers of something else).
    let moved = Request {
        scenario: Scenario {
            threshold: 0.7,
            gamma: 0.0,
            ..s
        },
        ..r
    };
    assert_eq!(
        engine.compute(&moved, &mut |_| {}),
        Some(direct_on(&moved, &models))
    );
    assert_eq!(engine.compute(&Request { data: 4, ..r }, &mut |_| {}), None);
    // The predictions file of imported data holds the imported scores, class by class.
    let csv = String::from_utf8(imbalance_lab::export::predictions_csv(
        &mut engine,
        &r,
        0..940,
    ))
    .unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 941);
    assert_eq!(rows[1], format!("0,{}", models[0][0].get(0)));
    assert_eq!(rows[940], format!("1,{}", models[0][1].get(39)));
    // The request survives its trip with the data set's number.
    assert_eq!(Request::decode(&r.encode()), Some(r));
}

#[test]
fn the_engine_gives_the_cores_numbers_after_any_sequence_of_changes() {
    let base = Scenario {
        seed: 7,
        ..counts(150_000, 2_000)
    };
    let steps = [
        request(base, [0.98, 0.9]),
        edited(base, |s| s.threshold = 0.3, [0.98, 0.9]),
        edited(base, |s| (s.gamma, s.threshold) = (2.5, 0.3), [0.98, 0.9]),
        edited(base, |s| (s.gamma, s.acc0) = (2.5, 0.9), [0.98, 0.9]),
        edited(base, |s| (s.gamma, s.acc0) = (2.5, 0.9), [0.7, 0.2]),
        edited(base, |s| s.neg = 90_000, [0.7, 0.2]),
        edited(base, |s| s.seed = u64::MAX - 3, [0.7, 0.2]),
        edited(base, |s| (s.neg, s.pos) = (0, 5), [0.7, 0.2]),
        request(base, [0.98, 0.9]),
    ];
    let mut engine = Engine::new();
    for r in &steps {
        let mut last = -1.0;
        let exact = engine.compute(r, &mut |p| {
            assert!(
                (0.0..=1.0).contains(&p) && p >= last,
                "progress {p} after {last}"
            );
            last = p;
        });
        assert_eq!(last, 1.0);
        assert_eq!(exact, Some(direct(r)), "{r:?}");
    }
}

#[test]
fn answers_and_requests_survive_their_trip_as_numbers() {
    let mut engine = Engine::new();
    for r in [
        request(Scenario::default(), [0.98, 0.9]),
        // Undefined metrics (no positives), a seed above 2^53, an empty class.
        edited(counts(3_000, 0), |s| s.seed = u64::MAX, [0.5, 0.5]),
        request(counts(0, 0), [1.0, 0.0]),
    ] {
        assert_eq!(Request::decode(&r.encode()), Some(r));
        let exact = engine.compute(&r, &mut |_| {}).unwrap();
        let back = Answer::decode(&exact.encode()).expect("decodes");
        assert_eq!(back, exact);
        for (a, b) in back.models.iter().zip(&exact.models) {
            assert_eq!(a.loss[0].ce.to_bits(), b.loss[0].ce.to_bits());
        }
    }
}

#[test]
fn anything_but_an_answer_is_refused() {
    let exact = Engine::new()
        .compute(&request(counts(1_000, 50), [0.9, 0.9]), &mut |_| {})
        .unwrap();
    let good = exact.encode();
    assert!(Answer::decode(&[]).is_none());
    assert!(Answer::decode(&good[..good.len() - 1]).is_none());
    let mut longer = good.clone();
    longer.push(0.0);
    assert!(Answer::decode(&longer).is_none());
    for i in [0, 1, 8, 14, 20] {
        let mut bad = good.clone();
        bad[i] = f64::NAN;
        assert!(Answer::decode(&bad).is_none(), "NaN at {i}");
        bad[i] = -1.5;
        assert!(Answer::decode(&bad).is_none(), "-1.5 at {i}");
    }
    assert!(Request::decode(&[1.0; 3]).is_none());
}

#[test]
fn small_classes_are_their_own_preview() {
    let fits = |neg, pos| request(counts(neg, pos), [0.9, 0.9]).exact_on_page();
    assert!(fits(PREVIEW, PREVIEW));
    assert!(!fits(PREVIEW + 1, 10));
    assert!(!fits(10, PREVIEW + 1));
}

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
    // A new count of negatives leaves the positives' loss sums valid.
    let more = edited(s, |s| s.neg = 3_000, [0.9, 0.8]);
    let key = more.loss_key(ModelId::A, Class::Positive);
    assert_eq!(
        exact.loss(key, ModelId::A, Class::Positive),
        Some(exact.models[0].loss[1])
    );
    let key = more.loss_key(ModelId::A, Class::Negative);
    assert_eq!(exact.loss(key, ModelId::A, Class::Negative), None);
    assert_eq!(exact.cross_entropy(key, ModelId::A, Class::Negative), None);
    // A new gamma leaves every cross-entropy sum valid, and no focal sum.
    let steeper = edited(s, |s| s.gamma = 3.5, [0.9, 0.8]);
    for m in ModelId::ALL {
        for class in [Class::Negative, Class::Positive] {
            let key = steeper.loss_key(m, class);
            assert_eq!(exact.loss(key, m, class), None);
            assert_eq!(
                exact.cross_entropy(key, m, class),
                Some(exact.models[m.index()].loss[class as usize].ce)
            );
        }
    }
    let other_model = edited(s, |s| s.gamma = 3.5, [0.9, 0.7]);
    let key = other_model.loss_key(ModelId::B, Class::Positive);
    assert_eq!(exact.cross_entropy(key, ModelId::B, Class::Positive), None);
}

#[test]
fn a_preview_estimate_is_close_and_a_whole_class_is_exact() {
    use imbalance_lab::sim::engine::Weights;
    use imbalance_lab::sim::ranking::average_precision_weighted;
    let s = counts(1_000_000, 10_000);
    let w = Weights::of(&s);
    assert_eq!(w.weight[1], 1.0);
    assert!((w.weight[0] - 1_000_000.0 / f64::from(PREVIEW)).abs() < 1e-12);
    let preview = |c: Class| {
        ClassScores::new(
            c,
            s.acc(c),
            &UnitDraws::generate(s.seed, c, Weights::preview_size(s.count(c))),
        )
    };
    let (n, p) = (preview(Class::Negative), preview(Class::Positive));
    let exact = Engine::new()
        .compute(&request(s, [0.98, 0.9]), &mut |_| {})
        .unwrap();
    // The positives fit: their numbers are the exact ones to the bit.
    assert_eq!(
        w.loss(Class::Positive, ClassLoss::new(&p, s.gamma)),
        exact.models[0].loss[1]
    );
    // The negatives' estimate is within a percent (a sample of 65,536 of a million).
    let est = w.loss(Class::Negative, ClassLoss::new(&n, s.gamma));
    let truth = exact.models[0].loss[0];
    assert!((est.ce / truth.ce - 1.0).abs() < 0.01, "{est:?} {truth:?}");
    let c = w.confusion(Confusion::at(&n, &p, s.threshold));
    assert_eq!((c.tp + c.fn_, c.fp + c.tn), (10_000, 1_000_000));
    assert_eq!(c.tp, exact.models[0].confusion.tp);
    let fp = exact.models[0].confusion.fp as f64;
    assert!((c.fp as f64 - fp).abs() < 0.15 * fp + 50.0, "{c:?} {fp}");
    let ap = average_precision_weighted(&n, &p, w.negative_weight()).unwrap();
    let ap_exact = exact.models[0].ranks.ranking.average_precision.unwrap();
    assert!((ap - ap_exact).abs() < 0.01, "{ap} {ap_exact}");
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

#[test]
fn the_preview_s_ranking_alone_has_the_bits_of_the_full_walk() {
    use imbalance_lab::sim::ranking::{ap_at_ratios, ranking_weighted};
    for (neg, pos, seed) in [
        (65_536, 65_536, 3),
        (65_536, 700, 9),
        (40, 3_000, 1),
        (0, 10, 2),
    ] {
        let scores =
            |c: Class, n: u32, acc: f64| ClassScores::new(c, acc, &UnitDraws::generate(seed, c, n));
        let (n, p) = (
            scores(Class::Negative, neg, 0.97),
            scores(Class::Positive, pos, 0.6),
        );
        for w in [1.0, 15.3] {
            let all = Ranks::new(&n, &p, w);
            assert_eq!(ranking_weighted(&n, &p, w), all.ranking);
            assert_eq!(ap_at_ratios(&n, &p), all.ap_at_ratios);
        }
    }
}

#[test]
fn a_sampled_ranking_estimate_is_the_full_walk_when_small_and_close_when_large() {
    use imbalance_lab::sim::ranking::{
        ap_at_ratios, ap_at_ratios_sampled, ranking_sampled, ranking_weighted,
    };
    let scores = |c: Class, n: u32, acc: f64, seed: u64| {
        ClassScores::new(c, acc, &UnitDraws::generate(seed, c, n))
    };
    // Classes no larger than the sample: the same bits.
    let (n, p) = (
        scores(Class::Negative, 16_384, 0.9, 4),
        scores(Class::Positive, 300, 0.7, 4),
    );
    assert_eq!(
        ranking_sampled(&n, &p, 3.5, 16_384),
        ranking_weighted(&n, &p, 3.5)
    );
    // A preview four times larger than the sample, of each class, and one of a single class
    // (classes that overlap, so that a negative's weight moves average precision): within a
    // hundredth of the whole walk's numbers, under a preview's weight too.
    for (neg, pos, w) in [
        (65_536, 65_536, 1.0),
        (65_536, 900, 15.3),
        (65_536, 40_000, 0.2),
    ] {
        let (n, p) = (
            scores(Class::Negative, neg, 0.7, 7),
            scores(Class::Positive, pos, 0.6, 7),
        );
        let (got, want) = (
            ranking_sampled(&n, &p, w, 16_384),
            ranking_weighted(&n, &p, w),
        );
        let near = |a: imbalance_lab::sim::Metric, b: imbalance_lab::sim::Metric| {
            (a.unwrap() - b.unwrap()).abs() < 0.01
        };
        assert!(
            near(got.roc_auc, want.roc_auc),
            "{neg} {pos}: {got:?} {want:?}"
        );
        assert!(
            near(got.average_precision, want.average_precision),
            "{neg} {pos}: {got:?} {want:?}"
        );
        assert_ne!(got, want, "a sample, not the whole walk");
        // The A/B panel's average precision at other ratios, on the same sample: close too.
        let (got, want) = (ap_at_ratios_sampled(&n, &p, 16_384), ap_at_ratios(&n, &p));
        for (g, w) in got.into_iter().zip(want) {
            assert!(near(g, w), "{neg} {pos}: {g:?} {w:?}");
        }
    }
}
