//! Golden values: the exact bits of a fixed scenario, pinned so that the stream never drifts
//! (a dependency update, a refactor) and so that the browser can be checked against native.
//! Shared by `tests/golden.rs` (native) and `tests/web.rs` (wasm in Chromium).

use imbalance_lab::sim::LossKind;
use imbalance_lab::sim::rng::class_stream;
use imbalance_lab::sim::{Class, Scenario, UnitDraws, analyse};
use rand_xoshiro::rand_core::Rng;

/// The scenario the goldens describe: small, every loss path (gamma 2.5 takes exp/ln).
pub fn scenario() -> Scenario {
    Scenario {
        neg: 1000,
        pos: 100,
        acc0: 0.9,
        acc1: 0.6,
        alpha: 0.25,
        gamma: 2.5,
        pos_weight: 3.0,
        threshold: 0.4,
        seed: 1,
        extra: Default::default(),
    }
}

/// Named values of the scenario, as bits.
pub fn fingerprint() -> Vec<(&'static str, u64)> {
    let a = analyse(&scenario());
    let draws = UnitDraws::generate(1, Class::Negative, 1000);
    let m = a.metrics;
    vec![
        (
            "stream neg first u64",
            class_stream(1, Class::Negative).next_u64(),
        ),
        (
            "stream pos first u64",
            class_stream(1, Class::Positive).next_u64(),
        ),
        ("unit neg [0]", draws.as_slice()[0].to_bits()),
        ("unit neg [999]", draws.as_slice()[999].to_bits()),
        ("score neg [500]", a.neg.get(500).to_bits()),
        ("score pos [0]", a.pos.get(0).to_bits()),
        ("score pos [99]", a.pos.get(99).to_bits()),
        (
            "bce sum",
            a.losses.get(LossKind::Bce).sum().unwrap().to_bits(),
        ),
        (
            "weighted_bce sum",
            a.losses.get(LossKind::WeightedBce).sum().unwrap().to_bits(),
        ),
        (
            "focal neg_sum",
            a.losses.get(LossKind::Focal).class_sums()[0].to_bits(),
        ),
        (
            "focal pos_sum",
            a.losses.get(LossKind::Focal).class_sums()[1].to_bits(),
        ),
        ("tp", m.confusion.tp),
        ("fp", m.confusion.fp),
        ("roc_auc", m.roc_auc.unwrap().to_bits()),
        ("average_precision", m.average_precision.unwrap().to_bits()),
        ("mcc", m.mcc.unwrap().to_bits()),
    ]
}

/// The pinned values, from the first native run.
pub const EXPECTED: &[(&str, u64)] = &[
    ("stream neg first u64", 0xcfc5d07f6f03c29b),
    ("stream pos first u64", 0xdafd92f1adffc5b9),
    ("unit neg [0]", 0x3f2b4e004be86e42),
    ("unit neg [999]", 0x3fefef65783fe3e8),
    ("score neg [500]", 0x3fd17322d9874e1d),
    ("score pos [0]", 0x3fc580591eb00c78),
    ("score pos [99]", 0x3fefefe0267c6ee7),
    ("bce sum", 0x407a1a604107916a),
    ("weighted_bce sum", 0x408142b56a7b47c7),
    ("focal neg_sum", 0x403d1b1d4b1e94b0),
    ("focal pos_sum", 0x40183330ec59c588),
    ("tp", 0x46),
    ("fp", 0x11b),
    ("roc_auc", 0x3fe9fac1d29dc726),
    ("average_precision", 0x3fe3f0fbe7985528),
    ("mcc", 0x3fd06f58da99bd9f),
];

/// Panics, naming every value that differs, unless the fingerprint equals `EXPECTED`.
pub fn check() {
    let got = fingerprint();
    let diffs: Vec<String> = got
        .iter()
        .zip(EXPECTED)
        .filter(|(g, e)| g != e)
        .map(|(g, e)| {
            format!(
                "{}: got {:#018x} ({}), want {:#018x}",
                g.0,
                g.1,
                f64::from_bits(g.1),
                e.1
            )
        })
        .collect();
    assert_eq!(got.len(), EXPECTED.len(), "fingerprint: {got:#x?}");
    assert!(
        diffs.is_empty(),
        "golden values changed:\n{}",
        diffs.join("\n")
    );
}
