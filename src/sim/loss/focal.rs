//! Alpha-balanced focal loss (Lin et al. 2017; torchvision `sigmoid_focal_loss`; Keras
//! `BinaryFocalCrossentropy(apply_class_balancing=True)`).

use super::params::{ALPHA, GAMMA};
use super::{Form, Formula, Hue, Loss, LossParams, LossText, Shape, Snippet, Sum, Term, Undefined};

/// `a_t (1 - p_t)^gamma CE`: balanced CE with each sample's term scaled down the better it is
/// already classified.
pub const LOSS: Loss = Loss {
    key: "focal",
    name: "focal",
    params: &[ALPHA, GAMMA],
    hue: Hue::new([0x8a, 0x6d, 0x00], [0xf0, 0xe4, 0x42]),
    form: Form::Sample {
        shape,
        sum: Sum::Focal,
    },
};

/// Balanced CE's class weights, modulated by `(1 - p_t)^gamma`.
fn shape(params: &LossParams) -> Result<Shape, Undefined> {
    Ok(Shape {
        gamma: [params.gamma; 2],
        ..super::balanced_ce::LOSS.shape_at(params)?
    })
}

/// What the words say of it.
pub const TEXT: LossText = LossText {
    formula: Formula {
        mathml: "<mrow><mi>FL</mi><mo>=</mo><msub><mi>α</mi><mi>t</mi></msub><msup><mrow><mo>(</mo><mn>1</mn><mo>−</mo><msub><mi>p</mi><mi>t</mi></msub><mo>)</mo></mrow><mi>γ</mi></msup><mi>CE</mi></mrow>",
        alt: "FL = alpha_t (1 - p_t)^gamma CE",
    },
    term: Term {
        key: "focal",
        term: "focal loss",
        definition: "α-balanced CE with each term also multiplied by (1 − pₜ)<sup>γ</sup> (Lin et al. 2017): samples the model already gets right lose most of their loss. γ = 0 is α-balanced CE.",
    },
    in_prose: "focal loss",
    snippet: Snippet {
        numpy_setup: "",
        numpy: "a_t * (1 - p_t) ** GAMMA * ce",
        numpy_note: "  # alpha-balanced, as in the paper",
        keras_setup: r#"# BinaryFocalCrossentropy IGNORES alpha unless apply_class_balancing=True.
# (TensorFlow Addons' SigmoidFocalCrossEntropy on 1-D inputs returns a SUM over the
# samples, not a mean: that is how a notebook shows BCE 0.314 beside focal 31,629.9.)
focal = lambda r: keras.losses.BinaryFocalCrossentropy(
    apply_class_balancing=True, alpha=ALPHA, gamma=GAMMA, reduction=r)
"#,
        keras: "reduced(focal)",
        torch_note: "# torchvision's focal loss is alpha-balanced already (alpha < 0 turns it off).",
        torch: r#"reduced(lambda y, p, z, r: sigmoid_focal_loss(
        z, y, alpha=ALPHA, gamma=GAMMA, reduction=r))"#,
    },
};
