//! The exact numbers of a view, worked out away from the page.
//!
//! Large classes make the passes over every sample too slow for one frame (a logarithm per
//! sample for the loss sums, another for the draws). The page therefore shows an estimate from
//! a preview of at most `PREVIEW` draws a class while a control moves, and asks an `Engine`
//! (in a Web Worker) for the exact numbers, which replace the estimate when they arrive.
//!
//! The engine keeps each layer of the last request (draws, loss sums, ranking, curves) and
//! redoes only the layers whose inputs changed, like the page's memos. Requests and answers
//! travel as flat lists of numbers (`Request::encode`, `Exact::decode`).

use super::compare::RATIOS;
use super::curves::{histogram, threshold_sweep};
use super::generator::ClassScores;
use super::losses::ClassLoss;
use super::metrics::{Confusion, Metric, Undefined};
use super::params::{Class, Scenario};
use super::ranking::{Ranking, ranks};
use super::rng::UnitDraws;

/// Bins of the score histograms.
pub const BINS: usize = 50;
/// Thresholds in the precision / recall / ROC / PR sweeps (`SWEEP + 1` points).
pub const SWEEP: usize = 200;
/// The most draws a class's preview holds. A class this small or smaller is its own preview,
/// so its numbers on the page are exact at once.
pub const PREVIEW: u32 = 1 << 16;

/// The models of the comparison: A (the scenario's accuracies) and B (the rival's).
pub const MODELS: usize = 2;

/// What the exact numbers depend on: the scenario, and model B's accuracies.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Request {
    /// The scenario (model A's accuracies among it).
    pub scenario: Scenario,
    /// Model B's accuracies on the negatives and the positives.
    pub rival: [f64; 2],
}

impl Request {
    /// Model `m`'s accuracy on `class` (m = 0 is A, 1 is B).
    pub fn acc(&self, m: usize, class: Class) -> f64 {
        match (m, class) {
            (0, c) => self.scenario.acc(c),
            (_, Class::Negative) => self.rival[0],
            (_, Class::Positive) => self.rival[1],
        }
    }

    /// Whether every class fits its preview, so the page computes everything exactly itself.
    pub fn fits_preview(&self) -> bool {
        self.scenario.neg <= PREVIEW && self.scenario.pos <= PREVIEW
    }

    /// The request as numbers (the seed split in two halves, each exact in a double).
    pub fn encode(&self) -> Vec<f64> {
        let s = &self.scenario;
        vec![
            f64::from(s.neg),
            f64::from(s.pos),
            s.acc0,
            s.acc1,
            s.alpha,
            s.gamma,
            s.pos_weight,
            s.threshold,
            (s.seed >> 32) as f64,
            (s.seed & 0xffff_ffff) as f64,
            self.rival[0],
            self.rival[1],
        ]
    }

    /// The request back from `encode`'s numbers; `None` for anything else.
    pub fn decode(v: &[f64]) -> Option<Self> {
        let mut r = Reader(v);
        let request = Self::read(&mut r)?;
        r.0.is_empty().then_some(request)
    }

    /// Reads the numbers `encode` writes, from the front of `r`.
    fn read(r: &mut Reader) -> Option<Self> {
        Some(Request {
            scenario: Scenario {
                neg: r.count()?,
                pos: r.count()?,
                acc0: r.real()?,
                acc1: r.real()?,
                alpha: r.real()?,
                gamma: r.real()?,
                pos_weight: r.real()?,
                threshold: r.real()?,
                seed: (r.half()? << 32) | r.half()?,
            },
            rival: [r.real()?, r.real()?],
        })
    }
}

/// Whether the page has every number of `r` exactly: each class fits its preview, or the
/// engine's answer `exact` covers `r`.
pub fn settled(r: &Request, exact: Option<&Exact>) -> bool {
    r.fits_preview() || exact.is_some_and(|e| e.covers(r))
}

