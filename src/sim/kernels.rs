//! The hot inner loops over many samples: logarithms and exponentials of whole slices.
//!
//! On wasm with `simd128` (how the page is built) they run two lanes at a time through explicit
//! intrinsics, which the size-optimised release build would not vectorise by itself; elsewhere
//! they are plain loops over `fastmath`. Both give exactly the bits of the scalar functions:
//! the same IEEE operations in the same order, lane by lane (tested natively against the
//! scalar code, and in the browser by the golden values of `tests/web.rs`).

use super::fastmath;

/// `out[i] = -ln(x[i])` for positive, normal, finite `x[i]`.
pub fn neg_ln(x: &[f64], out: &mut [f64]) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        simd::neg_ln(x, out);
    }
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2.
        unsafe { avx2::neg_ln(x, out) };
        return;
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    scalar::neg_ln(x, out);
}

/// `x[i] = -ln(x[i])` for positive, normal, finite `x[i]`.
pub fn neg_ln_in_place(x: &mut [f64]) {
    const CHUNK: usize = 256;
    let mut buf = [0.0; CHUNK];
    for part in x.chunks_mut(CHUNK) {
        let buf = &mut buf[..part.len()];
        buf.copy_from_slice(part);
        neg_ln(buf, part);
    }
}

/// Runs `f` on the two halves of `x`: natively on two threads at once when `x` is long enough
/// to repay starting one (the browser's module has one thread: there, one half after the
/// other). For element-wise work, whose values do not depend on how it is split.
pub fn on_halves(x: &mut [f64], f: impl Fn(&mut [f64]) + Sync) {
    let (a, b) = x.split_at_mut(x.len() / 2);
    if a.len() >= 1 << 16 {
        both(|| f(a), || f(b));
    } else {
        f(a);
        f(b);
    }
}

/// Both results: natively on two threads at once, in the browser's single-threaded module one
/// after the other.
pub fn both<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::scope(|s| {
            let b = s.spawn(b);
            let a = a();
            (a, b.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        (a(), b())
    }
}

/// `out[i] = exp(gamma * ln(x[i]))`, i.e. `x[i]^gamma`, for `x[i]` in [1e-7, 1] and gamma in
/// [0, 10] (so the exponent stays inside `exp_nonpositive`'s range).
pub fn pow_slice(x: &[f64], gamma: f64, out: &mut [f64]) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        simd::pow_slice(x, gamma, out);
    }
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2.
        unsafe { avx2::pow_slice(x, gamma, out) };
        return;
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    scalar::pow_slice(x, gamma, out);
}

/// The plain loops, for targets without explicit SIMD; the compiler vectorises them.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod scalar {
    use super::fastmath;

    #[inline(always)]
    pub fn neg_ln(x: &[f64], out: &mut [f64]) {
        for (o, &v) in out.iter_mut().zip(x) {
            *o = -fastmath::ln_normal(v);
        }
    }

    #[inline(always)]
    pub fn pow_slice(x: &[f64], gamma: f64, out: &mut [f64]) {
        for (o, &v) in out.iter_mut().zip(x) {
            *o = fastmath::exp_nonpositive(gamma * fastmath::ln_normal(v));
        }
    }
}

