//! The decision panel as the worker answers it: the job and the answer survive the wire, the
//! best threshold is the one brute force finds on the same scores, a trained model is judged on
//! the training sample, undoing pos_weight recalibrates weighted BCE's model, the bootstrap
//! finishes in slices, nothing ever shows NaN, and the Python snippets carry the settings.
#![cfg(not(target_arch = "wasm32"))]

use imbalance_lab::features::decide::worker::snippets::{PREDICTIONS_FILE, snippets};
use imbalance_lab::features::decide::worker::{
    CALIBRATION, CODE, COSTS, DecideJob, Decided, Decider, JSON, PREVALENCE, RESAMPLES,
    SNIPPET_BREAK, STATUS, UNCERTAINTY,
};
use imbalance_lab::protocol::{FromWorker, ToWorker};
use imbalance_lab::sim::engine::{Engine, ModelId, Request};
use imbalance_lab::sim::{ClassScores, Confusion, LossKind, Scenario};
use imbalance_lab::state::{DecisionSettings, Judge, TrainingSettings, Undo};

fn job(neg: u32, pos: u32, settings: DecisionSettings) -> DecideJob {
    DecideJob {
        id: 7,
        request: Request::synthetic(
            Scenario {
                neg,
                pos,
                threshold: 0.5,
                seed: 11,
                ..Scenario::default()
            },
            [0.98, 0.9],
        ),
        settings,
        training: TrainingSettings {
            sep: 2.0,
            rows: 4_000,
            ..TrainingSettings::default()
        },
        dark: false,
        width: 0,
        seen: true,
    }
}

/// The `decision` object's text from a panel.
fn json(d: &Decided, name: usize) -> String {
    d.sections[JSON]
        .split(SNIPPET_BREAK)
        .nth(name)
        .unwrap()
        .to_string()
}

/// The number after `"key": ` in a JSON text.
fn field(text: &str, key: &str) -> f64 {
    let at = text.find(&format!("\"{key}\": ")).unwrap() + key.len() + 4;
    let end = text[at..].find([',', ' ', '}']).unwrap();
    text[at..at + end].parse().unwrap()
}

#[test]
fn a_job_and_its_answer_round_trip_and_junk_is_refused() {
    let settings = DecisionSettings {
        cost_fp: 2.5,
        cost_fn: 40.0,
        reward_tp: 3.0,
        prevalence: Some(0.002),
        undo: Undo::Undersampled(0.25),
        judge: Judge::Trained(LossKind::Focal),
    };
    let j = job(30_000, 300, settings);
    let encode = |j: &DecideJob| ToWorker::Decide(Box::new(*j)).encode();
    let decode = |v: &[f64]| match ToWorker::decode(v) {
        Some(ToWorker::Decide(j)) => Some(*j),
        _ => None,
    };
    assert_eq!(decode(&encode(&j)), Some(j));
    let none = DecideJob {
        settings: DecisionSettings::default(),
        ..j
    };
    assert_eq!(decode(&encode(&none)), Some(none));
    let v = encode(&j);
    assert_eq!(decode(&v[..v.len() - 1]), None);
    let mut bad_judge = v.clone();
    let at = v.len() - 8;
    bad_judge[at] = (2 + imbalance_lab::sim::LossKind::COUNT) as f64;
    assert_eq!(decode(&bad_judge), None);

    let mut engine = Engine::new();
    let d = Decider::default().decide(&mut engine, &j);
    let (numbers, bytes) = FromWorker::Decided(Box::new(d.clone())).encode();
    assert_eq!(
        FromWorker::decode(&numbers, bytes),
        FromWorker::Decided(Box::new(d))
    );
}

