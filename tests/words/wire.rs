//! The job and the reply survive the wire; junk is refused.

use imbalance_lab::page::STORY_STEPS;
use imbalance_lab::worker::words::{BOXES, ExplainJob, Explained};
use imbalance_lab::worker::{FromWorker, ToWorker};

use super::helpers::{job, scenario, words};

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
