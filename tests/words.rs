//! The page's words as the worker writes them: the job and the reply survive the wire, every
//! sentence that states a number follows the scenario, the standard errors are what seeds
//! really do, the weights that "give the positives half" do, the story's links set the page
//! they promise, and no box ever shows NaN, infinity or a stray "undefined".
#![cfg(not(target_arch = "wasm32"))]

use imbalance_lab::link;
use imbalance_lab::page::{Panel, STORY_STEPS};
use imbalance_lab::sim::LossKind;
use imbalance_lab::sim::engine::{Engine, Request};
use imbalance_lab::sim::{Class, ClassLoss, Scenario, analyse, losses};
use imbalance_lab::worker::words::{
    AB, BOXES, COMPOSITION, ExplainJob, Explained, FOCAL, LEDE, NUMBERS, SHARE, STORY, THRESHOLD,
    explain,
};
use imbalance_lab::worker::{FromWorker, ToWorker};

fn scenario(neg: u32, pos: u32) -> Scenario {
    Scenario {
        neg,
        pos,
        seed: 5,
        ..Scenario::default()
    }
}

fn job(s: Scenario, story: u32) -> ExplainJob {
    ExplainJob {
        id: 3,
        request: Request::synthetic(s, [0.98, 0.9]),
        point: 0.9,
        story,
        embed: false,
        costs: [1.0, 20.0, 0.0],
    }
}

fn words(s: Scenario, story: u32) -> Explained {
    explain(&mut Engine::new(), &job(s, story))
}

/// The text of some HTML: tags dropped (a table's cells kept apart), entities kept as they are.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let html = html.replace("</td>", " </td>").replace("</th>", " </th>");
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The number that follows `before` in `text`.
fn after(text: &str, before: &str) -> f64 {
    let at = text
        .find(before)
        .unwrap_or_else(|| panic!("{before:?} in {text}"))
        + before.len();
    let rest = text[at..].trim_start();
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == ','))
        .unwrap_or(rest.len());
    rest[..end]
        .trim_end_matches(['.', ','])
        .replace(',', "")
        .parse()
        .unwrap_or_else(|_| panic!("a number after {before:?} in {text}"))
}

#[test]
fn a_job_and_its_words_round_trip_and_junk_is_refused() {
    let j = ExplainJob {
        story: 4,
        embed: true,
        point: 0.25,
        ..job(scenario(300, 20), 0)
    };
    assert_eq!(ExplainJob::decode(&j.encode()), Some(j));
    // Not a words job, a truncated one, and a story step beyond the last (clamped).
    assert_eq!(ExplainJob::decode(&[1.0, 2.0]), None);
    assert_eq!(ExplainJob::decode(&j.encode()[..5]), None);
    let mut far = j.encode();
    let n = far.len();
    far[n - 5] = 99.0;
    assert_eq!(ExplainJob::decode(&far).map(|j| j.story), Some(STORY_STEPS));

    let w = words(scenario(300, 20), 2);
    assert_eq!(w.sections.len(), BOXES.len());
    let (numbers, bytes) = FromWorker::Explained(Box::new(w.clone())).encode();
    assert_eq!(
        FromWorker::decode(&numbers, bytes),
        FromWorker::Explained(Box::new(w))
    );
    // A reply with a box missing is refused, never shown half.
    assert_eq!(Explained::decode(&numbers, b"only one".to_vec()), None);
    // The words job is not one of `serve`'s messages.
    assert_eq!(ToWorker::decode(&j.encode()), None);
}

#[test]
fn every_sentence_with_a_number_follows_the_scenario() {
    let rare = words(scenario(100_000, 1_000), 1);
    let even = words(scenario(10_000, 10_000), 1);
    let [r, e] = [&rare, &even].map(|w| text(&w.sections[NUMBERS]));
    assert!(
        r.contains("With 100 negatives per positive (100,000 and 1,000)"),
        "{r}"
    );
    assert!(e.contains("With as many negatives as positives"), "{e}");
    // The shares in the sentence are the shares of BCE's sums.
    for (w, s) in [
        (&r, scenario(100_000, 1_000)),
        (&e, scenario(10_000, 10_000)),
    ] {
        let bce = *analyse(&s).losses.get(LossKind::Bce);
        let said = after(w, "the negatives carry");
        assert!(
            (said - 100.0 * bce.share(Class::Negative).unwrap()).abs() < 0.051,
            "{said} in {w}"
        );
    }
    // Each class's own mean sits beside the sums: BCE per negative at 1:100 and balanced are
    // the same model's, so nearly equal; the focal sum is said as a sum.
    let per_neg = |w: &str| after(w, "standard error BCE");
    assert!((per_neg(&r) - per_neg(&e)).abs() < 0.01, "{r}\n{e}");
    assert!(r.contains("Focal loss's sum here is"), "{r}");
    // Every other box that states numbers changes with the scenario too.
    for i in [SHARE, THRESHOLD, COMPOSITION, AB, STORY] {
        assert_ne!(rare.sections[i], even.sections[i], "{}", BOXES[i]);
    }
    // The lede says which controls draw data.
    assert!(text(&rare.sections[LEDE]).contains("the counts, accuracies and seed draw them"));
}

