//! Is a gain real? What retraining alone moves (issue 25, part 4): every loss trained on K
//! seeded samples of n rows of the same population, each model judged on the population at the
//! page's threshold, and each loss's decision boundary, recall and precision summed up by its
//! median and its 5 % and 95 % quantiles. A loss whose median lies outside BCE's band moves the
//! model further than drawing another sample of that size does.
//!
//! Sample `k` (from 0) is drawn from seed `seed + k` (wrapping): sample 0 is the very sample
//! "Train on a sample" draws at the same seed and size, and neighbouring seeds give unrelated
//! rows (the generator's seed goes through SplitMix64 first).
//!
//! Quantiles are numpy's default, `np.quantile(v, p)` with `method="linear"` (Hyndman and Fan's
//! type 7), computed as numpy computes them, so that a Python check agrees to the bit.

use super::evaluation::{Boundary, population_metrics};
use super::population::fit_population;
use super::problem::{Binormal, LossParams, Model, NoOptimum, PerLoss};
use super::sample::Sample;
use super::trainer::Trainer;
use crate::format::exact;
use crate::sim::LossKind;

/// Samples a spread is made of: at least 2 (one sample has no spread), at most 100.
pub const SPREAD_K: [u32; 2] = [2, 100];
/// Rows in each sample.
pub const SPREAD_N: [u32; 2] = [100, 100_000];
/// The quantiles reported: the band's ends and the median.
pub const P05: f64 = 0.05;
/// The median, as `np.quantile(v, 0.5)` (not `np.median`, which averages the middle pair).
pub const P50: f64 = 0.5;
/// The band's upper end.
pub const P95: f64 = 0.95;

/// What to retrain: the population, the losses' parameters (the population's counts are put in
/// here), the threshold the models are judged at, and `k` samples of `n` rows from `seed` on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpreadRequest {
    /// The population the samples are drawn from, and the models judged on.
    pub population: Binormal,
    /// The losses' parameters.
    pub params: LossParams,
    /// The page's threshold.
    pub threshold: f64,
    /// Samples, in `SPREAD_K`.
    pub k: u32,
    /// Rows in each, in `SPREAD_N`.
    pub n: u32,
    /// The first sample's seed.
    pub seed: u64,
}

impl SpreadRequest {
    /// The same request with `k` and `n` in their ranges.
    pub fn clamped(self) -> Self {
        SpreadRequest {
            k: self.k.clamp(SPREAD_K[0], SPREAD_K[1]),
            n: self.n.clamp(SPREAD_N[0], SPREAD_N[1]),
            ..self
        }
    }

    /// The seed of sample `index`.
    pub fn sample_seed(&self, index: u32) -> u64 {
        self.seed.wrapping_add(u64::from(index))
    }

    /// The rows of sample `index`.
    pub fn sample(&self, index: u32) -> Sample {
        Sample::generate(&self.population, self.n, self.sample_seed(index))
    }
}

/// One loss's model on one sample, judged on the population.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outcome {
    /// The model trained on the sample.
    pub model: Model,
    /// Where `p(x)` crosses the threshold; `None` where the model calls everything one class.
    pub boundary: Option<f64>,
    /// Recall on the population; `None` without positives.
    pub recall: Option<f64>,
    /// Precision on the population; `None` where nothing is predicted positive.
    pub precision: Option<f64>,
}

/// Every loss's outcome on one sample, or why it trained no model there.
pub type Outcomes = PerLoss<Result<Outcome, NoOptimum>>;

impl Outcome {
    /// `model` judged on `pop` at threshold `t`.
    pub fn judge(pop: &Binormal, model: Model, t: f64) -> Self {
        let m = population_metrics(pop, &model, t);
        let boundary = match m.boundary {
            Boundary::PositiveAbove(x) | Boundary::PositiveBelow(x) => Some(x),
            Boundary::AllPositive | Boundary::AllNegative => None,
        };
        Outcome {
            model,
            boundary,
            recall: m.recall.ok(),
            precision: m.precision.ok(),
        }
    }
}

