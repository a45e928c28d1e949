//! Rows that are skipped while the rest import: each with its exact message, line and column.

use imbalance_lab::features::import::parse::{LISTED_ROWS, Overrides, RowProblem, parse_all};

use super::helpers::{probabilities, read, skipped};

#[test]
fn text_nan_infinities_and_empty_cells() {
    let text = "label,score\n0,0.5\n1,abc\n0,NaN\n1,inf\n0,1e400\n1,\n,0.5\n1,0.75\n";
    assert_eq!(
        skipped(text),
        [
            r#"line 3, column "score": "abc" is not a number"#,
            r#"line 4, column "score": "NaN" is not a finite number"#,
            r#"line 5, column "score": "inf" is not a finite number"#,
            r#"line 6, column "score": "1e400" is not a finite number"#,
            r#"line 7, column "score": the cell is empty"#,
            r#"line 8, column "label": the cell is empty"#,
        ]
    );
    let i = read(text).unwrap();
    assert_eq!((i.rows, i.skipped.count), (2, 6));
}

#[test]
fn ragged_rows() {
    let text = "label,a,b\n0,0.5,0.5\n1,0.5\n0,0.5,0.5,0.5\n1,0.5,0.5\n0\n";
    assert_eq!(
        skipped(text),
        [
            "line 3: 2 fields where the file's rows have 3",
            "line 4: 4 fields where the file's rows have 3",
            "line 6: 1 field where the file's rows have 3",
        ]
    );
}

#[test]
fn probabilities_out_of_range() {
    let text = probabilities(30) + "1,1.5\n0,-0.25\n";
    assert_eq!(
        skipped(&text),
        [
            "line 32, column \"p\": 1.5 is not a probability (not between 0 and 1)",
            "line 33, column \"p\": -0.25 is not a probability (not between 0 and 1)",
        ]
    );
    // The hint about logits is given once, after the list.
    assert_eq!(
        read(&text).unwrap().skipped.summary(),
        "2 rows skipped: line 32, column \"p\": 1.5 is not a probability (not between 0 and 1); \
         line 33, column \"p\": -0.25 is not a probability (not between 0 and 1); if the scores \
         are logits, import them as logits"
    );
}

#[test]
fn labels_outside_the_mapping() {
    // A few stray values among many 0s and 1s are row errors, not a third class.
    let mut text = String::from("label,p\nmaybe,0.5\n2,0.5\n");
    text += &"0,0.5\n1,0.5\n".repeat(20);
    assert_eq!(
        skipped(&text),
        [
            "line 2, column \"label\": \"maybe\" is not one of the labels (1 is positive, 0 \
             negative)",
            "line 3, column \"label\": \"2\" is not one of the labels (1 is positive, 0 \
             negative)",
        ]
    );
    // So with the reader's own pair.
    let mut text = String::from("label,p\nmaybe,0.5\n");
    text += &"cat,0.5\ndog,0.5\n".repeat(30);
    let dog = Overrides {
        positive: Some("dog".into()),
        ..Overrides::default()
    };
    let i = parse_all(text.as_bytes(), &dog).unwrap();
    assert_eq!(
        i.skipped.first[0].message(),
        "line 2, column \"label\": \"maybe\" is not one of the labels (dog is positive, cat \
         negative)"
    );
}

#[test]
fn columns_without_a_header_are_numbered() {
    assert_eq!(
        skipped("0,0.5,0.25\n1,0.5,x\n0,0.5,0.75\n1,0.5,0.5\n"),
        [r#"line 2, column 3: "x" is not a number"#]
    );
}

#[test]
fn line_numbers_count_blank_lines_and_lines_inside_quotes() {
    let text = "label,note,p\r\n\r\n0,\"two\r\nlines\",0.5\r\n1,x,?\r\n\r\n\
                0,\"a\n\nb\",0.25\r\n1,y,z\r\n1,,0.5\n0,,0.5\n1,,1\n";
    assert_eq!(
        skipped(text),
        [
            r#"line 5, column "p": "?" is not a number"#,
            r#"line 10, column "p": "z" is not a number"#,
        ]
    );
}

#[test]
fn a_quote_left_open_at_the_end() {
    let text = "label,p\n0,0.5\n1,0.5\n1,\"0.5\n0,0.25\n";
    assert_eq!(
        skipped(text),
        ["line 4: a quoted field starts in this row and is never closed"]
    );
}

#[test]
fn values_in_messages_are_escaped_and_cut_short() {
    let long = "x".repeat(100);
    let text = format!("label,p\n0,0.5\n1,0.5\n1,\"a\tb\"\n0,{long}\n1,0.5\n0,0.5\n");
    let got = skipped(&text);
    assert_eq!(got[0], r#"line 4, column "p": "a\tb" is not a number"#);
    assert_eq!(
        got[1],
        format!(
            r#"line 5, column "p": "{}"… is not a number"#,
            "x".repeat(40)
        )
    );
}

#[test]
fn every_bad_row_is_counted_and_the_first_are_listed() {
    let mut text = String::from("label,p\n");
    for k in 0..300 {
        text += if k % 3 == 2 {
            "1,bad\n"
        } else {
            "0,0.5\n1,0.5\n"
        };
    }
    let i = read(&text).unwrap();
    assert_eq!((i.rows, i.skipped.count), (400, 100));
    assert_eq!(i.skipped.first.len(), LISTED_ROWS);
    assert_eq!(i.skipped.first[19].line, 2 + 5 * 19 + 4);
    assert_eq!(
        i.skipped.first[19].problem,
        RowProblem::NotNumber("bad".into())
    );
    // The 20 listed share one fault: one entry with their lines, then the count of the rest.
    let lines: Vec<String> = (0..20).map(|k| (6 + 5 * k).to_string()).collect();
    assert_eq!(
        i.skipped.summary(),
        format!(
            "100 rows skipped: lines {} and 101, column \"p\": \"bad\" is not a number; 80 rows \
             more not listed",
            lines[..19].join(", ")
        )
    );
}

#[test]
fn listed_rows_with_different_faults_keep_their_own_entries() {
    let text = probabilities(4)
        + "1,n/a
0,n/a
1,
0,n/a
0,0.5,0.5
";
    assert_eq!(
        read(&text).unwrap().skipped.summary(),
        "5 rows skipped: lines 6, 7 and 9, column \"p\": \"n/a\" is not a number; line 8, \
         column \"p\": the cell is empty; line 10: 3 fields where the file's rows have 2"
    );
}
