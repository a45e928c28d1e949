//! The decision panel's work (SPEC section 8), done in the worker and sent back as finished
//! HTML: the cost curve, the metrics at the deployment prevalence, calibration, intervals and
//! the code. The page uses only the job, the answer and their wire form; the work (`Decider`)
//! is reached from `js::receive` alone, never from `serve`, so only the worker's module carries
//! its maths, charts and text.
//!
//! What depends on the scores alone (their runs, calibration, the bootstrap) is kept while
//! the judged model's scores stay the same, so a cost or the threshold moved costs one pass
//! over the runs; the bootstrap runs in slices between messages (`Decider::advance`, then `again` to send the panel).

use std::fmt::Write;

use crate::charts::decision::{CostChart, draw_cost_curve, draw_reliability};
use crate::charts::estimated::to_svg_estimated;
use crate::charts::{ChartStyle, Theme};
use crate::format::{escape_html, exact, grouped, metric, number, table_html};
use crate::page::{DecisionSettings, Judge, TrainingSettings, Undo};
use crate::sim::decision::{
    AtDeployment, Bootstrap, Calibration, CostCurve, Costs, MIN_COUNT, OddsShift, RateIntervals,
    Runs, Share, calibration_json, decision_json, intervals_json,
};
use crate::sim::engine::{ModelId, Reader, Request};
use crate::sim::generator::ClassScores;
use crate::sim::ranking::Ranking;
use crate::sim::training::{Binormal, LossParams, Sample, fit_population};
use crate::sim::{Class, ClassLoss, Confusion, LossKind, Metric, Undefined};

/// Resamples of the bootstrap (SPEC 8).
pub const RESAMPLES: usize = 1_000;
/// Points of the cost curve.
const POINTS: usize = 201;

/// What the page asks the decision panel for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DecideJob {
    /// The job's number: a reply names it.
    pub id: u32,
    /// The page's request: its data, scenario (threshold, loss settings) and model B.
    pub request: Request,
    /// Costs, prevalence, undone weight and judged model.
    pub settings: DecisionSettings,
    /// The training view's sample, for a trained model.
    pub training: TrainingSettings,
    /// Whether the charts are drawn for a dark page.
    pub dark: bool,
    /// The panel's width in CSS pixels (0: unknown), so a chart's text keeps its size on a
    /// phone.
    pub width: u32,
    /// Whether the panel is on screen: the bootstrap (seconds of work at a million samples)
    /// starts only once it is.
    pub seen: bool,
}

/// The tag of a decision job on the wire (after the other messages' tags).
pub const DECIDE: f64 = 16.0;
/// The tag of its reply.
pub const DECIDED: f64 = 17.0;
const REQUEST_LEN: usize = Request::WIRE_LEN;

impl DecideJob {
    /// The job as numbers.
    pub fn encode(&self) -> Vec<f64> {
        let d = &self.settings;
        let (undo, amount) = match d.undo {
            Undo::Nothing => (0.0, 0.0),
            Undo::PosWeight(w) => (1.0, w),
            Undo::Undersampled(r) => (2.0, r),
        };
        let judge = Judge::ALL.iter().position(|j| *j == d.judge).unwrap_or(0);
        let mut out = vec![DECIDE, f64::from(self.id)];
        out.extend(self.request.encode());
        out.extend([
            d.cost_fp,
            d.cost_fn,
            d.reward_tp,
            d.prevalence.unwrap_or(-1.0),
            undo,
            amount,
            judge as f64,
            self.training.sep,
            f64::from(self.training.rows),
            f64::from(u8::from(self.dark)),
            f64::from(self.width),
            f64::from(u8::from(self.seen)),
        ]);
        out
    }

