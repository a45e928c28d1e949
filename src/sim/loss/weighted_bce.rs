//! Weighted binary cross-entropy (PyTorch `BCEWithLogitsLoss(pos_weight=w)`).

use super::params::POS_WEIGHT;
use super::{Form, Formula, Hue, Loss, LossParams, LossText, Shape, Snippet, Sum, Term, Undefined};

/// `-[w y ln p + (1 - y) ln(1 - p)]`: the positives' term times `pos_weight`.
pub const LOSS: Loss = Loss {
    key: "weighted_bce",
    name: "weighted BCE",
    params: &[POS_WEIGHT],
    hue: Hue::new([0x00, 0x9e, 0x73], [0x2f, 0xc2, 0x94]),
    form: Form::Sample {
        shape,
        sum: Sum::Ce,
    },
};

fn shape(params: &LossParams) -> Result<Shape, Undefined> {
    Ok(Shape::weighted(1.0, params.pos_weight))
}

/// What the words say of it.
pub const TEXT: LossText = LossText {
    formula: Formula {
        mathml: "<mrow><msub><mi>CE</mi><mi>w</mi></msub><mo>=</mo><mo>−</mo><mo>[</mo><mi>w</mi><mi>y</mi><mi>ln</mi><mi>p</mi><mo>+</mo><mo>(</mo><mn>1</mn><mo>−</mo><mi>y</mi><mo>)</mo><mi>ln</mi><mo>(</mo><mn>1</mn><mo>−</mo><mi>p</mi><mo>)</mo><mo>]</mo></mrow>",
        alt: "CE_w = -[w y ln p + (1 - y) ln(1 - p)]",
    },
    term: Term {
        key: "wbce",
        term: "weighted BCE",
        definition: "BCE with each positive's term multiplied by pos_weight (PyTorch's <code>BCEWithLogitsLoss(pos_weight=…)</code>); the negatives keep weight 1. pos_weight 1 is BCE.",
    },
    in_prose: "weighted BCE",
    snippet: Snippet {
        numpy_setup: "",
        numpy: "np.where(pos, POS_WEIGHT, 1.0) * ce",
        numpy_note: "  # PyTorch's pos_weight",
        keras_setup: "# Keras has no pos_weight: a per-sample weight of POS_WEIGHT on positives is PyTorch's.\n",
        keras: "reduced(bce, np.where(pos, POS_WEIGHT, 1.0))",
        torch_note: "",
        torch: r#"reduced(lambda y, p, z, r: F.binary_cross_entropy_with_logits(
        z, y, pos_weight=torch.tensor(POS_WEIGHT, dtype=torch.float64), reduction=r))"#,
    },
};
