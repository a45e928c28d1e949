//! `make bench`: the core at the seed notebook's size (1,000,000 negatives, 10,000 positives).
//!
//! For each control, times exactly the layers that control invalidates in the page's memo
//! chain (`src/sim/mod.rs`), and prints the median and the spread over repeated runs.
//! `cargo bench --bench core -- decision` times the decision panel's maths alone.

use std::hint::black_box;
use std::time::{Duration, Instant};

use imbalance_lab::sim::analysis::class_scores;
use imbalance_lab::sim::decision::{
    AtDeployment, Bootstrap, Calibration, CostCurve, Costs, RateIntervals, Runs, best_threshold,
};
use imbalance_lab::sim::loss::{Pass, SumParams};
use imbalance_lab::sim::training::{Binormal, LossParams, Sample, Trainer, fit_population};
use imbalance_lab::sim::{
    Class, ClassLoss, ClassScores, Confusion, LossKind, Metrics, Ranking, Scenario, UnitDraws,
    analyse, losses,
};

/// Runs `f` until both `min_runs` runs and `min_time` have passed; returns sorted timings.
fn time(mut f: impl FnMut(), min_runs: usize, min_time: Duration) -> Vec<Duration> {
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < min_runs || start.elapsed() < min_time {
        let t = Instant::now();
        f();
        times.push(t.elapsed());
    }
    times.sort();
    times
}

fn report(name: &str, times: &[Duration]) {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let p = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{name:<40} {:>9.4} {:>9.4} {:>9.4} {:>7}",
        ms(p(0.5)),
        ms(times[0]),
        ms(p(0.95)),
        times.len()
    );
}

fn main() {
    let s = Scenario::default();
    let neg = class_scores(&s, Class::Negative);
    let pos = class_scores(&s, Class::Positive);
    let params = LossParams::from_scenario(&s);
    let (neg_loss, pos_loss) = (ClassLoss::of(&neg, &params), ClassLoss::of(&pos, &params));
    let ranking = Ranking::new(&neg, &pos);
    if std::env::args().any(|a| a == "decision") {
        decision(&neg, &pos);
        return;
    }
    // After one class changes: its loss sums (the other's are memoised), the ranking, the
    // confusion matrix, the losses.
    let downstream = |changed: &ClassScores| {
        let (neg, pos, neg_loss, pos_loss) = match changed.class {
            Class::Negative => (changed, &pos, ClassLoss::of(changed, &params), pos_loss),
            Class::Positive => (&neg, changed, neg_loss, ClassLoss::of(changed, &params)),
        };
        let l = losses(&neg_loss, &pos_loss, &params);
        let m = Metrics::new(Confusion::at(neg, pos, s.threshold), Ranking::new(neg, pos));
        black_box((l, m));
    };

    println!(
        "imbalance-lab core, {} negatives + {} positives; times in ms",
        s.neg, s.pos
    );
    println!(
        "{:<40} {:>9} {:>9} {:>9} {:>7}",
        "operation", "median", "min", "p95", "runs"
    );
    let quick = (200, Duration::from_millis(300));
    let slow = (15, Duration::from_secs(2));

    report(
        "full recompute (all layers)",
        &time(|| drop(black_box(analyse(&s))), slow.0, slow.1),
    );
    report(
        "seed (= full recompute)",
        &time(
            || {
                black_box(analyse(&Scenario { seed: 2, ..s }));
            },
            slow.0,
            slow.1,
        ),
    );
    report(
        "alpha: losses",
        &time(
            || {
                let p = LossParams {
                    alpha: black_box(0.3),
                    ..params
                };
                black_box(losses(&neg_loss, &pos_loss, &p));
            },
            quick.0,
            quick.1,
        ),
    );
    report(
        "pos_weight: losses",
        &time(
            || {
                let p = LossParams {
                    pos_weight: black_box(3.0),
                    ..params
                };
                black_box(losses(&neg_loss, &pos_loss, &p));
            },
            quick.0,
            quick.1,
        ),
    );
    report(
        "threshold: confusion + metrics",
        &time(
            || {
                black_box(Metrics::new(
                    Confusion::at(&neg, &pos, black_box(0.42)),
                    ranking,
                ));
            },
            quick.0,
            quick.1,
        ),
    );
    for gamma in [2.0, 2.5] {
        report(
            &format!("gamma -> {gamma}: focal's pass + losses"),
            &time(
                || {
                    let p = LossParams { gamma, ..params };
                    let (mut a, mut b) = (neg_loss, pos_loss);
                    Pass::Base.run(&neg, &SumParams::of(&p, Class::Negative), &mut a);
                    Pass::Base.run(&pos, &SumParams::of(&p, Class::Positive), &mut b);
                    black_box(losses(&a, &b, &p));
                },
                slow.0,
                slow.1,
            ),
        );
    }
    let neg_unit = UnitDraws::generate(s.seed, Class::Negative, s.neg);
    let pos_unit = UnitDraws::generate(s.seed, Class::Positive, s.pos);
    report(
        "acc0: remap negatives + downstream",
        &time(
            || downstream(&ClassScores::new(Class::Negative, 0.97, &neg_unit)),
            slow.0,
            slow.1,
        ),
    );
    report(
        "acc1: remap positives + downstream",
        &time(
            || downstream(&ClassScores::new(Class::Positive, 0.8, &pos_unit)),
            slow.0,
            slow.1,
        ),
    );
    report(
        "neg count: redraw negatives + downstream",
        &time(
            || {
                let unit = UnitDraws::generate(s.seed, Class::Negative, s.neg - 1000);
                downstream(&ClassScores::new(Class::Negative, s.acc0, &unit));
            },
            slow.0,
            slow.1,
        ),
    );
    report(
        "pos count: redraw positives + downstream",
        &time(
            || {
                let unit = UnitDraws::generate(s.seed, Class::Positive, s.pos + 1000);
                downstream(&ClassScores::new(Class::Positive, s.acc1, &unit));
            },
            slow.0,
            slow.1,
        ),
    );
    report(
        "  of which: ranking (AUC + AP)",
        &time(
            || {
                black_box(Ranking::new(&neg, &pos));
            },
            slow.0,
            slow.1,
        ),
    );
    // Training (SPEC section 6): the four population fits at the page's mix, at the default
    // separation and at the hardest settings (the widest separation, gamma 10, pos_weight 100).
    let params = LossParams::from_scenario(&s);
    for (name, sep, params) in [
        ("training: 4 population fits (d 2)", 2.0, params),
        (
            "training: 4 population fits (d 6, g 10)",
            6.0,
            LossParams {
                pos_weight: 100.0,
                gamma: 10.0,
                ..params
            },
        ),
    ] {
        let pop = Binormal::from_scenario(&s, sep);
        report(
            name,
            &time(
                || {
                    for kind in LossKind::ALL {
                        black_box(fit_population(&pop, kind, black_box(&params)).ok());
                    }
                },
                quick.0,
                quick.1,
            ),
        );
    }
    let pop = Binormal::from_scenario(&s, 2.0);
    report(
        "training: draw a 1,000,000-row sample",
        &time(
            || drop(black_box(Sample::generate(&pop, 1_000_000, s.seed))),
            slow.0,
            slow.1,
        ),
    );
    let sample = Sample::generate(&pop, 1_000_000, s.seed);
    for kind in [LossKind::Bce, LossKind::Focal] {
        let trainer = Trainer::new(&sample, kind, &params).expect("an optimum");
        report(
            &format!("training: Newton step, {}, 1 M rows", kind.key()),
            &time(
                || {
                    black_box(trainer.clone().step());
                },
                slow.0,
                slow.1,
            ),
        );
    }
    decision(&neg, &pos);
}

