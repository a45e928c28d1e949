//! Imported scores are described as imported, and one score column as one model.

use imbalance_lab::features::words::{MODEL_B, STORY, WordsJob, write_words};
use imbalance_lab::sim::engine::{Engine, Request};
use imbalance_lab::sim::{Class, Scenario};

use super::helpers::{job, text};

#[test]
fn imported_scores_are_described_as_imported_and_one_column_as_one_model() {
    use imbalance_lab::sim::ClassScores;
    use imbalance_lab::sim::engine::DataSet;
    let class = |c: Class, n: usize, lo: f64| {
        ClassScores::from_scores(c, (0..n).map(|i| lo + 0.5 * i as f64 / n as f64).collect())
    };
    let a = [
        class(Class::Negative, 900, 0.0),
        class(Class::Positive, 100, 0.4),
    ];
    let b = [
        class(Class::Negative, 900, 0.1),
        class(Class::Positive, 100, 0.5),
    ];
    for (models, one) in [([a.clone(), a.clone()], true), ([a.clone(), b], false)] {
        let mut engine = Engine::new();
        engine.hold(DataSet { id: 7, models });
        let s = Scenario {
            neg: 900,
            pos: 100,
            ..Scenario::default()
        };
        let j = WordsJob {
            request: Request {
                scenario: s,
                model_b: [0.5, 0.5],
                data: 7,
            },
            ..job(s, 1)
        };
        let w = write_words(&mut engine, &j);
        let ab = text(&w.sections[MODEL_B]);
        let story = text(&w.sections[STORY]);
        assert!(
            !story.contains("is right on"),
            "no accuracies for a file: {story}"
        );
        if one {
            assert!(ab.contains("one score column"), "{ab}");
            assert!(!ab.contains("standard errors"), "{ab}");
        } else {
            assert!(ab.contains("sample-to-sample noise"), "{ab}");
            assert!(!ab.contains("seed"), "{ab}");
        }
    }
}
