//! Helpers shared by the integration tests: scenarios, reading a CSV, closed forms and
//! brute-force references.
#![allow(dead_code)]

pub mod golden;

use imbalance_lab::sim::{Class, Scenario, score_interval};

/// The default scenario with `neg` negatives and `pos` positives.
pub fn counts(neg: u32, pos: u32) -> Scenario {
    Scenario {
        neg,
        pos,
        ..Scenario::default()
    }
}

/// A two-column CSV file read back: its header line, and each row as `(label, value)`.
pub fn read_csv(text: &str) -> (Option<&str>, Vec<(u8, f64)>) {
    let mut lines = text.lines();
    let header = lines.next();
    let rows = lines
        .map(|l| {
            let (label, value) = l.split_once(',').unwrap();
            (label.parse().unwrap(), value.parse().unwrap())
        })
        .collect();
    (header, rows)
}

/// `F_k(u) = int_0^u t^k (-ln t) dt`.
fn f(k: i32, u: f64) -> f64 {
    if u <= 0.0 {
        return 0.0;
    }
    let k1 = f64::from(k + 1);
    -u.powi(k + 1) * u.ln() / k1 + u.powi(k + 1) / (k1 * k1)
}

/// The interval of `-ln p_t` as `u = p_t` runs over it: [a, b].
fn p_t_range(class: Class, acc: f64) -> (f64, f64) {
    let i = score_interval(class, acc);
    match class {
        Class::Positive => (i.lo, i.hi),
        Class::Negative => (1.0 - i.hi, 1.0 - i.lo),
    }
}

/// E[-ln p_t] for one sample of the class (clipping ignored: it moves this by < 1e-6).
pub fn expected_ce(class: Class, acc: f64) -> f64 {
    let (a, b) = p_t_range(class, acc);
    (f(0, b) - f(0, a)) / (b - a)
}

/// E[(1 - p_t)^2 (-ln p_t)] for one sample of the class: the focal term at gamma 2, before alpha.
pub fn expected_focal2(class: Class, acc: f64) -> f64 {
    let (a, b) = p_t_range(class, acc);
    let g = |u: f64| f(0, u) - 2.0 * f(1, u) + f(2, u);
    (g(b) - g(a)) / (b - a)
}

/// scikit-learn's `average_precision_score`, step by step as its source does it: sort by score
/// descending, take the distinct thresholds, precision and recall at each, and sum
/// (R_n - R_{n-1}) P_n.
pub fn brute_average_precision(neg: &[f64], pos: &[f64]) -> f64 {
    let mut all: Vec<(f64, bool)> = neg.iter().map(|&p| (p, false)).collect();
    all.extend(pos.iter().map(|&p| (p, true)));
    all.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut tp, mut fp, mut prev_recall, mut ap) = (0.0, 0.0, 0.0, 0.0);
    let mut i = 0;
    while i < all.len() {
        let t = all[i].0;
        while i < all.len() && all[i].0 == t {
            if all[i].1 {
                tp += 1.0
            } else {
                fp += 1.0
            }
            i += 1;
        }
        let recall = tp / pos.len() as f64;
        ap += (recall - prev_recall) * tp / (tp + fp);
        prev_recall = recall;
    }
    ap
}

/// ROC AUC by comparing every pair, ties counting one half.
pub fn brute_roc_auc(neg: &[f64], pos: &[f64]) -> f64 {
    let mut wins = 0.0;
    for &p in pos {
        for &n in neg {
            wins += if p > n {
                1.0
            } else if p == n {
                0.5
            } else {
                0.0
            };
        }
    }
    wins / (neg.len() * pos.len()) as f64
}