/// One model's exact results.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelExact {
    /// The loss sums of the negatives and the positives.
    pub loss: [ClassLoss; 2],
    /// The confusion matrix at the threshold.
    pub confusion: Confusion,
    /// ROC AUC and average precision.
    pub ranking: Ranking,
    /// Average precision at each of `RATIOS`.
    pub ap_at_ratios: [Metric; RATIOS.len()],
}

/// The exact numbers of one request.
#[derive(Clone, Debug, PartialEq)]
pub struct Exact {
    /// What they were computed for.
    pub request: Request,
    /// Models A and B.
    pub models: [ModelExact; MODELS],
    /// Model A's score histograms (negatives, positives), `BINS` bins each.
    pub histograms: [Vec<u64>; 2],
    /// Model A's confusion matrices at `SWEEP + 1` thresholds.
    pub sweep: Vec<(f64, Confusion)>,
}

/// ROC AUC and average precision with every negative counted `neg_weight` times, and average
/// precision at each of `RATIOS` (every negative counted `r * pos / neg` times, the value the
/// model would score with `r` negatives per positive), in one walk.
pub fn ranking_at_ratios(
    neg: &ClassScores,
    pos: &ClassScores,
    neg_weight: f64,
) -> (Ranking, [Metric; RATIOS.len()]) {
    let mut weights = [neg_weight; RATIOS.len() + 1];
    for (w, r) in weights[1..].iter_mut().zip(RATIOS) {
        *w = if neg.is_empty() {
            1.0
        } else {
            r * pos.len() as f64 / neg.len() as f64
        };
    }
    let (roc_auc, [average_precision, at @ ..]) = ranks(neg, pos, weights);
    (
        Ranking {
            roc_auc,
            average_precision,
        },
        at,
    )
}

/// A value and the inputs it was computed from.
struct Cached<K, V>(Option<(K, V)>);

impl<K: PartialEq + Copy, V: Clone> Cached<K, V> {
    /// The value for `key`, computed by `f` only when the key changed. The old value is dropped
    /// first, so a large one is never held twice.
    fn get(&mut self, key: K, f: impl FnOnce() -> V) -> V {
        match &self.0 {
            Some((k, v)) if *k == key => v.clone(),
            _ => {
                self.0 = None;
                let v = f();
                self.0 = Some((key, v.clone()));
                v
            }
        }
    }
}

/// Everything one model's ranking depends on: seed, counts, accuracies (as bits).
pub type ModelKey = (u64, u32, u32, u64, u64);
/// What one class's loss sums depend on: seed, count, accuracy, gamma (as bits).
pub type LossKey = (u64, u32, u64, u64);

/// The inputs of model `m`'s loss sums over `class`.
pub fn loss_key(r: &Request, m: usize, class: Class) -> LossKey {
    let s = &r.scenario;
    (
        s.seed,
        s.count(class),
        r.acc(m, class).to_bits(),
        s.gamma.to_bits(),
    )
}

/// Model A's histograms and threshold sweep.
type Curves = ([Vec<u64>; 2], Vec<(f64, Confusion)>);

/// Computes exact numbers, keeping each layer of the last request.
pub struct Engine {
    draws: [Cached<(u64, u32), UnitDraws>; 2],
    loss: [[Cached<LossKey, ClassLoss>; 2]; MODELS],
    ranking: [Cached<ModelKey, (Ranking, [Metric; RATIOS.len()])>; MODELS],
    curves: Cached<ModelKey, Curves>,
}

impl Default for Engine {
    fn default() -> Self {
        Engine {
            draws: [Cached(None), Cached(None)],
            loss: [[Cached(None), Cached(None)], [Cached(None), Cached(None)]],
            ranking: [Cached(None), Cached(None)],
            curves: Cached(None),
        }
    }
}

