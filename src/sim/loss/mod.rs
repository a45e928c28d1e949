//! Every loss the page compares, one file each (SPEC sections 2 and 9).
//!
//! A loss's file holds two constants: `LOSS` ([`Loss`]: its key, its name, the page parameters it
//! reads, its colour and the function that gives its [`Shape`], class weights and focal exponent,
//! from which its value on a probability, its value and derivatives on a logit, its optimum `p*(q)`
//! and its reductions all follow), and `TEXT` ([`LossText`]: its formula, its term, its name in a
//! sentence and its lines in the code snippets). [`LossKind`] is the list: adding a loss is its
//! file and one line in `registry!` below. Tables, charts, exports, training and words iterate
//! `LossKind::ALL` and ask `kind.loss()`; none of them names a loss but to single one out (BCE as
//! the baseline, focal for its curve).

mod asymmetric;
mod balanced_ce;
mod bce;
mod class_balanced;
mod focal;
mod ldam;
mod logit_adjusted;
mod params;
mod per_loss;
mod poly1;
mod shape;
mod shown;
mod stage;
mod sums;
mod tversky;
mod value;
mod weighted_bce;

pub use params::{
    ALPHA, ASL_GN, ASL_GP, ASL_M, CB_BETA, EXTRA, ExtraParams, GAMMA, LA_TAU, LDAM_M, LossParams,
    POLY_EPS, POS_WEIGHT, TV_A, TV_B,
};
pub use per_loss::PerLoss;
pub use shape::{Shape, Terms, margin};
pub use shown::Shown;
pub use sums::{ClassLoss, Pass, SPLIT, SUMS, Sum, SumParams, clip, split};
pub use tversky::{hard_index, soft_loss as tversky_loss};
pub use value::{LossValue, Losses, Reduction, SoftCounts, loss_value, losses};

use super::metrics::Undefined;
use super::params::{Class, Param};

/// The colour a loss is drawn in on every chart, on a light and on a dark background (RGB).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hue {
    /// On the light theme's white.
    pub light: [u8; 3],
    /// On the dark theme's near-black.
    pub dark: [u8; 3],
}

impl Hue {
    /// A colour on a light and on a dark background.
    pub const fn new(light: [u8; 3], dark: [u8; 3]) -> Self {
        Hue { light, dark }
    }
}

/// A formula in MathML, with the words a reader without MathML gets instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Formula {
    /// The formula's MathML, without the `<math>` element.
    pub mathml: &'static str,
    /// The same in plain words.
    pub alt: &'static str,
}

/// What the page knows about one loss: plain data, and the function that gives its shape.
pub struct Loss {
    /// The key in the results JSON and in links (SPEC section 5).
    pub key: &'static str,
    /// The name the page shows.
    pub name: &'static str,
    /// The page parameters the loss reads, in the order the page shows them.
    pub params: &'static [Param],
    /// Its colour on every chart.
    pub hue: Hue,
    /// What it is made of: a per-sample shape, or a value of the whole set.
    pub form: Form,
}

/// How a loss is computed.
#[derive(Clone, Copy)]
pub enum Form {
    /// A sum over samples: the function giving its `Shape` at the page's parameters (as they
    /// are; training clamps them first: `Shape::of`), or why it has none there, and the
    /// per-class sum its value on fixed predictions is made of.
    Sample {
        /// The shape at these parameters.
        shape: fn(&LossParams) -> Result<Shape, Undefined>,
        /// The sum over a class that it weighs.
        sum: Sum,
    },
    /// A value of the whole set from its soft confusion counts: no sum over samples, no
    /// per-class share, no per-sample optimum.
    Set(fn(&SoftCounts, &LossParams) -> f64),
}

impl Loss {
    /// The loss's shape at these parameters (as they are), or why it has none: a set-level
    /// loss, or parameters where it is undefined.
    pub fn shape_at(&self, params: &LossParams) -> Result<Shape, Undefined> {
        match self.form {
            Form::Sample { shape, .. } => shape(params),
            Form::Set(_) => Err(Undefined::SetLevel),
        }
    }

