//! The Tversky loss (Salehi et al. 2017), soft Dice at `a = b = 0.5` (Milletari et al. 2016): a
//! value of the whole set, from its soft confusion counts, smoothed by 1.

use super::params::{TV_A, TV_B};
use super::{Form, Formula, Hue, Loss, LossParams, LossText, Snippet, SoftCounts, Term};

/// `1 - (TP_s + 1) / (TP_s + a FP_s + b FN_s + 1)`.
pub const LOSS: Loss = Loss {
    key: "tversky",
    name: "Tversky",
    params: &[TV_A, TV_B],
    hue: Hue::new([0xb2, 0x22, 0x22], [0xff, 0x7b, 0x7b]),
    form: Form::Set(value),
};

fn value(soft: &SoftCounts, params: &LossParams) -> f64 {
    soft_loss(soft, params.get(TV_A), params.get(TV_B))
}

/// The soft Tversky loss of a set, smoothed by 1.
pub fn soft_loss(s: &SoftCounts, a: f64, b: f64) -> f64 {
    1.0 - (s.tp + 1.0) / (s.tp + a * s.fp + b * s.fn_ + 1.0)
}

/// The hard Tversky index `TP / (TP + a FP + b FN)` (0 when nothing is counted).
pub fn hard_index(tp: f64, fp: f64, fn_: f64, a: f64, b: f64) -> f64 {
    let den = tp + a * fp + b * fn_;
    if den > 0.0 { tp / den } else { 0.0 }
}

/// What the words say of it.
pub const TEXT: LossText = LossText {
    formula: Formula {
        mathml: "<mrow><mi>TL</mi><mo>=</mo><mn>1</mn><mo>−</mo><mfrac><mrow><msub><mi>TP</mi><mi>s</mi></msub><mo>+</mo><mn>1</mn></mrow><mrow><msub><mi>TP</mi><mi>s</mi></msub><mo>+</mo><mi>a</mi><msub><mi>FP</mi><mi>s</mi></msub><mo>+</mo><mi>b</mi><msub><mi>FN</mi><mi>s</mi></msub><mo>+</mo><mn>1</mn></mrow></mfrac></mrow>",
        alt: "TL = 1 - (TP_s + 1) / (TP_s + a FP_s + b FN_s + 1)",
    },
    term: Term {
        key: "tversky",
        term: "Tversky loss",
        definition: "One minus the soft Tversky index of the whole set (Salehi et al. 2017): TPₛ = Σ p y, FPₛ = Σ p (1 − y), FNₛ = Σ (1 − p) y, smoothed by 1. a = b = 0.5 is the soft Dice loss (Milletari et al. 2016). It is a ratio of sums, not a sum over samples: it has no per-class share and no per-sample optimum.",
    },
    in_prose: "the Tversky loss",
    snippet: Snippet {
        numpy_setup: "def tversky(tp, fp, fn):  # set-level, smoothed by 1, on the unclipped p\n    return 1 - (tp + 1) / (tp + TV_A * fp + TV_B * fn + 1)\n",
        numpy: "tversky(p[pos].sum(), p[neg].sum(), (1 - p[pos]).sum())",
        numpy_note: "",
        keras_setup: "",
        keras: r#"{"value": tversky(*(float(keras.ops.sum(keras.ops.where(y2 == c, v, 0)))
                              for c, v in ((1, p2), (0, p2), (1, 1 - p2))))}"#,
        torch_note: "",
        torch: r#"{"value": tversky((p * y).sum().item(), (p * (1 - y)).sum().item(),
                             ((1 - p) * y).sum().item())}"#,
    },
};