impl Engine {
    /// A new engine with nothing computed yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// One class's draws for the request.
    pub fn draws(&mut self, r: &Request, class: Class) -> UnitDraws {
        let (seed, n) = (r.scenario.seed, r.scenario.count(class));
        self.draws[class as usize].get((seed, n), || UnitDraws::generate(seed, class, n))
    }

    /// The exact numbers of `r`. `progress` hears the share of the work done, in [0, 1], after
    /// each pass over a class.
    pub fn compute(&mut self, r: &Request, progress: &mut dyn FnMut(f64)) -> Exact {
        let s = r.scenario;
        let classes = [Class::Negative, Class::Positive];
        // The work, counted in samples passed over: drawing, then a loss pass a class and model.
        let total = 3.0 * MODELS as f64 * s.total() as f64;
        let mut done = 0.0;
        let mut step = |samples: u32, progress: &mut dyn FnMut(f64)| {
            done += f64::from(samples);
            progress((done / total.max(1.0)).min(1.0));
        };
        let draws = classes.map(|c| {
            let d = self.draws(r, c);
            step(2 * s.count(c), progress);
            d
        });
        let models: [ModelExact; MODELS] = std::array::from_fn(|m| {
            let scores = classes.map(|c| ClassScores::new(c, r.acc(m, c), &draws[c as usize]));
            let loss = classes.map(|c| {
                let l = self.loss[m][c as usize].get(loss_key(r, m, c), || {
                    ClassLoss::new(&scores[c as usize], s.gamma)
                });
                step(s.count(c), progress);
                l
            });
            let key = model_key(r, m);
            let (ranking, ap) =
                self.ranking[m].get(key, || ranking_at_ratios(&scores[0], &scores[1], 1.0));
            ModelExact {
                loss,
                confusion: Confusion::at(&scores[0], &scores[1], s.threshold),
                ranking,
                ap_at_ratios: ap,
            }
        });
        let (histograms, sweep) = self.curves.get(model_key(r, 0), || {
            let scores = classes.map(|c| ClassScores::new(c, r.acc(0, c), &draws[c as usize]));
            (
                scores.each_ref().map(|s| histogram(s, BINS)),
                threshold_sweep(&scores[0], &scores[1], SWEEP),
            )
        });
        progress(1.0);
        Exact {
            request: *r,
            models,
            histograms,
            sweep,
        }
    }
}

/// The inputs of model `m`'s ranking (and of model A's curves).
pub fn model_key(r: &Request, m: usize) -> ModelKey {
    let s = &r.scenario;
    (
        s.seed,
        s.neg,
        s.pos,
        r.acc(m, Class::Negative).to_bits(),
        r.acc(m, Class::Positive).to_bits(),
    )
}

/// Reads numbers written by `Writer`, checking each.
struct Reader<'a>(&'a [f64]);

impl Reader<'_> {
    fn next(&mut self) -> Option<f64> {
        let (&v, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(v)
    }
    fn real(&mut self) -> Option<f64> {
        self.next().filter(|v| v.is_finite())
    }
    fn nonnegative(&mut self) -> Option<f64> {
        self.real().filter(|&v| v >= 0.0)
    }
    fn whole(&mut self) -> Option<u64> {
        let v = self.real()?;
        (v >= 0.0 && v.fract() == 0.0 && v <= 9_007_199_254_740_992.0).then_some(v as u64)
    }
    fn count(&mut self) -> Option<u32> {
        u32::try_from(self.whole()?).ok()
    }
    fn half(&mut self) -> Option<u64> {
        self.whole().filter(|&v| v <= 0xffff_ffff)
    }
    fn metric(&mut self) -> Option<Metric> {
        let tag = self.whole()?;
        let v = self.next()?;
        if tag == 0 {
            return v.is_finite().then_some(Ok(v));
        }
        UNDEFINED.get(tag as usize - 1).map(|&u| Err(u))
    }
    fn confusion(&mut self) -> Option<Confusion> {
        Some(Confusion {
            tp: self.whole()?,
            fp: self.whole()?,
            tn: self.whole()?,
            fn_: self.whole()?,
        })
    }
    fn counts(&mut self, n: usize) -> Option<Vec<u64>> {
        (0..n).map(|_| self.whole()).collect()
    }
}

