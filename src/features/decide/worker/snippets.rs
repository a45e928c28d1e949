//! "Copy as code": Python that recomputes the judged model's numbers from the page's
//! predictions file (SPEC 5: `label,probability`, then a column for each further model) with
//! the page's conventions (SPEC 2 and 8), for numpy + scikit-learn, Keras and PyTorch. Each
//! picks the judged model's columns by name and prints a JSON object whose keys are the results
//! file's, so a reader (and `make test`) can set the two side by side.
//!
//! The Python is written as it runs (raw strings, at the left margin); what differs from loss
//! to loss comes from each loss's file (`LossText::snippet`).

use super::DecideJob;
use crate::format::exact;
use crate::sim::LossKind;
use crate::sim::Scenario;
use crate::sim::loss::{EXTRA, Snippet};
use crate::state::{DecisionSettings, Judge};

/// The predictions file's name, as the page saves it.
pub const PREDICTIONS_FILE: &str = "imbalance-lab-predictions.csv";

/// The three snippets for the job's judged model, whose scores are on `rows` rows of the file:
/// numpy + scikit-learn, Keras, PyTorch.
pub fn snippets(job: &DecideJob, rows: usize) -> [String; 3] {
    let d = &job.settings;
    let start = start(&job.request.scenario, d.judge, rows);
    [numpy(&start, d), keras(&start), torch(&start)]
}

/// The predictions file's columns of a judged model: its labels' and its scores'.
pub fn columns(judge: Judge) -> (&'static str, String) {
    match judge {
        Judge::A => ("label", "probability".into()),
        Judge::B => ("label", "model_b".into()),
        Judge::Trained(k) => ("training_label", format!("trained_{}", k.key())),
    }
}

/// The lines that read the judged model's labels and scores into `y` and `p`: its columns
/// found by name, its `rows` rows read (a longer group of columns beside leaves its cells
/// empty below them).
fn read_columns(judge: Judge, rows: usize) -> String {
    let (label, score) = columns(judge);
    // A file of one model holds no `model_b`: model B is then model A.
    let fallback = match judge {
        Judge::B => "SCORE = SCORE if SCORE in header else \"probability\"  # one model: B is A\n",
        _ => "",
    };
    format!(
        "LABEL, SCORE = \"{label}\", \"{score}\"  # {}'s columns\n\
         ROWS = {rows}  # its rows: a longer group of columns beside leaves these empty below\n\
         with open(\"{PREDICTIONS_FILE}\") as f:\n    header = f.readline().strip().split(\",\")\n\
         {fallback}\
         data = np.loadtxt(\"{PREDICTIONS_FILE}\", delimiter=\",\", skiprows=1, ndmin=2, max_rows=ROWS,\n\
         \x20                 usecols=(header.index(LABEL), header.index(SCORE)))\n",
        judge.label(),
    )
}

/// What every snippet starts with: the settings as a comment, the loss settings and the
/// clipping as constants, and the judged model's labels and scores read into `y` and `p`.
fn start(s: &Scenario, judge: Judge, rows: usize) -> [String; 3] {
    let [alpha, gamma, pos_weight, threshold] =
        [s.alpha, s.gamma, s.pos_weight, s.threshold].map(exact);
    let names: Vec<String> = EXTRA.iter().map(|p| p.key.to_uppercase()).collect();
    let values: Vec<String> = EXTRA.iter().map(|p| exact(s.extra.get(*p))).collect();
    let setup: String = LossKind::ALL
        .iter()
        .map(|k| k.text().snippet.numpy_setup)
        .collect();
    [
        format!(
            "# imbalance-lab: the page's numbers for {} recomputed from its predictions file.\n\
             # Settings: alpha={alpha}, gamma={gamma}, pos_weight={pos_weight}, \
             threshold={threshold}.\n",
            judge.label()
        ),
        format!(
            "ALPHA, GAMMA, POS_WEIGHT, THRESHOLD = {alpha}, {gamma}, {pos_weight}, {threshold}\n\
             {} = {}\n\
             EPS = 1e-7  # every loss clips p to [EPS, 1 - EPS] first, as Keras does\n",
            names.join(", "),
            values.join(", ")
        ),
        format!(
            "{}y, p = data[:, 0], data[:, 1]\n\
             n1 = float((y == 1).sum())  # the class counts some losses read\n\
             n0 = float(len(y)) - n1\n{setup}",
            read_columns(judge, rows)
        ),
    ]
}

/// Each loss with its lines, in `LossKind::ALL` order.
fn loss_lines() -> impl Iterator<Item = (LossKind, Snippet)> {
    LossKind::ALL.into_iter().map(|k| (k, k.text().snippet))
}

