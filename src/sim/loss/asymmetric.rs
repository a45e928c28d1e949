//! The asymmetric loss (Ridnik et al. 2021): a focusing exponent for each class, and negatives
//! below a probability margin dropped.

use super::params::{ASL_GN, ASL_GP, ASL_M};
use super::{Form, Formula, Hue, Loss, LossParams, LossText, Shape, Snippet, Sum, Term, Undefined};

/// Positive: `-(1 - p)^gp ln p`; negative: `-(p_m)^gn ln(1 - p_m)`, `p_m = max(p - m, 0)`.
pub const LOSS: Loss = Loss {
    key: "asymmetric",
    name: "asymmetric (ASL)",
    params: &[ASL_GP, ASL_GN, ASL_M],
    hue: Hue::new([0x00, 0x7f, 0x86], [0x4e, 0xd1, 0xd9]),
    form: Form::Sample {
        shape,
        sum: Sum::Asl,
    },
};

fn shape(params: &LossParams) -> Result<Shape, Undefined> {
    Ok(Shape {
        gamma: [params.get(ASL_GN), params.get(ASL_GP)],
        lift: params.get(ASL_M),
        ..Shape::weighted(1.0, 1.0)
    })
}

/// What the words say of it.
pub const TEXT: LossText = LossText {
    formula: Formula {
        mathml: "<mrow><mi>ASL</mi><mo>=</mo><mo>−</mo><mi>y</mi><msup><mrow><mo>(</mo><mn>1</mn><mo>−</mo><mi>p</mi><mo>)</mo></mrow><msub><mi>γ</mi><mo>+</mo></msub></msup><mi>ln</mi><mi>p</mi><mo>−</mo><mo>(</mo><mn>1</mn><mo>−</mo><mi>y</mi><mo>)</mo><msubsup><mi>p</mi><mi>m</mi><msub><mi>γ</mi><mo>−</mo></msub></msubsup><mi>ln</mi><mo>(</mo><mn>1</mn><mo>−</mo><msub><mi>p</mi><mi>m</mi></msub><mo>)</mo></mrow>",
        alt: "ASL = -y (1 - p)^gamma+ ln p - (1 - y) p_m^gamma- ln(1 - p_m), p_m = max(p - m, 0)",
    },
    term: Term {
        key: "asl",
        term: "asymmetric loss (ASL)",
        definition: "Ridnik et al. 2021: focal-style down-weighting with its own exponent for each class (γ₊ for positives, γ₋ for negatives), and each negative's probability shifted down by a margin m first, so that negatives below m cost nothing. γ₊ = γ₋ = m = 0 is BCE.",
    },
    in_prose: "the asymmetric loss",
    snippet: Snippet {
        numpy_setup: "",
        numpy: "np.where(pos, (1 - pc) ** ASL_GP * -np.log(pc),\n                           np.maximum(pc - ASL_M, 0) ** ASL_GN * -np.log(1 - np.maximum(pc - ASL_M, 0)))",
        numpy_note: "",
        keras_setup: "",
        keras: r#"reduced(formula(lambda t, q: keras.ops.where(
        t == 1, (1 - q) ** ASL_GP * -keras.ops.log(q),
        keras.ops.maximum(q - ASL_M, 0) ** ASL_GN * -keras.ops.log(1 - keras.ops.maximum(q - ASL_M, 0)))))"#,
        torch_note: "# PyTorch has no asymmetric loss: its formula.",
        torch: r#"reduced(lambda y, p, z, r: reduce(torch.where(
        y == 1, (1 - p) ** ASL_GP * -torch.log(p),
        torch.clamp(p - ASL_M, 0, 1) ** ASL_GN * -torch.log(1 - torch.clamp(p - ASL_M, 0, 1))), r))"#,
    },
};
