//! The job and the reply survive the wire; junk is refused.

use imbalance_lab::features::words::{BOXES, WordsJob};
use imbalance_lab::protocol::{FromWorker, ToWorker};
use imbalance_lab::state::STORY_STEPS;

use super::helpers::{job, scenario, words};

#[test]
fn a_job_and_its_words_round_trip_and_junk_is_refused() {
    let j = WordsJob {
        story: 4,
        embed: true,
        point: 0.25,
        ..job(scenario(300, 20), 0)
    };
    let encode = |j: WordsJob| ToWorker::Words(Box::new(j)).encode();
    let decode = |v: &[f64]| match ToWorker::decode(v) {
        Some(ToWorker::Words(j)) => Some(*j),
        _ => None,
    };
    assert_eq!(decode(&encode(j)), Some(j));
    // Not a words job, a truncated one, and a story step beyond the last (clamped).
    assert_eq!(decode(&[1.0, 2.0]), None);
    assert_eq!(decode(&encode(j)[..5]), None);
    let mut far = encode(j);
    let n = far.len();
    far[n - 7] = 99.0;
    assert_eq!(decode(&far).map(|j| j.story), Some(STORY_STEPS));
    // A set of losses naming one the page does not have is refused.
    let mut unknown = encode(j);
    unknown[n - 2] = f64::from(1u32 << 20);
    assert_eq!(decode(&unknown), None);

    let w = words(scenario(300, 20), 2);
    assert_eq!(w.sections.len(), BOXES.len());
    let (numbers, bytes) = FromWorker::Words(Box::new(w.clone())).encode();
    assert_eq!(
        FromWorker::decode(&numbers, bytes),
        FromWorker::Words(Box::new(w))
    );
    // A reply with a box missing is refused, never shown half.
    assert_eq!(
        FromWorker::decode(&numbers, b"only one".to_vec()),
        FromWorker::Failed
    );
}
