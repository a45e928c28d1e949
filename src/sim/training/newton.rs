//! Damped Newton on the two parameters `(w, b)`, shared by the population and the sample.
//!
//! Each step solves `(H + mu I) delta = -g` with `mu = 0` where the Hessian is positive definite
//! (always for the cross-entropies; focal is not convex far from its optimum, so there `mu`
//! lifts the smallest eigenvalue above 0, Levenberg-Marquardt style). The step is capped by a
//! trust radius (a nearly flat direction would otherwise send it far off, where a trial costs
//! more: `quadrature` needs more nodes for steeper models), then halved until the objective
//! falls enough (Armijo). Close to the optimum the full step is taken without a
//! test: the decrease is below the objective's rounding there, and Newton's convergence is
//! quadratic. Every trial point is evaluated once, with its gradient and Hessian, so an accepted
//! step costs one evaluation.

use super::problem::Model;
use crate::sim::loss::Terms;

/// A smooth objective of `(w, b)` at one point: value, gradient and Hessian.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Objective {
    /// The value.
    pub value: f64,
    /// `[d/dw, d/db]`.
    pub grad: [f64; 2],
    /// `[[d2/dw2, d2/dwdb], [d2/dbdw, d2/db2]]`.
    pub hess: [[f64; 2]; 2],
}

impl Objective {
    /// Adds `weight` times a per-sample loss of logit `w x + b` whose derivatives in the logit
    /// are `t` (the chain rule: `dz/dw = x`, `dz/db = 1`).
    #[inline]
    pub fn add(&mut self, weight: f64, x: f64, t: Terms) {
        let (s, c) = (weight * t.slope, weight * t.curvature);
        self.value += weight * t.value;
        self.grad[0] += s * x;
        self.grad[1] += s;
        self.hess[0][0] += c * x * x;
        self.hess[0][1] += c * x;
        self.hess[1][1] += c;
    }

    /// Adds another objective (another class, another chunk), times `weight`.
    pub fn add_scaled(&mut self, weight: f64, o: &Objective) {
        self.value += weight * o.value;
        for i in 0..2 {
            self.grad[i] += weight * o.grad[i];
            for j in 0..2 {
                self.hess[i][j] += weight * o.hess[i][j];
            }
        }
    }

    /// Copies the upper triangle of the Hessian to the lower (`add` fills only the upper).
    pub fn symmetrised(mut self) -> Self {
        self.hess[1][0] = self.hess[0][1];
        self
    }

    /// The damped Newton direction `-(H + mu I)^-1 g`, and whether `mu = 0` (H is positive
    /// definite).
    pub fn direction(&self) -> ([f64; 2], bool) {
        let [[a, b], [_, c]] = self.hess;
        let [g0, g1] = self.grad;
        let (mean, half) = ((a + c) / 2.0, libm::hypot((a - c) / 2.0, b));
        let (lo, hi) = (mean - half, mean + half);
        // Positive definite with a margin against rounding in the determinant.
        let convex = lo > 1e-12 * hi.abs();
        let mu = if convex {
            0.0
        } else {
            -lo + 1e-3 * hi.abs().max(lo.abs()) + f64::MIN_POSITIVE
        };
        let (a, c) = (a + mu, c + mu);
        let det = a * c - b * b;
        ([-(c * g0 - b * g1) / det, -(a * g1 - b * g0) / det], convex)
    }
}

/// Where a step left the minimiser.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Progress {
    /// Moved; not yet at the optimum.
    Moving,
    /// At the optimum: the last step was below the tolerance.
    Converged,
    /// No step lowers the objective any more and the optimum was not reached.
    Stuck,
}

/// The state of the damped Newton iteration.
#[derive(Clone, Debug, PartialEq)]
pub struct Newton {
    /// The current point.
    pub model: Model,
    /// The objective there.
    pub at: Objective,
    /// Steps taken.
    pub steps: u32,
    /// The longest step (`|dw| + |db|`) tried: at least twice the last step taken whole, cut to
    /// the last step taken when it had to be shortened.
    radius: f64,
}

/// Steps below this (relative to `1 + |w| + |b|`) are taken without a line search.
const LOCAL: f64 = 1e-6;

/// A step below this ends the iteration: the error left is about its square.
const DONE: f64 = 1e-10;

impl Newton {
    /// Starts at `model`, where the objective is `at`.
    pub fn new(model: Model, at: Objective) -> Self {
        Newton {
            model,
            at,
            steps: 0,
            radius: 1.0,
        }
    }

    /// One damped Newton step; `eval` gives the objective at a point.
    pub fn step(&mut self, mut eval: impl FnMut(Model) -> Objective) -> Progress {
        let (mut delta, convex) = self.at.direction();
        if !(delta[0].is_finite() && delta[1].is_finite()) {
            return Progress::Stuck;
        }
        let length = delta[0].abs() + delta[1].abs();
        if length > self.radius {
            delta = delta.map(|v| v * self.radius / length);
        }
        let scale = 1.0 + self.model.w.abs() + self.model.b.abs();
        let size = (delta[0].abs() + delta[1].abs()) / scale;
        let moved = |t: f64| Model {
            w: self.model.w + t * delta[0],
            b: self.model.b + t * delta[1],
        };
        if convex && size <= LOCAL {
            self.model = moved(1.0);
            self.at = eval(self.model);
            self.steps += 1;
            return if size <= DONE {
                Progress::Converged
            } else {
                Progress::Moving
            };
        }
        let slope = self.at.grad[0] * delta[0] + self.at.grad[1] * delta[1];
        let mut t = 1.0;
        for _ in 0..60 {
            let trial = moved(t);
            let at = eval(trial);
            if at.value <= self.at.value + 1e-4 * t * slope {
                let taken = t * (delta[0].abs() + delta[1].abs());
                self.radius = if t == 1.0 {
                    self.radius.max(2.0 * taken)
                } else {
                    taken
                };
                self.model = trial;
                self.at = at;
                self.steps += 1;
                return Progress::Moving;
            }
            t /= 2.0;
        }
        Progress::Stuck
    }

    /// Steps until converged (or stuck, or `max_steps`).
    pub fn run(&mut self, max_steps: u32, mut eval: impl FnMut(Model) -> Objective) -> Progress {
        while self.steps < max_steps {
            match self.step(&mut eval) {
                Progress::Moving => {}
                done => return done,
            }
        }
        Progress::Stuck
    }
}
