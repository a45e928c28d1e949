//! The words' machinery, serving every feature: every sentence that states a fact about the
//! current numbers, the terms' definitions and the guided story, written in the worker from the
//! same exact numbers the page shows and sent back as HTML, one section per box (`Words`). The page
//! holds empty boxes and one job (`WordsJob`); none of the text weighs on its first load.
//!
//! `boxes` lists the boxes, `wire` carries the job and the reply, `facts` computes the numbers
//! the words state, and each feature's `words` writes its words from them (`phrases` holds how
//! a number reads in a sentence, `terms` the definitions, `formulas` the MathML, `frame` the
//! footer; the lede's sentence, which the page writes); `page` is the page's side, which asks for the words and fills the boxes.

mod boxes;
pub(crate) mod facts;
pub mod formulas;
pub(crate) mod frame;

pub use frame::{LEDE, LEDE_IMPORTED, LEDE_SYNTHETIC};
#[cfg(target_arch = "wasm32")]
pub(crate) mod page;
pub(crate) mod phrases;
pub(crate) mod terms;
pub(crate) mod wire;

pub use boxes::*;
pub use wire::{Words, WordsJob};

use crate::features::compare::words::{composition, model_b};
use crate::features::explore::words::{numbers, scenario, scores, share, threshold};
use crate::features::{focal, import, story, training};
use crate::sim::engine::Engine;
use facts::Facts;
use phrases::para_box;

/// The words' stylesheet: fetched with the first words, not with the page.
pub(crate) const STYLE: &str = r#"<link rel="stylesheet" href="words.css">"#;

/// Every box's words for `job`; with no numbers (a data set the engine no longer holds) only
/// the words that need none.
pub fn write_words(engine: &mut Engine, job: &WordsJob) -> Words {
    let mut sections = vec![String::new(); BOXES.len()];
    sections[FOOTER] = frame::footer();
    sections[TRAINING] = training::words::intro();
    sections[TRAINED_SCORES] = para_box(training::words::TRAINED_SCORES_WORDS);
    sections[OPTIMAL] = para_box(training::words::OPTIMAL_WORDS);
    sections[SAMPLE] = para_box(training::words::SAMPLE_WORDS);
    sections[IMPORT] = para_box(import::words::IMPORT_WORDS);
    sections[NUMBERS_TERMS] = numbers::static_words();
    sections[SHARE_TERMS] = share::static_words();
    sections[FOCAL_TERMS] = focal::words::static_words();
    sections[SCORES_TERMS] = scores::static_words();
    sections[THRESHOLD_TERMS] = threshold::static_words();
    sections[COMPOSITION_TERMS] = composition::static_words();
    sections[MODEL_B_TERMS] = model_b::static_words();
    sections[PRESETS_BOX] = scenario::presets();
    if let Some(f) = Facts::new(engine, job) {
        sections[CONTROLS] = scenario::controls(&f);
        sections[NUMBERS] = numbers::words(&f);
        sections[SHARE] = share::words(&f);
        sections[FOCAL] = focal::words::words(&f);
        sections[SCORES] = scores::words(&f);
        sections[THRESHOLD] = threshold::words(&f);
        sections[COMPOSITION] = composition::words(&f);
        sections[MODEL_B] = model_b::words(&f);
        if job.story > 0 {
            sections[STORY] = story::words::words(&f, job);
        }
    }
    Words {
        id: job.id,
        sections,
    }
}
