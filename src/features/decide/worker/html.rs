//! The panel's boxes as HTML: the sentences and tables of the costs, the deployment
//! prevalence, calibration and the 95 % intervals, and the status line. (The charts beside
//! them are `svg`'s.)

use std::fmt::Write;

use super::{DecideJob, Numbers, Prepared, RESAMPLES};
use crate::format::{Notes, escape_html, exact, grouped, metric, number, table_html};
use crate::sim::decision::{AtDeployment, Calibration, MIN_COUNT, OddsShift, RateIntervals, Share};
use crate::sim::generator::Interval;
use crate::sim::{Metric, Undefined};
use crate::state::Undo;

/// The costs box's sentences: where the scores come from, the cost at the page's threshold and
/// the least cost; at a deployment prevalence, also the validation set's own least cost.
pub(super) fn costs(job: &DecideJob, p: &Prepared, n: &Numbers) -> String {
    let s = &job.request.scenario;
    let best = &n.best;
    let mut out = String::new();
    let counted = match n.deployed {
        Some(_) => format!(
            "Counted at the deployment prevalence, {} positive (each sample weighed as in the \
             table below). ",
            percent_share(n.pi_d)
        ),
        None => String::new(),
    };
    let _ = write!(
        out,
        r#"<p class="decide-source">{}.</p><p>{counted}At the page's threshold {}: total cost <strong>{}</strong>. The least cost, <strong>{}</strong>, is at threshold <strong class="best-threshold" data-exact="{}">{}</strong> (TP {}, FP {}, FN {}).</p>"#,
        escape_html(&p.source),
        number(s.threshold, 4),
        cost(n.shown_costs.of(&n.here)),
        cost(best.cost),
        exact(best.threshold),
        number(best.threshold, 4),
        grouped(best.confusion.tp),
        grouped(best.confusion.fp),
        grouped(best.confusion.fn_),
    );
    if n.deployed.is_some() {
        let _ = write!(
            out,
            "<p>On the validation set as it is, the least cost would be {} at threshold {}.</p>",
            cost(n.validated.cost),
            number(n.validated.threshold, 4)
        );
    }
    out
}

/// The prevalence box: the metrics at the validation and the deployment prevalence, what the
/// deployment prevalence does to calibrated scores, and what undoing a training weight does.
pub(super) fn prevalence(job: &DecideJob, n: &Numbers, undo: Option<OddsShift>) -> String {
    let s = &job.request.scenario;
    let mut out = String::new();
    // At its own prevalence the re-weighting is the identity (each factor is x / x = 1).
    let val = AtDeployment::new(&n.here, n.pi);
    let pairs: Vec<_> = n.at.named().into_iter().zip(val.named()).collect();
    let notes = Notes::of(pairs.iter().flat_map(|((_, dep), (_, v))| [*v, *dep]));
    let rows: Vec<Vec<String>> = pairs
        .iter()
        .map(|((name, dep), (_, v))| {
            // The page's names (the results file keeps its keys).
            let shown = match *name {
                "f1" => "F1".to_string(),
                "mcc" => "MCC".to_string(),
                other => other.replace('_', " "),
            };
            vec![shown, notes.cell(*v, 4), notes.cell(*dep, 4)]
        })
        .collect();
    table_html(
        &mut out,
        "numbers",
        "metrics at the validation and the deployment prevalence",
        &[
            format!(
                "{} at threshold {}",
                job.settings.judge.label(),
                number(s.threshold, 4)
            ),
            format!("validation, {} positive", percent_share(n.pi)),
            format!("deployed, {} positive", percent_share(n.at.prevalence)),
        ],
        &rows,
        true,
    );
    out += &notes.html();
    if let Some(Ok(shift)) = prior(job, n) {
        let _ = write!(
            out,
            "<p>If the scores are <dfn>calibrated</dfn> probabilities at the validation \
             prevalence (among the samples scored p, a share p are positive), at {} positive \
             they become p′ with odds(p′) = {} × odds(p){ODDS}. This is a <dfn>prior \
             correction</dfn>: the odds multiplied by the deployment's odds of a positive over \
             the validation set's. A threshold of {} on p′ is a threshold of {} on the \
             scores.</p>",
            percent_share(n.at.prevalence),
            number(shift.factor(), 4),
            number(s.threshold, 4),
            m4(shift.threshold_on_scores(s.threshold)),
        );
    }
    if let Some(shift) = undo {
        weight_undone(&mut out, job, n, shift);
    }
    out
}

