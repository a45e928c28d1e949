//! The decision panel's work (SPEC section 8), done in the worker and sent back as finished
//! HTML: the cost curve, the metrics at the deployment prevalence, calibration, intervals and
//! the code. The page uses only the job, the answer and their wire form; the work (`Decider`)
//! is reached from `js::receive` alone, never from `serve`, so only the worker's module carries
//! its maths, charts and text.
//!
//! What depends on the scores alone (their runs, calibration, the bootstrap) is kept while
//! the judged model's scores stay the same, so a cost or the threshold moved costs one pass
//! over the runs; the bootstrap runs in slices between messages (`Decider::advance`, then
//! `again` to send the panel).
//!
//! The parts: `job` and `answer` (the messages), `decider` (the state kept between them),
//! `numbers` (the maths a panel shows), `html`, `svg`, `json` and `snippets` (its sentences and
//! tables, charts, results objects and code), `body` (the fields, written once); `render` puts
//! them together.

mod answer;
mod body;
mod decider;
mod html;
mod job;
mod json;
mod numbers;
pub mod snippets;
mod svg;

pub use answer::{
    BODY, CALIBRATION, CODE, COSTS, Decided, JSON, PREVALENCE, SECTIONS, SNIPPET_BREAK, STATUS,
    TARGETS, UNCERTAINTY,
};
pub use body::body_html;
pub use decider::Decider;
pub use job::DecideJob;

use crate::sim::Metrics;
use crate::sim::decision::{Calibration, OddsShift};
use decider::Prepared;
use numbers::Numbers;

/// Resamples of the bootstrap (SPEC 8).
pub const RESAMPLES: usize = 1_000;

/// The panel for `job` on its prepared scores, with the training weight undone (`undo`, and
/// the scores' calibration with it undone) if the job asks for that.
fn render(
    job: &DecideJob,
    p: &Prepared,
    undo: Option<OddsShift>,
    undone: Option<&Calibration>,
) -> Decided {
    let n = Numbers::gather(job, p);
    let mut sections: [String; SECTIONS] = Default::default();
    sections[BODY] = body_html();
    sections[COSTS] = html::costs(job, p, &n) + &svg::cost_curve(job, &n);
    sections[PREVALENCE] = html::prevalence(job, &n, undo);
    sections[CALIBRATION] = [
        html::calibration(p, undone),
        svg::reliability(job, &p.calibration, undone),
        html::reliability_table(job, &p.calibration),
    ]
    .concat();
    sections[UNCERTAINTY] = html::uncertainty(job, p, &n);
    sections[JSON] = json::objects(&job.settings, &n, p);
    let [numpy, keras, torch] = snippets::snippets(job, p.neg.len() + p.pos.len());
    [sections[CODE], sections[CODE + 1], sections[CODE + 2]] = [numpy, keras, torch];
    sections[STATUS] = html::status(&n);
    Decided {
        id: job.id,
        best: Some(n.best.threshold),
        resamples: [n.done as u32, n.boot.map_or(0, |_| RESAMPLES as u32)],
        judged: Some(Metrics::new(n.here, p.ranking)),
        sections,
    }
}
