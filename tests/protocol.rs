//! The one protocol between the page and its workers: every tag is its own, and every message,
//! each way, survives its trip (`src/protocol/`).

use imbalance_lab::export::PredictionsJob;
use imbalance_lab::features::decide::worker::{DecideJob, Decider};
use imbalance_lab::features::import::parse::{ImportError, Overrides, PartError};
use imbalance_lab::features::import::worker::{
    Detection, ImportJob, Importer, PartJob, import_bytes,
};
use imbalance_lab::features::training::job::{TrainRequest, TrainStep, train};
use imbalance_lab::features::training::spread_job::{SpreadJob, SpreadSample, SpreadWork};
use imbalance_lab::features::words::{WordsJob, write_words};
use imbalance_lab::protocol::{
    FromPart, FromWorker, Tag, ToPart, ToWorker, scores_header, scores_of,
};
use imbalance_lab::sim::engine::{Engine, Request};
use imbalance_lab::sim::loss::Shown;
use imbalance_lab::sim::training::spread::SpreadRequest;
use imbalance_lab::sim::training::{Binormal, LossParams};
use imbalance_lab::sim::{LossKind, Scenario};
use imbalance_lab::state::{DecisionSettings, TrainingSettings};

/// The tag a message is sent with (exhaustive: a new message must name its tag here).
fn to_worker_tag(m: &ToWorker) -> Tag {
    match m {
        ToWorker::Exact(_) => Tag::Exact,
        ToWorker::Csv(_) => Tag::Csv,
        ToWorker::Train(_) => Tag::Train,
        ToWorker::Spread(_) => Tag::Spread,
        ToWorker::Forget => Tag::Forget,
        ToWorker::Import(_) => Tag::Import,
        ToWorker::Decide(_) => Tag::Decide,
        ToWorker::Words(_) => Tag::Words,
    }
}

/// The tag a reply is sent with; `None` for `Failed`, which is no message.
fn from_worker_tag(m: &FromWorker) -> Option<Tag> {
    Some(match m {
        FromWorker::Progress(_) => Tag::Progress,
        FromWorker::Answer(_) => Tag::Answer,
        FromWorker::CsvPiece(..) => Tag::CsvPiece,
        FromWorker::CsvDone => Tag::CsvDone,
        FromWorker::TrainStep(_) => Tag::TrainStep,
        FromWorker::SpreadSample(_) => Tag::SpreadSample,
        FromWorker::Detected(_) => Tag::Detected,
        FromWorker::ImportProgress(..) => Tag::ImportProgress,
        FromWorker::Imported(_) => Tag::Imported,
        FromWorker::ImportFailed(..) => Tag::ImportFailed,
        FromWorker::NotHeld => Tag::NotHeld,
        FromWorker::Decided(_) => Tag::Decided,
        FromWorker::Words(_) => Tag::WordsWritten,
        FromWorker::Failed => return None,
    })
}

fn request() -> Request {
    let s = Scenario {
        neg: 3_000,
        pos: 40,
        seed: u64::MAX - 3,
        ..Scenario::default()
    };
    Request::synthetic(s, [0.98, 0.9])
}

fn import_job(detect: bool) -> ImportJob {
    ImportJob {
        id: 3,
        detect,
        overrides: Overrides::default(),
        settings: [2.0, 0.5],
    }
}

fn decide_job() -> DecideJob {
    DecideJob {
        id: 5,
        request: request(),
        settings: DecisionSettings::default(),
        training: TrainingSettings {
            sep: 2.0,
            rows: 1_000,
            spread_k: 7,
            spread_n: 300,
        },
        dark: true,
        width: 390,
        seen: false,
    }
}

fn words_job() -> WordsJob {
    WordsJob {
        id: 9,
        request: request(),
        point: 0.3,
        story: 2,
        embed: false,
        costs: [1.0, 5.0, 0.0],
        shown: Shown::of(&[LossKind::Bce, LossKind::Ldam]),
        sep: 2.0,
    }
}

fn train_request() -> TrainRequest {
    TrainRequest {
        population: Binormal::new(2.0, 900, 100),
        n: 500,
        seed: 17,
        // The losses read the population's counts (as the page's requests carry them).
        params: LossParams::new(4.0, 0.25, 2.0).with_counts(900.0, 100.0),
    }
}

fn spread_job(threshold: f64) -> SpreadJob {
    SpreadJob {
        id: 4,
        request: SpreadRequest {
            population: Binormal::new(1.5, 900, 100),
            params: LossParams::new(4.0, 0.25, 2.0).with_counts(900.0, 100.0),
            threshold,
            k: 3,
            n: 400,
            seed: u64::MAX - 1,
        },
    }
}

/// The first sample of a spread, as the worker sends it.
fn spread_sample(threshold: f64) -> SpreadSample {
    SpreadWork::new(&spread_job(threshold)).step().unwrap()
}

const FILE: &[u8] = b"label,score\n0,0.1\n1,0.9\n0,0.35\n1,0.6\n";

#[test]
fn every_tag_is_its_own_and_reads_back() {
    for (i, a) in Tag::ALL.into_iter().enumerate() {
        assert_eq!(Tag::of(a.number()), Some(a));
        for b in &Tag::ALL[i + 1..] {
            assert_ne!(a.number(), b.number(), "{a:?} and {b:?}");
        }
    }
    for junk in [0.0, -1.0, 0.5, 99.0, f64::NAN] {
        assert_eq!(Tag::of(junk), None);
    }
}

