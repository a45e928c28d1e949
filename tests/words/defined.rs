//! The terms readers missed are each defined where they are first used, in the page's reading
//! order (in the box of the first use, or in one before it), on the full page and in each step
//! of the story; and the threshold is said to change no loss, which is true.

use imbalance_lab::features::decide::worker::{DecideJob, Decider, TARGETS};
use imbalance_lab::features::words::{
    COMPOSITION, COMPOSITION_TERMS, CONTROLS, FOCAL, FOCAL_TERMS, FOOTER, IMPORT, LEDE_SYNTHETIC,
    MODEL_B, MODEL_B_TERMS, NUMBERS, NUMBERS_TERMS, OPTIMAL, PRESETS_BOX, SAMPLE, SCORES,
    SCORES_TERMS, SHARE, SHARE_TERMS, STORY, THRESHOLD, THRESHOLD_TERMS, TRAINED_SCORES, TRAINING,
    WordsJob, write_words,
};
use imbalance_lab::sim::engine::{Engine, Request};
use imbalance_lab::sim::{Scenario, analyse};
use imbalance_lab::state::{Keyed, PageState, Panel, STORY_STEPS, Undo, link};

use super::helpers::{scenario, text, words};

/// A term: its name, what uses it in the text (tags dropped), and the HTML that defines it.
struct Term {
    name: &'static str,
    uses: &'static [&'static str],
    defined: &'static [&'static str],
}

/// The terms issue 24 found used before they were defined, or never defined.
const TERMS: &[Term] = &[
    Term {
        name: "seed",
        uses: &["seed"],
        defined: &["<dfn>seed</dfn>"],
    },
    Term {
        name: "pos_weight",
        uses: &["pos_weight"],
        defined: &["<dfn>pos_weight</dfn>"],
    },
    Term {
        name: "logit",
        uses: &["logit"],
        defined: &["<dfn>logit</dfn>", "<dfn>logits</dfn>", "<dt>logit</dt>"],
    },
    Term {
        name: "odds",
        uses: &["odds"],
        defined: &["<dfn>odds</dfn>", "<dt>odds</dt>"],
    },
    Term {
        name: "σ",
        uses: &["σ"],
        defined: &["<dfn>σ</dfn>"],
    },
    Term {
        name: "prior correction",
        uses: &["prior correction"],
        defined: &["<dfn>prior correction</dfn>", "<dt>prior correction</dt>"],
    },
    Term {
        name: "calibrated",
        uses: &["calibrat"],
        defined: &["<dfn>calibrated</dfn>", "<dt>calibrated</dt>"],
    },
    Term {
        name: "standard error of a difference",
        uses: &["standard errors (", "standard errors apart"],
        defined: &[
            "<dfn>standard errors of the difference</dfn>",
            "<dfn>standard error of the difference</dfn>",
        ],
    },
    Term {
        name: "the negatives' share of the gradient",
        uses: &["gradient"],
        defined: &["<dfn>the negatives' share of the gradient</dfn>"],
    },
];

