//! Links (SPEC section 5): the fragment reads back to the same state, and bad input never
//! breaks the page.

#![cfg(not(target_arch = "wasm32"))]

use imbalance_lab::sim::LossKind;
use imbalance_lab::sim::loss::{EXTRA, ExtraParams, Shown};
use imbalance_lab::sim::{MAX_COUNT, Scenario};
use imbalance_lab::state::PageState;
use imbalance_lab::state::link::{format, parse};
use imbalance_lab::state::{
    Control, DecisionSettings, Judge, Keyed, Layout, ModelB, Panel, STORY_STEPS, ThemeChoice,
    TrainingSettings, Undo, ViewOptions,
};
use proptest::prelude::*;

#[test]
fn the_spec_example_reads_without_a_notice() {
    let p =
        parse("#neg=1000000&pos=10000&acc0=0.999&acc1=0.5&alpha=0.25&gamma=2&pw=1&thr=0.5&seed=1");
    assert_eq!(p.notices, Vec::<String>::new());
    assert_eq!(p.state, PageState::default());
}

#[test]
fn missing_keys_take_their_defaults() {
    let p = parse("gamma=5");
    assert!(p.notices.is_empty());
    assert_eq!(
        p.state.scenario,
        Scenario {
            gamma: 5.0,
            ..Scenario::default()
        }
    );
    assert_eq!(parse("").state, PageState::default());
}

/// Each fragment reads with exactly its one notice.
fn each_says_its_notice(cases: &[(&str, &str)]) {
    for &(fragment, notice) in cases {
        let p = parse(fragment);
        assert_eq!(p.notices, vec![notice.to_string()], "{fragment}");
    }
}

#[test]
fn bad_numbers_are_clamped_or_defaulted_and_said() {
    each_says_its_notice(&[
        ("acc0=1.7", "acc0=1.7 is outside [0, 1]; using 1."),
        ("acc1=-3", "acc1=-3 is outside [0, 1]; using 0."),
        ("pw=0", "pw=0 is outside [0.01, 100]; using 0.01."),
        (
            "gamma=abc",
            "gamma=\u{201c}abc\u{201d} is not a number; using 2.",
        ),
        (
            "thr=NaN",
            "thr=\u{201c}NaN\u{201d} is not a number; using 0.5.",
        ),
        (
            "alpha=inf",
            "alpha=\u{201c}inf\u{201d} is not a number; using 0.25.",
        ),
        ("cfn=-3", "cfn=-3 is outside [0, 1000000]; using 0."),
    ]);
}

#[test]
fn bad_counts_and_seeds_are_clamped_or_defaulted_and_said() {
    each_says_its_notice(&[
        (
            "neg=2.5",
            "neg=2.5 is not a whole number from 0 to 10000000; using 3.",
        ),
        (
            "pos=99999999999",
            "pos=99999999999 is not a whole number from 0 to 10000000; using 10000000.",
        ),
        (
            "seed=-1",
            "seed=\u{201c}-1\u{201d} is not a whole number from 0 to 18446744073709551615; using 1.",
        ),
        (
            "rows=5",
            "rows=5 is not a whole number from 100 to 1000000; using 100.",
        ),
        (
            "rows=2e6",
            "rows=2e6 is not a whole number from 100 to 1000000; using 1000000.",
        ),
        (
            "rows=many",
            "rows=\u{201c}many\u{201d} is not a count; using 10000.",
        ),
        (
            "spread_k=0",
            "spread_k=0 is not a whole number from 2 to 100; using 2.",
        ),
        (
            "spread_k=500",
            "spread_k=500 is not a whole number from 2 to 100; using 100.",
        ),
        (
            "spread_n=ten",
            "spread_n=\u{201c}ten\u{201d} is not a count; using 10000.",
        ),
        (
            "spread_n=5",
            "spread_n=5 is not a whole number from 100 to 100000; using 100.",
        ),
    ]);
}

#[test]
fn bad_flags_lists_and_keys_are_ignored_and_said() {
    each_says_its_notice(&[
        (
            "log=maybe",
            "log=\u{201c}maybe\u{201d} should be 1 or 0; ignored.",
        ),
        (
            "colour=red",
            "\u{201c}colour\u{201d} is not a key this page knows; ignored.",
        ),
        (
            "gamma=1&gamma=3",
            "gamma is given more than once; the last value is used.",
        ),
        (
            "panels=focal,pie",
            "panels: \u{201c}pie\u{201d} is not one of numbers, focal, scores, share, threshold, composition, ab, training, decide; ignored.",
        ),
    ]);
}

