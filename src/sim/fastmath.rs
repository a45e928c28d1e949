//! `ln`, `exp` and `pow` in plain IEEE arithmetic: the same bits on every platform.
//!
//! `ln` is fdlibm's algorithm (the one the `libm` crate uses; the tests check they agree to the
//! bit), written here so it inlines into the hot loops. `exp` is fdlibm's too. Both are within
//! one ulp of the true value; `pow` for x in (0, 1] is `exp(y ln x)`, within about 1e-14
//! relative for the exponents the app uses and several times faster than `libm::pow`.
//! Constants are fdlibm's, written as their exact bits.

pub(crate) const LN2_HI: f64 = f64::from_bits(0x3fe62e42fee00000); // 6.93147180369123816490e-1
pub(crate) const LN2_LO: f64 = f64::from_bits(0x3dea39ef35793c76); // 1.90821492927058770002e-10
pub(crate) const LG1: f64 = f64::from_bits(0x3fe5555555555593); // 6.666666666666735130e-1
pub(crate) const LG2: f64 = f64::from_bits(0x3fd999999997fa04); // 3.999999999940941908e-1
pub(crate) const LG3: f64 = f64::from_bits(0x3fd2492494229359); // 2.857142874366239149e-1
pub(crate) const LG4: f64 = f64::from_bits(0x3fcc71c51d8e78af); // 2.222219843214978396e-1
pub(crate) const LG5: f64 = f64::from_bits(0x3fc7466496cb03de); // 1.818357216161805012e-1
pub(crate) const LG6: f64 = f64::from_bits(0x3fc39a09d078c69f); // 1.531383769920937332e-1
pub(crate) const LG7: f64 = f64::from_bits(0x3fc2f112df3e5244); // 1.479819860511658591e-1

/// The algorithms' constants, for the two-lane versions in `kernels.rs`.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub(crate) mod consts {
    pub(crate) use super::{
        INV_LN2, LG1, LG2, LG3, LG4, LG5, LG6, LG7, LN2_HI, LN2_LO, P1, P2, P3, P4, P5,
    };
}

/// Natural logarithm.
#[inline]
pub fn ln(x: f64) -> f64 {
    let hx = (x.to_bits() >> 32) as u32;
    // Zero, subnormals, negatives, infinities and NaN take the general path.
    if !(0x0010_0000..0x7ff0_0000).contains(&hx) {
        return libm::log(x);
    }
    ln_normal(x)
}

/// Natural logarithm of a positive, normal, finite `x` (the caller guarantees it): the same
/// bits as `ln`, with no branch, so loops over many values compile to SIMD.
#[inline(always)]
pub fn ln_normal(x: f64) -> f64 {
    let bits = x.to_bits();
    let hx = (bits >> 32) as u32;
    // x = 2^k m with m in [sqrt(2)/2, sqrt(2)).
    let hx = hx + (0x3ff0_0000 - 0x3fe6_a09e);
    let k = (hx >> 20) as i32 - 0x3ff;
    let hx = (hx & 0x000f_ffff) + 0x3fe6_a09e;
    let m = f64::from_bits((u64::from(hx) << 32) | (bits & 0xffff_ffff));
    // ln m = 2 atanh(s), s = f / (2 + f), by a minimax polynomial in s^2.
    let f = m - 1.0;
    let hfsq = 0.5 * f * f;
    let s = f / (2.0 + f);
    let z = s * s;
    let w = z * z;
    let t1 = w * (LG2 + w * (LG4 + w * LG6));
    let t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
    let dk = f64::from(k);
    let r = t2 + t1;
    s * (hfsq + r) + dk * LN2_LO - hfsq + f + dk * LN2_HI
}

pub(crate) const INV_LN2: f64 = f64::from_bits(0x3ff71547652b82fe); // 1.44269504088896338700
pub(crate) const P1: f64 = f64::from_bits(0x3fc555555555553e); // 1.66666666666666019037e-1
pub(crate) const P2: f64 = f64::from_bits(0xbf66c16c16bebd93); // -2.77777777770155933842e-3
pub(crate) const P3: f64 = f64::from_bits(0x3f11566aaf25de2c); // 6.61375632143793436117e-5
pub(crate) const P4: f64 = f64::from_bits(0xbebbbd41c5d26bf1); // -1.65339022054652515390e-6
pub(crate) const P5: f64 = f64::from_bits(0x3e66376972bea4d0); // 4.13813679705723846039e-8

/// Exponential.
#[inline]
pub fn exp(x: f64) -> f64 {
    // Outside this range the result over- or underflows to a subnormal: the general path.
    if !(x > -708.0 && x < 709.0) {
        return libm::exp(x);
    }
    // x = k ln2 + r, |r| <= ln2 / 2; then e^r by a rational approximation.
    let k = (INV_LN2 * x + if x < 0.0 { -0.5 } else { 0.5 }) as i32;
    exp_reduced(x, f64::from(k)) * f64::from_bits(((1023 + k) as u64) << 52)
}

