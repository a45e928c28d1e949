//! Alpha-balanced focal loss (Lin et al. 2017; torchvision `sigmoid_focal_loss`; Keras
//! `BinaryFocalCrossentropy(apply_class_balancing=True)`).

use super::params::{ALPHA, GAMMA};
use super::{Formula, Hue, Loss, LossParams, LossText, Param, Shape, Snippet, Term};

/// `a_t (1 - p_t)^gamma CE`: balanced CE with each sample's term scaled down the better it is
/// already classified.
pub struct Focal;

impl Loss for Focal {
    fn key(&self) -> &'static str {
        "focal"
    }

    fn name(&self) -> &'static str {
        "focal"
    }

    fn params(&self) -> &'static [Param] {
        &[ALPHA, GAMMA]
    }

    fn shape(&self, params: &LossParams) -> Shape {
        let alpha = ALPHA.read(params.alpha);
        Shape {
            neg_weight: 1.0 - alpha,
            pos_weight: alpha,
            gamma: GAMMA.read(params.gamma),
        }
    }

    fn hue(&self) -> Hue {
        Hue::Yellow
    }
}

impl LossText for Focal {
    fn formula(&self) -> Formula {
        Formula {
            mathml: "<mrow><mi>FL</mi><mo>=</mo><msub><mi>α</mi><mi>t</mi></msub><msup><mrow><mo>(</mo><mn>1</mn><mo>−</mo><msub><mi>p</mi><mi>t</mi></msub><mo>)</mo></mrow><mi>γ</mi></msup><mi>CE</mi></mrow>",
            alt: "FL = alpha_t (1 - p_t)^gamma CE",
        }
    }

    fn term(&self) -> Term {
        Term {
            key: "focal",
            term: "focal loss",
            definition: "α-balanced CE with each term also multiplied by (1 − pₜ)<sup>γ</sup> (Lin et al. 2017): samples the model already gets right lose most of their loss. γ = 0 is α-balanced CE.",
        }
    }

    fn in_prose(&self) -> &'static str {
        "focal loss"
    }

    fn snippet(&self) -> Snippet {
        Snippet {
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
        }
    }
}
