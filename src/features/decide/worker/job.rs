//! What the page asks the decision panel for, and its form on the wire.

use crate::sim::engine::{Reader, Request};
use crate::state::{DecisionSettings, Judge, TrainingSettings, Undo};

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

impl DecideJob {
    /// Writes the job's numbers after `out`'s (`protocol::ToWorker::Decide`).
    pub(crate) fn write(&self, out: &mut Vec<f64>) {
        let d = &self.settings;
        let (undo, amount) = match d.undo {
            Undo::Nothing => (0.0, 0.0),
            Undo::PosWeight(w) => (1.0, w),
            Undo::Undersampled(r) => (2.0, r),
        };
        let judge = Judge::ALL.iter().position(|j| *j == d.judge).unwrap_or(0);
        out.push(f64::from(self.id));
        self.request.write(out);
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
            f64::from(self.training.spread_k),
            f64::from(self.training.spread_n),
            f64::from(u8::from(self.dark)),
            f64::from(self.width),
            f64::from(u8::from(self.seen)),
        ]);
    }

    /// The job back from `write`'s numbers; `None` for anything else.
    pub(crate) fn read(v: &[f64]) -> Option<Self> {
        let mut r = Reader::new(v);
        let id = r.count()?;
        let request = r.request()?;
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
            spread_k: r.count()?,
            spread_n: r.count()?,
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
