//! Class-balanced loss (Cui et al. 2019): cross-entropy weighted by the inverse of each class's
//! effective number of samples.

use super::params::CB_BETA;
use super::{Form, Formula, Hue, Loss, LossParams, LossText, Shape, Snippet, Sum, Term, Undefined};

/// `w_y CE`, `w_c` proportional to `1 / E_c`, `E_c = (1 - beta^n_c) / (1 - beta)`, the weights
/// summing to 2 (the number of classes), as in the paper.
pub const LOSS: Loss = Loss {
    key: "class_balanced",
    name: "class-balanced CE",
    params: &[CB_BETA],
    hue: Hue::new([0x00, 0x72, 0xb2], [0x56, 0xb4, 0xe9]),
    form: Form::Sample {
        shape,
        sum: Sum::Ce,
    },
};

fn shape(params: &LossParams) -> Result<Shape, Undefined> {
    let [w0, w1] = weights(params.get(CB_BETA), params.counts);
    Ok(Shape::weighted(w0, w1))
}

/// The effective number of `n` samples, `(1 - beta^n) / (1 - beta)`: 1 at `beta = 0`, `n` as
/// `beta -> 1` (`beta^n` as `exp(n ln beta)`: within about 1e-13 of numpy's, with no `pow`
/// linked into the page for it).
pub fn effective_number(beta: f64, n: f64) -> f64 {
    if beta == 0.0 {
        1.0
    } else {
        (1.0 - crate::sim::fastmath::pow(beta, n)) / (1.0 - beta)
    }
}

/// The two class weights `[w_0, w_1]`. With an empty class the other weighs 1 (SPEC section 9).
pub fn weights(beta: f64, [n0, n1]: [f64; 2]) -> [f64; 2] {
    if n0 <= 0.0 || n1 <= 0.0 {
        return [1.0; 2];
    }
    let inv = [n0, n1].map(|n| 1.0 / effective_number(beta, n));
    let norm = 2.0 / (inv[0] + inv[1]);
    inv.map(|v| v * norm)
}

/// What the words say of it.
pub const TEXT: LossText = LossText {
    formula: Formula {
        mathml: "<mrow><msub><mi>CB</mi></msub><mo>=</mo><msub><mi>w</mi><mi>y</mi></msub><mi>CE</mi><mo>,</mo><msub><mi>w</mi><mi>c</mi></msub><mo>∝</mo><mfrac><mrow><mn>1</mn><mo>−</mo><mi>β</mi></mrow><mrow><mn>1</mn><mo>−</mo><msup><mi>β</mi><msub><mi>n</mi><mi>c</mi></msub></msup></mrow></mfrac></mrow>",
        alt: "CB = w_y CE, w_c proportional to (1 - beta) / (1 - beta^n_c)",
    },
    term: Term {
        key: "cb",
        term: "class-balanced CE",
        definition: "Cross-entropy with each class weighted by the inverse of its <em>effective number</em> of samples, (1 − β<sup>n</sup>) / (1 − β) (Cui et al. 2019), the two weights summing to 2. β = 0 is BCE; as β approaches 1 the weights approach inverse class frequency. On a model it only moves the threshold: it is weighted BCE with pos_weight = w₁ / w₀.",
    },
    in_prose: "class-balanced CE",
    snippet: Snippet {
        numpy_setup: r#"def effective(n):  # Cui et al. 2019: (1 - beta^n) / (1 - beta)
    return 1.0 if CB_BETA == 0 else (1 - CB_BETA ** n) / (1 - CB_BETA)
if n0 and n1:
    inv = np.array([1 / effective(n0), 1 / effective(n1)])
    CB_W = inv * 2 / inv.sum()  # the weights sum to the number of classes
else:
    CB_W = np.ones(2)  # one class: it weighs 1
"#,
        numpy: "np.where(pos, CB_W[1], CB_W[0]) * ce",
        numpy_note: "",
        keras_setup: "",
        keras: "reduced(bce, np.where(pos, CB_W[1], CB_W[0]))",
        torch_note: "# class weights as per-sample weights: PyTorch has no class-balanced loss.",
        torch: r#"reduced(lambda y, p, z, r: F.binary_cross_entropy(
        p, y, weight=torch.where(y == 1, CB_W[1], CB_W[0]), reduction=r))"#,
    },
};
