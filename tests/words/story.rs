//! The story's links set the page they promise, and each step's words follow the numbers.

use imbalance_lab::features::words::{STORY, WordsJob, write_words};
use imbalance_lab::sim::Scenario;
use imbalance_lab::sim::engine::Engine;
use imbalance_lab::state::link;
use imbalance_lab::state::{Layout, PageState, Panel, STORY_STEPS};

use super::helpers::{job, scenario, text, words};

#[test]
fn each_story_step_links_to_the_page_it_describes() {
    let w = words(scenario(1_000, 10), 1);
    let story = &w.sections[STORY];
    assert!(story.contains("Step 1 of 9"), "{story}");
    // A page that does not hold the step's data is told so; one that does is not.
    assert!(
        story.contains("The page is not set as this step begins"),
        "{story}"
    );
    let set = WordsJob {
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
    let own = &write_words(&mut Engine::new(), &set).sections[STORY];
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
    assert_eq!(parsed.state.layout.panels, vec![Panel::ModelB]);
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
        let j = WordsJob {
            costs,
            ..job(scenario(100_000, 1_000), 7)
        };
        text(&write_words(&mut Engine::new(), &j).sections[STORY])
    };
    let t = costs([1.0, 20.0, 0.0]);
    assert!(t.contains("worth 20 times a false alarm's cost"), "{t}");
    assert!(t.contains("c_fp / (c_fp + c_fn + r_tp) = 0.0476"), "{t}");
    // A reward for a true positive counts with the cost it avoids: (10 + 3) / 2.
    let t = costs([2.0, 10.0, 3.0]);
    assert!(t.contains("worth 6.5 times a false alarm's cost"), "{t}");
    assert!(t.contains("= 0.133"), "{t}");
}

/// The fragment of the link whose text is `name` in a box of words.
fn href_of(html: &str, name: &str) -> String {
    let end = html.find(&format!("\">{name}</a>")).expect(name);
    let start = html[..end].rfind("href=\"#").expect(name) + "href=\"#".len();
    html[start..end].replace("&amp;", "&")
}

/// A link that names only a step (what a teacher pastes) opens exactly what the step's "Reset
/// this step" link opens, with no notice; with any other key the link is read as written.
#[test]
fn a_bare_story_link_opens_its_step_as_reset_does() {
    for n in 1..=STORY_STEPS {
        let s = &words(scenario(1_000, 10), n).sections[STORY];
        let reset = link::parse(&href_of(s, "Reset this step"));
        assert!(reset.notices.is_empty(), "{:?}", reset.notices);
        let bare = link::parse(&format!("#story={n}"));
        assert!(bare.notices.is_empty(), "{:?}", bare.notices);
        assert_eq!(bare.state, reset.state, "step {n}");
        assert_eq!(bare.state.view.story, n);
        assert!(!bare.state.layout.embed);
    }
    // Step 4's own numbers (a balanced set), not the default page's.
    let four = link::parse("story=4").state;
    assert_eq!([four.scenario.neg, four.scenario.pos], [10_000, 10_000]);
    assert_eq!(four.layout.panels, vec![Panel::Composition, Panel::ModelB]);
    // Step 7 sets its costs: a miss costs 20 false alarms.
    assert_eq!(link::parse("story=7").state.decision.cost_fn, 20.0);
    // With another key, every key is read as written and the rest is the default page's.
    let kept = link::parse("story=4&pw=3").state;
    assert_eq!(
        kept.scenario,
        Scenario {
            pos_weight: 3.0,
            ..Scenario::default()
        }
    );
    assert_eq!(kept.layout, Layout::default());
    assert_eq!(kept.view.story, 4);
    let embedded = link::parse("story=5&embed=1").state;
    assert!(embedded.layout.embed);
    assert_eq!(embedded.scenario, Scenario::default());
    // No step is no story; a step past the last is the last, said in a notice.
    assert_eq!(link::parse("story=0").state, PageState::default());
    let past = link::parse("story=12");
    assert_eq!(
        past.state,
        link::parse(&format!("story={STORY_STEPS}")).state
    );
    assert_eq!(past.notices.len(), 1, "{:?}", past.notices);
}