/// The page's boxes of words for `state`, one `(name, html)` a box, in reading order (as
/// `ui::App` lays them out): the header, the story's step, the scenario's controls, the import
/// box, then the shown panels top to bottom, each panel's words before its terms, and the footer.
fn reading_order(state: &PageState) -> Vec<(String, String)> {
    let d = &state.decision;
    let b = [state.model_b.acc0, state.model_b.acc1];
    let job = WordsJob {
        id: 1,
        request: Request::synthetic(state.scenario, b),
        point: 0.9,
        story: state.view.story,
        embed: false,
        costs: [d.cost_fp, d.cost_fn, d.reward_tp],
        shown: state.view.losses,
        sep: state.training.sep,
    };
    let w = write_words(&mut Engine::new(), &job).sections;
    let at = |name: &str, i: usize| (name.to_string(), w[i].clone());
    let lede = ("lede".to_string(), LEDE_SYNTHETIC.to_string());
    let mut units = vec![lede];
    // The story's box sits above the layout, before the scenario's controls.
    if state.view.story > 0 {
        // The step's own words: its links name the next step's title, which that step defines.
        let step = &w[STORY];
        let step = &step[..step.find("<nav").unwrap_or(step.len())];
        units.push(("story".to_string(), step.to_string()));
    }
    units.push(at("controls", CONTROLS));
    units.push(at("presets", PRESETS_BOX));
    // As the page shows it: off the story, and in its last step.
    if state.view.story.is_multiple_of(STORY_STEPS) {
        units.push(at("import", IMPORT));
    }
    for &panel in Panel::ALL {
        if !state.layout.panels.contains(&panel) {
            continue;
        }
        let boxes: &[usize] = match panel {
            Panel::Numbers => &[NUMBERS, NUMBERS_TERMS],
            Panel::Focal => &[FOCAL, FOCAL_TERMS],
            Panel::Scores => &[SCORES, SCORES_TERMS],
            Panel::Share => &[SHARE, SHARE_TERMS],
            Panel::Threshold => &[THRESHOLD, THRESHOLD_TERMS],
            Panel::Composition => &[COMPOSITION, COMPOSITION_TERMS],
            Panel::ModelB => &[MODEL_B, MODEL_B_TERMS],
            Panel::Training => &[TRAINING, SAMPLE, TRAINED_SCORES, OPTIMAL],
            Panel::Decide => {
                units.extend(decision_panel(state, job.request));
                &[]
            }
        };
        units.extend(boxes.iter().map(|&i| at(panel.key(), i)));
    }
    units.push(at("footer", FOOTER));
    units
}

/// The decision panel's body with each part where the page puts it, cut at the parts: its
/// fields, each part, then its terms and code.
fn decision_panel(state: &PageState, request: Request) -> Vec<(String, String)> {
    let job = DecideJob {
        id: 2,
        request,
        settings: state.decision,
        training: state.training,
        dark: false,
        width: 0,
        seen: false,
    };
    let d = Decider::default().decide(&mut Engine::new(), &job);
    let mut units = Vec::new();
    let mut rest = d.sections[0].clone();
    for (i, (id, _)) in TARGETS.iter().enumerate() {
        let open = format!("id=\"{id}\">");
        let Some(at) = rest.find(&open).filter(|_| id.starts_with("d-part")) else {
            continue;
        };
        let cut = at + open.len();
        units.push(("decide".to_string(), rest[..cut].to_string()));
        units.push(("decide".to_string(), d.sections[i].clone()));
        rest = rest[cut..].to_string();
    }
    units.push(("decide".to_string(), rest));
    units
}

/// Each term whose first use in `units` comes before its first definition, as `"term: where"`.
fn undefined_at_first_use(units: &[(String, String)]) -> Vec<String> {
    let texts: Vec<String> = units.iter().map(|(_, h)| text(h)).collect();
    let mut wrong = Vec::new();
    for t in TERMS {
        let used = texts
            .iter()
            .position(|s| t.uses.iter().any(|u| s.contains(u)));
        let defined = units
            .iter()
            .position(|(_, h)| t.defined.iter().any(|d| h.contains(d)));
        if let Some(u) = used
            && defined.is_none_or(|d| d > u)
        {
            wrong.push(format!("{}: used in {} ({})", t.name, units[u].0, texts[u]));
        }
    }
    wrong
}

/// The full page at the story's set size, with every panel.
fn full_page() -> PageState {
    PageState {
        scenario: scenario(20_000, 200),
        ..PageState::default()
    }
}

