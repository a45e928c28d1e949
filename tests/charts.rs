//! Chart snapshots: each chart drawn to SVG from a seeded scenario and compared with the file
//! committed under `tests/snapshots/`. Regenerate on purpose with `UPDATE_SNAPSHOTS=1`.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use imbalance_lab::sim::loss::Shown;
use std::path::PathBuf;

use common::counts;
use imbalance_lab::charts::{ChartStyle, Figure, Theme, to_svg};
use imbalance_lab::features::explore::charts::loss_share::draw_loss_share;
use imbalance_lab::features::explore::charts::scores::ScoreHistogram;
use imbalance_lab::features::explore::charts::threshold::ThresholdCurves;
use imbalance_lab::features::focal::chart::{FocalCurve, draw_focal_curve};
use imbalance_lab::features::focal::per_sample::PerSample;
use imbalance_lab::sim::curves::{histogram, threshold_sweep};
use imbalance_lab::sim::loss::LossParams;
use imbalance_lab::sim::{Analysis, Profile, analyse, ratio_of};

fn scenario() -> Analysis {
    analyse(&counts(20_000, 200))
}

fn light() -> ChartStyle {
    ChartStyle {
        theme: Theme::Light,
        scale: 1.0,
    }
}

fn dark() -> ChartStyle {
    ChartStyle {
        theme: Theme::Dark,
        scale: 1.0,
    }
}

/// Every chart of a scenario, by name, in one style.
fn all_charts(a: &Analysis, style: &ChartStyle) -> Vec<(&'static str, String)> {
    let s = &a.scenario;
    let focal = FocalCurve {
        gamma: s.gamma,
        alpha: s.alpha,
        factor: false,
    };
    let hist = ScoreHistogram {
        neg: histogram(&a.neg, 50),
        pos: histogram(&a.pos, 50),
        threshold: s.threshold,
        confusion: a.metrics.confusion,
        log: true,
    };
    let curves = ThresholdCurves {
        sweep: threshold_sweep(&a.neg, &a.pos, 100),
        threshold: s.threshold,
        current: a.metrics.confusion,
        roc_auc: a.metrics.roc_auc,
        average_precision: a.metrics.average_precision,
    };
    let factor = FocalCurve {
        factor: true,
        ..focal
    };
    let linear = ScoreHistogram {
        log: false,
        ..hist.clone()
    };
    let profile = Profile::new(&a.losses, &a.metrics);
    let ratio = ratio_of(&a.metrics.confusion);
    let losses_by_ratio = Figure::CompositionLosses(profile, ratio, Shown::default());
    let metrics_by_ratio = Figure::CompositionMetrics(profile, ratio);
    let per_sample = |shown| {
        Figure::PerSample(PerSample {
            params: LossParams::from_scenario(s),
            shown,
        })
    };
    // The snapshot's name, its size in CSS pixels, and what it shows.
    let figures = [
        ("focal", 640, 400, Figure::Focal(focal)),
        ("focal-factor", 640, 400, Figure::Focal(factor)),
        ("scores-log", 640, 360, Figure::Scores(hist)),
        ("scores-linear", 640, 360, Figure::Scores(linear)),
        (
            "loss-share",
            640,
            300,
            Figure::Share(a.losses, Shown::default()),
        ),
        // Every loss of SPEC section 9 too: the Tversky loss says why it has no shares.
        (
            "loss-share-all",
            640,
            620,
            Figure::Share(a.losses, Shown::all()),
        ),
        ("threshold", 420, 340, Figure::Threshold(curves.clone())),
        ("roc", 420, 340, Figure::Roc(curves.clone())),
        ("pr", 420, 340, Figure::Pr(curves)),
        ("composition-losses", 640, 360, losses_by_ratio),
        ("composition-metrics", 640, 360, metrics_by_ratio),
        ("per-sample", 640, 400, per_sample(Shown::default())),
        // Every loss, on a phone's width: the facets stacked, Tversky's note in the key.
        ("per-sample-all", 360, 540, per_sample(Shown::all())),
    ];
    figures
        .into_iter()
        .map(|(name, width, height, figure)| {
            (
                name,
                to_svg(width, height, style, |area, st| figure.draw(area, st)),
            )
        })
        .collect()
}

fn snapshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

#[test]
fn charts_match_their_snapshots() {
    let a = scenario();
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut failed = Vec::new();
    for (theme, style) in [("light", light()), ("dark", dark())] {
        for (name, svg) in all_charts(&a, &style) {
            let path = snapshot_dir().join(format!("{name}-{theme}.svg"));
            if update {
                std::fs::create_dir_all(snapshot_dir()).unwrap();
                std::fs::write(&path, &svg).unwrap();
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(old) if old == svg => {}
                _ => {
                    let fresh = path.with_extension("new.svg");
                    std::fs::write(&fresh, &svg).unwrap();
                    failed.push(fresh.display().to_string());
                }
            }
        }
    }
    assert!(
        failed.is_empty(),
        "charts differ from their snapshots; the new drawings are in {failed:?} \
         (run with UPDATE_SNAPSHOTS=1 if the change is intended)"
    );
}

#[test]
fn the_focal_chart_follows_gamma_and_alpha() {
    let draw = |gamma, alpha| {
        let f = FocalCurve {
            gamma,
            alpha,
            factor: false,
        };
        to_svg(640, 400, &light(), |area, st| {
            draw_focal_curve(area, &f, st)
        })
    };
    let base = draw(2.0, 0.25);
    assert_ne!(base, draw(3.0, 0.25), "gamma must move the current curve");
    assert_ne!(base, draw(2.0, 0.5), "alpha must move the class curves");
    assert!(base.contains("γ = 2 now") && base.contains("positives × α = 0.25"));
    assert!(base.contains("negatives × (1 − α) = 0.75"));
}

