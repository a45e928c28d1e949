//! The panel's body, written once by the page: its fields, headings, empty boxes and code
//! boxes; and the answer that says why there is nothing to put in them.

use super::{BODY, COSTS, Decided, SECTIONS};
use crate::format::escape_html;
use crate::state::Judge;

/// The panel's body as HTML, written once by the page: the fields (kept in step with the page's
/// settings by the page), the boxes each answer fills, and the code.
pub fn body_html() -> String {
    let mut out = String::from(r#"<div class="decide-fields"><label>Judge <select id="d-judge">"#);
    // Every loss's model (the body is written once: the reader's pick of losses may change).
    for j in Judge::ALL {
        let name = match j {
            Judge::A => "model A".to_string(),
            Judge::B => "model B".to_string(),
            Judge::Trained(k) => format!("trained with {}", k.text().in_prose),
        };
        out += &format!(r#"<option value="{}">{name}</option>"#, j.key());
    }
    out += "</select></label>";
    for (id, label, max, hint) in [
        ("cfp", "cost of a false positive", "1000000", ""),
        ("cfn", "cost of a false negative", "1000000", ""),
        ("rtp", "reward of a true positive", "1000000", ""),
        (
            "prev",
            "deployment prevalence (share of positives, 0 to 1)",
            "1",
            r#" placeholder="as validated""#,
        ),
    ] {
        out += &format!(
            r#"<label>{label} <input id="d-{id}" class="value" type="number" min="0" max="{max}" step="any"{hint}></label>"#
        );
    }
    out += r#"<label>undo a training weight <select id="d-undo"><option value="none">none</option><option value="pw">pos_weight</option><option value="neg">negatives undersampled</option></select></label><label id="d-amount-label">pos_weight, or share of negatives kept <input id="d-amount" class="value" type="number" min="0" step="any"></label></div>"#;
    for (i, title) in [
        "What the errors cost",
        "At the deployment prevalence",
        "Calibration",
        "How sure: 95 % intervals",
    ]
    .iter()
    .enumerate()
    {
        out += &format!(r#"<h3>{title}</h3><div class="decide-part" id="d-part{i}"></div>"#);
        if i == 0 {
            out +=
                r#"<button type="button" id="d-best" data-act="best">Use this threshold</button>"#;
        }
    }
    crate::features::decide::words::decide_terms(&mut out);
    out += r#"<p id="d-status" class="visually-hidden" role="status"></p><h3>The same numbers in Python</h3><p class="explain">Each snippet reads the judged model's labels and scores, by their columns' names, from the file “Download predictions (CSV)” saves (it holds every model the page has: model A, model B, and the trained model judged here), and prints that model's numbers under the results file's keys: the numpy one every number of this panel, the Keras and PyTorch ones the losses as those frameworks compute them.</p>"#;
    for (i, name) in ["numpy + scikit-learn", "Keras", "PyTorch"]
        .iter()
        .enumerate()
    {
        out += &format!(
            r#"<details class="code"><summary>{name}</summary><button type="button" data-act="copy{i}" aria-label="Copy the {name} snippet">Copy</button><pre><code id="d-code{i}"></code></pre></details>"#
        );
    }
    out
}

/// A reply that says why the panel has nothing to show.
pub(super) fn failed(id: u32, message: &str) -> Decided {
    let mut sections: [String; SECTIONS] = Default::default();
    sections[BODY] = body_html();
    sections[COSTS] = format!(r#"<p class="decide-message">{}</p>"#, escape_html(message));
    Decided {
        id,
        best: None,
        resamples: [0, 0],
        judged: None,
        sections,
    }
}