#[test]
fn every_message_to_the_worker_round_trips() {
    let r = request();
    let messages = [
        ToWorker::Exact(r),
        ToWorker::Csv(PredictionsJob {
            request: r,
            model_b: true,
            trained: None,
        }),
        ToWorker::Csv(PredictionsJob {
            request: r,
            model_b: false,
            trained: Some((LossKind::Focal, TrainingSettings::default())),
        }),
        ToWorker::Train(train_request()),
        ToWorker::Spread(spread_job(0.3)),
        ToWorker::Forget,
        ToWorker::Import(import_job(true)),
        ToWorker::Decide(Box::new(decide_job())),
        ToWorker::Words(Box::new(words_job())),
    ];
    for m in messages {
        let numbers = m.encode();
        assert_eq!(numbers[0], to_worker_tag(&m).number());
        assert_eq!(ToWorker::decode(&numbers), Some(m.clone()), "{m:?}");
        // A message cut short or run on is refused, never read as another.
        assert_eq!(ToWorker::decode(&numbers[..numbers.len() - 1]), None);
        assert_eq!(ToWorker::decode(&[&numbers[..], &[1.0]].concat()), None);
    }
    assert_eq!(ToWorker::decode(&[]), None);
    // A reply's tag is no request.
    assert_eq!(ToWorker::decode(&[Tag::CsvDone.number()]), None);
}

#[test]
fn every_reply_round_trips() {
    let mut engine = Engine::new();
    let answer = engine.compute(&request(), &mut |_| {}).unwrap();
    let mut steps = Vec::new();
    train(&train_request(), &mut |s: TrainStep| steps.push(s));
    let detection = Detection::of(&import_job(true), FILE, FILE.len() as u64);
    let (_, summary) = import_bytes(&import_job(false), FILE).unwrap();
    let decided = Decider::default().decide(&mut engine, &decide_job());
    let words = write_words(&mut engine, &words_job());
    let replies = [
        FromWorker::Progress(0.25),
        FromWorker::Answer(Box::new(answer)),
        FromWorker::CsvPiece(b"label,probability\n0,0.5\n".to_vec(), 1.0),
        FromWorker::CsvDone,
        FromWorker::TrainStep(Box::new(steps.remove(0))),
        // Models with every quantity, and (at threshold 1) with no boundary and no precision;
        // Tversky with none.
        FromWorker::SpreadSample(Box::new(spread_sample(0.3))),
        FromWorker::SpreadSample(Box::new(spread_sample(1.0))),
        FromWorker::Detected(Box::new(detection)),
        FromWorker::ImportProgress(3, 0.5),
        FromWorker::Imported(Box::new(summary)),
        FromWorker::ImportFailed(3, "No “label” column.".into()),
        FromWorker::NotHeld,
        FromWorker::Decided(Box::new(decided)),
        FromWorker::Words(Box::new(words)),
        FromWorker::Failed,
    ];
    for reply in replies {
        let (numbers, bytes) = reply.clone().encode();
        assert_eq!(
            numbers.first().copied(),
            from_worker_tag(&reply).map(Tag::number)
        );
        let text = from_worker_tag(&reply).is_some_and(Tag::carries_text);
        assert!(text || bytes.is_empty() || matches!(reply, FromWorker::CsvPiece(..)));
        assert_eq!(FromWorker::decode(&numbers, bytes), reply);
    }
    // A request's tag is no reply.
    assert_eq!(
        FromWorker::decode(&[Tag::Forget.number()], Vec::new()),
        FromWorker::Failed
    );
}

#[test]
fn the_second_workers_messages_round_trip() {
    let part = ToPart::Part(PartJob {
        job: import_job(false),
        start: 12,
    });
    for m in [part, ToPart::Send] {
        assert_eq!(ToPart::decode(&m.encode()), Some(m.clone()));
        // The page's worker never reads a part's message as the page's, nor the reverse.
        assert_eq!(ToWorker::decode(&m.encode()), None);
    }
    assert_eq!(ToPart::decode(&ToWorker::Forget.encode()), None);

    let mut later = Importer::part(&import_job(false), FILE, FILE.len() as u64, 18).unwrap();
    later.feed(&FILE[18..]).unwrap();
    let (read, scores) = FromPart::read(later.finish_part());
    assert!(!scores.is_empty());
    let error = FromPart::Read(Err(PartError {
        error: ImportError::LineTooLong { line: 7 },
        data_rows: 5,
    }));
    for m in [FromPart::Progress(1 << 40), read, error] {
        assert_eq!(FromPart::decode(&m.encode()), Some(m.clone()), "{m:?}");
    }
    for (m, c) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
        assert_eq!(scores_of(scores_header(m, c)), Some((m, c)));
    }
    assert_eq!(scores_of([Tag::Send.number(), 0.0, 0.0]), None);
}

#[test]
fn a_rendered_jobs_number_is_read_and_set_on_its_message() {
    let decide = ToWorker::Decide(Box::new(decide_job()));
    let words = ToWorker::Words(Box::new(words_job()));
    assert_eq!(decide.job_id(), Some(5));
    assert_eq!(words.job_id(), Some(9));
    assert_eq!(ToWorker::Forget.job_id(), None);
    let renumbered = decide.clone().with_job_id(42);
    assert_eq!(renumbered.job_id(), Some(42));
    // Only the number changes: the same job, numbered alike, is equal.
    assert_eq!(renumbered.with_job_id(5), decide);
    assert_eq!(ToWorker::Forget.with_job_id(3), ToWorker::Forget);
}
