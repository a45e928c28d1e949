//! The guided story (`story=N`): each step a title, the page it sets (a link), and words
//! computed from the numbers the reader has in front of them. Every control stays live, so no
//! step states a conclusion its numbers might not bear out: each sentence is chosen by them.

mod menon;
mod sentences;
mod steps;

use std::fmt::Write;

use super::steps::begin;
use crate::features::words::STYLE;
use crate::features::words::facts::Facts;
use crate::features::words::wire::WordsJob;
use crate::format::escape_html;
use crate::state::STORY_STEPS;
use crate::state::link;
use steps::STEPS;

/// The fragment of story step `n` (1-based).
pub(crate) fn step_link(n: u32, embed: bool) -> String {
    link::format(&begin(n, embed))
}

/// The story's box: the step's heading and words, and its links. "Leave the story" is a
/// button the page handles: it keeps everything the reader set and brings every panel back.
pub(crate) fn words(f: &Facts, job: &WordsJob) -> String {
    let n = job.story.clamp(1, STORY_STEPS);
    let step = &STEPS[(n - 1) as usize];
    // A page that does not hold the step's data (a link that named only the step, or data
    // changed since) is told how to set it; the weights and the threshold are the reader's to
    // move.
    let set = begin(n, false);
    let (a, b) = (&set.scenario, &f.s);
    let data =
        (a.neg, a.pos, a.acc0, a.acc1, set.model_b) != (b.neg, b.pos, b.acc0, b.acc1, f.model_b);
    let d = &set.decision;
    let costs = [d.cost_fp, d.cost_fn, d.reward_tp] != f.costs;
    let unset = if !f.imported && (data || costs) {
        "<p class=\"story-unset\">The page is not set as this step begins (its link names only \
         the step, or the data or costs have changed since): “Reset this step” below sets it.</p>"
    } else {
        ""
    };
    let mut out = format!(
        "{STYLE}<h2 id=\"story-title\" tabindex=\"-1\">Step {n} of {STORY_STEPS}: {}</h2>{unset}<p \
         class=\"story-text\">{}</p><nav class=\"story-nav\" aria-label=\"story steps\">",
        step.title,
        (step.words)(f)
    );
    if n > 1 {
        let _ = write!(
            out,
            "<a href=\"#{}\" rel=\"prev\">← Back</a>",
            escape_html(&step_link(n - 1, job.embed))
        );
    }
    if n < STORY_STEPS {
        let _ = write!(
            out,
            "<a href=\"#{}\" rel=\"next\">Next: {} →</a>",
            escape_html(&step_link(n + 1, job.embed)),
            STEPS[n as usize].title
        );
    }
    let _ = write!(
        out,
        "<a href=\"#{}\">Reset this step</a><button type=\"button\" data-act=\"leave\">Leave \
         the story</button></nav>",
        escape_html(&step_link(n, job.embed)),
    );
    out
}
