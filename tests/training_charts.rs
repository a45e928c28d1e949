//! The training panel's charts (SPEC section 6): drawn to SVG from the population maths and
//! compared with `tests/snapshots/` (regenerate on purpose with `UPDATE_SNAPSHOTS=1`); and what
//! they must show whatever the settings: no NaN, every loss's line, a sentence where nothing
//! can be drawn.

#![cfg(not(target_arch = "wasm32"))]

use imbalance_lab::sim::loss::Shown;
use std::path::PathBuf;

use imbalance_lab::charts::{ChartStyle, Figure, Theme, to_svg};
use imbalance_lab::features::training::charts::loss_curves::LossCurves;
use imbalance_lab::features::training::charts::spread::SpreadChart;
use imbalance_lab::features::training::job::{TrainRequest, TrainRun};
use imbalance_lab::format;
use imbalance_lab::protocol::{FromWorker, ToWorker};
use imbalance_lab::sim::LossKind;
use imbalance_lab::sim::engine::Engine;
use imbalance_lab::sim::training::spread::{Quantity, SpreadRequest, spread};
use imbalance_lab::sim::training::{Binormal, LossParams, TrainingView};
use imbalance_lab::worker::serve;

fn view(sep: f64, neg: u32, pos: u32, params: LossParams) -> TrainingView {
    TrainingView::compute(&Binormal { sep, neg, pos }, &params, 0.5)
}