#[test]
fn each_term_is_defined_where_it_is_first_used_on_the_full_page() {
    let plain = full_page();
    // A deployment prevalence and an undone weight add the decision panel's sentences on them.
    let mut deployed = full_page();
    deployed.decision.prevalence = Some(0.05);
    deployed.decision.undo = Undo::PosWeight(10.0);
    for state in [plain, deployed] {
        let units = reading_order(&state);
        let all = units.iter().map(|(_, h)| text(h)).collect::<String>();
        // Every term is used on the full page, so each is checked.
        for t in TERMS {
            assert!(t.uses.iter().any(|u| all.contains(u)), "{} unused", t.name);
        }
        assert_eq!(undefined_at_first_use(&units), Vec::<String>::new());
    }
}

#[test]
fn each_term_is_defined_where_it_is_first_used_in_each_step_of_the_story() {
    for n in 1..=STORY_STEPS {
        // The step's own page, as its "Reset this step" link sets it.
        let story = &words(scenario(20_000, 200), n).sections[STORY];
        let end = story.find("\">Reset this step").expect("a reset link");
        let start = story[..end].rfind("href=\"#").expect("its href") + "href=\"#".len();
        let reset = &story[start..end];
        let state = link::parse(&reset.replace("&amp;", "&")).state;
        assert_eq!(state.view.story, n);
        // The step as set, and with the reader's deployment prevalence and undone weight (the
        // decision panel's sentences on them; only step 7 shows that panel).
        let mut deployed = state.clone();
        deployed.decision.prevalence = Some(0.05);
        deployed.decision.undo = Undo::PosWeight(10.0);
        let mut undone = state.clone();
        undone.decision.undo = Undo::PosWeight(10.0);
        for state in [state, deployed, undone] {
            let wrong = undefined_at_first_use(&reading_order(&state));
            assert_eq!(wrong, Vec::<String>::new(), "step {n}");
        }
    }
}

#[test]
fn the_threshold_is_said_to_change_no_loss_and_changes_none() {
    let at = |threshold: f64| Scenario {
        threshold,
        ..scenario(20_000, 200)
    };
    let [low, high] = [0.3, 0.7].map(|t| words(at(t), 0));
    // Said under the sliders, and first beside the loss table.
    assert!(
        text(&low.sections[CONTROLS]).contains("The threshold changes no loss"),
        "{}",
        low.sections[CONTROLS]
    );
    let numbers = text(&low.sections[NUMBERS]);
    assert!(
        numbers.starts_with("The threshold changes none of these losses"),
        "{numbers}"
    );
    // True: every loss is the same to the bit at both thresholds, and so is every word beside
    // the loss table; the counts and the metrics counted from them move.
    let [a, b] = [0.3, 0.7].map(|t| analyse(&at(t)));
    assert_eq!(a.losses, b.losses);
    assert_eq!(low.sections[NUMBERS], high.sections[NUMBERS]);
    assert_ne!(a.metrics.confusion, b.metrics.confusion);
    let (m, n) = (&a.metrics, &b.metrics);
    for (what, x, y) in [
        ("accuracy", m.accuracy, n.accuracy),
        ("recall", m.recall, n.recall),
        ("precision", m.precision, n.precision),
        ("F1", m.f1, n.f1),
    ] {
        assert_ne!(x, y, "{what}");
    }
}

/// index.html's shell, painted before the app loads, says what the app's header says: the
/// lede's two sentences and the way into the story, and has the id the app removes it by.
#[test]
fn the_shell_carries_the_app_s_lede() {
    let html = include_str!("../../index.html");
    let shell = html
        .split("<header class=\"site\" id=\"shell\">")
        .nth(1)
        .and_then(|rest| rest.split("</header>").next())
        .expect("index.html has the shell");
    let lede = format!(
        "<p class=\"lede\">{}<span>{}</span><span id=\"shell-story\"> New here? \
         <a href=\"#story=1\">Take the guided story</a>.</span></p>",
        imbalance_lab::features::words::LEDE,
        imbalance_lab::features::words::LEDE_SYNTHETIC
    );
    assert!(shell.contains(&lede), "{shell}");
    assert!(shell.contains("<h1>imbalance-lab</h1>"));
}
