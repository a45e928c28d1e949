//! The scenario's own edits (class ratio and total) and the text rules, natively.

mod common;

use common::counts;
use imbalance_lab::format::{composition, ratio, ratio_heading};
use imbalance_lab::sim::Confusion;
use imbalance_lab::sim::{MAX_COUNT, RATIO_MAX, ratio_of};

#[test]
fn the_class_ratio_has_one_definition() {
    assert_eq!(counts(1_000_000, 10_000).ratio(), Some(100.0));
    assert_eq!(counts(0, 5).ratio(), None);
    assert_eq!(counts(5, 0).ratio(), None);
    // The slider puts an empty class at the end of the track it went off.
    assert_eq!(counts(0, 5).ratio_on_slider(), 1.0);
    assert_eq!(counts(5, 0).ratio_on_slider(), RATIO_MAX);
    assert_eq!(counts(0, 0).ratio_on_slider(), 1.0);
    // A confusion matrix's ratio is its classes'.
    let c = Confusion {
        tp: 3,
        fp: 10,
        tn: 290,
        fn_: 0,
    };
    assert_eq!(ratio_of(&c), Some(100.0));
    assert_eq!(
        ratio_of(&Confusion {
            tp: 0,
            fp: 0,
            tn: 7,
            fn_: 0
        }),
        None
    );
}

#[test]
fn setting_the_ratio_keeps_the_total_and_setting_the_total_keeps_the_ratio() {
    let mut s = counts(1_000_000, 10_000);
    s.set_ratio(1.0);
    assert_eq!((s.neg, s.pos), (505_000, 505_000));
    s.set_ratio(RATIO_MAX);
    assert_eq!(s.total(), 1_010_000);
    assert_eq!((s.neg, s.pos), (1_009_899, 101));
    let mut s = counts(1_000_000, 10_000);
    s.set_total(101_000.0);
    assert_eq!((s.neg, s.pos), (100_000, 1_000));
    // Never past the largest count, never negative, never fractional.
    s.set_total(1e12);
    assert_eq!(s.total(), u64::from(MAX_COUNT));
    s.set_total(-5.0);
    assert_eq!((s.neg, s.pos), (0, 0));
    // An empty scenario gets 100 negatives per positive; an empty class stays empty.
    s.set_total(101.4);
    assert_eq!((s.neg, s.pos), (100, 1));
    let mut only_neg = counts(500, 0);
    only_neg.set_total(800.0);
    assert_eq!((only_neg.neg, only_neg.pos), (800, 0));
    let mut only_pos = counts(0, 500);
    only_pos.set_total(800.0);
    assert_eq!((only_pos.neg, only_pos.pos), (0, 800));
}

#[test]
fn numbers_read_the_same_everywhere() {
    assert_eq!(ratio(1_000.0), "1,000");
    assert_eq!(ratio(99.6), "100");
    assert_eq!(
        [1.0, 10.0, 100.0, 1_000.0, 10_000.0].map(ratio_heading),
        ["1:1", "1:10", "1:100", "1:1k", "1:10k"]
    );
    assert_eq!(
        composition(&counts(1_000_000, 10_000)),
        "1,010,000 samples: 1,000,000 negatives, 10,000 positives (0.990 % positive)"
    );
    assert_eq!(
        composition(&counts(0, 0)),
        "0 samples: 0 negatives, 0 positives"
    );
}
