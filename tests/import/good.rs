//! Files that import: every layout and vocabulary of SPEC section 7, and the reader's choices.

use imbalance_lab::features::import::parse::{
    Detected, HEAD_BYTES, Overrides, Parser, ScoreKind, detect, parse_all, sigmoid,
};
use imbalance_lab::sim::{Class, Confusion};

use super::helpers::{options, probabilities, read, scores, skipped};

#[test]
fn a_plain_csv_with_a_header() {
    let i = read("label,score\n0,0.1\n1,0.9\n0,0.25\n1,0.75\n0,1\n").unwrap();
    assert_eq!(i.rows, 5);
    assert_eq!((i.negatives(), i.positives()), (3, 2));
    assert_eq!(i.kind, ScoreKind::Probability);
    assert_eq!(i.models.len(), 1);
    assert_eq!(i.models[0].name, "score");
    assert_eq!(scores(&i, 0), (vec![0.1, 0.25, 1.0], vec![0.9, 0.75]));
    assert_eq!(i.skipped.count, 0);
    assert_eq!(i.labels.describe(), "1 is positive, 0 negative");
}

#[test]
fn two_models_are_named_from_the_header() {
    let i = read("y,model A,model B\n1,0.9,0.6\n0,0.2,0.4\n").unwrap();
    let names: Vec<&str> = i.models.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["model A", "model B"]);
    assert_eq!(scores(&i, 0), (vec![0.2], vec![0.9]));
    assert_eq!(scores(&i, 1), (vec![0.4], vec![0.6]));
}

#[test]
fn without_a_header_columns_are_named_by_number() {
    let i = read("0,0.1,0.3\n1,0.8,0.7\n").unwrap();
    let names: Vec<&str> = i.models.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["column 2", "column 3"]);
    assert_eq!(i.rows, 2);
}

#[test]
fn delimiters_are_detected() {
    for text in [
        "label\tscore\n0\t0.1\n1\t0.9\n",
        "label;score\n0;0.1\n1;0.9\n",
        "label,score\n0,0.1\n1,0.9\n",
    ] {
        let i = read(text).unwrap();
        assert_eq!(scores(&i, 0), (vec![0.1], vec![0.9]), "{text:?}");
    }
    // A `;` file whose decimal mark is a comma, as spreadsheets write it in much of Europe.
    let i = read("label;score\n0;0,1\n1;0,9\n0;1\n").unwrap();
    assert_eq!(scores(&i, 0), (vec![0.1, 1.0], vec![0.9]));
    let i = read("label\tscore\n0\t0,25\n1\t0,75\n").unwrap();
    assert_eq!(scores(&i, 0), (vec![0.25], vec![0.75]));
}

#[test]
fn bom_crlf_blank_lines_and_spaces_are_ignored() {
    let text = "\u{feff}label , score\r\n\r\n 0 , 0.5 \r\n1,\t0.75\r\n\r\n\r\n";
    let i = read(text).unwrap();
    assert_eq!(i.models[0].name, "score");
    assert_eq!(scores(&i, 0), (vec![0.5], vec![0.75]));
    // No newline at the end.
    let i = read("label,score\n0,0.5\n1,0.75").unwrap();
    assert_eq!(scores(&i, 0), (vec![0.5], vec![0.75]));
}

