//! Requests and answers as flat lists of numbers, the form they cross to and from the Web
//! Worker in. Every count is below 2^53, so exact in a double; decoding checks every value and
//! gives `None` for anything `encode` could not have written.

use super::answer::{Answer, Curves, ModelAnswer};
use super::request::Request;
use super::{BINS, SWEEP};
use crate::sim::compare::RATIOS;
use crate::sim::loss::{ClassLoss, ExtraParams, LossParams, SUMS};
use crate::sim::metrics::{Confusion, Metric, Undefined};
use crate::sim::params::Scenario;
use crate::sim::ranking::{Ranking, Ranks};

impl Request {
    /// The request as numbers (the seed split in two halves, each exact in a double).
    pub fn encode(&self) -> Vec<f64> {
        numbers(|out| self.write(out))
    }

    /// Writes the request's numbers after `out`'s.
    pub(crate) fn write(&self, out: &mut Vec<f64>) {
        let s = &self.scenario;
        out.extend([
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
        ]);
        out.extend(s.extra.0);
        out.extend([self.model_b[0], self.model_b[1], f64::from(self.data)]);
    }

    /// The request back from `encode`'s numbers; `None` for anything else.
    pub fn decode(v: &[f64]) -> Option<Self> {
        let mut r = Reader::new(v);
        let request = r.request()?;
        r.end(request)
    }
}

impl Answer {
    /// The numbers as a flat list.
    pub fn encode(&self) -> Vec<f64> {
        numbers(|out| self.write(out))
    }

    /// Writes the numbers after `out`'s.
    pub(crate) fn write(&self, out: &mut Vec<f64>) {
        self.request.write(out);
        for m in &self.models {
            for l in &m.loss {
                out.extend(SUMS.map(|sum| l.get(sum)));
            }
            write_confusion(out, &m.confusion);
            write_metric(out, m.ranks.ranking.roc_auc);
            write_metric(out, m.ranks.ranking.average_precision);
            for &ap in &m.ranks.ap_at_ratios {
                write_metric(out, ap);
            }
        }
        for h in &self.curves.histograms {
            out.push(h.len() as f64);
            out.extend(h.iter().map(|&c| c as f64));
        }
        out.push(self.curves.sweep.len() as f64);
        for (t, c) in &self.curves.sweep {
            out.push(*t);
            write_confusion(out, c);
        }
    }

    /// The numbers back from `encode`'s list; `None` for anything else.
    pub fn decode(v: &[f64]) -> Option<Self> {
        let mut r = Reader::new(v);
        let request = r.request()?;
        let models = [r.model()?, r.model()?];
        let histograms = [r.histogram()?, r.histogram()?];
        let n = r.whole()? as usize;
        (n <= 4 * SWEEP + 4).then_some(())?;
        let sweep = (0..n)
            .map(|_| Some((r.real()?, r.confusion()?)))
            .collect::<Option<Vec<_>>>()?;
        r.end(Answer {
            request,
            models,
            curves: Curves { histograms, sweep },
        })
    }
}

/// The numbers `write` writes.
fn numbers(write: impl FnOnce(&mut Vec<f64>)) -> Vec<f64> {
    let mut out = Vec::new();
    write(&mut out);
    out
}

impl LossParams {
    /// The losses' parameters as the messages carry them: pos_weight, alpha, gamma, section 9's,
    /// then the class counts (`Reader::loss_params` reads them back).
    pub(crate) fn write(&self, out: &mut Vec<f64>) {
        out.extend([self.pos_weight, self.alpha, self.gamma]);
        out.extend(self.extra.0);
        out.extend(self.counts);
    }
}

/// Reads numbers written for the worker, checking each (the training messages use it too).
pub(crate) struct Reader<'a>(&'a [f64]);