    /// The job back from `encode`'s numbers; `None` for anything else.
    pub fn decode(v: &[f64]) -> Option<Self> {
        let (&tag, rest) = v.split_first()?;
        if tag != DECIDE || rest.len() < 1 + REQUEST_LEN {
            return None;
        }
        let mut r = Reader::new(&rest[..1]);
        let id = r.count()?;
        let request = Request::decode(&rest[1..=REQUEST_LEN])?;
        let mut r = Reader::new(&rest[1 + REQUEST_LEN..]);
        let (cost_fp, cost_fn, reward_tp) = (r.real()?, r.real()?, r.real()?);
        let prevalence = r.real()?;
        let (undo, amount) = (r.count()?, r.real()?);
        let judge = *Judge::ALL.get(r.count()? as usize)?;
        let settings = DecisionSettings {
            cost_fp,
            cost_fn,
            reward_tp,
            prevalence: (prevalence >= 0.0).then_some(prevalence),
            undo: match undo {
                0 => Undo::Nothing,
                1 => Undo::PosWeight(amount),
                2 => Undo::Undersampled(amount),
                _ => return None,
            },
            judge,
        };
        let training = TrainingSettings {
            sep: r.real()?,
            rows: r.count()?,
        };
        let dark = r.count()? == 1;
        let width = r.count()?;
        let seen = r.count()? == 1;
        r.end(DecideJob {
            seen,
            id,
            request,
            settings,
            training,
            dark,
            width,
        })
    }
}

/// The panel's parts, in the order `Decided::sections` holds them.
pub const SECTIONS: usize = 10;
/// The panel's body: its fields, headings and empty boxes (`body_html`), written once.
pub const BODY: usize = 0;
/// The costs box.
pub const COSTS: usize = 1;
/// The prevalence box.
pub const PREVALENCE: usize = 2;
/// The calibration box.
pub const CALIBRATION: usize = 3;
/// The uncertainty box.
pub const UNCERTAINTY: usize = 4;
/// The results file's `decision`, `calibration` and `intervals` objects, joined by
/// `SNIPPET_BREAK` (empty when there are none).
pub const JSON: usize = 5;
/// The first of the three snippets (numpy + scikit-learn, Keras, PyTorch).
pub const CODE: usize = 6;
/// A sentence for screen readers, written into a live region that stays in place: what the
/// least cost is and where (it changes when the costs or the data do, not on every input).
pub const STATUS: usize = 9;
/// What separates the results file's three objects in their section.
pub const SNIPPET_BREAK: char = '\u{1}';
/// Where the page puts each section: the element's id ("": the panel's own box, for the body;
/// "-": nowhere) and whether it is HTML (else text).
pub const TARGETS: [(&str, bool); SECTIONS] = [
    ("", true),
    ("d-part0", true),
    ("d-part1", true),
    ("d-part2", true),
    ("d-part3", true),
    ("-", false),
    ("d-code0", false),
    ("d-code1", false),
    ("d-code2", false),
    ("d-status", false),
];

/// The decision panel's answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Decided {
    /// The job it answers.
    pub id: u32,
    /// The least-cost threshold, if there is one to move the page's threshold to.
    pub best: Option<f64>,
    /// Bootstrap resamples done, and asked for.
    pub resamples: [u32; 2],
    /// The body, the boxes' HTML, the results file's objects and the snippets (`TARGETS`).
    pub sections: [String; SECTIONS],
}

impl Decided {
    /// The reply as numbers and bytes (the sections' text, separated by NUL).
    pub fn encode(&self) -> (Vec<f64>, Vec<u8>) {
        let numbers = vec![
            DECIDED,
            f64::from(self.id),
            self.best.unwrap_or(-1.0),
            f64::from(self.resamples[0]),
            f64::from(self.resamples[1]),
        ];
        (numbers, self.sections.join("\0").into_bytes())
    }