/// numpy + scikit-learn: every number of the decision panel for the judged model, and the
/// losses.
fn numpy(start: &[String; 3], d: &DecisionSettings) -> String {
    let [header, settings, load] = start;
    let [cfp, cfn, rtp] = [d.cost_fp, d.cost_fn, d.reward_tp].map(exact);
    let prevalence = d
        .prevalence
        .map_or("None  # None: the validation set's own".into(), exact);
    let z = exact(crate::sim::decision::Z_95);
    let per_sample: String = loss_lines()
        .filter(|(kind, _)| kind.loss().per_sample())
        .map(|(kind, l)| format!("    \"{}\": {},{}\n", kind.key(), l.numpy, l.numpy_note))
        .collect();
    // A set-level loss is a value of the whole set, not a sum over samples.
    let set_level: String = loss_lines()
        .filter(|(kind, _)| !kind.loss().per_sample())
        .map(|(kind, l)| {
            format!(
                "losses[\"{}\"] = {{\"value\": float({})}}\n",
                kind.key(),
                l.numpy
            )
        })
        .collect();
    format!(
        r#"{header}import json

import numpy as np
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

{settings}COST_FP, COST_FN, REWARD_TP = {cfp}, {cfn}, {rtp}
PREVALENCE = {prevalence}

{load}pos, neg = y == 1, y == 0
pc = np.clip(p, EPS, 1 - EPS)
ce = np.where(pos, -np.log(pc), -np.log(1 - pc))
a_t = np.where(pos, ALPHA, 1 - ALPHA)
p_t = np.where(pos, pc, 1 - pc)
z = np.log(pc) - np.log1p(-pc)  # the logit, for the losses defined on it
per_sample = {{
{per_sample}}}
# 'mean' divides by the number of samples, not by the sum of the weights.
losses = {{k: {{"mean": v.sum() / len(v), "sum": v.sum(), "neg_sum": v[neg].sum(),
              "pos_sum": v[pos].sum()}} for k, v in per_sample.items()}}
{set_level}
{NUMPY_METRICS}
{NUMPY_COSTS}
{NUMPY_CALIBRATION}
# 95 % Wilson intervals.
Z = {z}
{NUMPY_WILSON}"#
    )
}

/// numpy: the page's metrics from the counts (undefined: `None`) at the page's threshold.
const NUMPY_METRICS: &str = r#"def ratio(a, b):
    return None if b == 0 else a / b  # undefined, not NaN

def metrics(tp, fp, tn, fn):
    recall, specificity = ratio(tp, tp + fn), ratio(tn, tn + fp)
    mcc_den = ((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn)) ** 0.5
    return {"precision": ratio(tp, tp + fp), "recall": recall,
            "f1": ratio(2 * tp, 2 * tp + fp + fn), "specificity": specificity,
            "accuracy": ratio(tp + tn, tp + fp + tn + fn),
            "balanced_accuracy": None if None in (recall, specificity)
            else (recall + specificity) / 2,
            "mcc": ratio(tp * tn - fp * fn, mcc_den)}

hit = p >= THRESHOLD  # predicted positive
tp, fp = int((hit & pos).sum()), int((hit & neg).sum())
fn, tn = int(pos.sum()) - tp, int(neg.sum()) - fp
two = pos.any() and neg.any()
out = {"losses": losses, "metrics": {"tp": tp, "fp": fp, "tn": tn, "fn": fn,
    **metrics(tp, fp, tn, fn),
    "roc_auc": roc_auc_score(y, p) if two else None,
    "average_precision": average_precision_score(y, p) if two else None}}
"#;

/// numpy: the least cost over every threshold, on the validation set and at the deployment
/// prevalence.
const NUMPY_COSTS: &str = r#"# Costs: every threshold where the counts change (each distinct score, and above them
# all); ties go to the largest threshold.
above = 1.0 if len(p) == 0 or p.max() < 1 else np.nextafter(p.max(), 2.0)
cand = np.append(np.unique(p), above)
ps, ns = np.sort(p[pos]), np.sort(p[neg])
tps = len(ps) - np.searchsorted(ps, cand, side="left")
fps = len(ns) - np.searchsorted(ns, cand, side="left")
def least(c_fp, c_fn, r_tp):
    costs = (c_fp * fps + c_fn * (len(ps) - tps)) - r_tp * tps
    best = len(costs) - 1 - np.argmin(costs[::-1])
    return float(cand[best]), float(costs[best])
t, c = least(COST_FP, COST_FN, REWARD_TP)
# The same threshold at another prevalence: TP, FN scaled by pi_d / pi, FP, TN by
# (1 - pi_d) / (1 - pi).
pi = pos.mean() if len(y) else 0.0
pi_d = pi if PREVALENCE is None else PREVALENCE
up = pi_d / pi if pi > 0 else 0.0
down = (1 - pi_d) / (1 - pi) if pi < 1 else 0.0
out["decision"] = {"best_threshold": t, "best_cost": c,
    "deployment_prevalence": float(pi_d),
    "at_deployment": metrics(tp * up, fp * down, tn * down, fn * up)}