#[test]
fn bad_decision_settings_are_clamped_or_defaulted_and_said() {
    each_says_its_notice(&[
        (
            "prev=0",
            "prev=0 is outside [0.000001, 0.999999]; using 0.000001.",
        ),
        (
            "prev=often",
            "prev=\u{201c}often\u{201d} is not a number; using the validation set's prevalence.",
        ),
        (
            "undo=pw:1000",
            "undo=pw:1000 is outside [0.01, 100]; using 100.",
        ),
        (
            "undo=weights",
            "undo=\u{201c}weights\u{201d} should be pw:<weight>, neg:<rate> or none; undoing nothing.",
        ),
        (
            "judge=c",
            "judge=\u{201c}c\u{201d} should be one of a, b, bce, weighted_bce, balanced_ce, focal, class_balanced, logit_adjusted, ldam, asymmetric, poly1, tversky; judging model A.",
        ),
    ]);
}

#[test]
fn the_corrected_values_are_the_ones_used() {
    let p = parse("acc0=1.7&pos=99999999999&gamma=1&gamma=3");
    assert_eq!(p.state.scenario.acc0, 1.0);
    assert_eq!(p.state.scenario.pos, MAX_COUNT);
    assert_eq!(p.state.scenario.gamma, 3.0);
}

#[test]
fn layout_keys_pick_panels_and_controls_in_page_order() {
    let p = parse("embed=1&panels=ab,focal&controls=gamma,%20alpha");
    assert!(p.notices.is_empty(), "{:?}", p.notices);
    assert_eq!(
        p.state.layout,
        Layout {
            embed: true,
            panels: vec![Panel::Focal, Panel::ModelB],
            controls: vec![Control::Alpha, Control::Gamma]
        }
    );
    // An empty list is a choice too: no controls at all.
    assert_eq!(
        parse("controls=").state.layout.controls,
        Vec::<Control>::new()
    );
    assert!(format(&p.state).contains("embed=1&panels=focal,ab&controls=alpha,gamma"));
}

#[test]
fn a_link_made_from_imported_data_says_it_cannot_carry_it() {
    let state = PageState {
        imported: true,
        ..PageState::default()
    };
    let link = format(&state);
    assert!(link.ends_with("&src=import"), "{link}");
    let back = parse(&link);
    assert_eq!(back.state, state);
    assert_eq!(back.notices.len(), 1);
    assert!(back.notices[0].starts_with(
        "This link was made while the page showed imported predictions, which a link cannot carry"
    ));
    assert!(parse("src=synthetic").notices.is_empty());
    assert_eq!(
        parse("src=s3").notices,
        vec!["src=\u{201c}s3\u{201d} should be synthetic or import; ignored.".to_string()]
    );
}

#[test]
fn the_spread_s_size_is_written_only_when_it_is_not_the_default() {
    // A link made before the keys existed writes back byte for byte.
    let old = "neg=1000000&pos=10000&acc0=0.999&acc1=0.5&alpha=0.25&gamma=2&pw=1&thr=0.5&seed=1\
               &acc0b=0.98&acc1b=0.9&sep=2&rows=10000&cfp=1&cfn=1&rtp=0";
    assert_eq!(format(&parse(old).state), old);
    assert_eq!(format(&parse("spread_k=20&spread_n=10000").state), old);
    let p = parse("spread_k=5&spread_n=2000");
    assert!(p.notices.is_empty(), "{:?}", p.notices);
    assert_eq!(
        (p.state.training.spread_k, p.state.training.spread_n),
        (5, 2000)
    );
    assert_eq!(format(&p.state), format!("{old}&spread_k=5&spread_n=2000"));
    assert_eq!(parse(&format(&p.state)).state, p.state);
}

#[test]
fn the_theme_is_read_written_only_when_chosen_and_bad_values_follow_the_system() {
    for (key, theme) in [
        ("light", ThemeChoice::Light),
        ("dark", ThemeChoice::Dark),
        ("auto", ThemeChoice::Auto),
        (" dark ", ThemeChoice::Dark),
    ] {
        let p = parse(&format!("embed=1&theme={key}"));
        assert!(p.notices.is_empty(), "{:?}", p.notices);
        assert_eq!(p.state.view.theme, theme);
        assert_eq!(parse(&format(&p.state)).state, p.state);
    }
    let dark = parse("theme=dark").state;
    assert!(format(&dark).ends_with("&theme=dark"), "{}", format(&dark));
    // Auto is the default and is never written: older links read and write back unchanged.
    assert!(!format(&PageState::default()).contains("theme"));
    assert_eq!(
        format(&parse("theme=auto").state),
        format(&PageState::default())
    );
    for bad in ["Dark", "blue", "", "1"] {
        let p = parse(&format!("theme=dark&theme={bad}"));
        assert_eq!(p.state.view.theme, ThemeChoice::Auto, "{bad}");
        assert_eq!(
            p.notices.last().unwrap(),
            &format!(
                "theme=\u{201c}{bad}\u{201d} should be light, dark or auto; following the system."
            )
        );
    }
}