    /// The reply back from `encode`'s parts.
    pub fn decode(v: &[f64], bytes: Vec<u8>) -> Option<Self> {
        let [tag, id, best, done, target] = *v else {
            return None;
        };
        let counts = [id, done, target];
        let mut r = Reader::new(&counts);
        let (id, done, target) = (r.count()?, r.count()?, r.count()?);
        let text = String::from_utf8(bytes).ok()?;
        let parts: Vec<String> = text.split('\0').map(String::from).collect();
        (tag == DECIDED).then_some(())?;
        Some(Decided {
            id,
            best: (best >= 0.0 && best.is_finite()).then_some(best),
            resamples: [done, target],
            sections: parts.try_into().ok()?,
        })
    }
}

/// The judged model's scores and what depends on them alone.
struct Prepared {
    /// What identifies the scores: the job's fields they depend on.
    key: Vec<f64>,
    /// Where the scores come from, in a sentence.
    source: String,
    neg: ClassScores,
    pos: ClassScores,
    runs: Runs,
    calibration: Calibration,
    /// BCE's mean, Keras-clipped: the log loss.
    log_loss: Metric,
    ranking: Ranking,
    /// `None` until a job from a panel on screen asks for it.
    bootstrap: Option<Result<Bootstrap, Undefined>>,
}

/// The worker's decision state: the prepared scores, the last job, and the bootstrap.
#[derive(Default)]
pub struct Decider {
    prepared: Option<Prepared>,
    /// The calibration of the scores with a training weight undone, and its key.
    undone: Option<(Vec<f64>, Calibration)>,
    last: Option<DecideJob>,
}

/// The fields of a job that its judged model's scores depend on.
fn source_key(job: &DecideJob) -> Vec<f64> {
    let mut r = job.request;
    let s = &mut r.scenario;
    s.threshold = 0.0;
    let judge = Judge::ALL.iter().position(|j| *j == job.settings.judge);
    let mut key = vec![judge.unwrap_or(0) as f64];
    match job.settings.judge {
        Judge::A | Judge::B => {
            (s.alpha, s.gamma, s.pos_weight) = (0.0, 0.0, 0.0);
            if job.settings.judge == Judge::A {
                r.rival = [0.0; 2];
            }
        }
        Judge::Trained(_) => {
            (s.acc0, s.acc1, r.rival) = (0.0, 0.0, [0.0; 2]);
            key.extend([job.training.sep, f64::from(job.training.rows)]);
        }
    }
    key.extend(r.encode());
    key
}

/// The judged model's scores, `[negatives, positives]`, and a sentence on where they come
/// from; `Err` says why there are none.
fn scores(
    engine: &mut crate::sim::engine::Engine,
    job: &DecideJob,
) -> Result<([ClassScores; 2], String), String> {
    let r = &job.request;
    let model = match job.settings.judge {
        Judge::A => ModelId::A,
        Judge::B => ModelId::B,
        Judge::Trained(kind) => return trained(job, kind),
    };
    let from = if r.data == crate::sim::engine::SYNTHETIC {
        "the scenario's synthetic scores"
    } else {
        "the imported scores"
    };
    let name = if model == ModelId::A { "A" } else { "B" };
    engine
        .scores(r, model)
        .map(|s| (s, format!("Model {name}, on {from}")))
        .ok_or_else(|| "The worker no longer holds the imported data set.".into())
}

/// The model `kind` trains on the population (SPEC 6), scored on the training view's sample.
fn trained(job: &DecideJob, kind: LossKind) -> Result<([ClassScores; 2], String), String> {
    let s = &job.request.scenario;
    let pop = Binormal::from_scenario(s, job.training.sep);
    let fit = fit_population(&pop, kind, &LossParams::from_scenario(s))
        .map_err(|why| format!("{} trains no model here: {}.", kind.name(), why.reason()))?;
    let sample = Sample::generate(&pop, job.training.rows, s.seed);
    let model = fit.model;
    let classes = [Class::Negative, Class::Positive].map(|c| {
        let p = sample.x(c).iter().map(|&x| model.probability(x)).collect();
        ClassScores::from_scores(c, p)
    });
    let source = format!(
        "The model {} trains on the population (logit = {} x {}), scored on the training \
         view's sample of {} rows (separation {}, seed {}), not on the scenario's samples",
        kind.name(),
        number(model.w, 4),
        if model.b < 0.0 {
            format!("− {}", number(-model.b, 4))
        } else {
            format!("+ {}", number(model.b, 4))
        },
        grouped(sample.len() as u64),
        number(pop.d(), 3),
        s.seed
    );
    Ok((classes, source))
}

