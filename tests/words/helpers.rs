//! The jobs the tests ask for, and reading their words back as text and numbers.

use imbalance_lab::features::words::{Words, WordsJob, write_words};
use imbalance_lab::sim::Scenario;
use imbalance_lab::sim::engine::{Engine, Request};
use imbalance_lab::sim::loss::Shown;

pub fn scenario(neg: u32, pos: u32) -> Scenario {
    Scenario {
        neg,
        pos,
        seed: 5,
        ..Scenario::default()
    }
}

pub fn job(s: Scenario, story: u32) -> WordsJob {
    WordsJob {
        id: 3,
        request: Request::synthetic(s, [0.98, 0.9]),
        point: 0.9,
        story,
        embed: false,
        costs: [1.0, 20.0, 0.0],
        shown: Shown::default(),
        sep: 2.0,
    }
}

pub fn words(s: Scenario, story: u32) -> Words {
    write_words(&mut Engine::new(), &job(s, story))
}

/// The text of some HTML: tags dropped (a table's cells kept apart), entities kept as they are.
pub fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let html = html.replace("</td>", " </td>").replace("</th>", " </th>");
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The number that follows `before` in `text`.
pub fn after(text: &str, before: &str) -> f64 {
    let at = text
        .find(before)
        .unwrap_or_else(|| panic!("{before:?} in {text}"))
        + before.len();
    let rest = text[at..].trim_start();
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == ','))
        .unwrap_or(rest.len());
    rest[..end]
        .trim_end_matches(['.', ','])
        .replace(',', "")
        .parse()
        .unwrap_or_else(|_| panic!("a number after {before:?} in {text}"))
}