#[test]
fn the_focal_factor_is_stated_at_the_readers_point() {
    let at = |point: f64, gamma: f64| {
        let s = Scenario {
            gamma,
            ..scenario(500, 50)
        };
        let w = explain(&mut Engine::new(), &ExplainJob { point, ..job(s, 0) });
        text(&w.sections[FOCAL])
    };
    let t = at(0.9, 2.0);
    assert!(
        t.contains("At pₜ = 0.9, (1 − pₜ)γ = 0.0100 with γ = 2"),
        "{t}"
    );
    assert!(t.contains("keeps 1.0 % of its cross-entropy"), "{t}");
    let t = at(0.5, 1.0);
    assert!(t.contains("(1 − pₜ)γ = 0.500 with γ = 1"), "{t}");
    // alpha 0.25 is named for what it does: less balanced than BCE.
    assert!(
        t.contains("a positive weighs 0.333 times a negative"),
        "{t}"
    );
    assert!(t.contains("less balanced than BCE"), "{t}");
}

#[test]
fn the_weights_said_to_give_the_positives_half_do() {
    let s = scenario(20_000, 300);
    let t = text(&words(s, 0).sections[SHARE]);
    let w = after(&t, "weighted BCE needs pos_weight =");
    let alpha = after(&t, "α-balanced CE needs α =");
    let focal_alpha = after(&t, "and α =");
    let a = analyse(&s);
    let (neg, pos) = (
        a.losses.get(LossKind::Bce).neg_sum,
        a.losses.get(LossKind::Bce).pos_sum,
    );
    // Rebuilt from the class sums: each setting puts the positives' share at a half (to the
    // three significant digits the sentence gives).
    let sums = |n: f64| ClassLoss { ce: n, focal: n };
    let weighted = *losses(sums(neg), sums(pos), s.total(), 0.5, w).get(LossKind::WeightedBce);
    assert!(
        (weighted.share(Class::Positive).unwrap() - 0.5).abs() < 0.005,
        "{t}"
    );
    let balanced = *losses(sums(neg), sums(pos), s.total(), alpha, 1.0).get(LossKind::BalancedCe);
    assert!(
        (balanced.share(Class::Positive).unwrap() - 0.5).abs() < 0.005,
        "{t}"
    );
    let (fneg, fpos) = (
        a.losses.get(LossKind::Focal).neg_sum / (1.0 - s.alpha),
        a.losses.get(LossKind::Focal).pos_sum / s.alpha,
    );
    let focal = *losses(
        ClassLoss {
            ce: 0.0,
            focal: fneg,
        },
        ClassLoss {
            ce: 0.0,
            focal: fpos,
        },
        s.total(),
        focal_alpha,
        1.0,
    )
    .get(LossKind::Focal);
    assert!(
        (focal.share(Class::Positive).unwrap() - 0.5).abs() < 0.005,
        "{t}"
    );
}

/// The sample standard deviation.
fn deviation(v: &[f64]) -> f64 {
    let m = v.iter().sum::<f64>() / v.len() as f64;
    (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() - 1) as f64).sqrt()
}

/// BCE's mean for one seed.
fn bce_mean(s: Scenario) -> f64 {
    analyse(&s).losses.get(LossKind::Bce).mean.unwrap()
}