/// The largest threshold of least `cost` over every distinct score and above them all, tried
/// one by one, and that cost.
fn brute_force(
    neg: &ClassScores,
    pos: &ClassScores,
    cost: impl Fn(&Confusion) -> f64,
) -> (f64, f64) {
    let mut cands: Vec<f64> = neg.iter().chain(pos.iter()).collect();
    cands.sort_by(f64::total_cmp);
    cands.dedup();
    cands.push(1.0);
    let cost = |t: f64| cost(&Confusion::at(neg, pos, t));
    let least = cands.iter().map(|&t| cost(t)).fold(f64::INFINITY, f64::min);
    let largest = cands
        .iter()
        .copied()
        .filter(|&t| cost(t) == least)
        .fold(f64::NEG_INFINITY, f64::max);
    (largest, least)
}

#[test]
fn the_best_threshold_is_the_brute_force_one_on_the_same_scores() {
    for (cfp, cfn, rtp) in [
        (1.0, 1.0, 0.0),
        (1.0, 0.0, 3.0),
        (1.0, 50.0, 0.0),
        (5.0, 1.0, 2.0),
    ] {
        let settings = DecisionSettings {
            cost_fp: cfp,
            cost_fn: cfn,
            reward_tp: rtp,
            ..DecisionSettings::default()
        };
        let j = job(20_000, 400, settings);
        let mut engine = Engine::new();
        let d = Decider::default().decide(&mut engine, &j);
        let [neg, pos] = engine.scores(&j.request, ModelId::A).unwrap();
        let (largest, least) = brute_force(&neg, &pos, |c| {
            cfp * c.fp as f64 + cfn * c.fn_ as f64 - rtp * c.tp as f64
        });
        let text = json(&d, 0);
        assert_eq!(field(&text, "best_threshold"), largest, "{cfp} {cfn} {rtp}");
        assert_eq!(field(&text, "best_cost"), least);
        assert_eq!(d.best, Some(largest));
        assert!(d.sections[COSTS].contains("<svg class=\"chart-svg\" role=\"img\""));
    }
}

#[test]
fn undoing_pos_weight_recalibrates_the_model_weighted_bce_trains() {
    let settings = |undo| DecisionSettings {
        undo,
        judge: Judge::Trained(LossKind::WeightedBce),
        ..DecisionSettings::default()
    };
    let mut j = job(9_000, 1_000, settings(Undo::Nothing));
    j.request.scenario.pos_weight = 10.0;
    j.training.rows = 100_000;
    let mut engine = Engine::new();
    let mut decider = Decider::default();
    let raw = decider.decide(&mut engine, &j);
    let ece = |d: &Decided| field(&json(d, 1), "ece");
    // Weighted BCE's model says odds 10 times too high: far from calibrated.
    assert!(ece(&raw) > 0.1, "{}", ece(&raw));
    assert!(raw.sections[COSTS].contains("weighted BCE trains on the population"));
    j.settings = settings(Undo::PosWeight(10.0));
    let undone = decider.decide(&mut engine, &j);
    assert!(undone.sections[CALIBRATION].contains("With the training weight undone"));
    // With a deployment prevalence too, the two corrections combined give one threshold.
    let both = decider.decide(
        &mut engine,
        &DecideJob {
            settings: DecisionSettings {
                prevalence: Some(0.01),
                ..settings(Undo::PosWeight(10.0))
            },
            ..j
        },
    );
    assert!(both.sections[PREVALENCE].contains("Both together"));
    assert!(!both.sections[PREVALENCE].contains("undefined"));
    assert!(both.sections[STATUS].starts_with("Least cost "));
    // BCE's own model on the same rows is the true posterior: well calibrated.
    j.settings = DecisionSettings {
        judge: Judge::Trained(LossKind::Bce),
        ..DecisionSettings::default()
    };
    let bce = decider.decide(&mut engine, &j);
    assert!(ece(&bce) < 0.02, "{}", ece(&bce));
    let text = &undone.sections[CALIBRATION];
    let after = text.split("undone: Brier ").nth(1).unwrap();
    let after_ece: f64 = after
        .split("ECE ")
        .nth(1)
        .unwrap()
        .split('.')
        .take(2)
        .collect::<Vec<_>>()
        .join(".")
        .parse()
        .unwrap();
    assert!(after_ece < 0.02, "{after_ece}");
}

