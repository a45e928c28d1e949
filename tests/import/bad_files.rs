//! Files that cannot be imported at all: each with its exact message.

use imbalance_lab::features::import::parse::{MAX_ROWS, Overrides, Parser, ScoreKind, detect};

use super::helpers::{error, options};

fn message(bytes: &[u8]) -> String {
    error(bytes, &Overrides::default())
}

#[test]
fn empty_and_header_only_files() {
    for empty in [&b""[..], b"\n\n  \r\n", b"\xef\xbb\xbf"] {
        assert_eq!(message(empty), "The file is empty.", "{empty:?}");
    }
    for header_only in [
        &b"label,score\n"[..],
        b"label,score",
        b"label,score\n\n\r\n",
    ] {
        assert_eq!(
            message(header_only),
            "The file has a header line and no rows under it.",
            "{header_only:?}"
        );
    }
}

#[test]
fn files_that_are_not_text_tables() {
    assert_eq!(
        message(b"label,score\n0,\x00\x01\x02"),
        "The file holds binary data (a zero byte at byte 15), not text: import a CSV or TSV \
         file with a label column and one or two score columns."
    );
    assert_eq!(
        message(b"label,score\n0,0.5\n1,\xe9t\xe9\n"),
        "Line 3 is not UTF-8 text: save the file as UTF-8 (\"CSV UTF-8\" in a spreadsheet) and \
         import it again."
    );
    // Cut inside a character at the end of the whole file.
    assert!(message(b"label,score\n0,0.5\n1,\xc3").starts_with("Line 3 is not UTF-8 text"));
    assert_eq!(
        message(b"\xff\xfel\x00a\x00"),
        "The file is UTF-16 text: save it as UTF-8 and import it again."
    );
    for json in [&b"{\"label\": [0, 1]}"[..], b"\n  [0.5, 0.25]"] {
        assert_eq!(
            message(json),
            "The file is JSON, not a table: import a CSV or TSV file with a label column and \
             one or two score columns."
        );
    }
    assert_eq!(
        message(b"PK\x03\x04\x14\x00\x06\x00"),
        "The file is a spreadsheet workbook, not CSV: save the sheet as CSV and import that."
    );
    assert_eq!(
        message(b"<!DOCTYPE html><html></html>"),
        "The file is HTML or XML, not a table: import a CSV or TSV file with a label column and \
         one or two score columns."
    );
    assert_eq!(
        message(b"label,score\r0,0.5\r1,0.7\r"),
        "The file's lines end with a carriage return alone (classic Mac OS): save it with \
         Windows or Unix line ends."
    );
}

#[test]
fn files_without_the_columns_needed() {
    assert_eq!(
        message(b"0.5\n0.25\n"),
        "Every line holds a single field: the file needs a label column and one or two score \
         columns, separated by commas, semicolons or tabs."
    );
    assert_eq!(
        message(b"0.1,0.2\n0.3,0.4\n"),
        "No column holds labels: a label column holds two values such as 0/1, -1/1, \
         true/false, yes/no or pos/neg. Choose the label column."
    );
    // A column of names is no label column.
    let names: String = (0..12).map(|k| format!("id{k},0.5\n")).collect();
    assert_eq!(
        message(format!("name,p\n{names}").as_bytes()),
        "No column holds labels: a label column holds two values such as 0/1, -1/1, \
         true/false, yes/no or pos/neg. Choose the label column."
    );
    // No number anywhere: said at once, not after the reader has picked a positive value.
    assert_eq!(
        message(b"name,comment\nfoo,bar\nbaz,qux\n"),
        "No column besides the labels holds numbers: the file needs one or two columns of \
         scores (probabilities or logits)."
    );
    assert_eq!(
        message(b"label,name\n0,ann\n1,bob\n"),
        "No column besides the labels holds numbers: the file needs one or two columns of \
         scores (probabilities or logits)."
    );
    assert_eq!(
        message(b"label,a,b,c\n0,0.1,0.2,0.3\n1,0.4,0.5,0.6\n"),
        "3 columns could hold scores (column \"a\", column \"b\", column \"c\"): choose one or \
         two."
    );
    assert_eq!(
        message(b"label,score\n0,0.5,7\n1,0.25,8\n"),
        "Line 2 has 3 fields where the header has 2, and no row read has 2: check the \
         delimiter and the header."
    );
}

