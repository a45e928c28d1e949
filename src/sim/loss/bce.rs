//! Binary cross-entropy, the baseline (Keras `BinaryCrossentropy`).

use super::{Form, Formula, Hue, Loss, LossParams, LossText, Shape, Snippet, Sum, Term, Undefined};

/// `CE = -[y ln p + (1 - y) ln(1 - p)]`: both classes weigh 1.
pub const LOSS: Loss = Loss {
    key: "bce",
    name: "BCE",
    params: &[],
    // The themes' text colours: the baseline.
    hue: Hue::new([0x1b, 0x20, 0x2b], [0xe6, 0xe9, 0xef]),
    form: Form::Sample {
        shape,
        sum: Sum::Ce,
    },
};

fn shape(_: &LossParams) -> Result<Shape, Undefined> {
    Ok(Shape::weighted(1.0, 1.0))
}

/// What the words say of it.
pub const TEXT: LossText = LossText {
    formula: Formula {
        mathml: "<mrow><mi>CE</mi><mo>=</mo><mo>−</mo><mo>[</mo><mi>y</mi><mi>ln</mi><mi>p</mi><mo>+</mo><mo>(</mo><mn>1</mn><mo>−</mo><mi>y</mi><mo>)</mo><mi>ln</mi><mo>(</mo><mn>1</mn><mo>−</mo><mi>p</mi><mo>)</mo><mo>]</mo></mrow>",
        alt: "CE = -[y ln p + (1 - y) ln(1 - p)]",
    },
    term: Term {
        key: "bce",
        term: "BCE",
        definition: "Binary cross-entropy: −[y ln p + (1 − y) ln(1 − p)] for a label y (1 for a positive) and the predicted probability p of the positive class. Every class and sample counts the same.",
    },
    in_prose: "BCE",
    snippet: Snippet {
        numpy_setup: "",
        numpy: "ce",
        numpy_note: "",
        keras_setup: "bce = lambda r: keras.losses.BinaryCrossentropy(reduction=r)  # clips at 1e-7\n",
        keras: "reduced(bce)",
        torch_note: "",
        torch: "reduced(lambda y, p, z, r: F.binary_cross_entropy(p, y, reduction=r))",
    },
};