/// e^r for x = k ln2 + r (`dk` is k as a double), by fdlibm's rational approximation: `exp`
/// without its final scaling by 2^k, shared by both ways of choosing k.
#[inline(always)]
fn exp_reduced(x: f64, dk: f64) -> f64 {
    let hi = x - dk * LN2_HI;
    let lo = dk * LN2_LO;
    let r = hi - lo;
    let rr = r * r;
    let c = r - rr * (P1 + rr * (P2 + rr * (P3 + rr * (P4 + rr * P5))));
    1.0 + (r * c / (2.0 - c) - lo + hi)
}

/// 2^52 + 2^51: adding it rounds a double of magnitude below 2^51 to an integer, exactly.
pub(crate) const ROUNDER: f64 = 6_755_399_441_055_744.0;

/// `exp(x)` for `x` in (-708, 0] (the caller guarantees it): the same bits as `exp`, with no
/// branch or float-to-int conversion, so loops over many values compile to SIMD.
#[inline(always)]
pub fn exp_nonpositive(x: f64) -> f64 {
    // k = trunc(x / ln2 - 0.5), as `exp` computes it for x < 0; for x = 0 it is 0 either way.
    // Truncation of a negative v is -floor(-v): round to nearest, then step back if that
    // went past.
    let v = INV_LN2 * x - 0.5;
    let nearest = (v + ROUNDER) - ROUNDER;
    let dk = if nearest < v { nearest + 1.0 } else { nearest };
    let y = exp_reduced(x, dk);
    // 2^k from the integer's bits: 1023 + k sits in the low mantissa bits of ROUNDER + 1023 + k.
    let biased = (dk + (ROUNDER + 1023.0)).to_bits() & 0x7ff;
    y * f64::from_bits(biased << 52)
}

/// `x^y` for `x` in (0, 1] and finite `y >= 0`; 0^y is 0 for y > 0 and 1 for y = 0.
#[inline]
pub fn pow(x: f64, y: f64) -> f64 {
    if y == 0.0 {
        1.0
    } else if x <= 0.0 {
        0.0
    } else {
        exp(y * ln(x))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distance in units in the last place between two finite doubles of the same sign.
    fn ulps(a: f64, b: f64) -> u64 {
        (a.to_bits() as i64 - b.to_bits() as i64).unsigned_abs()
    }

    /// A small xorshift stream of test inputs, independent of the app's generator.
    fn inputs(n: usize) -> impl Iterator<Item = u64> {
        let mut s = 0x9e37_79b9_7f4a_7c15_u64;
        (0..n).map(move |_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        })
    }

    #[test]
    fn ln_is_libm_to_the_bit() {
        for bits in inputs(2_000_000) {
            // Half in (0, 1), where the app lives, half over every positive exponent.
            for x in [
                (bits >> 11) as f64 / (1u64 << 53) as f64,
                f64::from_bits(bits >> 1),
            ] {
                assert_eq!(ln(x).to_bits(), libm::log(x).to_bits(), "ln({x:e})");
            }
        }
        for x in [
            0.0,
            -1.0,
            1.0,
            f64::MIN_POSITIVE,
            5e-324,
            f64::INFINITY,
            f64::MAX,
        ] {
            assert_eq!(ln(x).to_bits(), libm::log(x).to_bits(), "ln({x:e})");
        }
        assert!(ln(f64::NAN).is_nan());
    }

    #[test]
    fn exp_is_within_one_ulp_of_libm() {
        for bits in inputs(2_000_000) {
            let x = ((bits >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 1500.0;
            assert!(ulps(exp(x), libm::exp(x)) <= 1, "exp({x:e})");
        }
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(-1000.0), 0.0);
        assert_eq!(exp(1000.0), f64::INFINITY);
    }

    #[test]
    fn the_branch_free_versions_give_the_same_bits() {
        for bits in inputs(1_000_000) {
            let u = ((bits >> 11) + 1) as f64 / (1u64 << 53) as f64;
            assert_eq!(ln_normal(u).to_bits(), ln(u).to_bits(), "ln({u:e})");
            let x = -u * 707.9;
            assert_eq!(exp_nonpositive(x).to_bits(), exp(x).to_bits(), "exp({x:e})");
            let x = -u * 3.0;
            assert_eq!(exp_nonpositive(x).to_bits(), exp(x).to_bits(), "exp({x:e})");
        }
        for x in [
            0.0,
            -0.0,
            -1e-300,
            -0.5 * core::f64::consts::LN_2,
            -core::f64::consts::LN_2,
            -707.99,
        ] {
            assert_eq!(exp_nonpositive(x).to_bits(), exp(x).to_bits(), "exp({x:e})");
        }
    }

    #[test]
    fn pow_matches_libm_closely() {
        for bits in inputs(200_000) {
            let x = ((bits >> 11) as f64 / (1u64 << 53) as f64).max(1e-7);
            let y = (bits & 0xffff) as f64 / 6553.5; // [0, 10]
            let (got, want) = (pow(x, y), libm::pow(x, y));
            assert!((got - want).abs() <= 2e-14 * want, "pow({x:e}, {y})");
        }
        assert_eq!(pow(0.0, 2.5), 0.0);
        assert_eq!(pow(0.0, 0.0), 1.0);
        assert_eq!(pow(0.3, 0.0), 1.0);
    }
}
