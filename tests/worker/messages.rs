//! The messages both ways survive their trip, and anything else is refused (to the worker) or
//! reads as `Failed` (from it).

use imbalance_lab::export::PredictionsJob;
use imbalance_lab::protocol::{FromWorker, ToWorker};
use imbalance_lab::sim::engine::Engine;

use super::helpers::request;

#[test]
fn messages_to_the_worker_round_trip_and_junk_is_refused() {
    let r = request(250_000, 3_000, 0.37);
    let csv = ToWorker::Csv(PredictionsJob {
        request: r,
        model_b: true,
        trained: None,
    });
    for m in [ToWorker::Exact(r), csv.clone()] {
        assert_eq!(ToWorker::decode(&m.encode()), Some(m));
    }
    assert_eq!(ToWorker::decode(&[]), None);
    let mut unknown = ToWorker::Exact(r).encode();
    unknown[0] = 99.0;
    assert_eq!(ToWorker::decode(&unknown), None);
    let good = csv.encode();
    assert_eq!(ToWorker::decode(&good[..good.len() - 1]), None);
}

#[test]
fn replies_round_trip_and_anything_unexpected_reads_as_failed() {
    let answer = Engine::new()
        .compute(&request(3_000, 40, 0.5), &mut |_| {})
        .unwrap();
    for reply in [
        FromWorker::Progress(0.25),
        FromWorker::Answer(Box::new(answer)),
        FromWorker::CsvPiece(b"label,probability\n0,0.5\n".to_vec(), 1.0),
        FromWorker::CsvDone,
    ] {
        let (numbers, bytes) = reply.clone().encode();
        assert_eq!(FromWorker::decode(&numbers, bytes), reply);
    }
    for junk in [
        &[][..],
        &[3.0][..],
        &[3.0, 1.5][..],
        &[3.0, f64::NAN][..],
        &[4.0, 1.0][..],
        &[42.0][..],
    ] {
        assert_eq!(
            FromWorker::decode(junk, Vec::new()),
            FromWorker::Failed,
            "{junk:?}"
        );
    }
}
