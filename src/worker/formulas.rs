//! The page's formulas in MathML: the browser typesets them, no JavaScript maths library. The
//! worker writes them into the words (`words`), so they weigh nothing on the first load.

use std::fmt::Write;

/// A formula as a block, with what it says for readers whose browser does not render MathML.
pub fn formula(out: &mut String, mathml: &str, alt: &str) {
    let _ = write!(
        out,
        r#"<div class="formula"><math display="block" alttext="{alt}">{mathml}</math></div>"#
    );
}

/// Cross-entropy, the base of every loss here.
pub const CE: &str = "<mrow><mi>CE</mi><mo>=</mo><mo>−</mo><mo>[</mo><mi>y</mi><mi>ln</mi><mi>p</mi><mo>+</mo><mo>(</mo><mn>1</mn><mo>−</mo><mi>y</mi><mo>)</mo><mi>ln</mi><mo>(</mo><mn>1</mn><mo>−</mo><mi>p</mi><mo>)</mo><mo>]</mo></mrow>";

/// Weighted BCE with pos_weight w.
pub const WEIGHTED: &str = "<mrow><msub><mi>CE</mi><mi>w</mi></msub><mo>=</mo><mo>−</mo><mo>[</mo><mi>w</mi><mi>y</mi><mi>ln</mi><mi>p</mi><mo>+</mo><mo>(</mo><mn>1</mn><mo>−</mo><mi>y</mi><mo>)</mo><mi>ln</mi><mo>(</mo><mn>1</mn><mo>−</mo><mi>p</mi><mo>)</mo><mo>]</mo></mrow>";

/// Focal loss.
pub const FOCAL: &str = "<mrow><mi>FL</mi><mo>=</mo><msub><mi>α</mi><mi>t</mi></msub><msup><mrow><mo>(</mo><mn>1</mn><mo>−</mo><msub><mi>p</mi><mi>t</mi></msub><mo>)</mo></mrow><mi>γ</mi></msup><mi>CE</mi></mrow>";

/// p_t and alpha_t, by class.
pub const P_T: &str = "<mrow><msub><mi>p</mi><mi>t</mi></msub><mo>=</mo><mrow><mo>{</mo><mtable><mtr><mtd><mi>p</mi></mtd><mtd><mtext>for a positive</mtext></mtd></mtr><mtr><mtd><mn>1</mn><mo>−</mo><mi>p</mi></mtd><mtd><mtext>for a negative</mtext></mtd></mtr></mtable></mrow></mrow>";

/// alpha_t, by class.
pub const ALPHA_T: &str = "<mrow><msub><mi>α</mi><mi>t</mi></msub><mo>=</mo><mrow><mo>{</mo><mtable><mtr><mtd><mi>α</mi></mtd><mtd><mtext>for a positive</mtext></mtd></mtr><mtr><mtd><mn>1</mn><mo>−</mo><mi>α</mi></mtd><mtd><mtext>for a negative</mtext></mtd></mtr></mtable></mrow></mrow>";

/// The mean of a loss over a validation set with r negatives per positive.
pub const MIX: &str = "<mrow><mtext>mean</mtext><mo>=</mo><mfrac><mrow><mi>r</mi><mo>·</mo><msub><mover><mi>L</mi><mo>‾</mo></mover><mn>0</mn></msub><mo>+</mo><msub><mover><mi>L</mi><mo>‾</mo></mover><mn>1</mn></msub></mrow><mrow><mi>r</mi><mo>+</mo><mn>1</mn></mrow></mfrac></mrow>";

/// Precision at r negatives per positive, from the two rates.
pub const PRECISION: &str = "<mrow><mtext>precision</mtext><mo>=</mo><mfrac><mtext>TPR</mtext><mrow><mtext>TPR</mtext><mo>+</mo><mi>r</mi><mo>·</mo><mtext>FPR</mtext></mrow></mfrac></mrow>";