impl Decider {
    /// Answers a job: the panel as HTML. A job for scores other than the last one's starts
    /// their bootstrap afresh.
    pub fn decide(&mut self, engine: &mut crate::sim::engine::Engine, job: &DecideJob) -> Decided {
        let key = source_key(job);
        if self.prepared.as_ref().is_none_or(|p| p.key != key) {
            self.prepared = None;
            self.undone = None;
            match scores(engine, job) {
                Ok(([neg, pos], source)) => {
                    let runs = Runs::new(&neg, &pos);
                    let n = (neg.len() + pos.len()) as f64;
                    // The log loss is BCE's mean: the page's own sums (SPEC 2).
                    let ce = ClassLoss::new(&neg, 0.0).ce + ClassLoss::new(&pos, 0.0).ce;
                    self.prepared = Some(Prepared {
                        calibration: Calibration::new(&neg, &pos),
                        log_loss: if n > 0.0 {
                            Ok(ce / n)
                        } else {
                            Err(Undefined::NoSamples)
                        },
                        ranking: Ranking::new(&neg, &pos),
                        bootstrap: None,
                        key,
                        source,
                        neg,
                        pos,
                        runs,
                    });
                }
                Err(message) => {
                    self.last = None;
                    return failed(job.id, &message);
                }
            }
        }
        if job.seen
            && let Some(p) = &mut self.prepared
            && p.bootstrap.is_none()
        {
            p.bootstrap = Some(Bootstrap::new(
                &p.runs,
                job.request.scenario.seed,
                RESAMPLES,
            ));
        }
        self.last = Some(*job);
        self.render()
    }

    /// Whether the bootstrap has resamples left to do.
    pub fn busy(&self) -> bool {
        self.prepared
            .as_ref()
            .and_then(|p| p.bootstrap.as_ref())
            .is_some_and(|b| b.as_ref().is_ok_and(|b| !b.is_finished()))
    }

    /// Runs the bootstrap on until `more()` says stop (checked after each resample); whether
    /// it did any.
    pub fn advance(&mut self, mut more: impl FnMut() -> bool) -> bool {
        let Some(boot) = self
            .prepared
            .as_mut()
            .and_then(|p| p.bootstrap.as_mut())
            .and_then(|b| b.as_mut().ok())
        else {
            return false;
        };
        let mut did = false;
        while !boot.is_finished() && more() {
            boot.run(1);
            did = true;
        }
        did
    }

    /// The last job's panel again, with the intervals so far.
    pub fn again(&mut self) -> Option<Decided> {
        self.last.is_some().then(|| self.render())
    }

    /// The panel for the last job.
    fn render(&mut self) -> Decided {
        let job = self.last.expect("a job is being answered");
        let undo_shift = match job.settings.undo {
            Undo::Nothing => None,
            Undo::PosWeight(w) => OddsShift::undo_pos_weight(w),
            Undo::Undersampled(r) => OddsShift::undo_undersampling(r),
        };
        let p = self.prepared.as_ref().expect("scores are prepared");
        if let Some(shift) = undo_shift {
            let key = vec![shift.factor()];
            if self.undone.as_ref().is_none_or(|(k, _)| *k != key) {
                let map = |c: &ClassScores, class| {
                    let v = c.iter().map(|x| shift.apply(x).unwrap_or(x)).collect();
                    ClassScores::from_scores(class, v)
                };
                let cal =
                    Calibration::new(&map(&p.neg, Class::Negative), &map(&p.pos, Class::Positive));
                self.undone = Some((key, cal));
            }
        }
        let undone = undo_shift.and(self.undone.as_ref().map(|(_, c)| c));
        render(&job, p, undo_shift, undone)
    }
}

