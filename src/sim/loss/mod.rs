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

mod balanced_ce;
mod bce;
mod focal;
mod params;
mod per_loss;
mod shape;
mod sums;
mod weighted_bce;

pub use params::{ALPHA, GAMMA, LossParams, POS_WEIGHT};
pub use per_loss::PerLoss;
pub use shape::{Shape, Terms, margin};
pub use sums::{ClassLoss, Losses, Reduction, SPLIT, clip, losses, split};

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
    /// The loss reduced to a class weight each and a focal exponent, at these parameters, as
    /// they are (training clamps them first: `Shape::of`).
    pub shape: fn(&LossParams) -> Shape,
}

impl Loss {
    /// Whether the loss reads gamma: on fixed predictions it is made of the focal sums
    /// (`ClassLoss::focal`), the others of the cross-entropy sums.
    pub fn modulated(&self) -> bool {
        self.params.contains(&GAMMA)
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
/// against.
pub fn per_sample_loss(
    kind: LossKind,
    class: Class,
    p: f64,
    alpha: f64,
    gamma: f64,
    pos_weight: f64,
) -> f64 {
    (kind.loss().shape)(&LossParams::new(pos_weight, alpha, gamma)).on_probability(class, p)
}

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
        assert_eq!((LossKind::WeightedBce.loss().shape)(&p).pos_weight, 250.0);
        assert_eq!((LossKind::Focal.loss().shape)(&p).gamma, 12.0);
        assert_eq!(Shape::of(LossKind::WeightedBce, &p).pos_weight, 100.0);
        assert_eq!(Shape::of(LossKind::Focal, &p).gamma, 10.0);
        assert_eq!(Shape::of(LossKind::BalancedCe, &p).neg_weight, 0.0);
        let nan = LossParams::new(f64::NAN, f64::NAN, f64::NAN);
        assert_eq!(
            Shape::of(LossKind::Focal, &nan),
            Shape {
                neg_weight: 0.75,
                pos_weight: 0.25,
                gamma: 2.0
            }
        );
    }
}
