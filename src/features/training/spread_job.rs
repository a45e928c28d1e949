//! Retraining every loss on K samples, in the worker, one sample a message: the page shows the
//! progress and the spread so far after each, and its input never waits for the whole run
//! (`sim::training::spread` is the maths).

use crate::features::training::job::REASONS;
use crate::sim::LossKind;
use crate::sim::engine::Reader;
use crate::sim::training::spread::{
    Band, LossSpread, Outcome, Outcomes, Quantity, Retraining, SpreadRequest,
};
use crate::sim::training::{Binormal, Model, NoOptimum, PerLoss};

/// A spread the page asks for, with its number: a newer job replaces an older one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpreadJob {
    /// The job's number.
    pub id: u32,
    /// What to retrain.
    pub request: SpreadRequest,
}

/// One sample trained: its outcomes, and every loss's spread over the samples so far.
#[derive(Clone, Debug, PartialEq)]
pub struct SpreadSample {
    /// The job's number.
    pub id: u32,
    /// The sample's index, from 0.
    pub index: u32,
    /// Samples in the run.
    pub k: u32,
    /// Each loss's model on this sample, judged on the population.
    pub outcomes: Outcomes,
    /// Each loss's spread over samples `0..=index`.
    pub spread: PerLoss<LossSpread>,
}

/// A reason's code on the wire: 0 for none, else its place in `REASONS` plus 1.
fn reason_code(why: Option<NoOptimum>) -> f64 {
    why.and_then(|w| REASONS.iter().position(|r| *r == w))
        .map_or(0.0, |i| (i + 1) as f64)
}

fn reason_of(code: u32) -> Option<Option<NoOptimum>> {
    match code {
        0 => Some(None),
        k => REASONS.get(k as usize - 1).map(|r| Some(*r)),
    }
}

/// An optional number as two: whether it is there, and it (0 if not).
fn write_option(v: Option<f64>, out: &mut Vec<f64>) {
    out.extend([f64::from(u8::from(v.is_some())), v.unwrap_or(0.0)]);
}

fn read_option(r: &mut Reader) -> Option<Option<f64>> {
    let (there, v) = (r.count()?, r.real()?);
    match there {
        0 => Some(None),
        1 => Some(Some(v)),
        _ => None,
    }
}

impl SpreadJob {
    pub(crate) fn write(&self, out: &mut Vec<f64>) {
        let r = &self.request;
        let p = &r.population;
        out.extend([
            f64::from(self.id),
            p.sep,
            f64::from(p.neg),
            f64::from(p.pos),
            r.threshold,
            f64::from(r.k),
            f64::from(r.n),
            (r.seed >> 32) as f64,
            (r.seed & 0xffff_ffff) as f64,
        ]);
        r.params.write(out);
    }

    pub(crate) fn read(v: &[f64]) -> Option<Self> {
        let mut r = Reader::new(v);
        let id = r.count()?;
        let population = Binormal::new(r.real()?, r.count()?, r.count()?);
        let (threshold, k, n) = (r.real()?, r.count()?, r.count()?);
        let seed = (r.half()? << 32) | r.half()?;
        let params = r.loss_params()?;
        let request = SpreadRequest {
            population,
            params,
            threshold,
            k,
            n,
            seed,
        };
        r.end(SpreadJob { id, request })
    }
}

impl SpreadSample {
    pub(crate) fn write(&self, out: &mut Vec<f64>) {
        out.extend([self.id, self.index, self.k].map(f64::from));
        for o in &self.outcomes.0 {
            match o {
                Ok(o) => {
                    out.extend([0.0, o.model.w, o.model.b]);
                    for v in [o.boundary, o.recall, o.precision] {
                        write_option(v, out);
                    }
                }
                Err(why) => out.extend([
                    reason_code(Some(*why)),
                    0.0,
                    0.0,
                    0.0,
                    0.0,
                    0.0,
                    0.0,
                    0.0,
                    0.0,
                ]),
            }
        }
        for s in &self.spread.0 {
            out.extend([f64::from(s.models), reason_code(s.reason)]);
            for b in s.bands {
                match b {
                    Some(b) => out.extend([1.0, f64::from(b.count), b.p05, b.median, b.p95]),
                    None => out.extend([0.0; 5]),
                }
            }
        }
    }