/// Natively on x86-64 with AVX2: the same loops (`scalar`), compiled to vectorise four lanes
/// wide instead of two. Only AVX2 is enabled, not FMA, and Rust never fuses a multiply and an
/// add by itself, so every value keeps the scalar code's bits.
#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::scalar;

    #[target_feature(enable = "avx2")]
    pub fn neg_ln(x: &[f64], out: &mut [f64]) {
        scalar::neg_ln(x, out);
    }

    #[target_feature(enable = "avx2")]
    pub fn pow_slice(x: &[f64], gamma: f64, out: &mut [f64]) {
        scalar::pow_slice(x, gamma, out);
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd {
    use core::arch::wasm32::*;

    use super::fastmath;
    use super::fastmath::consts::*;

    #[inline(always)]
    fn splat(v: f64) -> v128 {
        f64x2_splat(v)
    }

    /// 2^52 + 2^51 as bits: added to a small integer's bits, it makes a double holding that
    /// integer plus ROUNDER, so integer-to-double conversion is one add and one subtract.
    const ROUNDER_BITS: i64 = 0x4338_0000_0000_0000;

    /// `fastmath::ln_normal`, two lanes at a time.
    #[inline(always)]
    fn ln_normal(x: v128) -> v128 {
        let hx = u64x2_shr(x, 32);
        let hx = i64x2_add(hx, i64x2_splat(0x3ff0_0000 - 0x3fe6_a09e));
        let k = i64x2_sub(u64x2_shr(hx, 20), i64x2_splat(0x3ff));
        let hx = i64x2_add(
            v128_and(hx, i64x2_splat(0x000f_ffff)),
            i64x2_splat(0x3fe6_a09e),
        );
        let m = v128_or(i64x2_shl(hx, 32), v128_and(x, i64x2_splat(0xffff_ffff)));
        let f = f64x2_sub(m, splat(1.0));
        let hfsq = f64x2_mul(splat(0.5), f64x2_mul(f, f));
        let s = f64x2_div(f, f64x2_add(splat(2.0), f));
        let z = f64x2_mul(s, s);
        let w = f64x2_mul(z, z);
        let t1 = f64x2_mul(
            w,
            f64x2_add(
                splat(LG2),
                f64x2_mul(w, f64x2_add(splat(LG4), f64x2_mul(w, splat(LG6)))),
            ),
        );
        let t2 = f64x2_mul(
            z,
            f64x2_add(
                splat(LG1),
                f64x2_mul(
                    w,
                    f64x2_add(
                        splat(LG3),
                        f64x2_mul(w, f64x2_add(splat(LG5), f64x2_mul(w, splat(LG7)))),
                    ),
                ),
            ),
        );
        let dk = f64x2_sub(
            i64x2_add(k, i64x2_splat(ROUNDER_BITS)),
            splat(fastmath::ROUNDER),
        );
        let r = f64x2_add(t2, t1);
        // s * (hfsq + r) + dk * LN2_LO - hfsq + f + dk * LN2_HI, left to right as in the scalar.
        let a = f64x2_mul(s, f64x2_add(hfsq, r));
        let a = f64x2_add(a, f64x2_mul(dk, splat(LN2_LO)));
        let a = f64x2_sub(a, hfsq);
        let a = f64x2_add(a, f);
        f64x2_add(a, f64x2_mul(dk, splat(LN2_HI)))
    }

    /// `fastmath::exp_nonpositive`, two lanes at a time.
    #[inline(always)]
    fn exp_nonpositive(x: v128) -> v128 {
        let v = f64x2_sub(f64x2_mul(splat(INV_LN2), x), splat(0.5));
        let nearest = f64x2_sub(
            f64x2_add(v, splat(fastmath::ROUNDER)),
            splat(fastmath::ROUNDER),
        );
        let past = f64x2_lt(nearest, v);
        let dk = v128_bitselect(f64x2_add(nearest, splat(1.0)), nearest, past);
        let hi = f64x2_sub(x, f64x2_mul(dk, splat(LN2_HI)));
        let lo = f64x2_mul(dk, splat(LN2_LO));
        let r = f64x2_sub(hi, lo);
        let rr = f64x2_mul(r, r);
        let poly = f64x2_add(splat(P4), f64x2_mul(rr, splat(P5)));
        let poly = f64x2_add(splat(P3), f64x2_mul(rr, poly));
        let poly = f64x2_add(splat(P2), f64x2_mul(rr, poly));
        let poly = f64x2_add(splat(P1), f64x2_mul(rr, poly));
        let c = f64x2_sub(r, f64x2_mul(rr, poly));
        let q = f64x2_div(f64x2_mul(r, c), f64x2_sub(splat(2.0), c));
        let y = f64x2_add(splat(1.0), f64x2_add(f64x2_sub(q, lo), hi));
        let biased = v128_and(
            f64x2_add(dk, splat(fastmath::ROUNDER + 1023.0)),
            i64x2_splat(0x7ff),
        );
        f64x2_mul(y, i64x2_shl(biased, 52))
    }

    #[inline(always)]
    fn load(x: &[f64], i: usize) -> v128 {
        f64x2(x[i], x[i + 1])
    }

    #[inline(always)]
    fn store(out: &mut [f64], i: usize, v: v128) {
        out[i] = f64x2_extract_lane::<0>(v);
        out[i + 1] = f64x2_extract_lane::<1>(v);
    }

    pub fn neg_ln(x: &[f64], out: &mut [f64]) {
        let n = x.len().min(out.len());
        let pairs = n / 2 * 2;
        let mut i = 0;
        while i < pairs {
            store(out, i, f64x2_neg(ln_normal(load(x, i))));
            i += 2;
        }
        if pairs < n {
            out[pairs] = -fastmath::ln_normal(x[pairs]);
        }
    }

    pub fn pow_slice(x: &[f64], gamma: f64, out: &mut [f64]) {
        let n = x.len().min(out.len());
        let pairs = n / 2 * 2;
        let g = splat(gamma);
        let mut i = 0;
        while i < pairs {
            store(out, i, exp_nonpositive(f64x2_mul(g, ln_normal(load(x, i)))));
            i += 2;
        }
        if pairs < n {
            out[pairs] = fastmath::exp_nonpositive(gamma * fastmath::ln_normal(x[pairs]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_match_the_scalar_functions_bit_for_bit() {
        let x: Vec<f64> = (1..=10_001).map(|i| f64::from(i) / 10_001.0).collect();
        let mut out = vec![0.0; x.len()];
        neg_ln(&x, &mut out);
        for (o, v) in out.iter().zip(&x) {
            assert_eq!(o.to_bits(), (-fastmath::ln(*v)).to_bits());
        }
        pow_slice(&x, 2.5, &mut out);
        for (o, v) in out.iter().zip(&x) {
            assert_eq!(o.to_bits(), fastmath::pow(*v, 2.5).to_bits());
        }
    }
}
