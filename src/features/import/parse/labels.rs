//! Label values, the vocabularies recognised without asking, and the mapping from a label
//! value to a class.

use crate::sim::Class;

use super::scores::number;

/// The pairs of label values recognised without asking, positive first. Text matches in any
/// case; numbers match in any spelling (`1`, `1.0`, `+1`, `1e0`).
pub const VOCABULARIES: [(&str, &str); 6] = [
    ("1", "0"),
    ("1", "-1"),
    ("true", "false"),
    ("yes", "no"),
    ("pos", "neg"),
    ("positive", "negative"),
];

/// Header names that mark the label column, compared in any case.
const LABEL_NAMES: [&str; 11] = [
    "label",
    "labels",
    "y",
    "y_true",
    "target",
    "class",
    "truth",
    "ground_truth",
    "actual",
    "outcome",
    "true_label",
];

/// Whether a header name marks the label column.
pub fn is_label_name(name: &str) -> bool {
    LABEL_NAMES
        .iter()
        .any(|n| n.eq_ignore_ascii_case(name.trim()))
}

/// One label value: as the file spells it (trimmed), and its numeric value if it is a number,
/// so that `1` and `1.0` are the same label and `True` and `true` too.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// The value as written (trimmed), for messages.
    pub text: String,
    number: Option<f64>,
}

impl Label {
    /// A label value from its text.
    pub fn new(text: &str) -> Self {
        let text = text.trim();
        Label {
            text: text.to_string(),
            number: number(text.as_bytes(), false).ok(),
        }
    }

    /// Whether a field holds this label value.
    pub fn matches(&self, field: &[u8]) -> bool {
        let field = field.trim_ascii();
        // The common case, the same spelling, costs one comparison.
        if field == self.text.as_bytes() {
            return true;
        }
        match self.number {
            Some(v) => number(field, false) == Ok(v),
            None => field.eq_ignore_ascii_case(self.text.as_bytes()),
        }
    }

    /// Whether two label values are the same label.
    pub fn same(&self, other: &Label) -> bool {
        self.matches(other.text.as_bytes())
    }
}

/// Which label values are positive and which negative.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelMap {
    /// The positive class's value.
    pub positive: Label,
    /// The negative class's value; `None`: every other value is negative (one class against
    /// the rest, for a label column with more than two values).
    pub negative: Option<Label>,
}

impl LabelMap {
    /// A vocabulary pair's mapping.
    pub fn pair(positive: &str, negative: &str) -> Self {
        LabelMap {
            positive: Label::new(positive),
            negative: Some(Label::new(negative)),
        }
    }

    /// The class of a (non-empty) label field, or `None` if the mapping has no place for it.
    pub fn class(&self, field: &[u8]) -> Option<Class> {
        let field = field.trim_ascii();
        match &self.negative {
            // Spellings first: the usual case is one comparison each, no number parsed.
            Some(n) if field == n.text.as_bytes() => Some(Class::Negative),
            _ if self.positive.matches(field) => Some(Class::Positive),
            Some(n) if n.matches(field) => Some(Class::Negative),
            Some(_) => None,
            None => Some(Class::Negative),
        }
    }

    /// The mapping in words, for messages: `1 is positive, 0 negative`.
    pub fn describe(&self) -> String {
        match &self.negative {
            Some(n) => format!("{} is positive, {} negative", self.positive.text, n.text),
            None => format!(
                "{} is positive, every other value negative",
                self.positive.text
            ),
        }
    }
}
