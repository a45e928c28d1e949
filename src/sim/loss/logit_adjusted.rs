//! Logit-adjusted loss (Menon et al. 2021, the binary form of its softmax loss): cross-entropy on
//! a logit shifted by `tau` times the log prior odds.

use super::params::LA_TAU;
use super::{Form, Formula, Hue, Loss, LossParams, LossText, Shape, Snippet, Sum, Term, Undefined};

/// `softplus(-z')` for a positive, `softplus(z')` for a negative, `z' = z + tau ln(pi / (1 - pi))`.
pub const LOSS: Loss = Loss {
    key: "logit_adjusted",
    name: "logit-adjusted CE",
    params: &[LA_TAU],
    hue: Hue::new([0xc2, 0x4e, 0x00], [0xff, 0x8c, 0x42]),
    form: Form::Sample {
        shape,
        sum: Sum::Adjusted,
    },
};

/// The shift `tau ln(n1 / n0)` (`pi / (1 - pi) = n1 / n0`, written without the round trip
/// through `pi`); undefined with an empty class, where the prior's log odds are infinite.
fn shape(params: &LossParams) -> Result<Shape, Undefined> {
    let [n0, n1] = params.counts;
    if n0 <= 0.0 && n1 <= 0.0 {
        return Err(Undefined::NoSamples);
    }
    if n1 <= 0.0 {
        return Err(Undefined::NoPositives);
    }
    if n0 <= 0.0 {
        return Err(Undefined::NoNegatives);
    }
    let s = params.get(LA_TAU) * libm::log(n1 / n0);
    Ok(Shape {
        shift: [-s, s],
        ..Shape::weighted(1.0, 1.0)
    })
}

/// What the words say of it.
pub const TEXT: LossText = LossText {
    formula: Formula {
        mathml: "<mrow><mi>LA</mi><mo>=</mo><mi>CE</mi><mo>(</mo><mi>z</mi><mo>+</mo><mi>τ</mi><mi>ln</mi><mfrac><mi>π</mi><mrow><mn>1</mn><mo>−</mo><mi>π</mi></mrow></mfrac><mo>)</mo></mrow>",
        alt: "LA = CE(z + tau ln(pi / (1 - pi)))",
    },
    term: Term {
        key: "la",
        term: "logit-adjusted CE",
        definition: "Cross-entropy computed on the logit z plus τ times the log prior odds ln(π / (1 − π)), π the share of positives (Menon et al. 2021). The model learns a logit without the prior: at τ = 1 its threshold 0.5 is the rule with the lowest balanced error. τ = 0 is BCE.",
    },
    in_prose: "logit-adjusted CE",
    snippet: Snippet {
        numpy_setup: "LA_SHIFT = LA_TAU * np.log(n1 / n0) if n0 and n1 else np.nan  # undefined with one class\n",
        numpy: "np.logaddexp(0, -np.where(pos, 1, -1) * (z + LA_SHIFT))",
        numpy_note: "  # softplus(-z') or softplus(z')",
        keras_setup: "",
        keras: "reduced(formula(lambda t, q: keras.ops.softplus(-(2 * t - 1) * (keras.ops.log(q) - keras.ops.log1p(-q) + LA_SHIFT))))",
        torch_note: "# PyTorch has no logit-adjusted loss: BCE with logits on the shifted logit is it.",
        torch: r#"reduced(lambda y, p, z, r: F.binary_cross_entropy_with_logits(
        z + LA_SHIFT, y, reduction=r))"#,
    },
};
