//! A file read in two parts, the second by a second worker, then joined: the same data set,
//! summary and messages as one parser reading the whole file, wherever the file is split
//! (at a row's start, inside a row, inside a quoted field), with good rows, bad rows and
//! errors in either part.

use imbalance_lab::features::import::parse::{ImportError, MAX_ROWS, PartError, Rows, Skipped};
use imbalance_lab::features::import::parse::{Overrides, ScoreKind};
use imbalance_lab::features::import::worker::ImportJob;
use imbalance_lab::features::import::worker::{
    Second, import_bytes, import_bytes_in_parts, split_point,
};
use imbalance_lab::sim::ClassScores;
use proptest::prelude::*;

/// The import job of a file read with detection's choices (and `kind` if given).
fn job(kind: Option<ScoreKind>) -> ImportJob {
    ImportJob {
        id: 7,
        overrides: Overrides {
            kind,
            ..Overrides::default()
        },
        ..ImportJob::default()
    }
}

fn bits(c: &ClassScores) -> Vec<u64> {
    c.iter().map(f64::to_bits).collect()
}

/// Whether reading `bytes` in two parts split at `split` gives what reading it whole gives:
/// the same classes to the bit, the same summary, or the same message; whether the second
/// worker sends its scores (in slices of 3) or is lost and the first reads its part.
fn same_in_parts(bytes: &[u8], split: usize, job: &ImportJob) -> Result<(), TestCaseError> {
    same_with(bytes, split, job, Second::Sends(3))?;
    same_with(bytes, split, job, Second::Lost)
}

fn same_with(
    bytes: &[u8],
    split: usize,
    job: &ImportJob,
    second: Second,
) -> Result<(), TestCaseError> {
    let whole = import_bytes(job, bytes);
    let parts = import_bytes_in_parts(job, bytes, split, second);
    match (whole, parts) {
        (Ok((wd, ws)), Ok((pd, ps))) => {
            prop_assert_eq!(&ps, &ws, "split at {}", split);
            for (w, p) in wd.models.iter().zip(&pd.models) {
                for c in 0..2 {
                    prop_assert_eq!(bits(&p[c]), bits(&w[c]), "split at {}", split);
                }
            }
        }
        (Err(w), Err(p)) => prop_assert_eq!(p, w, "split at {}", split),
        (w, p) => prop_assert!(
            false,
            "split at {split}: whole {:?}, in parts {:?}",
            w.map(|x| x.1),
            p.map(|x| x.1)
        ),
    }
    Ok(())
}

/// Rows good and bad, as files hold them: each fault the parser lists, blank lines, quoted
/// fields (one with a newline inside, one never closed), and a last line with no newline.
const LINES: [&str; 17] = [
    "0,0.25",
    "1,0.75",
    "0,0.125",
    "1,0.5",
    "0,\"0.375\"",
    "1,\"0.\n875\"",
    "",
    "0,abc",
    "1,",
    "2,0.5",
    "0,0.5,9",
    "1,1.5",
    "0,nan",
    "\"0\",1e-300",
    "1,\"0.625\"x",
    "0 , 0.0625 ",
    "1,\"0.5",
];

