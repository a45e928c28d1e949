//! The page's formulas in MathML: the browser typesets them, no JavaScript maths library. The
//! worker writes them into the words (`words`), so they weigh nothing on the first load.

use std::fmt::Write;

use crate::sim::loss::Formula;

/// A formula as a block, with what it says for readers whose browser does not render MathML.
/// A block wider than its box scrolls sideways and the browser makes it a Tab stop (and only
/// then: style/main.css keeps it from scrolling up and down), so it is named as a group.
pub fn formula(out: &mut String, f: &Formula) {
    let Formula { mathml, alt } = f;
    let _ = write!(
        out,
        r#"<div class="formula" role="group" aria-label="formula: {alt}"><math display="block" alttext="{alt}">{mathml}</math></div>"#
    );
}

/// `x_t = a for a positive, b for a negative`, in MathML and in words: `$lhs` is the symbol's
/// MathML, `$pos` and `$neg` the two cases', `$alt` the line in words.
macro_rules! by_class {
    ($lhs:literal, $pos:literal, $neg:literal, $alt:literal) => {
        Formula {
            mathml: concat!(
                "<mrow><msub>",
                $lhs,
                "<mi>t</mi></msub><mo>=</mo><mrow><mo>{</mo><mtable>",
                "<mtr><mtd>",
                $pos,
                "</mtd><mtd><mtext>for a positive</mtext></mtd></mtr>",
                "<mtr><mtd>",
                $neg,
                "</mtd><mtd><mtext>for a negative</mtext></mtd></mtr>",
                "</mtable></mrow></mrow>"
            ),
            alt: $alt,
        }
    };
}

/// p_t, by class.
pub const P_T: Formula = by_class!(
    "<mi>p</mi>",
    "<mi>p</mi>",
    "<mn>1</mn><mo>−</mo><mi>p</mi>",
    "p_t = p for a positive, 1 - p for a negative"
);

/// alpha_t, by class.
pub const ALPHA_T: Formula = by_class!(
    "<mi>α</mi>",
    "<mi>α</mi>",
    "<mn>1</mn><mo>−</mo><mi>α</mi>",
    "alpha_t = alpha for a positive, 1 - alpha for a negative"
);

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

#[cfg(test)]
mod tests {
    use super::*;

    /// The by-class formulas are the MathML written out by hand before the macro.
    #[test]
    fn by_class_formulas_are_the_written_out_mathml() {
        assert_eq!(
            P_T.mathml,
            "<mrow><msub><mi>p</mi><mi>t</mi></msub><mo>=</mo><mrow><mo>{</mo><mtable><mtr><mtd><mi>p</mi></mtd><mtd><mtext>for a positive</mtext></mtd></mtr><mtr><mtd><mn>1</mn><mo>−</mo><mi>p</mi></mtd><mtd><mtext>for a negative</mtext></mtd></mtr></mtable></mrow></mrow>"
        );
        assert!(
            ALPHA_T
                .mathml
                .starts_with("<mrow><msub><mi>α</mi><mi>t</mi></msub>")
        );
        assert!(
            ALPHA_T
                .mathml
                .contains("<mn>1</mn><mo>−</mo><mi>α</mi></mtd>")
        );
    }
}
