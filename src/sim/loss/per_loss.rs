//! One value for each loss of the list.

use super::LossKind;

/// One value per loss, in the order of `LossKind::ALL`.
#[derive(Clone, Debug, PartialEq)]
pub struct PerLoss<T>(pub [T; LossKind::COUNT]);

impl<T> PerLoss<T> {
    /// Computes the value of each loss.
    pub fn new(mut f: impl FnMut(LossKind) -> T) -> Self {
        PerLoss(LossKind::ALL.map(&mut f))
    }

    /// The value of one loss.
    pub fn get(&self, kind: LossKind) -> &T {
        &self.0[kind.index()]
    }

    /// `(kind, value)` in the order of `LossKind::ALL`.
    pub fn iter(&self) -> impl Iterator<Item = (LossKind, &T)> {
        LossKind::ALL.into_iter().zip(&self.0)
    }
}

impl<T: Copy> Copy for PerLoss<T> {}
