//! Training on a sample in the worker: each step survives the wire, the steps reach the
//! sample's optimum, every reason for no model crosses by name, and a run keeps its curves.

use imbalance_lab::features::training::job::REASONS;
use imbalance_lab::features::training::job::{TrainRequest, TrainRun, TrainStep};
use imbalance_lab::protocol::{FromWorker, ToWorker};
use imbalance_lab::sim::engine::Engine;
use imbalance_lab::sim::training::{Binormal, LossParams, Model, NoOptimum, Sample, fit_sample};
use imbalance_lab::sim::{Class, LossKind};
use imbalance_lab::worker::serve;

#[test]
fn training_on_a_sample_steps_to_the_sample_optimum() {
    let r = TrainRequest {
        population: Binormal::new(2.0, 900, 100),
        n: 3_000,
        seed: u64::MAX - 1,
        params: LossParams::new(4.0, 0.25, 2.0).with_counts(900.0, 100.0),
    };
    let message = ToWorker::Train(r);
    assert_eq!(ToWorker::decode(&message.encode()), Some(message.clone()));
    let mut steps: Vec<TrainStep> = Vec::new();
    serve(&mut Engine::new(), message, &mut |m| match m {
        FromWorker::TrainStep(s) => steps.push(*s),
        other => panic!("{other:?}"),
    });
    // Step 0 is the start (w = b = 0); each step's loss never rises; the last has converged.
    assert_eq!(steps[0].step, 0);
    assert!(steps.iter().rev().skip(1).all(|s| !s.done));
    let last = steps.last().unwrap();
    assert!(last.done && last.step > 1, "{last:?}");
    for k in 0..4 {
        let losses: Vec<f64> = steps.iter().map(|s| s.models[k].unwrap().1).collect();
        assert!(
            losses.windows(2).all(|w| w[1] <= w[0] + 1e-12),
            "{losses:?}"
        );
    }
    // The models it ends at are the sample's own optimum, found step by step.
    let sample = Sample::generate(&r.population, r.n, r.seed);
    for (k, kind) in LossKind::ALL.into_iter().enumerate() {
        // The set-level loss trains no finite model, and says so at every step.
        let Ok(want) = fit_sample(&sample, kind, &r.params) else {
            assert_eq!(last.models[k], Err(NoOptimum::SetLevel), "{kind:?}");
            continue;
        };
        let want = want.model;
        let (got, _) = last.models[k].unwrap();
        assert!(
            (got.w - want.w).abs() < 1e-9 && (got.b - want.b).abs() < 1e-9,
            "{kind:?}"
        );
    }
    // Each step survives its trip; a loss without an optimum (alpha 0) has no model.
    for s in &steps {
        let (numbers, bytes) = FromWorker::TrainStep(Box::new(s.clone())).encode();
        assert_eq!(
            FromWorker::decode(&numbers, bytes),
            FromWorker::TrainStep(Box::new(s.clone()))
        );
    }
    let mut none = Vec::new();
    let r0 = TrainRequest {
        params: LossParams::new(1.0, 0.0, 2.0),
        ..r
    };
    serve(&mut Engine::new(), ToWorker::Train(r0), &mut |m| {
        none.push(m)
    });
    let FromWorker::TrainStep(last) = none.last().unwrap() else {
        panic!()
    };
    // alpha = 0 gives the positives no weight: the two alpha-weighted losses say so, by name.
    let zero = Err(NoOptimum::ZeroWeight(Class::Positive));
    assert_eq!((last.models[2], last.models[3]), (zero, zero));
    assert!(last.models[0].is_ok());
    let (numbers, bytes) = FromWorker::TrainStep(last.clone()).encode();
    assert_eq!(
        FromWorker::decode(&numbers, bytes),
        FromWorker::TrainStep(last.clone())
    );
}

#[test]
fn every_reason_for_no_model_survives_the_wire() {
    for why in REASONS {
        let step = TrainStep {
            step: 3,
            done: true,
            models: std::array::from_fn(|i| {
                if i == 1 {
                    Ok((Model { w: 1.5, b: -0.25 }, 0.125))
                } else {
                    Err(why)
                }
            }),
        };
        let (numbers, bytes) = FromWorker::TrainStep(Box::new(step.clone())).encode();
        assert_eq!(
            FromWorker::decode(&numbers, bytes),
            FromWorker::TrainStep(Box::new(step))
        );
    }
}

#[test]
fn a_run_keeps_its_loss_curves_and_reports_the_sample_optimum_once_converged() {
    let r = TrainRequest {
        population: Binormal::new(1.5, 300, 100),
        n: 2_000,
        seed: 11,
        params: LossParams::new(2.0, 0.25, 2.0).with_counts(300.0, 100.0),
    };
    let mut steps = Vec::new();
    serve(&mut Engine::new(), ToWorker::Train(r), &mut |m| {
        if let FromWorker::TrainStep(s) = m {
            steps.push(*s);
        }
    });
    let mut run = TrainRun::new(r);
    assert!(run.running() && run.sample_fits().is_none());
    for s in &steps[..2] {
        run.push(s.clone());
    }
    // Half way: the curves hold the steps so far, and there is no optimum to report yet.
    assert!(run.running() && !run.converged() && run.sample_fits().is_none());
    assert_eq!(run.loss_curves()[0].len(), 2);
    for s in &steps[2..] {
        run.push(s.clone());
    }
    assert!(run.converged() && !run.running());
    let curves = run.loss_curves();
    let sample = Sample::generate(&r.population, r.n, r.seed);
    let fits = run.sample_fits().unwrap();
    assert_eq!((fits.n, fits.seed), (2_000, 11));
    for (k, (kind, fit)) in fits.fits.iter().enumerate() {
        if !kind.loss().per_sample() {
            assert!(fit.is_err() && curves[k].is_empty(), "{kind:?}");
            continue;
        }
        assert_eq!(curves[k].len(), steps.len());
        assert_eq!(curves[k][0].0, 0);
        let want = fit_sample(&sample, kind, &r.params).unwrap().model;
        let got = fit.unwrap();
        assert!(
            (got.w - want.w).abs() < 1e-9 && (got.b - want.b).abs() < 1e-9,
            "{kind:?}"
        );
        // The curve ends at the loss the sample's optimum gets.
        assert_eq!(
            curves[k].last().unwrap().1,
            steps.last().unwrap().models[k].unwrap().1
        );
    }
    // A stopped run takes no more steps, and reports no optimum.
    let mut stopped = TrainRun::new(r);
    stopped.push(steps[0].clone());
    stopped.following = false;
    for s in &steps[1..] {
        stopped.push(s.clone());
    }
    assert_eq!(stopped.steps.len(), 1);
    assert!(!stopped.running() && stopped.sample_fits().is_none());
}