#[test]
fn classes_keep_their_colours_and_themes_differ() {
    let a = scenario();
    for (name, svg) in all_charts(&a, &light()) {
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{name}");
        assert!(svg.contains("#FFFFFF"), "{name}: light background");
    }
    let charts = all_charts(&a, &light());
    let get = |n: &str| &charts.iter().find(|(k, _)| *k == n).unwrap().1;
    for name in ["scores-log", "loss-share"] {
        assert!(get(name).contains("#0072B2"), "{name}: negatives' blue");
        assert!(
            get(name).contains("#D55E00"),
            "{name}: positives' vermillion"
        );
    }
    for (name, svg) in all_charts(&a, &dark()) {
        assert!(
            svg.contains("#171B24") && !svg.contains("#FFFFFF"),
            "{name}: dark background"
        );
    }
}

#[test]
fn the_score_chart_prints_the_confusion_counts() {
    let a = scenario();
    let c = a.metrics.confusion;
    let svg = &all_charts(&a, &light())[2].1;
    for (cell, n) in [("TN", c.tn), ("FP", c.fp), ("FN", c.fn_), ("TP", c.tp)] {
        assert!(
            svg.contains(&format!("{cell} {}", imbalance_lab::format::grouped(n))),
            "{cell} {n}"
        );
    }
}

#[test]
fn the_scale_multiplies_the_pixels() {
    let a = scenario();
    let two = ChartStyle {
        scale: 2.0,
        ..light()
    };
    let svg = to_svg(300, 200, &two, |area, st| {
        draw_loss_share(area, &a.losses, Shown::default(), st)
    });
    assert!(svg.contains(r#"width="600""#) && svg.contains(r#"height="400""#));
}

#[test]
fn empty_classes_draw_a_note_instead_of_a_curve() {
    for (neg, pos) in [(0, 50), (50, 0), (0, 0)] {
        let a = analyse(&counts(neg, pos));
        for (name, svg) in all_charts(&a, &light()) {
            assert!(
                !svg.contains("NaN") && svg.len() > 200,
                "{name} at {neg}/{pos}"
            );
        }
    }
    let a = analyse(&counts(50, 0));
    let charts = all_charts(&a, &light());
    let roc = &charts
        .iter()
        .find(|(name, _)| *name == "roc")
        .expect("the ROC")
        .1;
    assert!(roc.contains("ROC needs both classes"));
}

#[test]
fn counts_are_grouped_by_thousands() {
    assert_eq!(imbalance_lab::format::grouped(0), "0");
    assert_eq!(imbalance_lab::format::grouped(999), "999");
    assert_eq!(imbalance_lab::format::grouped(1_000), "1,000");
    assert_eq!(imbalance_lab::format::grouped(10_000_000), "10,000,000");
    assert_eq!(imbalance_lab::format::short(0.25), "0.25");
    assert_eq!(imbalance_lab::format::short(2.0), "2");
    assert_eq!(imbalance_lab::format::short(-0.0001), "0");
}

/// The per-sample chart's numbers are the tables' per-sample loss, a column per class; the
/// set-level loss, and a loss undefined at these counts, say so instead of drawing.
#[test]
fn the_per_sample_chart_reads_each_loss_on_each_class() {
    use imbalance_lab::charts::figure::DataTable;
    use imbalance_lab::sim::LossKind;
    use imbalance_lab::sim::loss::per_sample_loss;
    use imbalance_lab::sim::params::Class;
    let params = LossParams::new(4.0, 0.25, 2.0).with_counts(900.0, 100.0);
    let figure = |params| {
        Figure::PerSample(PerSample {
            params,
            shown: Shown::all(),
        })
    };
    let DataTable { header, rows } = figure(params).table();
    assert_eq!(header.len(), 1 + 2 * (LossKind::COUNT - 1));
    assert!(!header.iter().any(|h| h.starts_with("Tversky")));
    for row in &rows {
        let p_t: f64 = row[0].parse().unwrap();
        let kinds = LossKind::ALL
            .into_iter()
            .filter(|k| *k != LossKind::Tversky);
        for (i, kind) in kinds.enumerate() {
            for (j, (class, p)) in [(Class::Positive, p_t), (Class::Negative, 1.0 - p_t)]
                .into_iter()
                .enumerate()
            {
                let want = per_sample_loss(kind, class, p, &params).unwrap();
                assert_eq!(row[1 + 2 * i + j], format!("{want:.4}"), "{}", kind.key());
            }
        }
    }
    // Weighted BCE at p_t = 1/2: pos_weight ln 2 for a positive, ln 2 for a negative.
    let half = rows.iter().find(|r| r[0] == "0.5").unwrap();
    assert_eq!((half[3].as_str(), half[4].as_str()), ("2.7726", "0.6931"));
    let svg = to_svg(640, 400, &light(), |area, st| figure(params).draw(area, st));
    assert!(svg.contains("Tversky: set-level, no per-sample loss"));
    // A loss that is another at these parameters says so, as it hides under it.
    assert!(!svg.contains("(= BCE)"));
    let unweighted = LossParams {
        pos_weight: 1.0,
        ..params
    };
    let svg = to_svg(640, 400, &light(), |area, st| {
        figure(unweighted).draw(area, st)
    });
    assert!(svg.contains("weighted BCE (= BCE)"));
    assert!(!svg.contains("logit-adjusted CE: "));
    let no_positives = params.with_counts(100.0, 0.0);
    let svg = to_svg(640, 400, &light(), |area, st| {
        figure(no_positives).draw(area, st)
    });
    assert!(svg.contains("logit-adjusted CE: there are no positive samples"));
}
