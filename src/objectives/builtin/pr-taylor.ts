/**
 * Phase retrieval's Taylor residual f(x) − f(p) − ⟨∇f(p), x − p⟩ from its structure (docs/theory.md
 * §h1): the inner products s = Ap and δ = A(x − p) in one WebAssembly pass (`dots`, for pr-wasm.ts),
 * then the residual's terms of order two and up with an error bound (`prTaylorFromDots`).
 */
import { Code, I32, V128, type FuncDef } from '../../core/wasm.ts';
import { panelRows } from './pr-wasm-kernels.ts';

/** s ← Ap and t ← Au in one pass over A (the Taylor residual's inner products). params: A, mp, dp, p, u, s, t. */
export function dotsKernel(): FuncDef {
  const c = new Code(7);
  const A = 0,
    MP = 1,
    DP = 2,
    P = 3,
    U = 4,
    S = 5,
    T = 6;
  const r = c.local(I32),
    jb = c.local(I32),
    endB = c.local(I32),
    addr = c.local(I32);
  const a = [c.local(I32), c.local(I32), c.local(I32), c.local(I32)];
  const accP = [c.local(V128), c.local(V128), c.local(V128), c.local(V128)];
  const accU = [c.local(V128), c.local(V128), c.local(V128), c.local(V128)];
  const pv = c.local(V128),
    uv = c.local(V128),
    va = c.local(V128);
  c.get(DP).i32(3).i32shl().set(endB);
  c.forLoop(
    r,
    () => c.i32(0),
    MP,
    4,
    () => {
      panelRows(c, A, r, endB, a);
      for (let k = 0; k < 4; k++) {
        c.vzero().set(accP[k]);
        c.vzero().set(accU[k]);
      }
      c.forLoop(
        jb,
        () => c.i32(0),
        endB,
        16,
        () => {
          c.get(P).get(jb).i32add().v128load().set(pv);
          c.get(U).get(jb).i32add().v128load().set(uv);
          for (let k = 0; k < 4; k++) {
            c.get(a[k]).get(jb).i32add().v128load().set(va);
            c.get(accP[k]).get(va).get(pv).f64x2mul().f64x2add().set(accP[k]);
            c.get(accU[k]).get(va).get(uv).f64x2mul().f64x2add().set(accU[k]);
          }
        },
      );
      c.get(r).i32(3).i32shl().set(addr);
      for (const [O, acc] of [
        [S, accP],
        [T, accU],
      ] as const)
        for (let k = 0; k < 4; k++)
          c.get(O)
            .get(addr)
            .i32add()
            .get(acc[k])
            .f64x2lane(0)
            .get(acc[k])
            .f64x2lane(1)
            .f64add()
            .f64store(8 * k);
    },
  );
  return { name: 'dots', params: [I32, I32, I32, I32, I32, I32, I32], results: [], code: c };
}

const gamma = (k: number) => (k * 2 ** -53) / (1 - k * 2 ** -53);

/**
 * The Taylor residual R = f(x) − f(p) − ⟨∇f(p), x − p⟩ of phase retrieval from s = Ap and δ = A(x − p):
 * with e_r = y_r − s_r², (y_r − (s_r + δ_r)²)² − e_r² = −4e_rs_rδ_r + (4s_r² − 2e_r)δ_r² + 4s_rδ_r³ + δ_r⁴,
 * and the first term is what ⟨∇f(p), x − p⟩ = −(2/m)Σ e_rs_rδ_r removes, so
 *   R = (1/m) Σ_r [(3s_r² − y_r)δ_r² + 2s_rδ_r³ + δ_r⁴/2],
 * the terms of order two and up only: no cancellation of the first-order ones (which quadrature of
 * gradient differences also avoids, with 16 gradients). The error bound propagates the rounding of
 * s and δ (|Δs_r| ≤ γ_d‖a_r‖‖p‖, |Δδ_r| ≤ γ_(d+2)‖a_r‖‖x − p‖, to second order), of each term and of
 * the sum.
 */
export function prTaylorFromDots(
  s: Float64Array,
  t: Float64Array,
  y: Float64Array,
  rowNorms: Float64Array,
  m: number,
  d: number,
  pNorm: number,
  uNorm: number,
): { value: number; err: number } {
  let sum = 0,
    abs = 0,
    prop = 0;
  const gs = gamma(d) * pNorm,
    gt = gamma(d + 2) * uNorm;
  for (let r = 0; r < m; r++) {
    const sr = s[r],
      dr = t[r];
    const c2 = 3 * sr * sr - y[r];
    const d2 = dr * dr;
    const q = c2 * d2 + 2 * sr * d2 * dr + 0.5 * d2 * d2;
    sum += q;
    abs += Math.abs(c2 * d2) + Math.abs(2 * sr * d2 * dr) + 0.5 * d2 * d2 + Math.abs(y[r]) * d2;
    const sig = gs * rowNorms[r],
      tau = gt * rowNorms[r];
    const as = Math.abs(sr),
      ad = Math.abs(dr);
    const dqds = 6 * as * d2 + 2 * d2 * ad;
    const dqdd = 2 * Math.abs(c2) * ad + 6 * as * d2 + 2 * d2 * ad;
    // Second order (σ, τ ~ 1e-14 relative: a safety term, kept so the bound is one).
    const second =
      6 * d2 * sig * sig + (12 * as * ad + 6 * d2) * sig * tau + (2 * Math.abs(c2) + 12 * as * ad + 6 * d2) * tau * tau;
    prop += dqds * sig + dqdd * tau + second;
  }
  const err = (1.01 * prop + (m + 16) * 2 ** -52 * abs) / m;
  return { value: sum / m, err };
}
