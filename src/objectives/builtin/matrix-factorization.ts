/**
 * f(W, H) = ½‖WHᵀ − Y‖_F² + (κ/4)(‖W‖_F⁴ + ‖H‖_F⁴), W ∈ R^{n×r}, H ∈ R^{m×r}
 * (contract; docs/theory.md §h2). Y = W₀H₀ᵀ with Gaussian factors, so f* = 0 when κ = 0.
 * x stores W then H, both row-major.
 *   R = WHᵀ − Y;  ∇_W = RH + κ‖W‖²W;  ∇_H = RᵀW + κ‖H‖²H.
 * HVP along (V, U): dR = VHᵀ + WUᵀ;
 *   d∇_W = dR·H + R·U + κ(2⟨W,V⟩W + ‖W‖²V);  d∇_H = dRᵀ·W + Rᵀ·V + κ(2⟨H,U⟩H + ‖H‖²U).
 * With κ = 0 the objective is not (L0,L1)-smooth for any constants (docs/theory.md §a1).
 */
import { Rng } from '../../core/rng.ts';
import type { BuiltinDef } from '../objective.ts';

export const matrixFactorization: BuiltinDef = {
  name: 'matrix-factorization',
  doc: '½‖WHᵀ − Y‖_F² + (κ/4)(‖W‖_F⁴ + ‖H‖_F⁴) with Y = W₀H₀ᵀ of rank r; not (L0,L1) when κ = 0',
  params: [
    { name: 'n', default: 8, kind: 'int', min: 1, max: 10000, doc: 'rows of Y' },
    { name: 'm', default: 6, kind: 'int', min: 1, max: 10000, doc: 'columns of Y' },
    { name: 'r', default: 2, kind: 'int', min: 1, max: 1000, doc: 'rank of the factors' },
    { name: 'kappa', default: 0, kind: 'num', min: 0, doc: 'quartic regulariser κ' },
    { name: 'seed', default: 1, kind: 'int', min: 0, doc: 'instance seed' },
  ],
  make(p) {
    const n = p.n as number,
      m = p.m as number,
      r = p.r as number,
      kappa = p.kappa as number;
    const rng = new Rng(p.seed as number, 'matrix-factorization');
    const W0 = rng.stream('W0').fillNormal(new Float64Array(n * r));
    const H0 = rng.stream('H0').fillNormal(new Float64Array(m * r));
    const Y = new Float64Array(n * m);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let k = 0; k < r; k++) s += W0[i * r + k] * H0[j * r + k];
        Y[i * m + j] = s;
      }
    const dim = (n + m) * r;
    const hOff = n * r;
    const R = new Float64Array(n * m),
      dR = new Float64Array(n * m);
    const residual = (x: Float64Array) => {
      let s = 0;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < m; j++) {
          let t = -Y[i * m + j];
          for (let k = 0; k < r; k++) t += x[i * r + k] * x[hOff + j * r + k];
          R[i * m + j] = t;
          s += t * t;
        }
      return s;
    };
    const sq = (x: Float64Array, off: number, len: number) => {
      let s = 0;
      for (let i = off; i < off + len; i++) s += x[i] * x[i];
      return s;
    };
    const value = (x: Float64Array) => {
      const s = residual(x);
      const w2 = sq(x, 0, n * r),
        h2 = sq(x, hOff, m * r);
      return 0.5 * s + 0.25 * kappa * (w2 * w2 + h2 * h2);
    };
    const xstar = kappa === 0 ? new Float64Array([...W0, ...H0]) : undefined;
    return {
      name: `builtin:matrix-factorization?n=${n}&m=${m}&r=${r}&kappa=${kappa}&seed=${p.seed}`,
      dim,
      value,
      grad(x, out) {
        const f = value(x); // fills R
        const w2 = sq(x, 0, n * r),
          h2 = sq(x, hOff, m * r);
        for (let i = 0; i < n; i++)
          for (let k = 0; k < r; k++) {
            let s = 0;
            for (let j = 0; j < m; j++) s += R[i * m + j] * x[hOff + j * r + k];
            out[i * r + k] = s + kappa * w2 * x[i * r + k];
          }
        for (let j = 0; j < m; j++)
          for (let k = 0; k < r; k++) {
            let s = 0;
            for (let i = 0; i < n; i++) s += R[i * m + j] * x[i * r + k];
            out[hOff + j * r + k] = s + kappa * h2 * x[hOff + j * r + k];
          }
        return f;
      },
      hvp(x, v, out) {
        residual(x);
        for (let i = 0; i < n; i++)
          for (let j = 0; j < m; j++) {
            let t = 0;
            for (let k = 0; k < r; k++) t += v[i * r + k] * x[hOff + j * r + k] + x[i * r + k] * v[hOff + j * r + k];
            dR[i * m + j] = t;
          }
        const w2 = sq(x, 0, n * r),
          h2 = sq(x, hOff, m * r);
        let wv = 0,
          hu = 0;
        for (let i = 0; i < n * r; i++) wv += x[i] * v[i];
        for (let i = hOff; i < dim; i++) hu += x[i] * v[i];
        for (let i = 0; i < n; i++)
          for (let k = 0; k < r; k++) {
            let s = 0;
            for (let j = 0; j < m; j++) s += dR[i * m + j] * x[hOff + j * r + k] + R[i * m + j] * v[hOff + j * r + k];
            out[i * r + k] = s + kappa * (2 * wv * x[i * r + k] + w2 * v[i * r + k]);
          }
        for (let j = 0; j < m; j++)
          for (let k = 0; k < r; k++) {
            let s = 0;
            for (let i = 0; i < n; i++) s += dR[i * m + j] * x[i * r + k] + R[i * m + j] * v[i * r + k];
            out[hOff + j * r + k] = s + kappa * (2 * hu * x[hOff + j * r + k] + h2 * v[hOff + j * r + k]);
          }
      },
      fstar: kappa === 0 ? 0 : undefined,
      xstar,
      notes: [
        `Y = W₀H₀ᵀ with Gaussian W₀ (${n}×${r}) and H₀ (${m}×${r}); x stores W then H, row-major`,
        kappa === 0
          ? 'κ = 0: not (L0,L1)-smooth for any constants (non-compact set of stationary points)'
          : 'κ > 0: (L0,L1)-smooth for every L1 (Bodard & Patrinos Thm. 2.14)',
      ],
    };
  },
};