/// Every reason a metric can be undefined, in a fixed order (its code is the index + 1).
const UNDEFINED: [Undefined; 7] = [
    Undefined::NoSamples,
    Undefined::NoPositives,
    Undefined::NoNegatives,
    Undefined::NoPredictedPositives,
    Undefined::NoPredictedNegatives,
    Undefined::NoPositivesNorPredicted,
    Undefined::ZeroLoss,
];

fn write_metric(out: &mut Vec<f64>, m: Metric) {
    match m {
        Ok(v) => out.extend([0.0, v]),
        Err(u) => {
            let code = UNDEFINED.iter().position(|&x| x == u).unwrap_or(0) + 1;
            out.extend([code as f64, 0.0]);
        }
    }
}

fn write_confusion(out: &mut Vec<f64>, c: &Confusion) {
    out.extend([c.tp, c.fp, c.tn, c.fn_].map(|v| v as f64));
}

impl Exact {
    /// Model `m`'s loss sums over `class`, if they were computed for these inputs.
    pub fn loss(&self, key: LossKey, m: usize, class: Class) -> Option<ClassLoss> {
        (loss_key(&self.request, m, class) == key).then(|| self.models[m].loss[class as usize])
    }

    /// Model `m`'s cross-entropy sum over `class`, if computed for these inputs: it does not
    /// depend on gamma (the last part of the key), so an answer for another gamma has it.
    pub fn cross_entropy(&self, key: LossKey, m: usize, class: Class) -> Option<f64> {
        let (seed, count, acc, _) = loss_key(&self.request, m, class);
        ((seed, count, acc) == (key.0, key.1, key.2))
            .then(|| self.models[m].loss[class as usize].ce)
    }

    /// Model `m`'s ranking and AP at the ratios, if computed for these inputs.
    pub fn ranking(&self, key: ModelKey, m: usize) -> Option<(Ranking, [Metric; RATIOS.len()])> {
        (model_key(&self.request, m) == key)
            .then(|| (self.models[m].ranking, self.models[m].ap_at_ratios))
    }

    /// Model `m`'s confusion matrix, if computed for these inputs and threshold.
    pub fn confusion(&self, key: ModelKey, threshold: f64, m: usize) -> Option<Confusion> {
        (model_key(&self.request, m) == key
            && self.request.scenario.threshold.to_bits() == threshold.to_bits())
        .then_some(self.models[m].confusion)
    }

    /// The answer, if model A's histograms and sweep in it were computed for these inputs.
    pub fn curves(&self, key: ModelKey) -> Option<&Self> {
        (model_key(&self.request, 0) == key).then_some(self)
    }

    /// Whether every part answers `r` (alpha and pos_weight need no pass, so they never
    /// make an answer stale).
    pub fn covers(&self, r: &Request) -> bool {
        let classes = [Class::Negative, Class::Positive];
        (0..MODELS).all(|m| {
            classes
                .iter()
                .all(|&c| self.loss(loss_key(r, m, c), m, c).is_some())
                && self
                    .confusion(model_key(r, m), r.scenario.threshold, m)
                    .is_some()
        })
    }

    /// The numbers as a flat list (every count is below 2^53, so exact in a double).
    pub fn encode(&self) -> Vec<f64> {
        let mut out = self.request.encode();
        for m in &self.models {
            for l in &m.loss {
                out.extend([l.ce, l.focal]);
            }
            write_confusion(&mut out, &m.confusion);
            write_metric(&mut out, m.ranking.roc_auc);
            write_metric(&mut out, m.ranking.average_precision);
            for &ap in &m.ap_at_ratios {
                write_metric(&mut out, ap);
            }
        }
        for h in &self.histograms {
            out.push(h.len() as f64);
            out.extend(h.iter().map(|&c| c as f64));
        }
        out.push(self.sweep.len() as f64);
        for (t, c) in &self.sweep {
            out.push(*t);
            write_confusion(&mut out, c);
        }
        out
    }