    /// The sum over a class its value on fixed predictions is made of (a set-level loss reads
    /// the probabilities' sum).
    pub fn reads(&self) -> Sum {
        match self.form {
            Form::Sample { sum, .. } => sum,
            Form::Set(_) => Sum::Prob,
        }
    }

    /// Why the loss at another class ratio is not a mix of this one's per-class means, if it is
    /// not: a set-level loss, or one whose terms depend on the class counts (class-balanced,
    /// logit adjustment, LDAM: at another ratio they are other weights or shifts).
    pub fn fixed_mix(&self) -> Option<Undefined> {
        if !self.per_sample() {
            return Some(Undefined::SetLevel);
        }
        self.params
            .iter()
            .any(|p| [CB_BETA.key, LA_TAU.key, LDAM_M.key].contains(&p.key))
            .then_some(Undefined::CountDependent)
    }

    /// Whether the loss is a sum over samples (not a value of the whole set).
    pub fn per_sample(&self) -> bool {
        matches!(self.form, Form::Sample { .. })
    }
}

/// A term the page defines where it is first used: its key, the term and its definition (HTML).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    /// The key the word boxes list it by.
    pub key: &'static str,
    /// The term as a reader meets it.
    pub term: &'static str,
    /// What it means.
    pub definition: &'static str,
}

/// A loss's lines in the code snippets that recompute the page's numbers (numpy, Keras,
/// PyTorch), which the decision panel writes around them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Snippet {
    /// Python (numpy) that defines what the loss needs from the class counts `n0`, `n1` and
    /// the settings, before any loss is computed; every snippet runs it ("" for none).
    pub numpy_setup: &'static str,
    /// numpy: the loss of each sample, from `ce`, `pos`, `a_t` and `p_t`.
    pub numpy: &'static str,
    /// A comment after it ("" for none).
    pub numpy_note: &'static str,
    /// Keras: what it defines, or warns of, before the losses are computed.
    pub keras_setup: &'static str,
    /// Keras: the loss, reduced as `reduced` reduces it.
    pub keras: &'static str,
    /// PyTorch: a comment line before it ("" for none).
    pub torch_note: &'static str,
    /// PyTorch: the loss, reduced as `reduced` reduces it.
    pub torch: &'static str,
}

/// What the words say of one loss. Apart from `Loss` because only the worker writes words: the
/// page never asks for this, so none of it is in the page's module.
pub struct LossText {
    /// Its definition, typeset.
    pub formula: Formula,
    /// Its entry in the terms.
    pub term: Term,
    /// Its name in a sentence ("focal loss"), where the tables' short name would read oddly.
    pub in_prose: &'static str,
    /// Its lines in the code snippets.
    pub snippet: Snippet,
}

