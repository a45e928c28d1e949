//! The bad files under tests/fixtures/import/bad/, which the browser tests upload through the
//! page's file input: what each one gives, to the letter.

use std::fs;

use imbalance_lab::features::import::parse::{Overrides, parse_all};

const TABLE: &str = "import a CSV or TSV file with a label column and one or two score columns.";
const CHOOSE: &str = "choose which value is positive (every other value then counts as negative).";
const NOT_A_PROBABILITY: &str = "is not a probability (not between 0 and 1)";

/// The rows imported and the skipped rows' messages, or the file's message.
fn outcome(name: &str) -> Result<(u64, Vec<String>), String> {
    let bytes = fs::read(format!("tests/fixtures/import/bad/{name}")).expect("fixture");
    parse_all(&bytes, &Overrides::default())
        .map(|i| {
            (
                i.rows,
                i.skipped.first.iter().map(|e| e.message()).collect(),
            )
        })
        .map_err(|e| e.message())
}

#[test]
fn files_that_are_refused() {
    let cases = [
        ("empty.csv", "The file is empty.".to_string()),
        (
            "header_only.csv",
            "The file has a header line and no rows under it.".into(),
        ),
        (
            "binary.csv",
            format!("The file holds binary data (a zero byte at byte 9), not text: {TABLE}"),
        ),
        (
            "predictions.json",
            format!("The file is JSON, not a table: {TABLE}"),
        ),
        (
            "not_utf8.csv",
            "Line 1 is not UTF-8 text: save the file as UTF-8 (\"CSV UTF-8\" in a spreadsheet) \
             and import it again."
                .into(),
        ),
        (
            "three_labels.csv",
            format!(
                "Column \"label\" holds 3 values in the first 30 rows: \"0\" (10 rows), \"1\" (10 \
                 rows) and \"2\" (10 rows); a label column holds two: {CHOOSE}"
            ),
        ),
        (
            "unknown_labels.csv",
            format!(
                "Column \"species\" holds \"cat\" (16 rows) and \"dog\" (4 rows), which are not a \
                 known pair of labels: {CHOOSE}"
            ),
        ),
        (
            "single_class.csv",
            "Every row read (25 rows) has the label \"0\" (negative): the metrics need both \
             classes."
                .into(),
        ),
    ];
    for (name, want) in cases {
        assert_eq!(outcome(name), Err(want), "{name}");
    }
}

#[test]
fn files_whose_bad_rows_are_skipped() {
    let cases = [
        (
            "text_in_scores.csv",
            38,
            vec![
                r#"line 6, column "score": "abc" is not a number"#.to_string(),
                r#"line 13, column "score": "high" is not a number"#.into(),
            ],
        ),
        (
            "nan_and_empty.csv",
            37,
            vec![
                r#"line 4, column "score": "NaN" is not a finite number"#.into(),
                r#"line 8, column "score": the cell is empty"#.into(),
                r#"line 21, column "label": the cell is empty"#.into(),
            ],
        ),
        (
            "ragged.csv",
            38,
            vec![
                "line 5: 2 fields where the file's rows have 3".into(),
                "line 10: 4 fields where the file's rows have 3".into(),
            ],
        ),
        (
            "probability_out_of_range.csv",
            38,
            vec![
                format!(r#"line 7, column "probability": 1.2 {NOT_A_PROBABILITY}"#),
                format!(r#"line 16, column "probability": -0.1 {NOT_A_PROBABILITY}"#),
            ],
        ),
    ];
    for (name, rows, skipped) in cases {
        assert_eq!(outcome(name), Ok((rows, skipped)), "{name}");
    }
}

#[test]
fn every_bad_file_is_tested() {
    let mut names: Vec<String> = fs::read_dir("tests/fixtures/import/bad")
        .unwrap()
        .map(|f| f.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), 12, "{names:?}");
}