#[test]
fn percent_encoding_is_read() {
    let p = parse("panels=focal%2Cscores&acc0=0%2E9");
    assert!(p.notices.is_empty(), "{:?}", p.notices);
    assert_eq!(p.state.layout.panels, vec![Panel::Focal, Panel::Scores]);
    assert_eq!(p.state.scenario.acc0, 0.9);
}

fn keyed_subset<T: Keyed + std::fmt::Debug>(at_least_one: bool) -> impl Strategy<Value = Vec<T>> {
    proptest::collection::vec(any::<bool>(), T::ALL.len()).prop_map(move |mask| {
        let v: Vec<T> = T::ALL
            .iter()
            .zip(mask)
            .filter(|(_, m)| *m)
            .map(|(v, _)| *v)
            .collect();
        // A link never asks for no panel at all (that reads back as every panel).
        if v.is_empty() && at_least_one {
            T::ALL.to_vec()
        } else {
            v
        }
    })
}

prop_compose! {
    fn any_state()(
        neg in 0..=MAX_COUNT, pos in 0..=MAX_COUNT,
        acc0 in 0.0..=1.0f64, acc1 in 0.0..=1.0f64, alpha in 0.0..=1.0f64,
        gamma in 0.0..=10.0f64, pw in 0.01..=100.0f64, thr in 0.0..=1.0f64, seed in any::<u64>(),
        b0 in 0.0..=1.0f64, b1 in 0.0..=1.0f64, log in any::<bool>(), factor in any::<bool>(),
        embed in any::<bool>(), panels in keyed_subset::<Panel>(true), controls in keyed_subset::<Control>(false),
        sep in 0.0..=6.0f64, rows in 100..=1_000_000u32,
        spread_k in 2..=100u32, spread_n in 100..=100_000u32,
        decision in any_decision(), point in 0.0..=1.0f64, story in 0..=STORY_STEPS,
        theme in proptest::sample::select(ThemeChoice::ALL.to_vec()),
        unit in proptest::array::uniform9(0.0..=1.0f64),
        losses in 1..(1u32 << LossKind::COUNT),
    ) -> PageState {
        // Section 9's parameters anywhere in their ranges, and any non-empty set of losses.
        let mut extra = ExtraParams::default();
        for ((v, p), u) in extra.0.iter_mut().zip(EXTRA).zip(unit) {
            *v = p.min + u * (p.max - p.min);
        }
        let losses = Shown::from_bits(losses).unwrap();
        PageState {
            scenario: Scenario { neg, pos, acc0, acc1, alpha, gamma, pos_weight: pw, threshold: thr, seed, extra },
            model_b: ModelB { acc0: b0, acc1: b1 },
            view: ViewOptions { log_counts: log, focal_factor: factor, point, story, theme, losses },
            training: TrainingSettings { sep, rows, spread_k, spread_n },
            layout: Layout { embed, panels, controls },
            decision,
            imported: false,
        }
    }
}