fn figures(v: &TrainingView) -> [(&'static str, Figure); 4] {
    let b = || Box::new(v.clone());
    [
        ("trained-models", Figure::TrainedModels(b())),
        ("optimal-prediction", Figure::OptimalPrediction(b())),
        ("gradient-share", Figure::GradientShare(b())),
        ("trained-scores", Figure::TrainedScores(b())),
    ]
}

fn svg(f: &Figure, theme: Theme) -> String {
    let style = ChartStyle { theme, scale: 1.0 };
    to_svg(640, 420, &style, |area, st| f.draw(area, st))
}

/// Compares each drawing with its snapshot, or writes it when `UPDATE_SNAPSHOTS` is set.
fn check_snapshots(figures: &[(&str, Figure)]) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut failed = Vec::new();
    for (theme, name) in [(Theme::Light, "light"), (Theme::Dark, "dark")] {
        for (chart, figure) in figures {
            let path = dir.join(format!("{chart}-{name}.svg"));
            let drawn = svg(figure, theme);
            if update {
                std::fs::write(&path, &drawn).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(drawn.as_str()) {
                let fresh = path.with_extension("new.svg");
                std::fs::write(&fresh, &drawn).unwrap();
                failed.push(fresh.display().to_string());
            }
        }
    }
    assert!(failed.is_empty(), "new drawings in {failed:?}");
}

#[test]
fn training_charts_match_their_snapshots() {
    let v = view(2.0, 1_000_000, 10_000, LossParams::default());
    check_snapshots(&figures(&v));
}

/// The steps of training every loss on a seeded sample, as the page receives them.
fn run(request: TrainRequest) -> TrainRun {
    let mut run = TrainRun::new(request);
    serve(&mut Engine::new(), ToWorker::Train(request), &mut |m| {
        if let FromWorker::TrainStep(step) = m {
            run.push(*step);
        }
    });
    run
}

#[test]
fn the_loss_curves_follow_a_run_step_by_step() {
    let r = TrainRequest {
        population: Binormal::new(2.0, 9_000, 1_000),
        n: 5_000,
        seed: 3,
        params: LossParams::default(),
    };
    let run = run(r);
    let curves = Figure::LossCurves(LossCurves(run.loss_curves(), Shown::default()));
    check_snapshots(&[("loss-curves", curves.clone())]);
    // A row a step, from the start to the step it converged at, every loss's value in it.
    let table = curves.table();
    let last = run.last().unwrap();
    assert_eq!(table.rows.len(), last.step as usize + 1);
    assert_eq!(table.rows[0][0], "0");
    let bce_end = last.models[0].unwrap().1;
    assert_eq!(table.rows.last().unwrap()[1], format::number(bce_end, 6));
    let drawn = svg(&curves, Theme::Light);
    for name in ["BCE", "weighted BCE", "α-balanced CE", "focal"] {
        assert!(drawn.lines().any(|l| l.trim() == name), "{name}");
    }
    // Before any training, and for a loss without a model: a sentence, no NaN.
    let empty = svg(&Figure::LossCurves(LossCurves::default()), Theme::Light);
    assert!(empty.contains("train on a sample to see each loss fall"));
    let alpha_zero = run_with_alpha_zero(r);
    let drawn = svg(&alpha_zero, Theme::Light);
    assert!(!drawn.contains("NaN") && !drawn.lines().any(|l| l.trim() == "focal"));
    assert!(
        alpha_zero
            .table()
            .rows
            .iter()
            .all(|row| row[3] == "–" && row[4] == "–")
    );
}

fn run_with_alpha_zero(r: TrainRequest) -> Figure {
    let r = TrainRequest {
        params: LossParams::new(1.0, 0.0, 2.0),
        ..r
    };
    Figure::LossCurves(LossCurves(run(r).loss_curves(), Shown::default()))
}

#[test]
fn every_setting_draws_without_nan_and_names_what_it_draws() {
    let cases = [
        view(2.0, 1_000_000, 10_000, LossParams::default()),
        view(0.0, 100, 100, LossParams::default()),
        view(6.0, 10_000, 1, LossParams::new(100.0, 1.0, 10.0)),
        view(2.0, 500, 0, LossParams::default()),
        view(3.0, 0, 0, LossParams::new(0.01, 0.0, 0.0)),
    ];
    for v in &cases {
        for (chart, figure) in figures(v) {
            let drawn = svg(&figure, Theme::Light);
            assert!(
                !drawn.contains("NaN") && !drawn.contains("inf"),
                "{chart} {v:?}"
            );
            let table = figure.table();
            assert!(
                table.rows.iter().flatten().all(|c| !c.contains("NaN")),
                "{chart}: {table:?}"
            );
        }
    }
    // The default: every loss has a model, a line and a legend entry.
    let models = svg(&figures(&cases[0])[0].1, Theme::Light);
    for name in [
        "BCE",
        "weighted BCE",
        "α-balanced CE",
        "focal",
        "true probability",
    ] {
        assert!(models.lines().any(|l| l.trim() == name), "{name}");
    }
    // No positives: no model, and the table says why.
    let empty = figures(&cases[3])[0].1.table();
    assert!(
        empty.rows[0][1].starts_with("no model"),
        "{:?}",
        empty.rows[0]
    );
    // No BCE model to take a gradient at: the chart says so.
    assert!(svg(&figures(&cases[3])[2].1, Theme::Light).contains("no model to take a gradient at"));
}

#[test]
fn each_model_s_scores_hold_its_class_and_its_recall() {
    use imbalance_lab::sim::training::SCORE_BINS;
    let params = LossParams::new(5.0, 0.3, 2.0);
    for (sep, neg, pos) in [(2.0, 100_000, 1_000), (0.7, 50, 50), (4.0, 3, 9_000)] {
        let v = view(sep, neg, pos, params);
        for (kind, t) in v.trained.iter() {
            if !kind.loss().per_sample() {
                assert!(t.is_err(), "{kind:?} trains no finite model");
                continue;
            }
            let t = t.as_ref().expect("every loss has a model here");
            for (class, count) in [(0, neg), (1, pos)] {
                let mass: f64 = t.scores[class].iter().sum();
                let rel = (mass - f64::from(count)).abs() / f64::from(count);
                assert!(rel < 1e-12, "{kind:?} class {class}: {mass} of {count}");
            }
            // The threshold 0.5 is a bin edge: the positives scored at or above it are the
            // recall, and the negatives there the false positive rate, of the same model.
            let above = |class: usize| -> f64 { t.scores[class][SCORE_BINS / 2..].iter().sum() };
            let recall = t.metrics.recall.unwrap();
            let fpr = t.metrics.fpr.unwrap();
            assert!(
                (above(1) / f64::from(pos) - recall).abs() < 1e-12,
                "{kind:?} {recall}"
            );
            assert!(
                (above(0) / f64::from(neg) - fpr).abs() < 1e-12,
                "{kind:?} {fpr}"
            );
        }
    }
}

/// A retraining spread of 8 samples as the page draws it, for the losses `shown`.
fn spread_chart(shown: Shown) -> SpreadChart {
    let r = SpreadRequest {
        population: Binormal::new(2.0, 9_000, 1_000),
        params: LossParams::new(9.0, 0.25, 2.0),
        threshold: 0.5,
        k: 8,
        n: 2_000,
        seed: 3,
    };
    let (samples, summary) = spread(&r);
    SpreadChart {
        spread: Some(summary),
        samples,
        shown,
        k: r.k,
        n: r.n,
    }
}

#[test]
fn the_spread_chart_draws_each_shown_loss_beside_bce_s_band() {
    use LossKind::{Bce, Focal, LogitAdjusted, Tversky, WeightedBce};
    let c = spread_chart(Shown::of(&[
        Bce,
        WeightedBce,
        Focal,
        LogitAdjusted,
        Tversky,
    ]));
    let figure = Figure::Spread(Box::new(c.clone()));
    check_snapshots(&[("spread", figure.clone())]);
    // Wide: the three panels side by side, each naming every shown loss; Tversky has no model.
    let wide = svg(&figure, Theme::Light);
    assert!(!wide.contains("NaN") && !wide.contains("inf"));
    for name in ["BCE", "weighted BCE", "focal", "Tversky"] {
        let rows = wide.lines().filter(|l| l.trim() == name).count();
        assert_eq!(rows, 3, "{name}");
    }
    assert_eq!(wide.lines().filter(|l| l.trim() == "no model").count(), 3);
    assert!(wide.contains("8 of 8 samples of 2,000 rows. dot: a sample"));
    // Narrow: the same, stacked (taller than wide).
    let narrow = to_svg(390, 620, &ChartStyle::default(), |a, s| figure.draw(a, s));
    assert!(!narrow.contains("NaN") && narrow.lines().filter(|l| l.trim() == "focal").count() == 3);
    assert!(
        narrow
            .lines()
            .any(|l| l.trim() == "8 of 8 samples of 2,000 rows")
    );
    // The table: a row a shown loss and quantity, its models and the band, as the chart's.
    let table = figure.table();
    assert_eq!(table.header.len(), 6);
    assert_eq!(table.rows.len(), 5 * Quantity::ALL.len());
    let bce = c.spread.unwrap().get(Bce).band(Quantity::Recall).unwrap();
    assert_eq!(
        table.rows[1][..3],
        ["BCE".to_string(), "recall".into(), "8 of 8".into()]
    );
    assert_eq!(table.rows[1][4], format::number(bce.median, 4));
    for row in &table.rows[12..] {
        assert_eq!(row[0], "Tversky");
        assert_eq!(row[2], "0 of 8");
        assert!(row[3..].iter().all(|c| c == "–"));
    }
    // Before a run: a sentence, no table rows.
    let empty = Figure::Spread(Box::default());
    assert!(svg(&empty, Theme::Dark).contains("retrain K times"));
    assert!(empty.table().rows.is_empty());
}