impl<'a> Reader<'a> {
    /// A reader from the front of `v`.
    pub(crate) fn new(v: &'a [f64]) -> Self {
        Reader(v)
    }
    pub(crate) fn next(&mut self) -> Option<f64> {
        let (&v, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(v)
    }
    /// The next `n` numbers, as they are (`None` if fewer are left).
    pub(crate) fn take(&mut self, n: usize) -> Option<&'a [f64]> {
        (n <= self.0.len()).then(|| {
            let (taken, rest) = self.0.split_at(n);
            self.0 = rest;
            taken
        })
    }
    /// `value` if every number was read.
    pub(crate) fn end<T>(&self, value: T) -> Option<T> {
        self.0.is_empty().then_some(value)
    }
    pub(crate) fn real(&mut self) -> Option<f64> {
        self.next().filter(|v| v.is_finite())
    }
    fn nonnegative(&mut self) -> Option<f64> {
        self.real().filter(|&v| v >= 0.0)
    }
    pub(crate) fn whole(&mut self) -> Option<u64> {
        let v = self.real()?;
        (v >= 0.0 && v.fract() == 0.0 && v <= 9_007_199_254_740_992.0).then_some(v as u64)
    }
    pub(crate) fn count(&mut self) -> Option<u32> {
        u32::try_from(self.whole()?).ok()
    }
    pub(crate) fn half(&mut self) -> Option<u64> {
        self.whole().filter(|&v| v <= 0xffff_ffff)
    }
    /// A request, as `Request::write` wrote it.
    pub(crate) fn request(&mut self) -> Option<Request> {
        Some(Request {
            scenario: Scenario {
                neg: self.count()?,
                pos: self.count()?,
                acc0: self.real()?,
                acc1: self.real()?,
                alpha: self.real()?,
                gamma: self.real()?,
                pos_weight: self.real()?,
                threshold: self.real()?,
                seed: (self.half()? << 32) | self.half()?,
                extra: self.extra()?,
            },
            model_b: [self.real()?, self.real()?],
            data: self.count()?,
        })
    }
    pub(crate) fn metric(&mut self) -> Option<Metric> {
        let tag = self.whole()?;
        let v = self.next()?;
        if tag == 0 {
            return v.is_finite().then_some(Ok(v));
        }
        UNDEFINED.get(tag as usize - 1).map(|&u| Err(u))
    }
    pub(crate) fn confusion(&mut self) -> Option<Confusion> {
        Some(Confusion {
            tp: self.whole()?,
            fp: self.whole()?,
            tn: self.whole()?,
            fn_: self.whole()?,
        })
    }
    fn class_loss(&mut self) -> Option<ClassLoss> {
        let mut l = ClassLoss::default();
        for sum in SUMS {
            *l.slot(sum) = self.nonnegative()?;
        }
        Some(l)
    }
    /// Parameters written by `LossParams::write`.
    pub(crate) fn loss_params(&mut self) -> Option<LossParams> {
        let mut params = LossParams::new(self.real()?, self.real()?, self.real()?);
        params.extra = self.extra()?;
        params.counts = [self.real()?, self.real()?];
        Some(params)
    }
    fn extra(&mut self) -> Option<ExtraParams> {
        let mut e = ExtraParams::default();
        for v in &mut e.0 {
            *v = self.real()?;
        }
        Some(e)
    }
    fn model(&mut self) -> Option<ModelAnswer> {
        let loss = [self.class_loss()?, self.class_loss()?];
        let confusion = self.confusion()?;
        let ranking = Ranking {
            roc_auc: self.metric()?,
            average_precision: self.metric()?,
        };
        let mut ap_at_ratios = [Ok(0.0); RATIOS.len()];
        for a in &mut ap_at_ratios {
            *a = self.metric()?;
        }
        Some(ModelAnswer {
            loss,
            confusion,
            ranks: Ranks {
                ranking,
                ap_at_ratios,
            },
        })
    }
    fn histogram(&mut self) -> Option<Vec<u64>> {
        let n = self.whole()? as usize;
        (n <= 4 * BINS).then_some(())?;
        (0..n).map(|_| self.whole()).collect()
    }
}

/// Every reason a metric can be undefined, in a fixed order (its code is the index + 1).
const UNDEFINED: [Undefined; 9] = [
    Undefined::NoSamples,
    Undefined::NoPositives,
    Undefined::NoNegatives,
    Undefined::NoPredictedPositives,
    Undefined::NoPredictedNegatives,
    Undefined::NoPositivesNorPredicted,
    Undefined::ZeroLoss,
    Undefined::SetLevel,
    Undefined::CountDependent,
];

pub(crate) fn write_metric(out: &mut Vec<f64>, m: Metric) {
    match m {
        Ok(v) => out.extend([0.0, v]),
        Err(u) => {
            let code = UNDEFINED.iter().position(|&x| x == u).unwrap_or(0) + 1;
            out.extend([code as f64, 0.0]);
        }
    }
}

pub(crate) fn write_confusion(out: &mut Vec<f64>, c: &Confusion) {
    out.extend([c.tp, c.fp, c.tn, c.fn_].map(|v| v as f64));
}