    pub(crate) fn read(v: &[f64]) -> Option<Self> {
        let mut r = Reader::new(v);
        let (id, index, k) = (r.count()?, r.count()?, r.count()?);
        let mut outcomes = PerLoss([Err(NoOptimum::NotConverged); LossKind::COUNT]);
        for slot in &mut outcomes.0 {
            let code = r.count()?;
            let model = Model {
                w: r.real()?,
                b: r.real()?,
            };
            let [boundary, recall, precision] = [
                read_option(&mut r)?,
                read_option(&mut r)?,
                read_option(&mut r)?,
            ];
            *slot = match reason_of(code)? {
                None => Ok(Outcome {
                    model,
                    boundary,
                    recall,
                    precision,
                }),
                Some(why) => Err(why),
            };
        }
        let mut spread = PerLoss(
            [LossSpread {
                models: 0,
                reason: None,
                bands: [None; Quantity::ALL.len()],
            }; LossKind::COUNT],
        );
        for s in &mut spread.0 {
            s.models = r.count()?;
            s.reason = reason_of(r.count()?)?;
            for band in &mut s.bands {
                let there = r.count()?;
                let (count, p05, median, p95) = (r.count()?, r.real()?, r.real()?, r.real()?);
                *band = match there {
                    0 => None,
                    1 => Some(Band {
                        count,
                        p05,
                        median,
                        p95,
                    }),
                    _ => return None,
                };
            }
        }
        r.end(SpreadSample {
            id,
            index,
            k,
            outcomes,
            spread,
        })
    }
}

/// A spread under way in the worker: trains the next sample when asked.
pub struct SpreadWork {
    id: u32,
    run: Retraining,
}

impl SpreadWork {
    /// The work of `job` (its `k` and `n` clamped to their ranges), nothing trained yet.
    pub fn new(job: &SpreadJob) -> Self {
        SpreadWork {
            id: job.id,
            run: Retraining::new(&job.request),
        }
    }

    /// The job's number.
    pub fn id(&self) -> u32 {
        self.id
    }

    /// Trains the next sample: the reply to send, or `None` once every sample is done.
    pub fn step(&mut self) -> Option<SpreadSample> {
        let (index, outcomes) = self.run.next_sample().map(|(i, o)| (i, *o))?;
        Some(SpreadSample {
            id: self.id,
            index,
            k: self.run.request().k,
            outcomes,
            spread: self.run.summary(),
        })
    }
}

/// A spread as the page follows it: what was asked, the samples received, and the spread so
/// far; or why it cannot be computed here.
#[derive(Clone, Debug, PartialEq)]
pub struct SpreadRun {
    /// The job's number.
    pub id: u32,
    /// What was asked (as the page asked it: `k` and `n` as the settings hold them).
    pub request: SpreadRequest,
    /// Each sample's outcomes, in order.
    pub samples: Vec<Outcomes>,
    /// Each loss's spread over the samples received.
    pub spread: Option<PerLoss<LossSpread>>,
    /// Why no sample will come (the worker's module could not load).
    pub failed: Option<&'static str>,
}

impl SpreadRun {
    /// A run just asked for.
    pub fn new(id: u32, request: SpreadRequest) -> Self {
        SpreadRun {
            id,
            request,
            samples: Vec::new(),
            spread: None,
            failed: None,
        }
    }

    /// Takes a sample of this run (the next one only: any other is dropped).
    pub fn push(&mut self, s: SpreadSample) {
        if s.id == self.id && s.index as usize == self.samples.len() {
            self.samples.push(s.outcomes);
            self.spread = Some(s.spread);
        }
    }

    /// Samples the run is made of.
    pub fn k(&self) -> u32 {
        self.request.clamped().k
    }

    /// Whether every sample has come.
    pub fn complete(&self) -> bool {
        self.samples.len() as u32 >= self.k()
    }

    /// Whether samples are still coming.
    pub fn running(&self) -> bool {
        self.failed.is_none() && !self.complete()
    }
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// The newest spread job the worker was given.
    static NEWEST: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Runs a spread job in the worker a sample a task, replying after each: the messages that
/// come meanwhile (the exact numbers of a moved slider) are answered between two samples, and
/// a newer job stops this one.
#[cfg(target_arch = "wasm32")]
pub(crate) fn run_in_turn(job: SpreadJob, reply: impl Fn(crate::protocol::FromWorker) + 'static) {
    use crate::protocol::FromWorker;
    NEWEST.with(|n| n.set(job.id));
    wasm_bindgen_futures::spawn_local(async move {
        let mut work = SpreadWork::new(&job);
        while NEWEST.with(|n| n.get()) == work.id() {
            let Some(sample) = work.step() else { return };
            reply(FromWorker::SpreadSample(Box::new(sample)));
            let _ = crate::worker::js::schedule::next_task(0).await;
        }
    });
}
