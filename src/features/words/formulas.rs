//! The page's formulas in MathML: the browser typesets them, no JavaScript maths library. The
//! worker writes them into the words (`words`), so they weigh nothing on the first load.

use std::fmt::Write;

use crate::sim::loss::Formula;

/// A formula as a block, with what it says for readers whose browser does not render MathML.
pub fn formula(out: &mut String, f: &Formula) {
    let Formula { mathml, alt } = f;
    let _ = write!(
        out,
        r#"<div class="formula"><math display="block" alttext="{alt}">{mathml}</math></div>"#
    );
}

/// p_t and alpha_t, by class.
pub const P_T: Formula = Formula {
    mathml: "<mrow><msub><mi>p</mi><mi>t</mi></msub><mo>=</mo><mrow><mo>{</mo><mtable><mtr><mtd><mi>p</mi></mtd><mtd><mtext>for a positive</mtext></mtd></mtr><mtr><mtd><mn>1</mn><mo>−</mo><mi>p</mi></mtd><mtd><mtext>for a negative</mtext></mtd></mtr></mtable></mrow></mrow>",
    alt: "p_t = p for a positive, 1 - p for a negative",
};

/// alpha_t, by class.
pub const ALPHA_T: Formula = Formula {
    mathml: "<mrow><msub><mi>α</mi><mi>t</mi></msub><mo>=</mo><mrow><mo>{</mo><mtable><mtr><mtd><mi>α</mi></mtd><mtd><mtext>for a positive</mtext></mtd></mtr><mtr><mtd><mn>1</mn><mo>−</mo><mi>α</mi></mtd><mtd><mtext>for a negative</mtext></mtd></mtr></mtable></mrow></mrow>",
    alt: "alpha_t = alpha for a positive, 1 - alpha for a negative",
};

/// The mean of a loss over a validation set with r negatives per positive.
pub const MIX: Formula = Formula {
    mathml: "<mrow><mtext>mean</mtext><mo>=</mo><mfrac><mrow><mi>r</mi><mo>·</mo><msub><mover><mi>L</mi><mo>‾</mo></mover><mn>0</mn></msub><mo>+</mo><msub><mover><mi>L</mi><mo>‾</mo></mover><mn>1</mn></msub></mrow><mrow><mi>r</mi><mo>+</mo><mn>1</mn></mrow></mfrac></mrow>",
    alt: "mean = (r L0 + L1) / (r + 1), r negatives per positive",
};

/// Precision at r negatives per positive, from the two rates.
pub const PRECISION: Formula = Formula {
    mathml: "<mrow><mtext>precision</mtext><mo>=</mo><mfrac><mtext>TPR</mtext><mrow><mtext>TPR</mtext><mo>+</mo><mi>r</mi><mo>·</mo><mtext>FPR</mtext></mrow></mfrac></mrow>",
    alt: "precision = TPR / (TPR + r FPR)",
};