/// The decision panel (SPEC section 8): what a cost, prevalence or threshold change redoes, the
/// layers redone when the scores change (the runs, the calibration), and the bootstrap, which
/// runs in a worker.
fn decision(neg: &ClassScores, pos: &ClassScores) {
    println!(
        "decision panel, {} negatives + {} positives",
        neg.len(),
        pos.len()
    );
    let quick = (200, Duration::from_millis(300));
    let slow = (15, Duration::from_secs(2));
    let costs = Costs::new(1.0, 0.0, 3.0);
    report(
        "decision: runs (when the scores change)",
        &time(
            || {
                black_box(Runs::new(neg, pos));
            },
            slow.0,
            slow.1,
        ),
    );
    let runs = Runs::new(neg, pos);
    report(
        "decision: best threshold (a cost change)",
        &time(
            || {
                black_box(best_threshold(&runs, black_box(&costs)));
            },
            quick.0,
            quick.1,
        ),
    );
    report(
        "decision: cost curve (256 points) + best",
        &time(
            || {
                black_box(CostCurve::new(neg, pos, &runs, &costs, 256));
            },
            quick.0,
            quick.1,
        ),
    );
    let c = Confusion::at(neg, pos, 0.5);
    report(
        "decision: deployment + Wilson intervals",
        &time(
            || {
                black_box((
                    AtDeployment::new(&c, black_box(0.2)),
                    RateIntervals::new(&c),
                ));
            },
            quick.0,
            quick.1,
        ),
    );
    report(
        "decision: calibration (bins, Brier, ECE)",
        &time(
            || {
                black_box(Calibration::new(neg, pos));
            },
            slow.0,
            slow.1,
        ),
    );
    // The worst case for the runs: a million distinct positive scores.
    let balanced = class_scores(
        &Scenario {
            pos: 1_000_000,
            ..Scenario::default()
        },
        Class::Positive,
    );
    report(
        "decision: runs, 1M + 1M",
        &time(
            || {
                black_box(Runs::new(neg, &balanced));
            },
            slow.0,
            slow.1,
        ),
    );
    let balanced_runs = Runs::new(neg, &balanced);
    report(
        "decision: best threshold, 1M + 1M",
        &time(
            || {
                black_box(best_threshold(&balanced_runs, &costs));
            },
            slow.0,
            slow.1,
        ),
    );
    report(
        "decision: bootstrap setup",
        &time(
            || {
                black_box(Bootstrap::new(&runs, 1, 1000).ok());
            },
            slow.0,
            slow.1,
        ),
    );
    let mut boot = Bootstrap::new(&runs, 1, 1_000_000).expect("both classes");
    report(
        "decision: bootstrap, 1 resample",
        &time(
            || {
                black_box(boot.run(1));
            },
            50,
            Duration::from_secs(2),
        ),
    );
    let small = Scenario {
        neg: 100_000,
        pos: 1_000,
        ..Scenario::default()
    };
    let (small_neg, small_pos) = (
        class_scores(&small, Class::Negative),
        class_scores(&small, Class::Positive),
    );
    for (name, neg, pos) in [
        (
            "decision: bootstrap 1,000 (100k + 1k)",
            &small_neg,
            &small_pos,
        ),
        ("decision: bootstrap 1,000 (1M + 10k)", neg, pos),
    ] {
        let runs = Runs::new(neg, pos);
        report(
            name,
            &time(
                || {
                    let mut b = Bootstrap::new(&runs, 1, 1000).expect("both classes");
                    b.run(1000);
                    black_box(b.interval());
                },
                3,
                Duration::ZERO,
            ),
        );
    }
}