#[test]
fn a_loss_without_a_model_says_why_and_the_bootstrap_finishes_in_slices() {
    // Focal with alpha = 1 puts no weight on the negatives: no optimum.
    let mut j = job(
        5_000,
        50,
        DecisionSettings {
            judge: Judge::Trained(LossKind::Focal),
            ..DecisionSettings::default()
        },
    );
    j.request.scenario.alpha = 1.0;
    let mut engine = Engine::new();
    let mut decider = Decider::default();
    let d = decider.decide(&mut engine, &j);
    assert!(
        d.sections[COSTS].contains("trains no model"),
        "{}",
        d.sections[COSTS]
    );
    assert_eq!(d.best, None);
    assert!(d.sections[JSON].is_empty());
    assert!(!decider.busy());

    // Model A on 5,000 + 50: too few positives for recall to mean much. Off screen the panel
    // starts no bootstrap; on screen it does.
    let j = job(5_000, 50, DecisionSettings::default());
    let unseen = decider.decide(&mut engine, &DecideJob { seen: false, ..j });
    assert_eq!(unseen.resamples, [0, 0]);
    assert!(!decider.busy());
    assert!(unseen.sections[UNCERTAINTY].contains("starts once this panel is on screen"));
    let first = decider.decide(&mut engine, &j);
    assert_eq!(first.resamples, [0, RESAMPLES as u32]);
    assert!(field(&json(&first, 2), "bootstrap_resamples") == 0.0);
    assert!(first.sections[UNCERTAINTY].contains("Too little data"));
    let mut slices = 0;
    while decider.busy() {
        let mut budget = 37;
        assert!(decider.advance(|| {
            budget -= 1;
            budget > 0
        }));
        slices += 1;
    }
    let last = decider.again().unwrap();
    assert!(slices > 10);
    assert_eq!(last.resamples, [RESAMPLES as u32; 2]);
    let intervals = json(&last, 2);
    assert_eq!(field(&intervals, "bootstrap_resamples"), RESAMPLES as f64);
    assert!(!intervals.contains("\"roc_auc\": null"));
    assert!(!decider.advance(|| true));
    for s in last.sections[..JSON].iter().chain(&first.sections[..JSON]) {
        assert!(!s.contains("NaN") && !s.contains("inf"), "{s}");
    }
    assert!(last.sections[CODE].contains("sklearn") && last.sections[CODE + 1].contains("keras"));
}

#[test]
fn an_empty_class_never_shows_nan() {
    for (neg, pos) in [(0, 0), (100, 0), (0, 100)] {
        let mut engine = Engine::new();
        let d = Decider::default().decide(
            &mut engine,
            &job(
                neg,
                pos,
                DecisionSettings {
                    prevalence: Some(0.3),
                    undo: Undo::PosWeight(4.0),
                    ..DecisionSettings::default()
                },
            ),
        );
        for s in &d.sections[..JSON] {
            assert!(!s.contains("NaN") && !s.contains("inf"), "{neg} {pos}: {s}");
        }
    }
}

/// The first `<svg …</svg>` of a box.
fn svg_of(html: &str) -> &str {
    let start = html.find("<svg").unwrap();
    let end = html[start..].find("</svg>").unwrap() + start + "</svg>".len();
    &html[start..end]
}