/// Where each loss's training starts on every sample: its model on the population, which is
/// close to its model on any sample of it, so Newton needs about 4 steps instead of 11 from
/// `w = b = 0` (the optimum is the same to about 1e-15; a loss without a population model
/// starts at `w = b = 0`).
pub fn starts(r: &SpreadRequest) -> PerLoss<Model> {
    let params = r.population.params(&r.params);
    PerLoss::new(|kind| {
        fit_population(&r.population, kind, &params).map_or(Model::default(), |f| f.model)
    })
}

/// Trains every loss on sample `index` of `r` from `starts` and judges each model.
pub fn train_sample(r: &SpreadRequest, starts: &PerLoss<Model>, index: u32) -> Outcomes {
    let sample = r.sample(index);
    let params = r.population.params(&r.params);
    PerLoss::new(|kind| {
        let fit = Trainer::starting_at(&sample, kind, &params, *starts.get(kind))?.fit()?;
        Ok(Outcome::judge(&r.population, fit.model, r.threshold))
    })
}

/// `np.quantile(sorted, p)` (method "linear") of values sorted ascending, not empty: between
/// the values at `floor((n - 1) p)` and the next, interpolated as numpy's `_lerp` does (from
/// the upper end when the weight is half or more).
pub fn quantile(sorted: &[f64], p: f64) -> f64 {
    let last = sorted.len() - 1;
    let at = last as f64 * p;
    let below = at.floor();
    let t = at - below;
    let i = (below as usize).min(last);
    let (a, b) = (sorted[i], sorted[(i + 1).min(last)]);
    let diff = b - a;
    if t >= 0.5 {
        b - diff * (1.0 - t)
    } else {
        a + diff * t
    }
}

/// The spread of one quantity over the samples: how many values, their median and the 5-95 %
/// band.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Band {
    /// Values summed up.
    pub count: u32,
    /// The 5 % quantile.
    pub p05: f64,
    /// The median.
    pub median: f64,
    /// The 95 % quantile.
    pub p95: f64,
}

impl Band {
    /// The band of `values`; `None` when there are none.
    pub fn of(values: impl Iterator<Item = f64>) -> Option<Band> {
        let mut v: Vec<f64> = values.collect();
        if v.is_empty() {
            return None;
        }
        v.sort_by(f64::total_cmp);
        Some(Band {
            count: v.len() as u32,
            p05: quantile(&v, P05),
            median: quantile(&v, P50),
            p95: quantile(&v, P95),
        })
    }

    /// Where `v` lies against the band (its ends inside).
    pub fn place(&self, v: f64) -> Place {
        if v < self.p05 {
            Place::Below
        } else if v > self.p95 {
            Place::Above
        } else {
            Place::Inside
        }
    }
}

/// Where a value lies against a band.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Under its 5 % quantile.
    Below,
    /// Between its 5 % and 95 % quantiles.
    Inside,
    /// Over its 95 % quantile.
    Above,
}

/// What a spread reports of each model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    /// The decision boundary `x_t`.
    Boundary,
    /// Recall on the population.
    Recall,
    /// Precision on the population.
    Precision,
}

impl Quantity {
    /// Every quantity, in the order shown.
    pub const ALL: [Quantity; 3] = [Quantity::Boundary, Quantity::Recall, Quantity::Precision];

    /// Its key in the results file.
    pub fn key(self) -> &'static str {
        match self {
            Quantity::Boundary => "boundary",
            Quantity::Recall => "recall",
            Quantity::Precision => "precision",
        }
    }

    /// Its value in an outcome.
    pub fn of(self, o: &Outcome) -> Option<f64> {
        match self {
            Quantity::Boundary => o.boundary,
            Quantity::Recall => o.recall,
            Quantity::Precision => o.precision,
        }
    }
}

/// One loss's spread over the samples so far.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LossSpread {
    /// Samples on which it trained a model.
    pub models: u32,
    /// Why it trained none on the first sample that gave none.
    pub reason: Option<NoOptimum>,
    /// The bands of `Quantity::ALL`, over the models where the quantity exists.
    pub bands: [Option<Band>; 3],
}

impl LossSpread {
    /// The band of one quantity.
    pub fn band(&self, q: Quantity) -> Option<Band> {
        self.bands[q as usize]
    }
}

