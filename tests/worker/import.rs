//! An import in the worker: its job survives the wire, a file becomes a data set and a summary
//! that survives it too, a large class previews as quantiles, and detection says what it found.

use imbalance_lab::features::import::parse::{Overrides, ScoreKind};
use imbalance_lab::features::import::worker::{Detection, ImportJob, import_bytes, preview};
use imbalance_lab::protocol::{FromWorker, ToWorker};
use imbalance_lab::sim::engine::{Engine, PREVIEW, Request};
use imbalance_lab::sim::{Class, ClassScores, Scenario};
use imbalance_lab::worker::serve;

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
        let m = ToWorker::Import(j);
        assert_eq!(ToWorker::decode(&m.encode()), Some(m));
    }
    assert_eq!(ToWorker::decode(&[9.0, 1.0, 5.0]), None);
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