const JUDGES: [&str; 6] = [
    "model A",
    "model B",
    "trained with BCE",
    "trained with weighted BCE",
    "trained with α-balanced CE",
    "trained with focal loss",
];

/// The panel's body as HTML, written once by the page: the fields (kept in step with the page's
/// settings by the page), the boxes each answer fills, and the code.
pub fn body_html() -> String {
    let mut out = String::from(r#"<div class="decide-fields"><label>Judge <select id="d-judge">"#);
    for (j, name) in Judge::ALL.iter().zip(JUDGES) {
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
    super::words::decide_terms(&mut out);
    out += r#"<p id="d-status" class="visually-hidden" role="status"></p><h3>The same numbers in Python</h3><p class="explain">Each snippet reads the file of “Download predictions (CSV)”, model A's scores, and prints the page's numbers under the results file's keys: the numpy one every number of this panel for model A, the Keras and PyTorch ones the four losses as those frameworks compute them.</p>"#;
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
fn failed(id: u32, message: &str) -> Decided {
    let mut sections: [String; SECTIONS] = Default::default();
    sections[BODY] = body_html();
    sections[COSTS] = format!(r#"<p class="decide-message">{}</p>"#, escape_html(message));
    Decided {
        id,
        best: None,
        resamples: [0, 0],
        sections,
    }
}

/// A number for the panel's text: 4 significant digits, or why it is undefined.
fn m4(m: Metric) -> String {
    metric(m, 4)
}

/// A cost in a sentence: a whole or large one with its thousands grouped, the sign kept.
fn cost(v: f64) -> String {
    let text = if (v.abs() >= 1e4 || v.fract() == 0.0) && v.abs() < 1e15 {
        crate::format::whole(v.round())
    } else {
        number(v, 4)
    };
    // A minus sign in running text, as the page's other sentences write it.
    text.replace('-', "−")
}

/// An SVG chart made part of the page: drawn at the width it is shown at (so its text keeps
/// the page's chart text size), named for screen readers.
fn inline_svg(svg: &str, label: &str) -> String {
    svg.replacen(
        "<svg ",
        &format!(
            r#"<svg class="chart-svg" role="img" aria-label="{}" "#,
            escape_html(label)
        ),
        1,
    )
}

fn render(
    job: &DecideJob,
    p: &Prepared,
    undo: Option<OddsShift>,
    undone: Option<&Calibration>,
) -> Decided {
    let s = &job.request.scenario;
    let d = &job.settings;
    let style = ChartStyle {
        theme: if job.dark { Theme::Dark } else { Theme::Light },
        scale: 1.0,
    };
    let costs = Costs::new(d.cost_fp, d.cost_fn, d.reward_tp);
    let here = Confusion::at(&p.neg, &p.pos, s.threshold);
    let pi = crate::sim::decision::prevalence::validation(&here);
    let pi_d = d.prevalence.unwrap_or(pi);
    // At a deployment prevalence the counts are re-weighted as the prevalence box re-weights
    // them (each positive pi_d / pi, each negative (1 - pi_d) / (1 - pi)): the same as the
    // costs scaled, so the same search finds the threshold to ship.
    let deployed = d.prevalence.filter(|_| pi > 0.0 && pi < 1.0).map(|pi_d| {
        let (up, down) = (pi_d / pi, (1.0 - pi_d) / (1.0 - pi));
        Costs::new(d.cost_fp * down, d.cost_fn * up, d.reward_tp * up)
    });
    let shown_costs = deployed.unwrap_or(costs);
    let curve = CostCurve::new(&p.neg, &p.pos, &p.runs, &shown_costs, POINTS);
    let best = curve.best;
    let validated = match deployed {
        Some(_) => crate::sim::decision::best_threshold(&p.runs, &costs),
        None => best,
    };
    let at = AtDeployment::new(&here, pi_d);
    let rates = RateIntervals::new(&here);
    let boot = p.bootstrap.as_ref().and_then(|b| b.as_ref().ok());
    let interval = boot.and_then(Bootstrap::interval);
    let mut sections: [String; SECTIONS] = Default::default();
    sections[BODY] = body_html();

    // Costs.
    let out = &mut sections[COSTS];
    let counted = match deployed {
        Some(_) => format!(
            "Counted at the deployment prevalence, {} positive (each sample weighed as in the \
             table below). ",
            percent_share(pi_d)
        ),
        None => String::new(),
    };
    let _ = write!(
        out,
        r#"<p class="decide-source">{}.</p><p>{counted}At the page's threshold {}: total cost <strong>{}</strong>. The least cost, <strong>{}</strong>, is at threshold <strong class="best-threshold" data-exact="{}">{}</strong> (TP {}, FP {}, FN {}).</p>"#,
        escape_html(&p.source),
        number(s.threshold, 4),
        cost(shown_costs.of(&here)),
        cost(best.cost),
        exact(best.threshold),
        number(best.threshold, 4),
        grouped(best.confusion.tp),
        grouped(best.confusion.fp),
        grouped(best.confusion.fn_),
    );
    if deployed.is_some() {
        let _ = write!(
            out,
            "<p>On the validation set as it is, the least cost would be {} at threshold {}.</p>",
            cost(validated.cost),
            number(validated.threshold, 4)
        );
    }
    let chart = CostChart {
        points: curve.points.clone(),
        best: (best.threshold.min(1.0), best.cost),
        current: (s.threshold, shown_costs.of(&here)),
    };
    // As wide as the panel, up to 640 px: a chart shrunk to fit a phone would shrink its text.
    let fit = |most: u32| match job.width {
        0 => most,
        w => w.clamp(280, most),
    };
    let wide = fit(640);
    let svg = to_svg_estimated(wide, 280, &style, |a, st| draw_cost_curve(a, &chart, st));
    out.push_str(&inline_svg(
        &svg,
        &format!(
            "Total cost against the threshold; least cost {} at threshold {}",
            cost(best.cost),
            number(best.threshold, 4)
        ),
    ));

    // Deployment prevalence.
    let out = &mut sections[PREVALENCE];
    // At its own prevalence the re-weighting is the identity (each factor is x / x = 1).
    let val = AtDeployment::new(&here, pi);
    let rows: Vec<Vec<String>> = at
        .named()
        .iter()
        .zip(val.named())
        .map(|((name, dep), (_, v))| {
            // The page's names (the results file keeps its keys).
            let shown = match *name {
                "f1" => "F1".to_string(),
                "mcc" => "MCC".to_string(),
                other => other.replace('_', " "),
            };
            vec![shown, m4(v), m4(*dep)]
        })
        .collect();
    table_html(
        out,
        "numbers",
        "metrics at the validation and the deployment prevalence",
        &[
            format!("at threshold {}", number(s.threshold, 4)),
            format!("validation, {} positive", percent_share(pi)),
            format!("deployed, {} positive", percent_share(at.prevalence)),
        ],
        &rows,
        true,
    );
    if let Some(Ok(shift)) = d.prevalence.map(|_| OddsShift::prior(&here, pi_d)) {
        let _ = write!(
            out,
            "<p>If the scores are calibrated probabilities at the validation prevalence, at {} \
             positive they become p′ with odds(p′) = {} × odds(p). A threshold of {} on p′ is a \
             threshold of {} on the scores.</p>",
            percent_share(at.prevalence),
            number(shift.factor(), 4),
            number(s.threshold, 4),
            m4(shift.threshold_on_scores(s.threshold)),
        );
    }
    if let Some(shift) = undo {
        let what = match d.undo {
            Undo::PosWeight(w) => format!("trained with pos_weight {}", number(w, 4)),
            Undo::Undersampled(r) => {
                format!("trained with {} of the negatives kept", percent_share(r))
            }
            Undo::Nothing => String::new(),
        };
        let _ = write!(
            out,
            "<p>Undoing the training weight (a model {what}): odds(p′) = {} × odds(p); a score \
             of 0.5 means {}, and a threshold of {} on p′ is {} on the scores.</p>",
            number(shift.factor(), 4),
            m4(shift.apply(0.5)),
            number(s.threshold, 4),
            m4(shift.threshold_on_scores(s.threshold)),
        );
        // Both: the weight undone first (the scores become probabilities of the validation
        // set), then the prior moved to the deployment's. A threshold t on the result is
        // undo⁻¹(prior⁻¹(t)) on the scores.
        if let Some(Ok(prior)) = d.prevalence.map(|_| OddsShift::prior(&here, pi_d)) {
            let both = prior
                .threshold_on_scores(s.threshold)
                .and_then(|t| shift.threshold_on_scores(t));
            let _ = write!(
                out,
                "<p>Both together (the weight undone, then the prior moved to {} positive): a \
                 threshold of {} on the result is <strong>{}</strong> on the scores.</p>",
                percent_share(pi_d),
                number(s.threshold, 4),
                m4(both),
            );
        }
    }

    // Calibration.
    let out = &mut sections[CALIBRATION];
    let c = &p.calibration;
    let _ = write!(
        out,
        "<p>Brier score <strong>{}</strong>, expected calibration error (ECE, 15 bins) \
         <strong>{}</strong>, log loss <strong>{}</strong>.",
        m4(c.brier),
        m4(c.ece),
        m4(p.log_loss)
    );
    if let Some(u) = undone {
        let _ = write!(
            out,
            " With the training weight undone: Brier {}, ECE {}.",
            m4(u.brier),
            m4(u.ece)
        );
    }
    out.push_str("</p>");
    let square = fit(420);
    let svg = to_svg_estimated(square, square * 4 / 5, &style, |a, st| {
        draw_reliability(a, &c.bins, undone.map(|u| &u.bins), st)
    });
    out.push_str(&inline_svg(
        &svg,
        &format!(
            "Reliability diagram: share of positives against mean predicted probability in 15 \
             bins; ECE {}",
            m4(c.ece)
        ),
    ));
    let rows: Vec<Vec<String>> = c
        .bins
        .iter()
        .filter(|b| b.count > 0)
        .map(|b| {
            vec![
                format!("{} – {}", number(b.lo, 3), number(b.hi, 3)),
                grouped(b.count),
                m4(b.mean_p),
                m4(b.fraction_positive),
            ]
        })
        .collect();
    out.push_str("<details><summary>Reliability diagram as a table</summary>");
    table_html(
        out,
        "data",
        "reliability diagram",
        &[
            "bin of p".into(),
            "samples".into(),
            "mean p".into(),
            "share positive".into(),
        ],
        &rows,
        true,
    );
    out.push_str("</details>");

    // Uncertainty.
    let out = &mut sections[UNCERTAINTY];
    let share = |name: &str, r: &Result<Share, Undefined>| match r {
        Ok(sh) => vec![
            name.into(),
            number(sh.estimate, 4),
            format!(
                "{} to {}",
                number(sh.interval.lo, 4),
                number(sh.interval.hi, 4)
            ),
        ],
        Err(why) => vec![
            name.into(),
            format!("undefined: {}", why.reason()),
            "–".into(),
        ],
    };
    let done = boot.map_or(0, Bootstrap::done);
    let boot_row = |name: &str, v: Metric, i: Option<crate::sim::generator::Interval>| {
        vec![
            name.into(),
            m4(v),
            match (v, i) {
                (Err(_), _) => "–".into(),
                (_, Some(i)) => format!("{} to {}", number(i.lo, 4), number(i.hi, 4)),
                (_, None) if boot.is_some() => "computing…".into(),
                (_, None) => "–".into(),
            },
        ]
    };
    let rows = vec![
        share("recall", &rates.recall),
        share("precision", &rates.precision),
        share("specificity", &rates.specificity),
        boot_row("ROC AUC", p.ranking.roc_auc, interval.map(|i| i.roc_auc)),
        boot_row(
            "average precision",
            p.ranking.average_precision,
            interval.map(|i| i.average_precision),
        ),
    ];
    table_html(
        out,
        "numbers",
        "95 % intervals",
        &["metric".into(), "value".into(), "95 % interval".into()],
        &rows,
        true,
    );
    let of = |r: &Result<Share, Undefined>| {
        r.as_ref().map_or("–".into(), |sh| {
            format!("{} of {}", grouped(sh.k), grouped(sh.n))
        })
    };
    let _ = write!(
        out,
        "<p>Recall ({}), precision ({}) and specificity ({}): Wilson score intervals. ROC AUC \
         and average precision: {}.</p>",
        of(&rates.recall),
        of(&rates.precision),
        of(&rates.specificity),
        match &p.bootstrap {
            None => "a bootstrap that starts once this panel is on screen".into(),
            Some(Ok(_)) => format!(
                "the 2.5 and 97.5 percentiles of a bootstrap that resamples each class on its own \
                 (seed {}), {} of {} resamples done",
                s.seed,
                grouped(done as u64),
                grouped(RESAMPLES as u64)
            ),
            Some(Err(why)) => format!("no bootstrap, {}", why.reason()),
        }
    );
    let mut warnings = Vec::new();
    for (name, r) in [
        ("recall", &rates.recall),
        ("precision", &rates.precision),
        ("specificity", &rates.specificity),
    ] {
        if let Ok(sh) = r
            && sh.support().too_small()
        {
            let few = if sh.n < MIN_COUNT {
                format!(
                    "rests on {} samples and its 95 % interval is {} wide",
                    sh.n,
                    number(sh.support().width(), 2)
                )
            } else {
                format!(
                    "has a 95 % interval {} wide",
                    number(sh.support().width(), 2)
                )
            };
            warnings.push(format!(
                "{name} {few}: two models whose {name} differs by less than that cannot be told \
                 apart on this data"
            ));
        }
    }
    if !warnings.is_empty() {
        let _ = write!(
            out,
            r#"<p class="decide-warning">Too little data to lean on: {}.</p>"#,
            escape_html(&warnings.join("; "))
        );
    }

    sections[STATUS] = format!(
        "Least cost {} at threshold {}.",
        cost(best.cost),
        number(best.threshold, 4)
    );
    // Which model the objects describe (an addition to SPEC 8): the file's `metrics` are
    // always model A's.
    let decision = decision_json(&costs, &validated, &at);
    // Additions: the judged model, and with a deployment prevalence the threshold to ship there.
    let shipped = match deployed {
        Some(_) => format!(
            r#""best_threshold_at_deployment": {}, "best_cost_at_deployment": {}, "#,
            exact(best.threshold),
            exact(best.cost)
        ),
        None => String::new(),
    };
    let decision = format!(
        "{{ \"judge\": \"{}\", {shipped}{}",
        d.judge.key(),
        decision.strip_prefix("{ ").unwrap_or(&decision)
    );
    sections[JSON] = [
        decision,
        calibration_json(c),
        intervals_json(&rates, interval.as_ref()),
    ]
    .join(&SNIPPET_BREAK.to_string());
    let [numpy, keras, torch] = super::snippets::snippets(s, d);
    [sections[CODE], sections[CODE + 1], sections[CODE + 2]] = [numpy, keras, torch];
    Decided {
        id: job.id,
        best: Some(best.threshold),
        resamples: [done as u32, boot.map_or(0, |_| RESAMPLES as u32)],
        sections,
    }
}

/// A share as a percentage for a sentence.
fn percent_share(v: f64) -> String {
    format!("{} %", number(100.0 * v, 3))
}
