//! "Copy as code": Python that recomputes the page's numbers from its predictions file
//! (`label,probability`, SPEC 5) with the page's conventions (SPEC 2 and 8), for numpy +
//! scikit-learn, Keras and PyTorch. Each prints a JSON object whose keys are the results file's,
//! so a reader (and `make test`) can set the two side by side.

use crate::format::exact;
use crate::page::DecisionSettings;
use crate::sim::Scenario;

/// The predictions file's name, as the page saves it.
pub const PREDICTIONS_FILE: &str = "imbalance-lab-predictions.csv";

/// The three snippets: numpy + scikit-learn, Keras, PyTorch.
pub fn snippets(s: &Scenario, d: &DecisionSettings) -> [String; 3] {
    let header = format!(
        "# imbalance-lab: the page's numbers recomputed from its predictions file.\n\
         # Settings: alpha={}, gamma={}, pos_weight={}, threshold={}.\n",
        exact(s.alpha),
        exact(s.gamma),
        exact(s.pos_weight),
        exact(s.threshold)
    );
    let settings = format!(
        "ALPHA, GAMMA, POS_WEIGHT, THRESHOLD = {}, {}, {}, {}\n\
         EPS = 1e-7  # every loss clips p to [EPS, 1 - EPS] first, as Keras does\n",
        exact(s.alpha),
        exact(s.gamma),
        exact(s.pos_weight),
        exact(s.threshold)
    );
    let load = format!(
        "data = np.loadtxt(\"{PREDICTIONS_FILE}\", delimiter=\",\", skiprows=1, ndmin=2)\n\
         y, p = data[:, 0], data[:, 1]\n"
    );
    let prevalence = d
        .prevalence
        .map_or("None  # None: the validation set's own".into(), exact);
    let numpy = format!(
        "{header}import json\n\n\
         import numpy as np\n\
         from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score\n\n\
         {settings}\
         COST_FP, COST_FN, REWARD_TP = {cfp}, {cfn}, {rtp}\n\
         PREVALENCE = {prevalence}\n\n\
         {load}\
         pos, neg = y == 1, y == 0\n\
         pc = np.clip(p, EPS, 1 - EPS)\n\
         ce = np.where(pos, -np.log(pc), -np.log(1 - pc))\n\
         a_t = np.where(pos, ALPHA, 1 - ALPHA)\n\
         p_t = np.where(pos, pc, 1 - pc)\n\
         per_sample = {{\n    \"bce\": ce,\n\
         \x20   \"weighted_bce\": np.where(pos, POS_WEIGHT, 1.0) * ce,  # PyTorch's pos_weight\n\
         \x20   \"balanced_ce\": a_t * ce,\n\
         \x20   \"focal\": a_t * (1 - p_t) ** GAMMA * ce,  # alpha-balanced, as in the paper\n}}\n\
         # 'mean' divides by the number of samples, not by the sum of the weights.\n\
         losses = {{k: {{\"mean\": v.sum() / len(v), \"sum\": v.sum(), \"neg_sum\": v[neg].sum(),\n\
         \x20             \"pos_sum\": v[pos].sum()}} for k, v in per_sample.items()}}\n\n\
         def ratio(a, b):\n    return None if b == 0 else a / b  # undefined, not NaN\n\n\
         def metrics(tp, fp, tn, fn):\n\
         \x20   recall, specificity = ratio(tp, tp + fn), ratio(tn, tn + fp)\n\
         \x20   mcc_den = ((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn)) ** 0.5\n\
         \x20   return {{\"precision\": ratio(tp, tp + fp), \"recall\": recall,\n\
         \x20           \"f1\": ratio(2 * tp, 2 * tp + fp + fn), \"specificity\": specificity,\n\
         \x20           \"accuracy\": ratio(tp + tn, tp + fp + tn + fn),\n\
         \x20           \"balanced_accuracy\": None if None in (recall, specificity)\n\
         \x20           else (recall + specificity) / 2,\n\
         \x20           \"mcc\": ratio(tp * tn - fp * fn, mcc_den)}}\n\n\
         hit = p >= THRESHOLD  # predicted positive\n\
         tp, fp = int((hit & pos).sum()), int((hit & neg).sum())\n\
         fn, tn = int(pos.sum()) - tp, int(neg.sum()) - fp\n\
         two = pos.any() and neg.any()\n\
         out = {{\"losses\": losses, \"metrics\": {{\"tp\": tp, \"fp\": fp, \"tn\": tn, \"fn\": fn,\n\
         \x20   **metrics(tp, fp, tn, fn),\n\
         \x20   \"roc_auc\": roc_auc_score(y, p) if two else None,\n\
         \x20   \"average_precision\": average_precision_score(y, p) if two else None}}}}\n\n\
         # Costs: every threshold where the counts change (each distinct score, and above them\n\
         # all); ties go to the largest threshold.\n\
         above = 1.0 if len(p) == 0 or p.max() < 1 else np.nextafter(p.max(), 2.0)\n\
         cand = np.append(np.unique(p), above)\n\
         ps, ns = np.sort(p[pos]), np.sort(p[neg])\n\
         tps = len(ps) - np.searchsorted(ps, cand, side=\"left\")\n\
         fps = len(ns) - np.searchsorted(ns, cand, side=\"left\")\n\
         def least(c_fp, c_fn, r_tp):\n\
         \x20   costs = (c_fp * fps + c_fn * (len(ps) - tps)) - r_tp * tps\n\
         \x20   best = len(costs) - 1 - np.argmin(costs[::-1])\n\
         \x20   return float(cand[best]), float(costs[best])\n\
         t, c = least(COST_FP, COST_FN, REWARD_TP)\n\
         # The same threshold at another prevalence: TP, FN scaled by pi_d / pi, FP, TN by\n\
         # (1 - pi_d) / (1 - pi).\n\
         pi = pos.mean() if len(y) else 0.0\n\
         pi_d = pi if PREVALENCE is None else PREVALENCE\n\
         up = pi_d / pi if pi > 0 else 0.0\n\
         down = (1 - pi_d) / (1 - pi) if pi < 1 else 0.0\n\
         out[\"decision\"] = {{\"best_threshold\": t, \"best_cost\": c,\n\
         \x20   \"deployment_prevalence\": float(pi_d),\n\
         \x20   \"at_deployment\": metrics(tp * up, fp * down, tn * down, fn * up)}}\n\
         if PREVALENCE is not None and 0 < pi < 1:  # the threshold to ship there\n\
         \x20   t, c = least(COST_FP * down, COST_FN * up, REWARD_TP * up)\n\
         \x20   out[\"decision\"].update(best_threshold_at_deployment=t, best_cost_at_deployment=c)\n\n\
         # Calibration: 15 equal-width bins, binned as sklearn's calibration_curve bins.\n\
         ids = np.searchsorted(np.linspace(0, 1, 16)[1:-1], p)\n\
         ece = sum(abs(y[ids == b].mean() - p[ids == b].mean()) * (ids == b).sum()\n\
         \x20         for b in range(15) if (ids == b).any()) / len(p)\n\
         out[\"calibration\"] = {{\"brier\": brier_score_loss(y, p), \"ece\": float(ece)}}\n\n\
         # 95 % Wilson intervals.\n\
         Z = {z}\n\
         def wilson(k, n):\n\
         \x20   if n == 0:\n        return None\n\
         \x20   q, z2 = k / n, Z * Z\n\
         \x20   centre, half = (q + z2 / (2 * n)), Z * np.sqrt(q * (1 - q) / n + z2 / (4 * n * n))\n\
         \x20   return [max(0.0, (centre - half) / (1 + z2 / n)), min(1.0, (centre + half) / (1 + z2 / n))]\n\
         out[\"intervals\"] = {{\"recall\": wilson(tp, tp + fn), \"precision\": wilson(tp, tp + fp),\n\
         \x20                   \"specificity\": wilson(tn, tn + fp)}}\n\
         print(json.dumps(out, indent=1, default=float))\n",
        cfp = exact(d.cost_fp),
        cfn = exact(d.cost_fn),
        rtp = exact(d.reward_tp),
        z = exact(crate::sim::decision::Z_95),
    );
    let keras = format!(
        "{header}import json\nimport os\n\n\
         os.environ.setdefault(\"KERAS_BACKEND\", \"jax\")\n\
         import keras\nimport numpy as np\n\n\
         if keras.backend.backend() == \"jax\":\n\
         \x20   import jax\n    jax.config.update(\"jax_enable_x64\", True)\n\
         keras.config.set_floatx(\"float64\")\n\
         # Even so, Keras takes each sample's mean over the last axis in float32 on the jax\n\
         # backend: expect the page's numbers to about 7 significant digits.\n\n\
         {settings}\n{load}\
         # Keras averages each loss over the LAST axis before it weighs samples: a 1-D batch\n\
         # would collapse into one 'sample'. Give it (N, 1).\n\
         y2, p2 = y.reshape(-1, 1), p.reshape(-1, 1)\n\
         pos = y == 1\n\n\
         def reduced(loss, weight=None):\n\
         \x20   def value(reduction, rows):\n\
         \x20       w = None if weight is None else weight[rows]\n\
         \x20       return float(loss(reduction)(y2[rows], p2[rows], sample_weight=w))\n\
         \x20   every = np.ones(len(y), bool)\n\
         \x20   # 'sum_over_batch_size' divides by the number of samples, not by the sum of weights.\n\
         \x20   return {{\"mean\": value(\"sum_over_batch_size\", every), \"sum\": value(\"sum\", every),\n\
         \x20           \"neg_sum\": value(\"sum\", ~pos), \"pos_sum\": value(\"sum\", pos)}}\n\n\
         bce = lambda r: keras.losses.BinaryCrossentropy(reduction=r)  # clips at 1e-7\n\
         # Keras has no pos_weight: a per-sample weight of POS_WEIGHT on positives is PyTorch's.\n\
         # Balanced CE: weight alpha on positives, 1 - alpha on negatives.\n\
         # BinaryFocalCrossentropy IGNORES alpha unless apply_class_balancing=True.\n\
         # (TensorFlow Addons' SigmoidFocalCrossEntropy on 1-D inputs returns a SUM over the\n\
         # samples, not a mean: that is how a notebook shows BCE 0.314 beside focal 31,629.9.)\n\
         focal = lambda r: keras.losses.BinaryFocalCrossentropy(\n\
         \x20   apply_class_balancing=True, alpha=ALPHA, gamma=GAMMA, reduction=r)\n\
         losses = {{\"bce\": reduced(bce),\n\
         \x20         \"weighted_bce\": reduced(bce, np.where(pos, POS_WEIGHT, 1.0)),\n\
         \x20         \"balanced_ce\": reduced(bce, np.where(pos, ALPHA, 1 - ALPHA)),\n\
         \x20         \"focal\": reduced(focal)}}\n\
         print(json.dumps({{\"losses\": losses}}, indent=1))\n"
    );
    let torch = format!(
        "{header}import json\n\n\
         import numpy as np\nimport torch\nimport torch.nn.functional as F\n\
         from torchvision.ops import sigmoid_focal_loss\n\n\
         {settings}\n{load}\
         y, p = torch.from_numpy(y), torch.from_numpy(p)\n\
         pc = torch.clamp(p, EPS, 1 - EPS)  # binary_cross_entropy only clamps log at -100\n\
         z = torch.logit(pc)  # the *_with_logits losses and focal take logits\n\
         pos = y == 1\n\n\
         def reduced(loss):\n\
         \x20   # reduction='mean' divides by the number of samples, even with weights.\n\
         \x20   return {{\"mean\": loss(y, pc, z, \"mean\").item(), \"sum\": loss(y, pc, z, \"sum\").item(),\n\
         \x20           \"neg_sum\": loss(y[~pos], pc[~pos], z[~pos], \"sum\").item(),\n\
         \x20           \"pos_sum\": loss(y[pos], pc[pos], z[pos], \"sum\").item()}}\n\n\
         losses = {{\n\
         \x20   \"bce\": reduced(lambda y, p, z, r: F.binary_cross_entropy(p, y, reduction=r)),\n\
         \x20   \"weighted_bce\": reduced(lambda y, p, z, r: F.binary_cross_entropy_with_logits(\n\
         \x20       z, y, pos_weight=torch.tensor(POS_WEIGHT, dtype=torch.float64), reduction=r)),\n\
         \x20   \"balanced_ce\": reduced(lambda y, p, z, r: F.binary_cross_entropy(\n\
         \x20       p, y, weight=ALPHA * y + (1 - ALPHA) * (1 - y), reduction=r)),\n\
         \x20   # torchvision's focal loss is alpha-balanced already (alpha < 0 turns it off).\n\
         \x20   \"focal\": reduced(lambda y, p, z, r: sigmoid_focal_loss(\n\
         \x20       z, y, alpha=ALPHA, gamma=GAMMA, reduction=r)),\n}}\n\
         print(json.dumps({{\"losses\": losses}}, indent=1))\n"
    );
    [numpy, keras, torch]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_carry_the_settings_and_the_frameworks_traps() {
        let s = Scenario {
            alpha: 0.4,
            gamma: 1.5,
            pos_weight: 12.0,
            threshold: 0.3,
            ..Scenario::default()
        };
        let d = DecisionSettings {
            cost_fp: 1.0,
            cost_fn: 0.0,
            reward_tp: 3.0,
            prevalence: Some(0.002),
            ..DecisionSettings::default()
        };
        let [numpy, keras, torch] = snippets(&s, &d);
        for code in [&numpy, &keras, &torch] {
            assert!(code.contains("ALPHA, GAMMA, POS_WEIGHT, THRESHOLD = 0.4, 1.5, 12, 0.3"));
            assert!(code.contains(PREDICTIONS_FILE));
        }
        assert!(numpy.contains("COST_FP, COST_FN, REWARD_TP = 1, 0, 3"));
        assert!(numpy.contains("PREVALENCE = 0.002"));
        assert!(keras.contains("apply_class_balancing=True"));
        assert!(keras.contains("SUM over the"));
        assert!(torch.contains("sigmoid_focal_loss("));
    }
}