#[test]
fn the_panels_charts_match_their_snapshots_and_negative_costs_keep_their_sign() {
    // "3 points a true positive, minus 1 a false positive": the costs go well below zero.
    let settings = DecisionSettings {
        cost_fp: 1.0,
        cost_fn: 0.0,
        reward_tp: 3.0,
        undo: Undo::PosWeight(4.0),
        ..DecisionSettings::default()
    };
    let mut j = job(20_000, 4_000, settings);
    j.width = 640;
    let d = Decider::default().decide(&mut Engine::new(), &j);
    let costs = svg_of(&d.sections[COSTS]);
    let labels: Vec<&str> = costs
        .split("</text>")
        .filter_map(|t| t.rsplit('>').next())
        .map(str::trim)
        .collect();
    // The y axis reads -6,000 ... 0 (from the least cost to flagging none): negative, each
    // label its own (a cast to an unsigned count once printed every negative cost as 0).
    assert!(labels.contains(&"-4,000"), "{labels:?}");
    let ticks: Vec<&&str> = labels.iter().filter(|l| l.contains(',')).collect();
    let mut distinct = ticks.clone();
    distinct.dedup();
    assert!(
        ticks.len() >= 3 && distinct.len() == ticks.len(),
        "{labels:?}"
    );
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    for (name, svg) in [
        ("decision-costs", costs),
        ("decision-reliability", svg_of(&d.sections[CALIBRATION])),
    ] {
        let path = dir.join(format!("{name}-light.svg"));
        if update {
            std::fs::write(&path, svg).unwrap();
        }
        let want = std::fs::read_to_string(&path).expect("run with UPDATE_SNAPSHOTS=1 once");
        assert!(want == svg, "{name} differs from {}", path.display());
    }
}

/// A point for each true positive, a false positive costs one, deployed at 1 positive in 500.
fn rewarded_and_deployed() -> DecisionSettings {
    DecisionSettings {
        cost_fp: 1.0,
        cost_fn: 0.0,
        reward_tp: 3.0,
        prevalence: Some(0.002),
        ..DecisionSettings::default()
    }
}

#[test]
fn at_a_deployment_prevalence_the_threshold_to_ship_weighs_the_counts_as_deployed() {
    let j = job(5_000, 5_000, rewarded_and_deployed());
    let mut engine = Engine::new();
    let d = Decider::default().decide(&mut engine, &j);
    let [neg, pos] = engine.scores(&j.request, ModelId::A).unwrap();
    let (up, down) = (0.002 / 0.5, 0.998 / 0.5);
    let (largest, _) = brute_force(&neg, &pos, |c| {
        (down * c.fp as f64 + 0.0 * up * c.fn_ as f64) - 3.0 * up * c.tp as f64
    });
    let text = json(&d, 0);
    assert_eq!(field(&text, "best_threshold_at_deployment"), largest);
    // At 1 positive in 500, a point per true positive no longer pays for the false positives
    // that come with it at 50 %: the threshold to ship is higher than the validation set's.
    assert!(field(&text, "best_threshold_at_deployment") > field(&text, "best_threshold"));
    assert_eq!(d.best, Some(largest));
    assert!(d.sections[COSTS].contains("Counted at the deployment prevalence"));
}

#[test]
fn snippets_carry_the_settings_and_the_frameworks_traps() {
    let s = Scenario {
        alpha: 0.4,
        gamma: 1.5,
        pos_weight: 12.0,
        threshold: 0.3,
        ..Scenario::default()
    };
    let mut j = job(900, 100, rewarded_and_deployed());
    j.request.scenario = s;
    let [numpy, keras, torch] = snippets(&j, 1_000);
    for code in [&numpy, &keras, &torch] {
        assert!(code.contains("ALPHA, GAMMA, POS_WEIGHT, THRESHOLD = 0.4, 1.5, 12, 0.3"));
        assert!(code.contains(PREDICTIONS_FILE));
        assert!(code.contains(r#"LABEL, SCORE = "label", "probability"  # model A's columns"#));
        assert!(code.contains("ROWS = 1000"));
    }
    // Each judged model's columns, found by name.
    j.settings.judge = Judge::B;
    assert!(snippets(&j, 1_000)[0].contains(r#"LABEL, SCORE = "label", "model_b""#));
    j.settings.judge = Judge::Trained(LossKind::Focal);
    let trained = &snippets(&j, 4_000)[2];
    assert!(trained.contains(r#"LABEL, SCORE = "training_label", "trained_focal""#));
    assert!(trained.contains("ROWS = 4000"));
    assert!(numpy.contains("COST_FP, COST_FN, REWARD_TP = 1, 0, 3"));
    assert!(numpy.contains("PREVALENCE = 0.002"));
    assert!(keras.contains("apply_class_balancing=True"));
    assert!(keras.contains("SUM over the"));
    assert!(torch.contains("sigmoid_focal_loss("));
}
