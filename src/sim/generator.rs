//! The `uniform` generator of SPEC section 1: where a class's probabilities lie for a given
//! accuracy, and the class's sorted probabilities (a view of its sorted unit draws).

use std::sync::Arc;

use super::params::Class;
use super::rng::UnitDraws;

/// A closed interval of probabilities, `lo <= hi`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    /// Lower end.
    pub lo: f64,
    /// Upper end.
    pub hi: f64,
}

/// The interval a class's probabilities are drawn from, uniformly, at accuracy `acc`.
///
/// For `acc >= 0.5` this is the rule of the blog post "Unbalanced Validation Data Losses"; below
/// 0.5 the mirrored rule, which keeps P(correct at 0.5) = acc. Both give U(0, 1) at acc = 0.5. An
/// accuracy outside [0, 1] is clamped, and NaN counts as 0.5.
pub fn score_interval(class: Class, acc: f64) -> Interval {
    let acc = if acc.is_nan() {
        0.5
    } else {
        acc.clamp(0.0, 1.0)
    };
    let (lo, hi) = match class {
        Class::Negative if acc >= 0.5 => (0.0, 0.5 / acc),
        Class::Negative => (1.0 - 0.5 / (1.0 - acc), 1.0),
        Class::Positive if acc >= 0.5 => (1.0 - 0.5 / acc, 1.0),
        Class::Positive => (0.0, 0.5 / (1.0 - acc)),
    };
    Interval { lo, hi }
}

/// The sizes `sort_scores` sorts by their bits, from this on.
pub const RADIX_FROM: usize = 1 << 14;

/// Sorts numbers as `f64::total_cmp` does. Large arrays (an imported class of millions) go
/// through a radix sort of their bits, several times faster than comparing, most of all in
/// the browser; small ones through the standard sort.
pub fn sort_scores(v: &mut [f64]) {
    if v.len() < RADIX_FROM {
        v.sort_unstable_by(f64::total_cmp);
        return;
    }
    // Bits whose unsigned order is total_cmp's order: flip every bit of a negative number, only
    // the sign bit of a positive one.
    let key = |b: u64| if b >> 63 == 1 { !b } else { b | 1 << 63 };
    let unkey = |k: u64| if k >> 63 == 1 { k & !(1 << 63) } else { !k };
    // SAFETY: f64 and u64 have the same size and alignment, and every bit pattern is a valid
    // u64: the numbers are sorted as their bits, in place, with one spare buffer (a class of
    // 10,000,000 scores needs 80 MB more, not 160).
    let keys: &mut [u64] =
        unsafe { std::slice::from_raw_parts_mut(v.as_mut_ptr().cast::<u64>(), v.len()) };
    // 11-bit digits: six passes whose counters and write positions stay in the cache. Every
    // digit's counts are taken in one pass, with the keys, instead of one pass a digit.
    const BITS: u32 = 11;
    const MASK: usize = (1 << BITS) - 1;
    const DIGITS: usize = 64usize.div_ceil(BITS as usize);
    let mut counts = vec![[0usize; 1 << BITS]; DIGITS];
    for k in keys.iter_mut() {
        *k = key(*k);
        for (d, count) in counts.iter_mut().enumerate() {
            count[(*k >> (d as u32 * BITS)) as usize & MASK] += 1;
        }
    }
    let n = keys.len();
    let mut spare = vec![0u64; n];
    let mut in_spare = false;
    for (d, count) in counts.iter_mut().enumerate() {
        // A digit every key shares (the exponent's top bits, say) leaves the order as it is.
        if count.contains(&n) {
            continue;
        }
        let shift = d as u32 * BITS;
        let (from, to): (&[u64], &mut [u64]) = if in_spare {
            (&spare, &mut *keys)
        } else {
            (&*keys, &mut spare)
        };
        let mut at = 0;
        for c in count.iter_mut() {
            let m = *c;
            *c = at;
            at += m;
        }
        for &k in from {
            let d = (k >> shift) as usize & MASK;
            to[count[d]] = k;
            count[d] += 1;
        }
        in_spare = !in_spare;
    }
    // Back to numbers, from wherever the last pass left the keys.
    if in_spare {
        for (k, s) in keys.iter_mut().zip(&spare) {
            *k = unkey(*s);
        }
    } else {
        for k in keys.iter_mut() {
            *k = unkey(*k);
        }
    }
}