#[test]
fn the_standard_error_is_how_far_seeds_move_the_mean() {
    // 400 seeds of a 20,000-sample set at 1:19 (the negatives more than the 4,096 evenly spaced
    // samples the spread is estimated from): the spread of BCE's mean from seed to seed against
    // the standard error the words state (stated to two digits).
    let base = scenario(19_000, 1_000);
    let t = text(&words(base, 0).sections[NUMBERS]);
    // The first ± in the per-class table's rows is BCE's.
    let rows = &t[t.find("standard error BCE").unwrap()..];
    let stated = after(rows, "±");
    let means: Vec<f64> = (0..400)
        .map(|seed| bce_mean(Scenario { seed, ..base }))
        .collect();
    let sd = deviation(&means);
    // The spread of 400 seeds is itself known to about 4 %.
    assert!(
        (stated / sd - 1.0).abs() < 0.15,
        "stated {stated}, seeds {sd}"
    );
    // Model B scores the same draws: the difference is judged by the error of the difference,
    // which is what seeds do to A's BCE minus B's.
    let ab = text(&words(base, 0).sections[AB]);
    let stated = after(&ab, "standard errors (");
    let diffs: Vec<f64> = (0..400)
        .map(|seed| {
            let s = Scenario { seed, ..base };
            let b = Scenario {
                acc0: 0.98,
                acc1: 0.9,
                ..s
            };
            bce_mean(s) - bce_mean(b)
        })
        .collect();
    let sd = deviation(&diffs);
    assert!(
        (stated / sd - 1.0).abs() < 0.15,
        "difference: stated {stated}, seeds {sd}"
    );
}

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
            let w = explain(
                &mut Engine::new(),
                &ExplainJob {
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

#[test]
fn each_story_step_links_to_the_page_it_describes() {
    let w = words(scenario(1_000, 10), 1);
    let story = &w.sections[STORY];
    assert!(story.contains("Step 1 of 8"), "{story}");
    // A page that does not hold the step's data is told so; one that does is not.
    assert!(
        story.contains("The page is not set as this step begins"),
        "{story}"
    );
    let set = ExplainJob {
        costs: [1.0, 1.0, 0.0],
        ..job(
            Scenario {
                acc0: 0.999,
                acc1: 0.5,
                ..scenario(100_000, 1_000)
            },
            1,
        )
    };
    let own = &explain(&mut Engine::new(), &set).sections[STORY];
    assert!(!own.contains("not set as this step begins"), "{own}");
    // "Leave the story" is the page's to handle (it keeps what the reader set).
    assert!(story.contains("data-act=\"leave\""), "{story}");
    // The next step's link, read back as the page reads a link.
    let href = story
        .split("href=\"#")
        .nth(1)
        .and_then(|h| h.split('"').next())
        .unwrap()
        .replace("&amp;", "&");
    let parsed = link::parse(&href);
    assert!(parsed.notices.is_empty(), "{:?}", parsed.notices);
    assert_eq!(parsed.state.view.story, 2);
    assert_eq!(parsed.state.layout.panels, vec![Panel::Ab]);
    assert_eq!(parsed.state.scenario.neg, 100_000);
    assert_eq!(parsed.state.scenario.pos, 1_000);
    // Every step has a title, words computed from the numbers, and Back / Next where they apply.
    for n in 1..=STORY_STEPS {
        let s = &words(scenario(100_000, 1_000), n).sections[STORY];
        assert!(s.contains(&format!("Step {n} of {STORY_STEPS}")), "{s}");
        assert_eq!(s.contains("rel=\"prev\""), n > 1, "{s}");
        assert_eq!(s.contains("rel=\"next\""), n < STORY_STEPS, "{s}");
    }
    // Step 4 (a balanced set): BCE changes its mind, and the words say so from the numbers.
    let balanced = text(&words(scenario(10_000, 10_000), 4).sections[STORY]);
    let rare = text(&words(scenario(100_000, 1_000), 4).sections[STORY]);
    assert!(balanced.contains("BCE prefers model B"), "{balanced}");
    assert!(rare.contains("BCE prefers model A"), "{rare}");
    // Step 7 states the reader's costs and the threshold a calibrated model would take.
    let costs = |costs: [f64; 3]| {
        let j = ExplainJob {
            costs,
            ..job(scenario(100_000, 1_000), 7)
        };
        text(&explain(&mut Engine::new(), &j).sections[STORY])
    };
    let t = costs([1.0, 20.0, 0.0]);
    assert!(t.contains("worth 20 times a false alarm's cost"), "{t}");
    assert!(t.contains("c_fp / (c_fp + c_fn + r_tp) = 0.0476"), "{t}");
    // A reward for a true positive counts with the cost it avoids: (10 + 3) / 2.
    let t = costs([2.0, 10.0, 3.0]);
    assert!(t.contains("worth 6.5 times a false alarm's cost"), "{t}");
    assert!(t.contains("= 0.133"), "{t}");
}

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
        let j = ExplainJob {
            request: Request {
                scenario: s,
                rival: [0.5, 0.5],
                data: 7,
            },
            ..job(s, 1)
        };
        let w = explain(&mut engine, &j);
        let ab = text(&w.sections[AB]);
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

#[test]
fn the_terms_name_the_sample_size_the_spread_is_taken_from() {
    use imbalance_lab::format::grouped;
    use imbalance_lab::sim::noise::SPREAD_SAMPLES;
    let w = words(scenario(100, 10), 0);
    let t = text(&w.sections[imbalance_lab::worker::words::NUMBERS_TERMS]);
    assert!(
        t.contains(&format!(
            "up to {} evenly spaced",
            grouped(SPREAD_SAMPLES as u64)
        )),
        "{t}"
    );
    // A disclosure names its terms in its summary.
    assert!(
        t.starts_with("CE") || t.contains("Terms: mean, sum, share"),
        "{t}"
    );
}
