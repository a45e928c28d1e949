//! LDAM (Cao et al. 2019), binary, scale 1: cross-entropy with a margin for each class, the
//! rarer class's larger.

use super::params::LDAM_M;
use super::{Form, Formula, Hue, Loss, LossParams, LossText, Shape, Snippet, Sum, Term, Undefined};

/// `softplus(D_1 - z)` for a positive, `softplus(z + D_0)` for a negative,
/// `D_c = m (min(n0, n1) / n_c)^(1/4)`.
pub const LOSS: Loss = Loss {
    key: "ldam",
    name: "LDAM",
    params: &[LDAM_M],
    hue: Hue::new([0x6a, 0x3d, 0x9a], [0xb3, 0x9d, 0xdb]),
    form: Form::Sample {
        shape,
        sum: Sum::Margin,
    },
};

fn shape(params: &LossParams) -> Result<Shape, Undefined> {
    let [d0, d1] = margins(params.get(LDAM_M), params.counts);
    Ok(Shape {
        shift: [-d0, -d1],
        ..Shape::weighted(1.0, 1.0)
    })
}

/// The margins `[D_0, D_1]`; with an empty class the present one's is `m` (SPEC section 9).
pub fn margins(m: f64, [n0, n1]: [f64; 2]) -> [f64; 2] {
    if n0 <= 0.0 || n1 <= 0.0 {
        return [m; 2];
    }
    let least = n0.min(n1);
    // The fourth root as two square roots: correctly rounded each, no `pow` needed.
    [n0, n1].map(|n| m * (least / n).sqrt().sqrt())
}

/// What the words say of it.
pub const TEXT: LossText = LossText {
    formula: Formula {
        mathml: "<mrow><mi>LDAM</mi><mo>=</mo><mi>CE</mi><mo>(</mo><mi>z</mi><mo>∓</mo><msub><mi>Δ</mi><mi>y</mi></msub><mo>)</mo><mo>,</mo><msub><mi>Δ</mi><mi>c</mi></msub><mo>=</mo><mi>m</mi><msup><mrow><mo>(</mo><msub><mi>n</mi><mi>min</mi></msub><mo>/</mo><msub><mi>n</mi><mi>c</mi></msub><mo>)</mo></mrow><mrow><mn>1</mn><mo>/</mo><mn>4</mn></mrow></msup></mrow>",
        alt: "LDAM = CE(z minus the class's margin Delta_y), Delta_c = m (n_min / n_c)^(1/4)",
    },
    term: Term {
        key: "ldam",
        term: "LDAM",
        definition: "Label-distribution-aware margin loss (Cao et al. 2019): cross-entropy that counts a sample as right only beyond a margin Δ, larger for the rarer class (Δ ∝ n<sup>−1/4</sup>). Here binary, on the logit, margins in logit units: m is the smaller class's margin.",
    },
    in_prose: "LDAM",
    snippet: Snippet {
        numpy_setup: r#"if n0 and n1:
    LDAM_D = LDAM_M * (min(n0, n1) / np.array([n0, n1])) ** 0.25
else:
    LDAM_D = np.array([LDAM_M, LDAM_M])  # one class: its margin is m
"#,
        numpy: "np.logaddexp(0, np.where(pos, LDAM_D[1] - z, z + LDAM_D[0]))",
        numpy_note: "",
        keras_setup: "",
        keras: "reduced(formula(lambda t, q: keras.ops.softplus(keras.ops.where(t == 1, LDAM_D[1] - (keras.ops.log(q) - keras.ops.log1p(-q)), keras.ops.log(q) - keras.ops.log1p(-q) + LDAM_D[0]))))",
        torch_note: "# PyTorch has no LDAM: BCE with logits on the margin-shifted logit.",
        torch: r#"reduced(lambda y, p, z, r: F.binary_cross_entropy_with_logits(
        z - torch.where(y == 1, LDAM_D[1], -LDAM_D[0]), y, reduction=r))"#,
    },
};