prop_compose! {
    fn any_decision()(
        cost_fp in 0.0..=1e6f64, cost_fn in 0.0..=1e6f64, reward_tp in 0.0..=1e6f64,
        prevalence in proptest::option::of(1e-6..=(1.0 - 1e-6f64)),
        undo in prop_oneof![
            Just(Undo::Nothing),
            (0.01..=100.0f64).prop_map(Undo::PosWeight),
            (1e-4..=1.0f64).prop_map(Undo::Undersampled),
        ],
        judge in proptest::sample::select(Judge::ALL.to_vec()),
    ) -> DecisionSettings {
        DecisionSettings { cost_fp, cost_fn, reward_tp, prevalence, undo, judge }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn every_state_survives_a_round_trip_bit_for_bit(state in any_state()) {
        let link = format(&state);
        let back = parse(&link);
        prop_assert!(back.notices.is_empty(), "{link}: {:?}", back.notices);
        prop_assert_eq!(&back.state, &state);
        prop_assert_eq!(back.state.scenario.acc0.to_bits(), state.scenario.acc0.to_bits());
    }

    #[test]
    fn any_text_gives_a_valid_state(fragment in ".{0,200}") {
        check_valid(&parse(&fragment).state);
    }

    #[test]
    fn near_misses_give_a_valid_state(
        pairs in proptest::collection::vec(
            (prop_oneof![
                Just("neg"), Just("pos"), Just("acc0"), Just("acc1"), Just("alpha"), Just("gamma"),
                Just("pw"), Just("thr"), Just("seed"), Just("acc0b"), Just("acc1b"), Just("log"),
                Just("factor"), Just("embed"), Just("panels"), Just("controls"), Just("x"),
                Just("sep"), Just("rows"), Just("cfp"), Just("cfn"), Just("rtp"), Just("prev"),
                Just("undo"), Just("judge"), Just("spread_k"), Just("spread_n"),
            ],
            prop_oneof![
                any::<f64>().prop_map(|v| v.to_string()), any::<i64>().prop_map(|v| v.to_string()),
                Just("".to_string()), Just("NaN".to_string()), Just("-inf".to_string()),
                Just("1e400".to_string()), Just("%".to_string()), Just("%zz".to_string()),
                Just("focal,,ab".to_string()), "[a-z%=&,.0-9-]{0,12}",
                any::<f64>().prop_map(|v| format!("pw:{v}")), any::<f64>().prop_map(|v| format!("neg:{v}")),
            ]),
            0..12,
        )
    ) {
        let fragment: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let parsed = parse(&fragment.join("&"));
        check_valid(&parsed.state);
        // Whatever was wrong, writing the state and reading it back is clean.
        let again = parse(&format(&parsed.state));
        prop_assert!(again.notices.is_empty());
        prop_assert_eq!(again.state, parsed.state);
    }
}

fn check_valid(s: &PageState) {
    let c = &s.scenario;
    assert!(c.neg <= MAX_COUNT && c.pos <= MAX_COUNT);
    assert!((100..=1_000_000).contains(&s.training.rows));
    assert!((2..=100).contains(&s.training.spread_k));
    assert!((100..=100_000).contains(&s.training.spread_n));
    for (v, lo, hi) in [
        (c.acc0, 0.0, 1.0),
        (c.acc1, 0.0, 1.0),
        (c.alpha, 0.0, 1.0),
        (c.gamma, 0.0, 10.0),
        (c.pos_weight, 0.01, 100.0),
        (c.threshold, 0.0, 1.0),
        (s.model_b.acc0, 0.0, 1.0),
        (s.model_b.acc1, 0.0, 1.0),
        (s.training.sep, 0.0, 6.0),
        (s.decision.cost_fp, 0.0, 1e6),
        (s.decision.cost_fn, 0.0, 1e6),
        (s.decision.reward_tp, 0.0, 1e6),
        (s.decision.prevalence.unwrap_or(0.5), 1e-6, 1.0 - 1e-6),
        match s.decision.undo {
            Undo::Nothing => (1.0, 1.0, 1.0),
            Undo::PosWeight(w) => (w, 0.01, 100.0),
            Undo::Undersampled(r) => (r, 1e-4, 1.0),
        },
    ] {
        assert!(
            v.is_finite() && (lo..=hi).contains(&v),
            "{v} not in [{lo}, {hi}]"
        );
    }
}

/// Which module a link loads: the start-up script in `index.html` reads the fragment with the same rule as
/// `PageState::module`, and the end-to-end test checks the browser against the same table.
#[test]
fn init_js_loads_the_module_the_state_asks_for() {
    let table: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/embed_module.json")).unwrap();
    for case in table.as_array().unwrap() {
        let hash = case["hash"].as_str().unwrap();
        assert_eq!(parse(hash).state.module(), case["module"], "{hash}");
    }
    // The start-up script (index.html) names the embed module's panels (all but the full
    // page's own) and the curve's.
    let init = include_str!("../index.html");
    let keys = |panels: &mut dyn Iterator<Item = &Panel>| {
        panels
            .map(|p| format!("'{}'", p.key()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let embed = keys(&mut Panel::ALL.iter().filter(|p| !Panel::FULL_ONLY.contains(p)));
    assert!(
        init.contains(&format!("const EMBED = [{embed}];")),
        "{embed}"
    );
    assert!(init.contains("const CURVE = ['focal'];"));
}
