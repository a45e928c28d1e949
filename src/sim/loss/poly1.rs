//! Poly-1 (Leng et al. 2022): cross-entropy plus `eps` times its first polynomial term.

use super::params::POLY_EPS;
use super::{Form, Formula, Hue, Loss, LossParams, LossText, Shape, Snippet, Sum, Term, Undefined};

/// `CE + eps (1 - p_t)`.
pub const LOSS: Loss = Loss {
    key: "poly1",
    name: "Poly-1",
    params: &[POLY_EPS],
    hue: Hue::new([0x7a, 0x5c, 0x3a], [0xc8, 0xa8, 0x7e]),
    form: Form::Sample {
        shape,
        sum: Sum::Ce,
    },
};

fn shape(params: &LossParams) -> Result<Shape, Undefined> {
    Ok(Shape {
        poly: params.get(POLY_EPS),
        ..Shape::weighted(1.0, 1.0)
    })
}

/// What the words say of it.
pub const TEXT: LossText = LossText {
    formula: Formula {
        mathml: "<mrow><msub><mi>L</mi><mrow><mi>Poly</mi><mo>-</mo><mn>1</mn></mrow></msub><mo>=</mo><mi>CE</mi><mo>+</mo><mi>ε</mi><mo>(</mo><mn>1</mn><mo>−</mo><msub><mi>p</mi><mi>t</mi></msub><mo>)</mo></mrow>",
        alt: "L_Poly-1 = CE + eps (1 - p_t)",
    },
    term: Term {
        key: "poly1",
        term: "Poly-1",
        definition: "Cross-entropy plus ε(1 − pₜ) (Leng et al. 2022): CE written as a series in (1 − pₜ), its first coefficient raised by ε. ε > 0 keeps pushing samples that are already right; ε = 0 is BCE.",
    },
    in_prose: "Poly-1",
    snippet: Snippet {
        numpy_setup: "",
        numpy: "ce + POLY_EPS * (1 - p_t)",
        numpy_note: "",
        keras_setup: "",
        keras: "reduced(formula(lambda t, q: -keras.ops.where(t == 1, keras.ops.log(q), keras.ops.log(1 - q)) + POLY_EPS * keras.ops.where(t == 1, 1 - q, q)))",
        torch_note: "# Poly-1 is BCE plus its first term: no loss of its own in PyTorch.",
        torch: r#"reduced(lambda y, p, z, r: reduce(F.binary_cross_entropy(p, y, reduction="none")
        + POLY_EPS * torch.where(y == 1, 1 - p, p), r))"#,
    },
};