/// Declares the list of losses: the `LossKind` enum, its `ALL` order and each kind's `Loss`.
macro_rules! registry {
    ($($(#[$doc:meta])* $kind:ident => $file:ident,)+) => {
        /// One loss of the list, as a small copyable key; `kind.loss()` is everything about it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum LossKind {
            $($(#[$doc])* $kind,)+
        }

        impl LossKind {
            /// Every loss, in the order the page shows them.
            pub const ALL: [LossKind; [$(LossKind::$kind),+].len()] = [$(LossKind::$kind),+];

            /// How many losses there are.
            pub const COUNT: usize = Self::ALL.len();

            /// Everything the page knows about this loss.
            pub fn loss(self) -> &'static Loss {
                match self {
                    $(LossKind::$kind => &$file::LOSS,)+
                }
            }

            /// What the words say of this loss (the worker's side only).
            pub fn text(self) -> &'static LossText {
                match self {
                    $(LossKind::$kind => &$file::TEXT,)+
                }
            }
        }
    };
}

registry! {
    /// Plain binary cross-entropy (Keras `BinaryCrossentropy`).
    Bce => bce,
    /// Positives' term times `pos_weight` (PyTorch `BCEWithLogitsLoss(pos_weight)`).
    WeightedBce => weighted_bce,
    /// Cross-entropy times `alpha` for positives and `1 - alpha` for negatives.
    BalancedCe => balanced_ce,
    /// Alpha-balanced focal loss, `a_t (1 - p_t)^gamma CE`.
    Focal => focal,
    /// Cross-entropy weighted by the inverse effective number of samples (Cui et al. 2019).
    ClassBalanced => class_balanced,
    /// Cross-entropy on logits shifted by the log prior odds (Menon et al. 2021).
    LogitAdjusted => logit_adjusted,
    /// Cross-entropy with a margin for each class, larger for the rarer (Cao et al. 2019).
    Ldam => ldam,
    /// Separate focusing on each class, and easy negatives dropped (Ridnik et al. 2021).
    Asymmetric => asymmetric,
    /// Cross-entropy plus `eps (1 - p_t)` (Leng et al. 2022).
    Poly1 => poly1,
    /// One minus the soft Tversky index of the set (Salehi et al. 2017; soft Dice at 0.5, 0.5).
    Tversky => tversky,
}

impl LossKind {
    /// The name used in exports and links (SPEC section 5).
    pub fn key(self) -> &'static str {
        self.loss().key
    }

    /// The name the page shows.
    pub fn name(self) -> &'static str {
        self.loss().name
    }

    /// The position of this loss in `ALL`.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The loss with this key, if there is one.
    pub fn from_key(key: &str) -> Option<LossKind> {
        LossKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// One sample's loss, straight from the definition: the reference the fast sums are tested
/// against (a set-level loss has none).
pub fn per_sample_loss(
    kind: LossKind,
    class: Class,
    p: f64,
    params: &LossParams,
) -> Result<f64, Undefined> {
    Ok(kind.loss().shape_at(params)?.on_probability(class, p))
}

/// The losses of SPEC section 2, which the page shows when a link names none.
pub const FIRST: [LossKind; 4] = [
    LossKind::Bce,
    LossKind::WeightedBce,
    LossKind::BalancedCe,
    LossKind::Focal,
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys, names and colours are unique, and the enum's order is `ALL`'s.
    #[test]
    fn the_list_is_consistent() {
        for (i, a) in LossKind::ALL.into_iter().enumerate() {
            assert_eq!(a.index(), i);
            assert_eq!(LossKind::from_key(a.key()), Some(a));
            for b in &LossKind::ALL[i + 1..] {
                assert_ne!(a.key(), b.key());
                assert_ne!(a.name(), b.name());
                assert_ne!(a.loss().hue.light, b.loss().hue.light);
                assert_ne!(a.loss().hue.dark, b.loss().hue.dark);
            }
        }
    }

    /// On fixed predictions a loss takes the parameters as given (as before the registry);
    /// training clamps them to their ranges first, NaN to the default.
    #[test]
    fn fixed_predictions_take_parameters_as_given_and_training_clamps_them() {
        let p = LossParams::new(250.0, 1.5, 12.0);
        let at = |k: LossKind| k.loss().shape_at(&p).unwrap();
        let of = |k: LossKind| Shape::of(k, &p).unwrap();
        assert_eq!(at(LossKind::WeightedBce).weight[1], 250.0);
        assert_eq!(at(LossKind::Focal).gamma, [12.0; 2]);
        assert_eq!(of(LossKind::WeightedBce).weight[1], 100.0);
        assert_eq!(of(LossKind::Focal).gamma, [10.0; 2]);
        assert_eq!(of(LossKind::BalancedCe).weight[0], 0.0);
        let nan = LossParams::new(f64::NAN, f64::NAN, f64::NAN);
        assert_eq!(
            Shape::of(LossKind::Focal, &nan),
            Ok(Shape {
                gamma: [2.0; 2],
                ..Shape::weighted(0.75, 0.25)
            })
        );
    }

    /// The set-level loss has no shape; every other loss has one at the defaults.
    #[test]
    fn only_tversky_is_set_level() {
        for kind in LossKind::ALL {
            let shape = Shape::of(kind, &LossParams::default().with_counts(90.0, 10.0));
            assert_eq!(shape.is_err(), kind == LossKind::Tversky, "{}", kind.key());
            assert_eq!(kind.loss().per_sample(), kind != LossKind::Tversky);
        }
    }
}
