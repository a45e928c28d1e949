//! The numbers the panel shows, gathered once from the job and the prepared scores: the
//! counts at the page's threshold, the costs (re-weighted to a deployment prevalence), the cost
//! curve and its least cost, the metrics at the deployment prevalence and the intervals.

use super::{DecideJob, Prepared};
use crate::features::decide::chart::focus;
use crate::sim::Confusion;
use crate::sim::decision::{
    AtDeployment, Best, Bootstrap, BootstrapInterval, CostCurve, Costs, RateIntervals,
    best_threshold, prevalence,
};

/// Points of the cost curve.
const POINTS: usize = 201;

/// What the panel's boxes, chart and results objects are written from.
pub(super) struct Numbers<'a> {
    /// The costs as set.
    pub(super) costs: Costs,
    /// The counts at the page's threshold.
    pub(super) here: Confusion,
    /// The validation set's prevalence.
    pub(super) pi: f64,
    /// The deployment prevalence (the validation set's when none is set).
    pub(super) pi_d: f64,
    /// The costs re-weighted to the deployment prevalence, if one is set and the validation
    /// set has both classes.
    pub(super) deployed: Option<Costs>,
    /// The costs the curve is drawn with: the re-weighted ones, else as set.
    pub(super) shown_costs: Costs,
    /// Total cost against the threshold, across [0, 1].
    pub(super) curve: CostCurve,
    /// The thresholds the chart spans: where the cost is within reach of its least.
    pub(super) window: (f64, f64),
    /// Total cost against the threshold, across `window`.
    pub(super) points: Vec<(f64, f64)>,
    /// The curve's least cost (at the deployment prevalence, if one is set).
    pub(super) best: Best,
    /// The least cost on the validation set as it is.
    pub(super) validated: Best,
    /// The metrics at the deployment prevalence.
    pub(super) at: AtDeployment,
    /// Recall, precision and specificity with their Wilson intervals.
    pub(super) rates: RateIntervals,
    /// The bootstrap, once it has started (and could).
    pub(super) boot: Option<&'a Bootstrap>,
    /// Its intervals so far.
    pub(super) interval: Option<BootstrapInterval>,
    /// Its resamples done.
    pub(super) done: usize,
}

impl<'a> Numbers<'a> {
    /// The numbers of `job` on the scores `p`.
    pub(super) fn gather(job: &DecideJob, p: &'a Prepared) -> Self {
        let s = &job.request.scenario;
        let d = &job.settings;
        let costs = Costs::new(d.cost_fp, d.cost_fn, d.reward_tp);
        let here = Confusion::at(&p.neg, &p.pos, s.threshold);
        let pi = prevalence::validation(&here);
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
        let window = focus(&curve.points, (best.threshold, best.cost));
        let steps = (POINTS - 1) as f64;
        let points = (0..POINTS)
            .map(|k| {
                let t = window.0 + (window.1 - window.0) * k as f64 / steps;
                (t, shown_costs.of(&Confusion::at(&p.neg, &p.pos, t)))
            })
            .collect();
        let validated = match deployed {
            Some(_) => best_threshold(&p.runs, &costs),
            None => best,
        };
        let boot = p.bootstrap.as_ref().and_then(|b| b.as_ref().ok());
        Numbers {
            costs,
            here,
            pi,
            pi_d,
            deployed,
            shown_costs,
            curve,
            window,
            points,
            best,
            validated,
            at: AtDeployment::new(&here, pi_d),
            rates: RateIntervals::new(&here),
            boot,
            interval: boot.and_then(Bootstrap::interval),
            done: boot.map_or(0, Bootstrap::done),
        }
    }
}
