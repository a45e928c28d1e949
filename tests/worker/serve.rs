//! The worker answers as the engine does: progress then the exact numbers, and the predictions
//! file in whole pieces.

use imbalance_lab::export::{PredictionsFile, PredictionsJob};
use imbalance_lab::protocol::{FromWorker, ToWorker};
use imbalance_lab::sim::engine::Engine;
use imbalance_lab::worker::{CSV_ROWS, csv_pieces, serve};

use super::helpers::request;

#[test]
fn the_worker_answers_with_progress_then_the_engines_numbers() {
    let r = request(70_000, 700, 0.4);
    let mut replies = Vec::new();
    serve(&mut Engine::new(), ToWorker::Exact(r), &mut |m| {
        replies.push(m)
    });
    let expected = Engine::new().compute(&r, &mut |_| {}).unwrap();
    let (last, progress) = replies.split_last().unwrap();
    assert_eq!(*last, FromWorker::Answer(Box::new(expected)));
    let shares: Vec<f64> = progress
        .iter()
        .map(|m| match m {
            FromWorker::Progress(p) => *p,
            other => panic!("{other:?}"),
        })
        .collect();
    assert!(shares.windows(2).all(|w| w[0] <= w[1]), "{shares:?}");
    assert_eq!(shares.last(), Some(&1.0));
}

#[test]
fn the_predictions_file_comes_in_pieces_that_make_the_whole_file() {
    assert_eq!(csv_pieces(0).collect::<Vec<_>>(), vec![0..0]);
    assert_eq!(csv_pieces(CSV_ROWS).collect::<Vec<_>>(), vec![0..CSV_ROWS]);
    assert_eq!(
        csv_pieces(2 * CSV_ROWS + 1).collect::<Vec<_>>(),
        vec![
            0..CSV_ROWS,
            CSV_ROWS..2 * CSV_ROWS,
            2 * CSV_ROWS..2 * CSV_ROWS + 1
        ]
    );
    for (neg, pos) in [(0, 0), (150_000, 60_001)] {
        let r = request(neg, pos, 0.5);
        let job = PredictionsJob {
            request: r,
            model_b: true,
            trained: None,
        };
        let mut replies = Vec::new();
        serve(&mut Engine::new(), ToWorker::Csv(job), &mut |m| {
            replies.push(m)
        });
        assert_eq!(replies.pop(), Some(FromWorker::CsvDone));
        let mut file = Vec::new();
        let mut last = 0.0;
        for reply in replies {
            let FromWorker::CsvPiece(bytes, done) = reply else {
                panic!("{reply:?}")
            };
            assert!(done > last, "{done} after {last}");
            last = done;
            file.extend(bytes);
        }
        assert_eq!(last, 1.0);
        let rows = (neg + pos) as usize;
        let whole = PredictionsFile::new(&mut Engine::new(), &job, None).unwrap();
        assert_eq!(file, whole.piece(0..rows));
        assert_eq!(file.iter().filter(|&&b| b == b'\n').count(), rows + 1);
    }
}