prop_compose! {
    fn file()(
        header in any::<bool>(),
        crlf in any::<bool>(),
        last_newline in any::<bool>(),
        picks in prop::collection::vec(0..LINES.len(), 0..60),
    ) -> Vec<u8> {
        let newline = if crlf { "\r\n" } else { "\n" };
        let mut text = String::new();
        if header {
            text += "label,score";
            text += newline;
        }
        for p in picks {
            text += LINES[p];
            text += newline;
        }
        if !last_newline && text.ends_with(newline) {
            text.truncate(text.len() - newline.len());
        }
        text.into_bytes()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn two_parts_read_as_one_wherever_the_file_is_split(bytes in file()) {
        for split in 0..=bytes.len() {
            same_in_parts(&bytes, split, &job(None))?;
        }
    }
}

#[test]
fn the_second_part_is_read_by_itself_when_the_split_is_at_a_row() {
    // 200 rows, a bad one on each side of the middle: the joined result lists both, with
    // their lines in the file, and holds every row.
    let mut text = String::from("label,p\n");
    for k in 0..200 {
        match k {
            60 => text += "0,oops\n",
            150 => text += "1,2.5\n",
            _ => text += &format!("{},{}\n", k % 3 % 2, f64::from(k) / 256.0),
        }
    }
    let bytes = text.as_bytes();
    let mid = bytes.len() as u64 / 2;
    let split = split_point(&bytes[mid as usize..], mid, bytes.len() as u64).unwrap();
    assert_eq!(bytes[split as usize - 1], b'\n');
    let (data, summary) =
        import_bytes_in_parts(&job(None), bytes, split as usize, Second::Sends(1 << 20)).unwrap();
    assert_eq!(summary.skipped, 2);
    assert_eq!(
        summary.skipped_text,
        "2 rows skipped: line 62, column \"p\": \"oops\" is not a number; line 152, column \
         \"p\": 2.5 is not a probability (not between 0 and 1); if the scores are logits, \
         import them as logits"
    );
    assert_eq!(data.models[0][0].len() + data.models[0][1].len(), 198);
    same_in_parts(bytes, split as usize, &job(None)).unwrap();
}

#[test]
fn an_overlong_line_in_the_second_part_is_named_by_its_line_in_the_file() {
    let mut text = String::from("label,p\n");
    for k in 0..100 {
        text += &format!("{},0.5\n", k % 2);
    }
    text += "0,\"";
    text += &"9".repeat(1 << 20);
    text += "\"\n1,0.5\n";
    let bytes = text.as_bytes();
    let split = 8 + 50 * 6;
    assert_eq!(bytes[split - 1], b'\n');
    let (Err(whole), Err(parts)) = (
        import_bytes(&job(None), bytes),
        import_bytes_in_parts(&job(None), bytes, split, Second::Sends(1 << 20)),
    ) else {
        panic!("an overlong line must fail the import");
    };
    assert!(
        whole.starts_with("Line 102 starts a row far too long"),
        "{whole}"
    );
    assert_eq!(parts, whole);
}

#[test]
fn split_points_follow_the_first_newline_after_the_middle() {
    assert_eq!(split_point(b"abc\ndef", 100, 200), Some(104));
    assert_eq!(split_point(b"\nabc", 100, 200), Some(101));
    // No newline in the bytes looked at, or only the file's last byte: no second part.
    assert_eq!(split_point(b"abcdef", 100, 200), None);
    assert_eq!(split_point(b"abc\n", 196, 200), None);
}

#[test]
fn logits_and_two_models_join_too() {
    let mut text = String::from("y,a,b\n");
    for k in 0..500 {
        let z = f64::from(k) / 25.0 - 10.0;
        text += &format!("{},{z},{}\n", k % 7 % 2, -z / 3.0);
    }
    let bytes = text.as_bytes();
    for split in (0..bytes.len()).step_by(97) {
        same_in_parts(bytes, split, &job(Some(ScoreKind::Logit))).unwrap();
    }
}

#[test]
fn a_file_past_the_row_limit_before_the_second_part_stops_says_so() {
    // One parser meets the limit before the second part's overlong line: the joined import
    // must give the same error, not the line's.
    let first = Rows {
        classes: vec![[Vec::new(), Vec::new()]],
        rows: MAX_ROWS - 10,
        positives: 1,
        data_rows: MAX_ROWS - 10,
        header_read: true,
        first_label: None,
        skipped: Skipped::default(),
        next_line: MAX_ROWS - 8,
        sorted: true,
    };
    let long = |data_rows| PartError {
        error: ImportError::LineTooLong { line: 20 },
        data_rows,
    };
    assert_eq!(
        first.later_error(long(11)),
        ImportError::TooManyRows { limit: MAX_ROWS }
    );
    assert_eq!(
        first.later_error(long(10)),
        ImportError::LineTooLong {
            line: MAX_ROWS - 8 + 19
        }
    );
}

/// The worker's warm-up imports a made-up file as a large one is read: it must really take
/// the two-part path to its end (an error would leave that code cold), with the counts and
/// names the made-up file has.
#[test]
fn warm_up_reads_its_made_up_file_in_two_parts() {
    use imbalance_lab::features::import::worker::{made_up_file, warm_up};
    let summary = warm_up(5_000).expect("the made-up file imports");
    assert_eq!(summary.counts, [4_500, 500]);
    assert_eq!(summary.names, ["model_a", "model_b"]);
    assert_eq!(summary.kind, ScoreKind::Probability);
    assert_eq!(summary.skipped, 0);
    // The same file read whole: the same summary.
    let (_, whole) = import_bytes(
        &ImportJob {
            id: u32::MAX,
            settings: [2.0, 0.5],
            ..ImportJob::default()
        },
        &made_up_file(5_000),
    )
    .unwrap();
    assert_eq!(whole, summary);
    // No quote, and a row past the middle: the second part is read on its own and joined.
    let bytes = made_up_file(5_000);
    assert!(!bytes.contains(&b'"'));
    let mid = bytes.len() / 2;
    assert!(split_point(&bytes[mid..], mid as u64, bytes.len() as u64).is_some());
    // Every row: a label, then two probabilities of 17 digits.
    let text = String::from_utf8(made_up_file(3)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "label,model_a,model_b");
    assert_eq!(lines.len(), 4);
    for (i, line) in lines[1..].iter().enumerate() {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells[0], if i == 0 { "1" } else { "0" });
        assert!(
            cells[1..]
                .iter()
                .all(|c| c.len() == 19 && c.parse::<f64>().is_ok_and(|p| (0.0..1.0).contains(&p))),
            "{line}"
        );
    }
}
