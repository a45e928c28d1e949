//! Random files: well-formed ones read back bit for bit, in any chunking; random bytes never
//! panic and never import a NaN.

use imbalance_lab::features::import::parse::{
    ImportError, Imported, Options, Overrides, Parser, ScoreKind, detect, sigmoid,
};
use proptest::prelude::*;

use super::helpers::read_chunked;

/// Label pairs as files write them, positive first.
const PAIRS: [(&str, &str); 9] = [
    ("1", "0"),
    ("1.0", "0.0"),
    ("1", "-1"),
    ("true", "false"),
    ("True", "False"),
    ("YES", "no"),
    ("pos", "neg"),
    ("Positive", "Negative"),
    ("+1", "-1"),
];

/// One random file, and what it must read back as.
#[derive(Debug, Clone)]
struct File {
    bytes: Vec<u8>,
    kind: ScoreKind,
    names: Option<Vec<String>>,
    /// Per model: the negatives' and positives' probabilities, in file order.
    want: Vec<(Vec<f64>, Vec<f64>)>,
}

/// A field as a CSV writer would: quoted when it must be, or when `quote` asks.
fn field(value: &str, delimiter: char, quote: bool) -> String {
    let must = value.contains([delimiter, '"', '\n', '\r']);
    if quote || must {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// A score: probabilities in (0, 1) or exactly 1/2 or tiny; logits anywhere in [-40, 40].
fn score(logit: bool) -> BoxedStrategy<f64> {
    if logit {
        prop_oneof![1 => Just(0.0), 9 => -40.0..40.0f64].boxed()
    } else {
        prop_oneof![
            1 => Just(0.5),
            1 => Just(1e-300),
            1 => Just(f64::MIN_POSITIVE),
            12 => 1e-9..1.0f64,
        ]
        .boxed()
    }
}

prop_compose! {
    fn file()(
        delimiter in prop::sample::select(vec![',', ';', '\t']),
        header in any::<bool>(),
        bom in any::<bool>(),
        crlf in any::<bool>(),
        last_newline in any::<bool>(),
        pair in prop::sample::select(PAIRS.to_vec()),
        models in 1..=2usize,
        label_at in 0..3usize,
        logit in any::<bool>(),
        seed in any::<u64>(),
    )(
        rows in prop::collection::vec(
            (any::<bool>(), prop::collection::vec(score(logit), models), any::<[bool; 3]>()),
            0..40,
        ),
        names in prop::collection::vec("[a-z0-9 ,;\t\"\n]{0,6}", 3),
        delimiter in Just(delimiter), header in Just(header), bom in Just(bom), crlf in Just(crlf),
        last_newline in Just(last_newline), pair in Just(pair), models in Just(models),
        label_at in Just(label_at % (models + 1)), logit in Just(logit), seed in Just(seed),
    ) -> File {
        let newline = if crlf { "\r\n" } else { "\n" };
        let d = delimiter;
        // Both classes, first a negative then a positive, then the random rows.
        let mut all = vec![
            (false, vec![0.25; models], [seed % 2 == 0; 3]),
            (true, vec![0.75; models], [false; 3]),
        ];
        all.extend(rows);
        let mut text = String::from(if bom { "\u{feff}" } else { "" });
        let names: Vec<String> = names.iter().take(models).map(|n| format!("model {n}x")).collect();
        let line = |cells: Vec<String>| cells.join(&d.to_string());
        if header {
            let mut cells: Vec<String> = names.iter().map(|n| field(n, d, seed % 3 == 0)).collect();
            cells.insert(label_at, field("truth", d, false));
            text += &line(cells);
            text += newline;
        }
        let mut want = vec![(Vec::new(), Vec::new()); models];
        for (positive, values, quote) in &all {
            let mut cells: Vec<String> = values
                .iter()
                .zip(quote)
                .map(|(v, &q)| field(&format!("{v}"), d, q))
                .collect();
            let label = if *positive { pair.0 } else { pair.1 };
            cells.insert(label_at, field(label, d, quote[2]));
            text += &line(cells);
            text += newline;
            for (m, &v) in values.iter().enumerate() {
                let p = if logit { sigmoid(v) } else { v };
                if *positive { want[m].1.push(p) } else { want[m].0.push(p) }
            }
        }
        if !last_newline {
            text.truncate(text.len() - newline.len());
        }
        let kind = if logit { ScoreKind::Logit } else { ScoreKind::Probability };
        File { bytes: text.into_bytes(), kind, names: header.then_some(names), want }
    }
}

/// Offsets to cut a file of `len` bytes at: none, a few anywhere, or every byte.
fn cuts(len: usize) -> impl Strategy<Value = Vec<usize>> {
    prop_oneof![
        Just(vec![]),
        Just((1..len).collect()),
        prop::collection::vec(0..=len, 1..20).prop_map(|mut v| {
            v.sort_unstable();
            v
        }),
    ]
}

/// Every imported probability is finite and in [0, 1], and the counts add up.
fn sound(i: &Imported) -> Result<(), TestCaseError> {
    for m in &i.models {
        prop_assert_eq!((m.neg.len() + m.pos.len()) as u64, i.rows);
        for &p in m.neg.iter().chain(&m.pos) {
            prop_assert!((0.0..=1.0).contains(&p), "{}", p);
        }
    }
    prop_assert!(i.skipped.first.len() as u64 <= i.skipped.count.min(20));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn well_formed_files_read_back_bit_for_bit_in_any_chunks(
        (f, cuts) in file().prop_flat_map(|f| { let n = f.bytes.len(); (Just(f), cuts(n)) }),
    ) {
        // Logits are told (a file of few logits may hold no value outside [0, 1]).
        let overrides = Overrides {
            kind: (f.kind == ScoreKind::Logit).then_some(ScoreKind::Logit),
            ..Overrides::default()
        };
        let whole = read_chunked(&f.bytes, &[], &overrides);
        let i = whole.as_ref().map_err(|e| {
            TestCaseError::fail(format!("{e}\n{:?}", String::from_utf8_lossy(&f.bytes)))
        })?;
        prop_assert_eq!(i.kind, f.kind);
        prop_assert_eq!(i.skipped.count, 0);
        for (m, (neg, pos)) in f.want.iter().enumerate() {
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            prop_assert_eq!(bits(&i.models[m].neg), bits(neg));
            prop_assert_eq!(bits(&i.models[m].pos), bits(pos));
            if let Some(names) = &f.names {
                prop_assert_eq!(&i.models[m].name, &names[m]);
            }
        }
        prop_assert_eq!(read_chunked(&f.bytes, &cuts, &overrides), whole);
    }

    #[test]
    fn random_bytes_never_panic(
        (bytes, cuts) in prop::collection::vec(
            prop_oneof![
                3 => prop::sample::select(b"01.,;\t\n\r\"e-+ aTyn".to_vec()),
                1 => any::<u8>(),
            ],
            0..300,
        ).prop_flat_map(|b| { let n = b.len(); (Just(b), cuts(n)) }),
    ) {
        let _ = detect(&bytes, bytes.len() as u64, &Overrides::default());
        if let Ok(i) = read_chunked(&bytes, &cuts, &Overrides::default()) {
            sound(&i)?;
        }
        // And the parser alone, with a layout the bytes need not follow.
        let good = b"label,p\n0,0.5\n1,0.5\n";
        let detected = detect(good, good.len() as u64, &Overrides::default()).unwrap();
        let options: Options = detected.options.unwrap();
        for kind in [ScoreKind::Probability, ScoreKind::Logit] {
            let mut parser = Parser::new(Options { kind, ..options.clone() });
            let mut start = 0;
            let mut fed: Result<(), ImportError> = Ok(());
            for &cut in cuts.iter().chain([bytes.len()].iter()) {
                fed = fed.and_then(|()| parser.feed(&bytes[start..cut.max(start)]));
                start = cut.max(start);
            }
            if fed.is_ok() && let Ok(i) = parser.finish() {
                sound(&i)?;
            }
        }
    }
}