#[test]
fn quoted_fields_follow_rfc_4180() {
    let text =
        "\"label\",\"the \"\"best\"\", model\",\"a\nb\"\n\"1\",\"0.5\",0.25\n0,0.125,\"0.375\"\n";
    let i = read(text).unwrap();
    assert_eq!(i.models[0].name, "the \"best\", model");
    assert_eq!(i.models[1].name, "a\nb");
    assert_eq!(scores(&i, 0), (vec![0.125], vec![0.5]));
    assert_eq!(scores(&i, 1), (vec![0.375], vec![0.25]));
    // The header spans lines 1 and 2, its rows are lines 3 and 4, and one more is line 5.
    // Spaces around quoted fields, as hand-written files have them.
    let i = read("label, \"p\" \n0,  \"0.25\"\n1,\t\"0.75\"  \n").unwrap();
    assert_eq!(i.models[0].name, "p");
    assert_eq!(scores(&i, 0), (vec![0.25], vec![0.75]));
    let bad = skipped(&format!("{text}1,x,0.5\n"));
    assert_eq!(
        bad,
        [r#"line 5, column "the \"best\", model": "x" is not a number"#]
    );
}

#[test]
fn every_label_vocabulary_is_known_in_any_case_and_spelling() {
    for (pos, neg) in [
        ("1", "0"),
        ("1", "-1"),
        ("+1", "-1"),
        ("1.0", "0.0"),
        ("true", "false"),
        ("TRUE", "False"),
        ("Yes", "NO"),
        ("pos", "neg"),
        ("Positive", "negative"),
    ] {
        let text = format!("label,score\n{neg},0.25\n{pos},0.75\n{neg},0.5\n");
        let i = read(&text).unwrap_or_else(|e| panic!("{pos}/{neg}: {e}"));
        assert_eq!(scores(&i, 0), (vec![0.25, 0.5], vec![0.75]), "{pos}/{neg}");
    }
    // Spellings may mix within the file: 1 and 1.0 are one label.
    let i = read("label,score\n0,0.25\n1.0,0.75\n1,0.5\n0.0,0.125\n").unwrap();
    assert_eq!(scores(&i, 0), (vec![0.25, 0.125], vec![0.75, 0.5]));
}

#[test]
fn the_label_column_is_found_by_name_or_by_its_values() {
    // By name, wherever it stands.
    let o = options(b"score,target\n0.5,1\n0.25,0\n", &Overrides::default());
    assert_eq!((o.label, o.scores.clone()), (1, vec![0]));
    // By its values: the first column of a known pair.
    let o = options(b"0.5,yes\n0.25,no\n", &Overrides::default());
    assert_eq!((o.label, o.scores), (1, vec![0]));
    // A column of hard 0/1 predictions beside the labels: the label column is named.
    let o = options(
        b"pred,p,label\n1,0.9,1\n0,0.2,1\n0,0.1,0\n",
        &Overrides::default(),
    );
    assert_eq!((o.label, o.scores), (2, vec![0, 1]));
}

#[test]
fn row_numbers_are_not_scores() {
    // pandas' `to_csv` writes its index first, under an empty name.
    let i = read(",label,p\n0,0,0.1\n1,1,0.9\n2,0,0.2\n3,1,0.7\n").unwrap();
    assert_eq!(i.models.len(), 1);
    assert_eq!(scores(&i, 0), (vec![0.1, 0.2], vec![0.9, 0.7]));
    let i = read("id,label,p\n17,0,0.1\n3,1,0.9\n").unwrap();
    assert_eq!(i.models[0].name, "p");
}

#[test]
fn logits_are_detected_and_become_sigmoid() {
    let text = "label,logit\n0,-2.5\n1,3\n0,0.5\n1,-0.25\n0,-800\n1,800\n";
    let i = read(text).unwrap();
    assert_eq!(i.kind, ScoreKind::Logit);
    let (neg, pos) = scores(&i, 0);
    assert_eq!(neg, [sigmoid(-2.5), sigmoid(0.5), 0.0]);
    assert_eq!(pos, [sigmoid(3.0), sigmoid(-0.25), 1.0]);
    // scipy's expit, 1 / (1 + exp(-z)), to the last bit or one ulp of the platform's exp.
    for z in [-30.0f64, -2.5, -1e-9, 0.0, 0.5, 3.0, 36.0] {
        let want = 1.0 / (1.0 + f64::exp(-z));
        assert!((sigmoid(z) - want).abs() <= f64::EPSILON * want, "{z}");
    }
    assert_eq!(sigmoid(0.0), 0.5);
    assert!([f64::MIN, f64::MAX].iter().all(|&z| sigmoid(z).is_finite()));
}

#[test]
fn a_few_stray_values_do_not_make_probabilities_logits() {
    let i = read(&(probabilities(20) + "1,1.5\n")).unwrap();
    assert_eq!(
        (i.kind, i.rows, i.skipped.count),
        (ScoreKind::Probability, 20, 1)
    );
}

#[test]
fn the_readers_choices_override_detection() {
    let text = b"a;b;c\n0;0,5;2\n1;0,25;3\n";
    let chosen = Overrides {
        delimiter: Some(b';'),
        header: Some(false),
        label: Some(0),
        scores: Some(vec![2]),
        positive: Some("0".into()),
        kind: Some(ScoreKind::Logit),
    };
    let i = parse_all(text, &chosen).unwrap();
    // The header line is now a row: "a" and "1" are both not "0", so both are negatives, and
    // its score is text.
    assert_eq!(
        i.labels.describe(),
        "0 is positive, every other value negative"
    );
    let first = i.skipped.first[0].message();
    assert_eq!(first, r#"line 1, column 3: "c" is not a number"#);
    assert_eq!(scores(&i, 0), (vec![sigmoid(3.0)], vec![sigmoid(2.0)]));
    // Probabilities read as logits, on request.
    let chosen = Overrides {
        kind: Some(ScoreKind::Logit),
        ..Overrides::default()
    };
    let i = parse_all(b"label,p\n0,0.5\n1,1\n", &chosen).unwrap();
    assert_eq!(scores(&i, 0), (vec![sigmoid(0.5)], vec![sigmoid(1.0)]));
}

#[test]
fn a_chosen_positive_value_maps_text_labels() {
    let text = "species,score\ncat,0.2\ndog,0.9\ncat,0.4\n";
    let dog = Overrides {
        positive: Some("dog".into()),
        ..Overrides::default()
    };
    let i = parse_all(text.as_bytes(), &dog).unwrap();
    assert_eq!(i.labels.describe(), "dog is positive, cat negative");
    assert_eq!(scores(&i, 0), (vec![0.2, 0.4], vec![0.9]));
    // With three values or more, one class against the rest: "is it a 0".
    let text = "digit,p\n0,0.9\n1,0.1\n2,0.2\n0,0.8\n7,0.3\n";
    let zero = Overrides {
        label: Some(0),
        positive: Some("0".into()),
        ..Overrides::default()
    };
    let i = parse_all(text.as_bytes(), &zero).unwrap();
    assert_eq!(
        i.labels.describe(),
        "0 is positive, every other value negative"
    );
    assert_eq!(scores(&i, 0), (vec![0.1, 0.2, 0.3], vec![0.9, 0.8]));
}

#[test]
fn detection_shows_a_preview_and_what_it_found() {
    let mut text = String::from("label,model_a,model_b\n");
    for k in 0..30 {
        text += &format!("{},{},{}\n", k % 3 / 2, f64::from(k) / 30.0, 0.5);
    }
    let d: Detected = detect(text.as_bytes(), text.len() as u64, &Overrides::default()).unwrap();
    assert_eq!(d.delimiter, b',');
    assert_eq!(
        d.header.as_deref(),
        Some(&["label".to_string(), "model_a".into(), "model_b".into()][..])
    );
    assert_eq!(d.preview.len(), 10);
    assert_eq!(d.preview[1], ["0", "0.03333333333333333", "0.5"]);
    assert_eq!((d.rows, d.fields), (30, 3));
    let labels: Vec<(&str, u64)> = d.columns[0]
        .values
        .iter()
        .map(|(l, n)| (l.text.as_str(), *n))
        .collect();
    assert_eq!(labels, [("0", 20), ("1", 10)]);
    assert_eq!(d.columns[1].range, Some((0.0, 29.0 / 30.0)));
    let o = d.options.unwrap();
    assert_eq!(
        (o.label, &o.scores, o.kind),
        (0, &vec![1, 2], ScoreKind::Probability)
    );
    assert_eq!(o.model_names(), ["model_a", "model_b"]);
}

#[test]
fn the_estimate_of_rows_comes_from_the_first_chunk() {
    let row = "0,0.123456789\n1,0.987654321\n";
    let text = format!("label,p\n{}", row.repeat(50_000));
    let d = detect(
        &text.as_bytes()[..HEAD_BYTES],
        text.len() as u64,
        &Overrides::default(),
    )
    .unwrap();
    let est = d.estimated_rows as f64;
    assert!((est - 100_000.0).abs() < 0.01 * 100_000.0, "{est}");
}

#[test]
fn the_estimate_leaves_out_the_header_and_the_bom() {
    // Rows as long as the header: the first chunk's lines per byte are the file's, so the
    // estimate is exact, and a header or a BOM (3 bytes, more than half a 5-byte row) counted
    // would show.
    let rows = "0,.2\n1,.7\n".repeat(50_000);
    for bom in ["", "\u{feff}"] {
        let text = format!("{bom}y,p1\n{rows}");
        let d = detect(
            &text.as_bytes()[..HEAD_BYTES],
            text.len() as u64,
            &Overrides::default(),
        )
        .unwrap();
        assert!(d.rows < 100_000, "{}", d.rows);
        assert_eq!(d.estimated_rows, 100_000, "BOM {bom:?}");
    }
}

#[test]
fn a_file_read_whole_counts_its_data_rows_exactly() {
    let rows = "0,0.1\r\n1,0.9\r\n".repeat(20);
    for text in [
        format!("label,p\r\n{rows}"),
        format!("\u{feff}label,p\r\n{rows}"),
        format!("\u{feff}label,p\r\n{rows}\r\n"),
        rows.clone(),
    ] {
        let d = detect(text.as_bytes(), text.len() as u64, &Overrides::default()).unwrap();
        assert_eq!((d.rows, d.estimated_rows), (40, 40), "{text:?}");
    }
}

#[test]
fn the_parser_reports_progress_and_feeds_the_engine() {
    let text = b"label,p\n0,0.7\n1,0.9\n0,0.1\n1,0.4\n";
    let o = options(text, &Overrides::default());
    let mut parser = Parser::new(o);
    parser.feed(&text[..13]).unwrap();
    assert_eq!((parser.consumed(), parser.rows()), (13, 0));
    parser.feed(&text[13..]).unwrap();
    assert_eq!((parser.consumed(), parser.rows()), (text.len() as u64, 4));
    let i = parser.finish().unwrap();
    let (neg, pos) = i.models.into_iter().next().unwrap().into_classes();
    assert_eq!((neg.class, pos.class), (Class::Negative, Class::Positive));
    assert_eq!(neg.to_vec(), [0.1, 0.7]);
    assert_eq!(pos.to_vec(), [0.4, 0.9]);
    let c = Confusion::at(&neg, &pos, 0.5);
    assert_eq!((c.tp, c.fp, c.tn, c.fn_), (1, 1, 1, 1));
}

#[test]
fn numbers_in_every_spelling_rust_reads() {
    let i = read("label,p\n0,.5\n1,1.\n0,+0.25\n1,5e-1\n0,1E-300\n1,-0\n").unwrap();
    let (neg, pos) = scores(&i, 0);
    assert_eq!(neg, [0.5, 0.25, 1e-300]);
    assert_eq!(
        pos.iter().map(|p| p.to_bits()).collect::<Vec<_>>(),
        [1.0f64.to_bits(), 0.5f64.to_bits(), (-0.0f64).to_bits()]
    );
}