/// What odds are, said in the first sentence that uses them.
const ODDS: &str = ", where <dfn>odds</dfn>(p) = p / (1 − p)";

/// The prior moved to the deployment prevalence, if one is set.
fn prior(job: &DecideJob, n: &Numbers) -> Option<Result<OddsShift, Undefined>> {
    job.settings
        .prevalence
        .map(|_| OddsShift::prior(&n.here, n.pi_d))
}

/// What undoing the training weight `shift` does to the scores and the threshold, alone and
/// with the prior moved to the deployment prevalence.
fn weight_undone(out: &mut String, job: &DecideJob, n: &Numbers, shift: OddsShift) {
    let s = &job.request.scenario;
    let what = match job.settings.undo {
        Undo::PosWeight(w) => format!("trained with pos_weight {}", number(w, 4)),
        Undo::Undersampled(r) => {
            format!("trained with {} of the negatives kept", percent_share(r))
        }
        Undo::Nothing => String::new(),
    };
    // The prevalence's sentence, when there is one, came first and said what odds are.
    let odds = match prior(job, n) {
        Some(Ok(_)) => "",
        _ => ODDS,
    };
    let _ = write!(
        out,
        "<p>Undoing the training weight (a model {what}): odds(p′) = {} × odds(p){odds}; a \
         score of 0.5 means {}, and a threshold of {} on p′ is {} on the scores.</p>",
        number(shift.factor(), 4),
        m4(shift.apply(0.5)),
        number(s.threshold, 4),
        m4(shift.threshold_on_scores(s.threshold)),
    );
    // Both: the weight undone first (the scores become probabilities of the validation
    // set), then the prior moved to the deployment's. A threshold t on the result is
    // undo⁻¹(prior⁻¹(t)) on the scores.
    if let Some(Ok(prior)) = prior(job, n) {
        let both = prior
            .threshold_on_scores(s.threshold)
            .and_then(|t| shift.threshold_on_scores(t));
        let _ = write!(
            out,
            "<p>Both together (the weight undone, then the prior moved to {} positive): a \
             threshold of {} on the result is <strong>{}</strong> on the scores.</p>",
            percent_share(n.pi_d),
            number(s.threshold, 4),
            m4(both),
        );
    }
}