if PREVALENCE is not None and 0 < pi < 1:  # the threshold to ship there
    t, c = least(COST_FP * down, COST_FN * up, REWARD_TP * up)
    out["decision"].update(best_threshold_at_deployment=t, best_cost_at_deployment=c)
"#;

/// numpy: the Brier score and the ECE.
const NUMPY_CALIBRATION: &str = r#"# Calibration: 15 equal-width bins, binned as sklearn's calibration_curve bins.
ids = np.searchsorted(np.linspace(0, 1, 16)[1:-1], p)
ece = sum(abs(y[ids == b].mean() - p[ids == b].mean()) * (ids == b).sum()
          for b in range(15) if (ids == b).any()) / len(p)
out["calibration"] = {"brier": brier_score_loss(y, p), "ece": float(ece)}
"#;

/// numpy: the Wilson intervals, with `Z` set before.
const NUMPY_WILSON: &str = r#"def wilson(k, n):
    if n == 0:
        return None
    q, z2 = k / n, Z * Z
    centre, half = (q + z2 / (2 * n)), Z * np.sqrt(q * (1 - q) / n + z2 / (4 * n * n))
    return [max(0.0, (centre - half) / (1 + z2 / n)), min(1.0, (centre + half) / (1 + z2 / n))]
out["intervals"] = {"recall": wilson(tp, tp + fn), "precision": wilson(tp, tp + fp),
                    "specificity": wilson(tn, tn + fp)}
print(json.dumps(out, indent=1, default=float))
"#;

/// Keras: the four losses as Keras computes them.
fn keras(start: &[String; 3]) -> String {
    let [header, settings, load] = start;
    let setup: String = loss_lines().map(|(_, l)| l.keras_setup).collect();
    let losses: Vec<String> = loss_lines()
        .map(|(kind, l)| format!("\"{}\": {}", kind.key(), l.keras))
        .collect();
    // One a line, under the first.
    let losses = losses.join(",\n          ");
    format!(
        r#"{header}import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras
import numpy as np

if keras.backend.backend() == "jax":
    import jax
    jax.config.update("jax_enable_x64", True)
keras.config.set_floatx("float64")
# Even so, Keras takes each sample's mean over the last axis in float32 on the jax
# backend: expect the page's numbers to about 7 significant digits.

{settings}
{load}# Keras averages each loss over the LAST axis before it weighs samples: a 1-D batch
# would collapse into one 'sample'. Give it (N, 1).
y2, p2 = y.reshape(-1, 1), p.reshape(-1, 1)
pos = y == 1

def reduced(loss, weight=None):
    def value(reduction, rows):
        w = None if weight is None else weight[rows]
        return float(loss(reduction)(y2[rows], p2[rows], sample_weight=w))
    every = np.ones(len(y), bool)
    # 'sum_over_batch_size' divides by the number of samples, not by the sum of weights.
    return {{"mean": value("sum_over_batch_size", every), "sum": value("sum", every),
            "neg_sum": value("sum", ~pos), "pos_sum": value("sum", pos)}}

class Formula(keras.losses.Loss):
    """A loss Keras does not have, written in keras.ops on the clipped p."""
    def __init__(self, f, reduction):
        super().__init__(reduction=reduction)
        self.f = f

    def call(self, t, q):
        return self.f(t, keras.ops.clip(q, EPS, 1 - EPS))

def formula(f):
    return lambda r: Formula(f, r)

{setup}losses = {{{losses}}}
print(json.dumps({{"losses": losses}}, indent=1))
"#
    )
}

/// PyTorch: the four losses as PyTorch (and torchvision) compute them.
fn torch(start: &[String; 3]) -> String {
    let [header, settings, load] = start;
    let losses: String = loss_lines()
        .map(|(kind, l)| {
            let note = match l.torch_note {
                "" => String::new(),
                note => format!("    {note}\n"),
            };
            format!("{note}    \"{}\": {},\n", kind.key(), l.torch)
        })
        .collect();
    format!(
        r#"{header}import json

import numpy as np
import torch
import torch.nn.functional as F
from torchvision.ops import sigmoid_focal_loss

{settings}
{load}y, p = torch.from_numpy(y), torch.from_numpy(p)
pc = torch.clamp(p, EPS, 1 - EPS)  # binary_cross_entropy only clamps log at -100
z = torch.logit(pc)  # the *_with_logits losses and focal take logits
pos = y == 1

def reduced(loss):
    # reduction='mean' divides by the number of samples, even with weights.
    return {{"mean": loss(y, pc, z, "mean").item(), "sum": loss(y, pc, z, "sum").item(),
            "neg_sum": loss(y[~pos], pc[~pos], z[~pos], "sum").item(),
            "pos_sum": loss(y[pos], pc[pos], z[pos], "sum").item()}}

def reduce(v, r):  # a loss PyTorch does not have, reduced as its own losses are
    return v.mean() if r == "mean" else v.sum()

losses = {{
{losses}}}
print(json.dumps({{"losses": losses}}, indent=1))
"#
    )
}
