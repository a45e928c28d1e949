//! Which losses the page's tables and charts show: the reader's choice (`losses=` in links,
//! SPEC section 9), a set over `LossKind::ALL`. The results file and the engine always hold
//! every loss.

use super::{FIRST, LossKind};

/// A set of losses, in `LossKind::ALL`'s order when listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Shown(u32);

impl Default for Shown {
    /// SPEC section 2's four losses.
    fn default() -> Self {
        Shown::of(&FIRST)
    }
}

impl Shown {
    /// No loss.
    pub const NONE: Shown = Shown(0);

    /// Every loss.
    pub fn all() -> Self {
        Shown::of(&LossKind::ALL)
    }

    /// The set of these losses.
    pub fn of(kinds: &[LossKind]) -> Self {
        kinds.iter().fold(Shown::NONE, |s, &k| s.with(k, true))
    }

    /// Whether `kind` is shown.
    pub fn contains(self, kind: LossKind) -> bool {
        self.0 & (1 << kind.index()) != 0
    }

    /// The same set with `kind` in (`on`) or out.
    pub fn with(self, kind: LossKind, on: bool) -> Self {
        let bit = 1 << kind.index();
        Shown(if on { self.0 | bit } else { self.0 & !bit })
    }

    /// The shown losses, in `LossKind::ALL`'s order.
    pub fn iter(self) -> impl Iterator<Item = LossKind> + Clone {
        LossKind::ALL.into_iter().filter(move |&k| self.contains(k))
    }

    /// How many losses are shown.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether none is.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The keys, comma-separated, as links write them.
    pub fn keys(self) -> String {
        self.iter().map(LossKind::key).collect::<Vec<_>>().join(",")
    }

    /// The set a link's list names, and a notice for each key it does not know. An empty or
    /// entirely unknown list shows the default four, and says so.
    pub fn parse(list: &str) -> (Self, Vec<String>) {
        let mut notices = Vec::new();
        let mut out = Shown::NONE;
        for key in list.split(',').map(str::trim).filter(|k| !k.is_empty()) {
            match LossKind::from_key(key) {
                Some(k) => out = out.with(k, true),
                None => notices.push(format!(
                    "losses: “{key}” is not a loss; the losses are {}.",
                    Shown::all().keys().replace(',', ", ")
                )),
            }
        }
        if out.is_empty() {
            notices.push(format!(
                "losses: no loss named; showing {}.",
                Shown::default().keys().replace(',', ", ")
            ));
            out = Shown::default();
        }
        (out, notices)
    }

    /// The bits, for a message to the worker.
    pub fn bits(self) -> u32 {
        self.0
    }

    /// The set from `bits`, if they name only losses there are.
    pub fn from_bits(bits: u32) -> Option<Self> {
        (bits < (1 << LossKind::COUNT)).then_some(Shown(bits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_reads_back_and_bad_keys_are_said() {
        let s = Shown::of(&[LossKind::Focal, LossKind::Ldam]);
        assert_eq!(s.keys(), "focal,ldam");
        assert_eq!(Shown::parse(&s.keys()), (s, vec![]));
        let (t, notices) = Shown::parse("ldam, nope,focal");
        assert_eq!(t, s);
        assert_eq!(notices.len(), 1);
        assert!(notices[0].contains("“nope”"), "{notices:?}");
        let (u, notices) = Shown::parse(",,");
        assert_eq!(u, Shown::default());
        assert_eq!(notices.len(), 1);
        assert_eq!(Shown::default().len(), 4);
        assert_eq!(Shown::from_bits(Shown::all().bits()), Some(Shown::all()));
        assert_eq!(Shown::from_bits(1 << LossKind::COUNT), None);
    }
}