    /// The numbers back from `encode`'s list; `None` for anything else.
    pub fn decode(v: &[f64]) -> Option<Self> {
        let mut r = Reader(v);
        let request = Request::read(&mut r)?;
        let mut model = || -> Option<ModelExact> {
            let mut loss = || {
                Some(ClassLoss {
                    ce: r.nonnegative()?,
                    focal: r.nonnegative()?,
                })
            };
            let loss = [loss()?, loss()?];
            let confusion = r.confusion()?;
            let ranking = Ranking {
                roc_auc: r.metric()?,
                average_precision: r.metric()?,
            };
            let mut ap = [Ok(0.0); RATIOS.len()];
            for a in &mut ap {
                *a = r.metric()?;
            }
            Some(ModelExact {
                loss,
                confusion,
                ranking,
                ap_at_ratios: ap,
            })
        };
        let models = [model()?, model()?];
        let mut histogram = || {
            let n = r.whole()? as usize;
            (n <= 4 * BINS).then_some(())?;
            r.counts(n)
        };
        let histograms = [histogram()?, histogram()?];
        let n = r.whole()? as usize;
        (n <= 4 * SWEEP + 4).then_some(())?;
        let sweep = (0..n)
            .map(|_| Some((r.real()?, r.confusion()?)))
            .collect::<Option<Vec<_>>>()?;
        r.0.is_empty().then_some(Exact {
            request,
            models,
            histograms,
            sweep,
        })
    }
}

/// An estimate from a class's preview: each preview draw stands for `weight` samples.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights {
    /// Samples per preview draw of the negatives and of the positives (1 when exact).
    pub weight: [f64; 2],
    /// The classes' true counts.
    pub count: [u64; 2],
}

impl Weights {
    /// The preview size of a class of `n` samples.
    pub fn preview_size(n: u32) -> u32 {
        n.min(PREVIEW)
    }

    /// The weights of a scenario's previews.
    pub fn of(s: &Scenario) -> Self {
        let w = |n: u32| {
            let m = Self::preview_size(n);
            if m == 0 {
                1.0
            } else {
                f64::from(n) / f64::from(m)
            }
        };
        Weights {
            weight: [w(s.neg), w(s.pos)],
            count: [u64::from(s.neg), u64::from(s.pos)],
        }
    }

    /// Whether `class` is its own preview, so that its estimates are exact.
    pub fn whole(&self, class: Class) -> bool {
        self.count[class as usize] <= u64::from(PREVIEW)
    }

    /// A preview count of `class` scaled to the whole class (never more than the class).
    pub fn count(&self, class: Class, preview: u64) -> u64 {
        let c = class as usize;
        ((preview as f64 * self.weight[c]).round() as u64).min(self.count[c])
    }

    /// A preview's loss sums scaled to the whole class.
    pub fn loss(&self, class: Class, l: ClassLoss) -> ClassLoss {
        let w = self.weight[class as usize];
        ClassLoss {
            ce: l.ce * w,
            focal: l.focal * w,
        }
    }

    /// A preview's confusion matrix scaled to the whole classes; each class still adds up.
    pub fn confusion(&self, c: Confusion) -> Confusion {
        let fp = self.count(Class::Negative, c.fp);
        let tp = self.count(Class::Positive, c.tp);
        Confusion {
            tp,
            fp,
            tn: self.count[0] - fp,
            fn_: self.count[1] - tp,
        }
    }

    /// Average precision's weight of a negative against a positive in the preview.
    pub fn negative_weight(&self) -> f64 {
        self.weight[0] / self.weight[1]
    }
}
