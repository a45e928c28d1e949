//! The conversation with the Web Worker, natively: the messages survive their trip, the worker
//! answers as the engine does, the predictions file comes in whole pieces, and the page keeps
//! one request in flight with only the newest waiting.

use imbalance_lab::export::predictions_csv;
use imbalance_lab::sim::engine::{Engine, Request};
use imbalance_lab::sim::training::NoOptimum;
use imbalance_lab::sim::{Class, Scenario};
use imbalance_lab::worker::queue::Queue;
use imbalance_lab::worker::{CSV_ROWS, FromWorker, ToWorker, csv_pieces, serve};

fn request(neg: u32, pos: u32, threshold: f64) -> Request {
    Request {
        scenario: Scenario {
            neg,
            pos,
            threshold,
            seed: u64::MAX - 9,
            ..Scenario::default()
        },
        rival: [0.98, 0.9],
        data: 0,
    }
}

#[test]
fn messages_to_the_worker_round_trip_and_junk_is_refused() {
    let r = request(250_000, 3_000, 0.37);
    for m in [ToWorker::Exact(r), ToWorker::Csv(r)] {
        assert_eq!(ToWorker::decode(&m.encode()), Some(m));
    }
    assert_eq!(ToWorker::decode(&[]), None);
    let mut unknown = ToWorker::Exact(r).encode();
    unknown[0] = 9.0;
    assert_eq!(ToWorker::decode(&unknown), None);
    let good = ToWorker::Csv(r).encode();
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
        let mut replies = Vec::new();
        serve(&mut Engine::new(), ToWorker::Csv(r), &mut |m| {
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
        assert_eq!(file, predictions_csv(&mut Engine::new(), &r, 0..rows));
        assert_eq!(file.iter().filter(|&&b| b == b'\n').count(), rows + 1);
    }
}

#[test]
fn the_queue_keeps_one_request_in_flight_and_only_the_newest_waiting() {
    let (a, b, c) = (
        request(1e6 as u32, 1, 0.1),
        request(1e6 as u32, 1, 0.2),
        request(1e6 as u32, 1, 0.3),
    );
    let mut q = Queue::default();
    assert!(!q.busy());
    // Numbers the page already has exactly are never asked for.
    assert_eq!(q.want(a, true), None);
    assert_eq!(q.want(a, false), Some(a));
    assert!(q.busy());
    // A drag: b then c while a runs; only c waits.
    assert_eq!(q.want(b, false), None);
    assert_eq!(q.want(c, false), None);
    assert_eq!(q.answered(|_| false), Some(c));
    assert_eq!(q.in_flight(), Some(c));
    // The worker failed: the request in flight is the one to send again.
    assert_eq!(q.in_flight(), Some(c));
    assert_eq!(q.answered(|_| false), None);
    assert!(!q.busy());
    // A waiting request the answer already covers is dropped.
    assert_eq!(q.want(a, false), Some(a));
    assert_eq!(q.want(b, false), None);
    assert_eq!(q.answered(|r| *r == b), None);
    assert!(!q.busy());
    // A newer request held back (it needs new draws) supersedes the waiting one.
    assert_eq!(q.want(a, false), Some(a));
    assert_eq!(q.want(b, false), None);
    q.drop_waiting();
    assert_eq!(q.answered(|_| false), None);
    assert!(!q.busy());
    // Coming back to exact numbers while busy forgets the waiting request.
    assert_eq!(q.want(a, false), Some(a));
    assert_eq!(q.want(b, false), None);
    assert_eq!(q.want(c, true), None);
    assert_eq!(q.answered(|_| false), None);
}

#[test]
fn training_on_a_sample_steps_to_the_sample_optimum() {
    use imbalance_lab::sim::LossKind;
    use imbalance_lab::sim::training::{Binormal, LossParams, Sample, fit_sample};
    use imbalance_lab::worker::{TrainRequest, TrainStep};
    let r = TrainRequest {
        population: Binormal::new(2.0, 900, 100),
        n: 3_000,
        seed: u64::MAX - 1,
        params: LossParams::new(4.0, 0.25, 2.0),
    };
    let message = ToWorker::Train(r);
    assert_eq!(ToWorker::decode(&message.encode()), Some(message.clone()));
    let mut steps: Vec<TrainStep> = Vec::new();
    serve(&mut Engine::new(), message, &mut |m| match m {
        FromWorker::TrainStep(s) => steps.push(s),
        other => panic!("{other:?}"),
    });
    // Step 0 is the start (w = b = 0); each step's loss never rises; the last has converged.
    assert_eq!(steps[0].step, 0);
    assert!(steps.iter().rev().skip(1).all(|s| !s.done));
    let last = steps.last().unwrap();
    assert!(last.done && last.step > 1, "{last:?}");
    for k in 0..4 {
        let losses: Vec<f64> = steps.iter().map(|s| s.models[k].unwrap().1).collect();
        assert!(
            losses.windows(2).all(|w| w[1] <= w[0] + 1e-12),
            "{losses:?}"
        );
    }
    // The models it ends at are the sample's own optimum, found step by step.
    let sample = Sample::generate(&r.population, r.n, r.seed);
    for (k, kind) in LossKind::ALL.into_iter().enumerate() {
        let want = fit_sample(&sample, kind, &r.params).unwrap().model;
        let (got, _) = last.models[k].unwrap();
        assert!(
            (got.w - want.w).abs() < 1e-9 && (got.b - want.b).abs() < 1e-9,
            "{kind:?}"
        );
    }
    // Each step survives its trip; a loss without an optimum (alpha 0) has no model.
    for s in &steps {
        let (numbers, bytes) = FromWorker::TrainStep(s.clone()).encode();
        assert_eq!(
            FromWorker::decode(&numbers, bytes),
            FromWorker::TrainStep(s.clone())
        );
    }
    let mut none = Vec::new();
    let r0 = TrainRequest {
        params: LossParams::new(1.0, 0.0, 2.0),
        ..r
    };
    serve(&mut Engine::new(), ToWorker::Train(r0), &mut |m| {
        none.push(m)
    });
    let FromWorker::TrainStep(last) = none.last().unwrap() else {
        panic!()
    };
    // alpha = 0 gives the positives no weight: the two alpha-weighted losses say so, by name.
    let zero = Err(NoOptimum::ZeroWeight(Class::Positive));
    assert_eq!((last.models[2], last.models[3]), (zero, zero));
    assert!(last.models[0].is_ok());
    let (numbers, bytes) = FromWorker::TrainStep(last.clone()).encode();
    assert_eq!(
        FromWorker::decode(&numbers, bytes),
        FromWorker::TrainStep(last.clone())
    );
}

#[test]
fn every_reason_for_no_model_survives_the_wire() {
    use imbalance_lab::sim::training::Model;
    use imbalance_lab::worker::TrainStep;
    let reasons = [
        NoOptimum::NoSamples,
        NoOptimum::NoPositives,
        NoOptimum::NoNegatives,
        NoOptimum::ZeroWeight(Class::Negative),
        NoOptimum::ZeroWeight(Class::Positive),
        NoOptimum::Separated,
        NoOptimum::NotConverged,
    ];
    for why in reasons {
        let step = TrainStep {
            step: 3,
            done: true,
            models: [
                Err(why),
                Ok((Model { w: 1.5, b: -0.25 }, 0.125)),
                Err(why),
                Err(why),
            ],
        };
        let (numbers, bytes) = FromWorker::TrainStep(step.clone()).encode();
        assert_eq!(
            FromWorker::decode(&numbers, bytes),
            FromWorker::TrainStep(step)
        );
    }
}

#[test]
fn a_run_keeps_its_loss_curves_and_reports_the_sample_optimum_once_converged() {
    use imbalance_lab::sim::training::{Binormal, LossParams, Sample, fit_sample};
    use imbalance_lab::worker::{TrainRequest, TrainRun};
    let r = TrainRequest {
        population: Binormal::new(1.5, 300, 100),
        n: 2_000,
        seed: 11,
        params: LossParams::new(2.0, 0.25, 2.0),
    };
    let mut steps = Vec::new();
    serve(&mut Engine::new(), ToWorker::Train(r), &mut |m| {
        if let FromWorker::TrainStep(s) = m {
            steps.push(s);
        }
    });
    let mut run = TrainRun::new(r);
    assert!(run.running() && run.sample_fits().is_none());
    for s in &steps[..2] {
        run.push(s.clone());
    }
    // Half way: the curves hold the steps so far, and there is no optimum to report yet.
    assert!(run.running() && !run.converged() && run.sample_fits().is_none());
    assert_eq!(run.loss_curves()[0].len(), 2);
    for s in &steps[2..] {
        run.push(s.clone());
    }
    assert!(run.converged() && !run.running());
    let curves = run.loss_curves();
    let sample = Sample::generate(&r.population, r.n, r.seed);
    let fits = run.sample_fits().unwrap();
    assert_eq!((fits.n, fits.seed), (2_000, 11));
    for (k, (kind, fit)) in fits.fits.iter().enumerate() {
        assert_eq!(curves[k].len(), steps.len());
        assert_eq!(curves[k][0].0, 0);
        let want = fit_sample(&sample, kind, &r.params).unwrap().model;
        let got = fit.unwrap();
        assert!(
            (got.w - want.w).abs() < 1e-9 && (got.b - want.b).abs() < 1e-9,
            "{kind:?}"
        );
        // The curve ends at the loss the sample's optimum gets.
        assert_eq!(
            curves[k].last().unwrap().1,
            steps.last().unwrap().models[k].unwrap().1
        );
    }
    // A stopped run takes no more steps, and reports no optimum.
    let mut stopped = TrainRun::new(r);
    stopped.push(steps[0].clone());
    stopped.following = false;
    for s in &steps[1..] {
        stopped.push(s.clone());
    }
    assert_eq!(stopped.steps.len(), 1);
    assert!(!stopped.running() && stopped.sample_fits().is_none());
}

mod import {
    use imbalance_lab::import::{Overrides, ScoreKind};
    use imbalance_lab::sim::engine::{Engine, PREVIEW, Request};
    use imbalance_lab::sim::{Class, ClassScores, Scenario};
    use imbalance_lab::worker::import::{Detection, ImportJob, import_bytes, preview};
    use imbalance_lab::worker::{FromWorker, ToWorker, serve};

    fn fixture(name: &str) -> Vec<u8> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/");
        std::fs::read(format!("{dir}{name}")).unwrap()
    }

    fn job(id: u32) -> ImportJob {
        ImportJob {
            id,
            detect: false,
            overrides: Overrides::default(),
            settings: [2.0, 0.5],
        }
    }

    #[test]
    fn jobs_survive_the_wire_with_every_choice() {
        let full = ImportJob {
            id: 7,
            detect: true,
            settings: [0.5, 0.25],
            overrides: Overrides {
                delimiter: Some(b';'),
                header: Some(false),
                label: Some(3),
                scores: Some(vec![1, 2]),
                positive: Some("ja, “sicher”".into()),
                kind: Some(ScoreKind::Logit),
            },
        };
        for j in [job(1), full] {
            assert_eq!(ImportJob::decode(&j.encode()), Some(j.clone()));
        }
        assert_eq!(ImportJob::decode(&[9.0, 1.0, 5.0]), None);
    }

    #[test]
    fn a_file_imports_into_a_data_set_and_a_summary_that_survives_the_wire() {
        let (data, summary) = import_bytes(&job(4), &fixture("breast_cancer.csv")).unwrap();
        assert_eq!(summary.counts, [179, 106]);
        assert_eq!(summary.names, ["logreg_all", "logreg_size"]);
        assert_eq!(summary.kind, ScoreKind::Probability);
        // Classes this small are their own previews, sorted.
        for (m, model) in data.models.iter().enumerate() {
            for (c, class) in model.iter().enumerate() {
                let all: Vec<f64> = class.iter().collect();
                assert_eq!(summary.previews[m][c], all);
            }
        }
        let (numbers, bytes) = FromWorker::Imported(Box::new(summary.clone())).encode();
        assert_eq!(
            FromWorker::decode(&numbers, bytes),
            FromWorker::Imported(Box::new(summary.clone()))
        );
        // A preview's score that is no probability, or a preview cut short: refused.
        let last = summary.previews[1][1][105];
        let at = numbers.iter().rposition(|&v| v == last).unwrap();
        for bad in [f64::NAN, 1.5, -0.25] {
            let mut wrong = numbers.clone();
            wrong[at] = bad;
            let decoded = FromWorker::decode(&wrong, Vec::new());
            assert!(!matches!(decoded, FromWorker::Imported(_)), "{bad}");
        }
        let decoded = FromWorker::decode(&numbers[..numbers.len() - 1], Vec::new());
        assert!(!matches!(decoded, FromWorker::Imported(_)));
        // The engine answers requests for the data set with its numbers, model B on its own
        // column.
        let mut engine = Engine::new();
        engine.hold(data.clone());
        let s = Scenario {
            neg: 179,
            pos: 106,
            ..Scenario::default()
        };
        let r = Request {
            data: 4,
            ..Request::synthetic(s, [0.5, 0.5])
        };
        let answer = engine.compute(&r, &mut |_| {}).unwrap();
        assert_eq!(
            answer.models[0].confusion.tp + answer.models[0].confusion.fn_,
            106
        );
        assert_ne!(answer.models[0].loss, answer.models[1].loss);
        // Forgotten (the page went back), the data set has no answer any more.
        let forget = ToWorker::Forget;
        assert_eq!(ToWorker::decode(&forget.encode()), Some(ToWorker::Forget));
        let mut replies = Vec::new();
        serve(&mut engine, forget, &mut |m| replies.push(m));
        assert!(replies.is_empty());
        serve(&mut engine, ToWorker::Exact(r), &mut |m| replies.push(m));
        assert_eq!(replies, [FromWorker::NotHeld]);
        // One score column: model B is model A.
        let text = b"y,p\n1,0.8\n0,0.3\n0,0.4\n1,0.35\n";
        let (one, summary) = import_bytes(&job(5), text).unwrap();
        assert_eq!(summary.names.len(), 1);
        assert_eq!(one.models[0], one.models[1]);
        assert_eq!(summary.previews[1], summary.previews[0]);
    }

    #[test]
    fn a_large_class_previews_as_evenly_spaced_quantiles() {
        let n = 3 * PREVIEW as usize + 1;
        let class = ClassScores::from_scores(
            Class::Negative,
            (0..n).map(|i| i as f64 / n as f64).collect(),
        );
        let p = preview(&class);
        assert_eq!(p.len(), PREVIEW as usize);
        assert!(p.windows(2).all(|w| w[0] <= w[1]));
        // The i-th of m picks the middle of its n/m stretch.
        assert_eq!(p[0], class.get(1));
        assert_eq!(p[PREVIEW as usize - 1], class.get(n - 2));
    }

    #[test]
    fn detection_says_what_it_found_and_survives_the_wire() {
        let d = Detection::of(&job(2), &fixture("digits_zero.tsv"), 1 << 20);
        assert_eq!(d.problem, None);
        // The positive value as the file spells it, among the values the page offers.
        let positive = d.positive.clone().unwrap();
        assert!(
            d.values.iter().any(|(v, _)| *v == positive),
            "{positive} in {:?}",
            d.values
        );
        let semicolons = Detection::of(&job(2), &fixture("digits_zero_semicolon.csv"), 1 << 20);
        assert_eq!(semicolons.positive.as_deref(), Some("True"));
        assert!(
            d.layout.contains("fields separated by tabs"),
            "{}",
            d.layout
        );
        assert_eq!(d.raw.len(), 10);
        assert_eq!(d.read.len(), 10);
        assert_eq!(d.scores.len(), 2);
        assert!(
            d.read
                .iter()
                .all(|r| r[0] == "positive" || r[0] == "negative")
        );
        let (numbers, bytes) = FromWorker::Detected(Box::new(d.clone())).encode();
        assert_eq!(
            FromWorker::decode(&numbers, bytes),
            FromWorker::Detected(Box::new(d))
        );
        // Three label values: the reader is asked to choose, and offered the values to choose from.
        let three = b"label,score\n0,0.1\n1,0.9\n2,0.5\n0,0.2\n";
        let asked = Detection::of(&job(6), three, three.len() as u64);
        assert!(asked.problem.is_some());
        assert_eq!(asked.label, Some(0));
        let offered: Vec<&str> = asked.values.iter().map(|(v, _)| v.as_str()).collect();
        assert_eq!(offered, ["0", "1", "2"]);
        // The scores as read, to six significant digits without trailing zeros.
        let plain = b"label,p\n0,0.4666\n1,0.0092\n0,0.123456789\n1,1\n0,0.00001\n1,1.25e-7\n";
        let read = Detection::of(&job(7), plain, plain.len() as u64).read;
        let scores: Vec<&str> = read.iter().map(|r| r[1].as_str()).collect();
        assert_eq!(
            scores,
            ["0.4666", "0.0092", "0.123457", "1", "1e-5", "1.25e-7"]
        );
        // A file that is no table: the reason, and nothing else.
        let bad = Detection::of(&job(3), b"{\"a\": 1}", 8);
        assert!(bad.problem.as_deref().unwrap().contains("JSON"));
        assert!(bad.columns.is_empty());
        for m in [
            FromWorker::ImportFailed(9, "line 3: “x” is not a number".into()),
            FromWorker::ImportProgress(9, 0.25),
            FromWorker::NotHeld,
        ] {
            let (numbers, bytes) = m.clone().encode();
            assert_eq!(FromWorker::decode(&numbers, bytes), m);
        }
        // An answer about a file that cannot be read fails that job, not the worker.
        let (mut numbers, bytes) = FromWorker::Detected(Box::new(bad)).encode();
        numbers.truncate(numbers.len() - 1);
        assert!(matches!(
            FromWorker::decode(&numbers, bytes),
            FromWorker::ImportFailed(0, _)
        ));
    }
}
