//! No box ever shows NaN, infinity or a stray "undefined", whatever the scenario.

use imbalance_lab::features::words::{BOXES, WordsJob, write_words};
use imbalance_lab::sim::Scenario;
use imbalance_lab::sim::engine::Engine;
use imbalance_lab::state::STORY_STEPS;

use super::helpers::{job, scenario, text};

#[test]
fn no_box_ever_shows_nan_infinity_or_a_raw_undefined() {
    let extremes = [
        scenario(0, 0),
        scenario(100, 0),
        scenario(0, 100),
        Scenario {
            alpha: 0.0,
            gamma: 0.0,
            pos_weight: 0.01,
            threshold: 0.0,
            ..scenario(50, 5)
        },
        Scenario {
            alpha: 1.0,
            gamma: 10.0,
            pos_weight: 100.0,
            threshold: 1.0,
            acc0: 1.0,
            acc1: 0.0,
            ..scenario(50, 5)
        },
    ];
    let one = scenario(1, 1);
    for (s, point) in extremes
        .into_iter()
        .map(|s| (s, 0.9))
        .chain([(one, 0.0), (one, 1.0)])
    {
        for story in 0..=STORY_STEPS {
            let w = write_words(
                &mut Engine::new(),
                &WordsJob {
                    point,
                    ..job(s, story)
                },
            );
            for (i, html) in w.sections.iter().enumerate() {
                let t = text(html);
                let words: Vec<&str> = t.split(|c: char| !c.is_alphanumeric()).collect();
                for bad in ["NaN", "inf", "Infinity"] {
                    assert!(
                        !words.contains(&bad),
                        "{bad} in {} for {s:?}: {t}",
                        BOXES[i]
                    );
                }
                // "undefined" is only ever said with its reason.
                for (at, _) in t.match_indices("undefined") {
                    assert!(t[at..].starts_with("undefined: "), "{}: {t}", BOXES[i]);
                }
                assert!(!t.contains("undefined: undefined"), "{t}");
            }
        }
    }
}