/// The calibration box's sentence: Brier score, ECE and log loss, and the first two with the
/// training weight undone.
pub(super) fn calibration(p: &Prepared, undone: Option<&Calibration>) -> String {
    let mut out = String::new();
    let c = &p.calibration;
    let _ = write!(
        out,
        "<p>Scores are <dfn>calibrated</dfn> when they can be read as probabilities: among the \
         samples scored p, a share p are positive. Brier score <strong>{}</strong>, expected calibration error (ECE, 15 bins) \
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
    out
}

/// The reliability diagram of the judged model's scores as a table, folded away.
pub(super) fn reliability_table(job: &DecideJob, c: &Calibration) -> String {
    let mut out = String::new();
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
        &mut out,
        "data",
        &format!("reliability diagram of {}", job.settings.judge.label()),
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
    out
}

/// The uncertainty box: the intervals' table, how they were found, and a warning where a rate
/// rests on too little data.
pub(super) fn uncertainty(job: &DecideJob, p: &Prepared, n: &Numbers) -> String {
    let mut out = String::new();
    intervals_table(&mut out, job, p, n);
    intervals_sentence(&mut out, job, p, n);
    too_little_data(&mut out, &n.rates);
    out
}

/// The rates with their Wilson intervals, the ranking metrics with the bootstrap's.
fn intervals_table(out: &mut String, job: &DecideJob, p: &Prepared, n: &Numbers) {
    let rates = &n.rates;
    let estimate = |r: &Result<Share, Undefined>| r.as_ref().map(|sh| sh.estimate).map_err(|w| *w);
    let rankings = [p.ranking.roc_auc, p.ranking.average_precision];
    let notes = Notes::of(
        [&rates.recall, &rates.precision, &rates.specificity]
            .map(estimate)
            .into_iter()
            .chain(rankings),
    );
    let share = |name: &str, r: &Result<Share, Undefined>| {
        vec![
            name.into(),
            notes.cell(estimate(r), 4),
            r.as_ref().map_or("–".into(), |sh| {
                format!(
                    "{} to {}",
                    number(sh.interval.lo, 4),
                    number(sh.interval.hi, 4)
                )
            }),
        ]
    };
    let boot_row = |name: &str, v: Metric, i: Option<Interval>| {
        vec![
            name.into(),
            notes.cell(v, 4),
            match (v, i) {
                (Err(_), _) => "–".into(),
                (_, Some(i)) => format!("{} to {}", number(i.lo, 4), number(i.hi, 4)),
                (_, None) if n.boot.is_some() => "computing…".into(),
                (_, None) => "–".into(),
            },
        ]
    };
    let interval = n.interval;
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
        &[
            "metric".into(),
            job.settings.judge.label(),
            "95 % interval".into(),
        ],
        &rows,
        true,
    );
    out.push_str(&notes.html());
}

/// How the intervals were found: the counts behind each rate, and the bootstrap's progress.
fn intervals_sentence(out: &mut String, job: &DecideJob, p: &Prepared, n: &Numbers) {
    let of = |r: &Result<Share, Undefined>| {
        r.as_ref().map_or("–".into(), |sh| {
            format!("{} of {}", grouped(sh.k), grouped(sh.n))
        })
    };
    let _ = write!(
        out,
        "<p>Recall ({}), precision ({}) and specificity ({}): Wilson score intervals. ROC AUC \
         and average precision: {}.</p>",
        of(&n.rates.recall),
        of(&n.rates.precision),
        of(&n.rates.specificity),
        match &p.bootstrap {
            None => "a bootstrap that starts once this panel is on screen".into(),
            Some(Ok(_)) => format!(
                "the 2.5 and 97.5 percentiles of a bootstrap that resamples each class on its own \
                 (seed {}), {} of {} resamples done",
                job.request.scenario.seed,
                grouped(n.done as u64),
                grouped(RESAMPLES as u64)
            ),
            Some(Err(why)) => format!("no bootstrap, {}", why.reason()),
        }
    );
}

/// A warning for each rate whose interval is too wide to tell two models apart.
fn too_little_data(out: &mut String, rates: &RateIntervals) {
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
}

/// The sentence for screen readers: the least cost and where it is.
pub(super) fn status(n: &Numbers) -> String {
    format!(
        "Least cost {} at threshold {}.",
        cost(n.best.cost),
        number(n.best.threshold, 4)
    )
}

/// A number for the panel's text: 4 significant digits, or why it is undefined.
pub(super) fn m4(m: Metric) -> String {
    metric(m, 4)
}

/// A cost in a sentence: a whole or large one with its thousands grouped, the sign kept.
pub(super) fn cost(v: f64) -> String {
    let text = if (v.abs() >= 1e4 || v.fract() == 0.0) && v.abs() < 1e15 {
        crate::format::whole(v.round())
    } else {
        number(v, 4)
    };
    // A minus sign in running text, as the page's other sentences write it.
    text.replace('-', "−")
}

/// A share as a percentage for a sentence.
fn percent_share(v: f64) -> String {
    format!("{} %", number(100.0 * v, 3))
}
