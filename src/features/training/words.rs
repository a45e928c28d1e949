//! The training view: what each loss trains, and what its charts show.

use crate::features::words::phrases::para;
use crate::features::words::terms::terms;

/// The training view's introduction: the first use of σ, and of the logit and the odds where
/// the import box (which defines them first) is not shown, as in the story's steps.
pub(crate) fn intro() -> String {
    let mut out = String::new();
    para(
        &mut out,
        "The tables above judge fixed predictions. Here each loss trains its own model. The \
         data: one feature x, negatives around 0 and positives around d, in the scenario's mix; \
         the model: p(x) = σ(w x + b), a logistic regression. <dfn>σ</dfn>(z) = 1 / (1 + \
         e<sup>−z</sup>), the logistic function, turns any number into a probability, and z = \
         w x + b is the model's <dfn>logit</dfn>: ln(p / (1 − p)), the logarithm of the \
         <dfn>odds</dfn> p / (1 − p). \
         Each (w, b) is the exact minimum of the loss's expected value over that population, so \
         what you see is what the loss asks for, with no sampling noise. Move pos_weight, α, γ \
         and the threshold in the scenario, or the separation here.",
    );
    terms(
        &mut out,
        &["sep", "phi", "newton", "wbce", "abce", "focal", "rec"],
    );
    out
}

/// What the training view's scores chart shows (no number: the page's threshold is the reader's).
pub(crate) const TRAINED_SCORES_WORDS: &str = "Each model's scores, class by class (log counts; the line is the threshold). Weighting \
         the positives shifts a model's scores up; γ squeezes them towards the middle, so fewer \
         positives clear a high threshold.";

/// The training view's two last charts.
pub(crate) const OPTIMAL_WORDS: &str = "Left: the prediction p* each loss rewards most when the \
     true probability is q. BCE asks for q itself; weighted BCE for pos_weight times q's odds \
     (odds(p*) = pos_weight · q / (1 − q)), α-balanced CE for α / (1 − α) times them; γ pulls \
     everything towards the middle. Right: at the BCE model, <dfn>the negatives' share of the \
     gradient</dfn> of focal loss as γ grows. Each sample pulls the model's logit, a negative \
     down and a positive up, as hard as the slope of its loss there; the share is the \
     negatives' pull over all the samples' pull. The easy negatives fall silent, which is the \
     argument of Lin et al. (2017) for focal loss. Validation BCE is the plain BCE each trained \
     model gets on the population, whatever it was trained with.";

/// Training on a sample.
pub(crate) const SAMPLE_WORDS: &str = "The same population, drawn: n rows at the scenario's mix and seed. Each loss is trained \
         on them by Newton's method, step by step in the background (each step is one pass over \
         every row); the dashed lines above are where the models stand, the chart below how far \
         each loss has fallen. The sample's optimum is near the population's, and equals \
         scikit-learn's LogisticRegression on the same rows (BCE, weighted BCE).";