/// One class's synthetic probabilities at one accuracy.
///
/// Stored as the class's sorted unit draws (shared, never copied) and the increasing map
/// `p = lo + width * u` onto the class's interval. Every probability is computed from its draw
/// when it is read, with the same arithmetic each time, so it has the same bits wherever it is
/// used; and because the map is monotone in floating point too (each rounding step is), binary
/// searches on the mapped values stay exact. An accuracy change therefore costs nothing here,
/// and models A and B share one copy of the draws.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassScores {
    /// Which class these samples belong to.
    pub class: Class,
    /// Where the probabilities were drawn from.
    pub interval: Interval,
    unit: Arc<Vec<f64>>,
    lo: f64,
    width: f64,
}

impl ClassScores {
    /// Maps sorted unit draws onto the class's interval: an increasing map, so the scores stay
    /// sorted; no pass and no copy.
    pub fn new(class: Class, acc: f64, unit: &UnitDraws) -> Self {
        let interval = score_interval(class, acc);
        ClassScores {
            class,
            interval,
            unit: unit.shared(),
            lo: interval.lo,
            width: interval.hi - interval.lo,
        }
    }

    /// A class from given probabilities (any order); NaN counts as 0.5 so nothing downstream
    /// sees it. Used for hand-made cases.
    pub fn from_scores(class: Class, mut scores: Vec<f64>) -> Self {
        for p in &mut scores {
            if p.is_nan() {
                *p = 0.5;
            }
        }
        // Previews of imported classes arrive sorted: a check is one pass, a sort several.
        if !scores.is_sorted_by(|a, b| a.total_cmp(b).is_le()) {
            sort_scores(&mut scores);
        }
        let interval = Interval {
            lo: scores.first().copied().unwrap_or(0.0),
            hi: scores.last().copied().unwrap_or(1.0),
        };
        // The identity map: 0 + 1 * p is p, to the bit, for every p >= 0.
        ClassScores {
            class,
            interval,
            unit: Arc::new(scores),
            lo: 0.0,
            width: 1.0,
        }
    }

    /// The `i`-th smallest probability.
    #[inline(always)]
    pub fn get(&self, i: usize) -> f64 {
        self.map(self.unit[i])
    }

    #[inline(always)]
    fn map(&self, u: f64) -> f64 {
        self.lo + self.width * u
    }

    /// The probabilities, ascending.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = f64> + '_ {
        self.unit.iter().map(|&u| self.map(u))
    }

    /// The probabilities of `range` (indices in ascending order), mapped into `out`.
    pub fn fill(&self, range: std::ops::Range<usize>, out: &mut [f64]) {
        for (o, &u) in out.iter_mut().zip(&self.unit[range]) {
            *o = self.map(u);
        }
    }

    /// The probabilities as a vector, ascending (for tests and small cases).
    pub fn to_vec(&self) -> Vec<f64> {
        self.iter().collect()
    }

    /// Number of samples.
    pub fn len(&self) -> usize {
        self.unit.len()
    }

    /// Whether the class has no samples.
    pub fn is_empty(&self) -> bool {
        self.unit.is_empty()
    }

    /// The number of leading probabilities `p` with `below(p)`, for a `below` that holds on a
    /// prefix (as `slice::partition_point`).
    pub fn partition_point(&self, below: impl Fn(f64) -> bool) -> usize {
        self.unit.partition_point(|&u| below(self.map(u)))
    }

    /// How many of the samples have `p >= t`, i.e. are predicted positive at threshold `t`.
    pub fn count_at_or_above(&self, t: f64) -> u64 {
        (self.len() - self.partition_point(|p| p < t)) as u64
    }
}
