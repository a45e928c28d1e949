//! Alpha-balanced cross-entropy (the focal-loss paper's balanced CE, Lin et al. 2017).

use super::params::ALPHA;
use super::{Form, Formula, Hue, Loss, LossParams, LossText, Shape, Snippet, Sum, Term, Undefined};

/// `a_t CE`: positives weigh `alpha`, negatives `1 - alpha`.
pub const LOSS: Loss = Loss {
    key: "balanced_ce",
    name: "α-balanced CE",
    params: &[ALPHA],
    hue: Hue::new([0xb0, 0x4f, 0x8a], [0xe0, 0x8e, 0xc0]),
    form: Form::Sample {
        shape,
        sum: Sum::Ce,
    },
};

fn shape(params: &LossParams) -> Result<Shape, Undefined> {
    Ok(Shape::weighted(1.0 - params.alpha, params.alpha))
}

/// What the words say of it.
pub const TEXT: LossText = LossText {
    formula: Formula {
        mathml: "<mrow><msub><mi>CE</mi><mi>α</mi></msub><mo>=</mo><msub><mi>α</mi><mi>t</mi></msub><mi>CE</mi></mrow>",
        alt: "CE_alpha = alpha_t CE",
    },
    term: Term {
        key: "abce",
        term: "α-balanced CE",
        definition: "Cross-entropy with each positive's term multiplied by α and each negative's by 1 − α (αₜ in the focal-loss paper). α = 0.5 is half of BCE. With α below 0.5 the positives weigh less than the negatives: the paper's α = 0.25 makes the rare class count less than BCE does, not more.",
    },
    in_prose: "α-balanced CE",
    snippet: Snippet {
        numpy_setup: "",
        numpy: "a_t * ce",
        numpy_note: "",
        keras_setup: "# Balanced CE: weight alpha on positives, 1 - alpha on negatives.\n",
        keras: "reduced(bce, np.where(pos, ALPHA, 1 - ALPHA))",
        torch_note: "",
        torch: r#"reduced(lambda y, p, z, r: F.binary_cross_entropy(
        p, y, weight=ALPHA * y + (1 - ALPHA) * (1 - y), reduction=r))"#,
    },
};