#[test]
fn labels_that_need_the_readers_choice() {
    assert_eq!(
        message(b"label,score\n0,0.1\n1,0.2\n2,0.3\n1,0.5\n2,0.1\n2,0.9\n"),
        "Column \"label\" holds 3 values in the first 6 rows: \"0\" (1 row), \"1\" (2 rows) and \
         \"2\" (3 rows); a label column holds two: choose which value is positive (every other \
         value then counts as negative)."
    );
    assert_eq!(
        message(b"species,score\ncat,0.1\ndog,0.2\ncat,0.3\n"),
        "Column \"species\" holds \"cat\" (2 rows) and \"dog\" (1 row), which are not a known \
         pair of labels: choose which value is positive (every other value then counts as \
         negative)."
    );
    assert_eq!(
        message(b"species,score\ncat,0.1\ncat,0.3\n"),
        "Column \"species\" holds only \"cat\" (2 rows) in the first 2 rows: choose which value \
         is positive (every other value then counts as negative)."
    );
    let many: String = (0..12).map(|k| format!("{k},0.5\n")).collect();
    assert_eq!(
        message(format!("class,p\n{many}").as_bytes()),
        "Column \"class\" holds more than 10 values in the first 12 rows: \"0\" (1 row), \"1\" (1 \
         row), \"2\" (1 row), \"3\" (1 row), \"4\" (1 row), \"5\" (1 row), \"6\" (1 row), \"7\" (1 \
         row), \"8\" (1 row), \"9\" (1 row), …; a label column holds two: choose which value is \
         positive (every other value then counts as negative)."
    );
}

#[test]
fn a_single_class_or_no_good_row() {
    assert_eq!(
        message(b"label,score\n0,0.1\n0,0.2\n0,abc\n"),
        "Every row read (2 rows) has the label \"0\" (negative): the metrics need both classes."
    );
    assert_eq!(
        message(b"y,p\nyes,0.9\n"),
        "Every row read (1 row) has the label \"yes\" (positive): the metrics need both classes."
    );
    let probabilities = Overrides {
        kind: Some(ScoreKind::Probability),
        ..Overrides::default()
    };
    assert_eq!(
        error(b"label,logit\n0,-2\n1,3\n", &probabilities),
        "No row of the file could be read (2 rows skipped: line 2, column \"logit\": -2 is not a \
         probability (not between 0 and 1); line 3, column \"logit\": 3 is not a probability \
         (not between 0 and 1); if the scores are logits, import them as logits)."
    );
}

#[test]
fn rows_that_never_end() {
    // A quote left open on line 3 runs on past the limit of one row.
    let mut text = b"label,score\n0,0.5\n1,\"0.7\n".to_vec();
    text.extend(std::iter::repeat_n(b"0,0.5\n", 200_000).flatten());
    assert_eq!(
        message(&text),
        "Line 3 starts a row far too long for a row of scores: a quote left open, or not a \
         table."
    );
    // Not one line ends in the chunk detection reads.
    let text = vec![b'x'; 100_000];
    assert_eq!(
        message(&text),
        "Line 1 starts a row far too long for a row of scores: a quote left open, or not a \
         table."
    );
}

#[test]
fn choices_that_do_not_fit_the_file() {
    let text = b"label,score\n0,0.1\n1,0.9\n";
    let cases = [
        (
            Overrides {
                label: Some(4),
                ..Overrides::default()
            },
            "There is no column 5: the rows have 2 fields.",
        ),
        (
            Overrides {
                scores: Some(vec![0]),
                ..Overrides::default()
            },
            "The label column cannot also be a score column.",
        ),
        (
            Overrides {
                scores: Some(vec![]),
                ..Overrides::default()
            },
            "Choose one or two score columns.",
        ),
        (
            Overrides {
                positive: Some(" ".into()),
                ..Overrides::default()
            },
            "Choose a label value for the positive class.",
        ),
        (
            Overrides {
                delimiter: Some(b'"'),
                ..Overrides::default()
            },
            "'\"' cannot separate fields: choose a comma, a semicolon or a tab.",
        ),
    ];
    for (overrides, want) in cases {
        assert_eq!(error(text, &overrides), want);
    }
}

#[test]
fn a_table_needing_choices_still_has_a_preview() {
    let text = b"species,score\ncat,0.1\ndog,0.2\n";
    let d = detect(text, text.len() as u64, &Overrides::default()).unwrap();
    assert_eq!(d.preview, [["cat", "0.1"], ["dog", "0.2"]]);
    assert!(d.options.is_err());
}

/// Ten million rows take about 7 s in a debug build: run with `--ignored` (or `--release`).
#[test]
#[ignore = "7 s in a debug build"]
fn more_rows_than_the_app_takes() {
    let options = options(b"label,p\n0,0.5\n1,0.5\n", &Overrides::default());
    let mut parser = Parser::new(options);
    parser.feed(b"label,p\n").unwrap();
    let chunk = b"0,1\n1,0\n".repeat(1 << 16);
    let mut rows = 0;
    let error = loop {
        match parser.feed(&chunk) {
            Ok(()) => rows += 2 << 16,
            Err(e) => break e,
        }
        assert!(rows <= MAX_ROWS);
    };
    assert_eq!(
        error.message(),
        "The file has more than 10,000,000 rows, the most the app takes."
    );
    // The error is final.
    assert_eq!(parser.feed(b"0,1\n"), Err(error));
}