/// Each loss's spread over `samples` (each one sample's outcomes).
pub fn summarise(samples: &[Outcomes]) -> PerLoss<LossSpread> {
    PerLoss::new(|kind| {
        let results = samples.iter().map(|s| s.get(kind));
        let models = results.clone().filter(|r| r.is_ok()).count() as u32;
        let reason = results.clone().find_map(|r| r.as_ref().err().copied());
        let band = |q: Quantity| {
            Band::of(
                results
                    .clone()
                    .filter_map(|r| r.as_ref().ok().and_then(|o| q.of(o))),
            )
        };
        LossSpread {
            models,
            reason,
            bands: Quantity::ALL.map(band),
        }
    })
}

/// Where `kind`'s median of `q` lies against BCE's band; `None` when either is missing.
pub fn against_bce(spread: &PerLoss<LossSpread>, kind: LossKind, q: Quantity) -> Option<Place> {
    let bce = spread.get(LossKind::Bce).band(q)?;
    Some(bce.place(spread.get(kind).band(q)?.median))
}

/// A spread being computed one sample at a time (the worker replies after each).
#[derive(Clone, Debug)]
pub struct Retraining {
    request: SpreadRequest,
    starts: PerLoss<Model>,
    done: Vec<Outcomes>,
}

impl Retraining {
    /// The spread of `r` (`k` and `n` clamped to their ranges), no sample trained yet.
    pub fn new(r: &SpreadRequest) -> Self {
        let request = r.clamped();
        Retraining {
            starts: starts(&request),
            request,
            done: Vec::new(),
        }
    }

    /// What is computed.
    pub fn request(&self) -> &SpreadRequest {
        &self.request
    }

    /// Trains the next sample; its index and outcomes, or `None` once all `k` are done.
    pub fn next_sample(&mut self) -> Option<(u32, &Outcomes)> {
        let index = self.done.len() as u32;
        if index >= self.request.k {
            return None;
        }
        self.done
            .push(train_sample(&self.request, &self.starts, index));
        self.done.last().map(|o| (index, o))
    }

    /// The samples trained so far.
    pub fn samples(&self) -> &[Outcomes] {
        &self.done
    }

    /// Each loss's spread over the samples trained so far.
    pub fn summary(&self) -> PerLoss<LossSpread> {
        summarise(&self.done)
    }
}

/// Every sample of `r`, trained and judged, and each loss's spread, at once.
pub fn spread(r: &SpreadRequest) -> (Vec<Outcomes>, PerLoss<LossSpread>) {
    let mut run = Retraining::new(r);
    while run.next_sample().is_some() {}
    let summary = run.summary();
    (run.done, summary)
}

/// A completed spread, for the results file: what was retrained and each loss's spread.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpreadResults {
    /// What was retrained (`k` and `n` in their ranges).
    pub request: SpreadRequest,
    /// Each loss's spread over the `k` samples.
    pub spread: PerLoss<LossSpread>,
}

/// The `training` object's `"spread"` member, its comma first (nothing without a spread): the
/// run's size and seed, then each loss's number of models and its bands; `null` for a quantity
/// no model has, and a `"reason"` where some sample gave no model (reasons need no escaping).
pub fn spread_member(r: Option<&SpreadResults>) -> String {
    let Some(r) = r else {
        return String::new();
    };
    let q = &r.request;
    let mut out = format!(
        r#",
    "spread": {{ "k": {}, "n": {}, "seed": {}"#,
        q.k, q.n, q.seed
    );
    for (kind, l) in r.spread.iter() {
        out += &format!(r#", "{}": {{ "models": {}"#, kind.key(), l.models);
        for quantity in Quantity::ALL {
            let band = l.band(quantity).map_or("null".into(), |b| {
                format!(
                    r#"{{ "count": {}, "median": {}, "p05": {}, "p95": {} }}"#,
                    b.count,
                    exact(b.median),
                    exact(b.p05),
                    exact(b.p95)
                )
            });
            out += &format!(r#", "{}": {band}"#, quantity.key());
        }
        if let Some(why) = l.reason {
            out += &format!(r#", "reason": "{}""#, why.reason());
        }
        out += " }";
    }
    out + " }"
}
