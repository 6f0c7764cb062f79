/**
 * Non-Euclidean (L0,L1)-smoothness in Hessian form (docs/theory.md §d2): the operator norm
 * from the primal norm to its dual, for ℓ∞ (dual ℓ1), ℓ1 (dual ℓ∞) and ℓ2.
 */
import { symEigen } from '../../core/symeig.ts';
import { nrm2 } from '../../core/vec.ts';
import { EPS, identity, sample, type ConditionDef } from '../model.ts';

/** Primal/dual norm pairs of §d: primal ℓ∞ ↔ dual ℓ1, primal ℓ1 ↔ dual ℓ∞, ℓ2 ↔ ℓ2. */
function dualNorm(g: Float64Array, norm: string): number {
  if (norm === 'inf') {
    let s = 0;
    for (const v of g) s += Math.abs(v);
    return s;
  }
  if (norm === '1') {
    let m = 0;
    for (const v of g) m = Math.max(m, Math.abs(v));
    return m;
  }
  return nrm2(g);
}

/**
 * sup_{‖v‖ ≤ 1} ‖Hv‖_* for the primal norm: ℓ1 → max |H_ij|; ℓ2 → spectral norm;
 * ℓ∞ → max over sign vectors s of ‖Hs‖₁ (a convex function's maximum over the cube sits at
 * a vertex): enumerated up to n = 14, else a lower bound by greedy sign flips from
 * random starts (docs/theory.md §d4 pitfalls: NP-hard in general).
 */
export function operatorNorm(H: Float64Array, n: number, norm: string): { v: number; exact: boolean } {
  if (norm === '1') {
    let m = 0;
    for (const v of H) m = Math.max(m, Math.abs(v));
    return { v: m, exact: true };
  }
  if (norm === '2') {
    const { values } = symEigen(H, n, false);
    return { v: Math.max(Math.abs(values[0]), Math.abs(values[n - 1])), exact: true };
  }
  const hs = new Float64Array(n);
  const value = (s: Int8Array) => {
    let tot = 0;
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let j = 0; j < n; j++) acc += H[i * n + j] * s[j];
      hs[i] = acc;
      tot += Math.abs(acc);
    }
    return tot;
  };
  const s = new Int8Array(n);
  let best = 0;
  if (n <= 14) {
    for (let mask = 0; mask < 1 << (n - 1); mask++) {
      // s and −s give the same value
      for (let j = 0; j < n; j++) s[j] = mask & (1 << j) ? -1 : 1;
      best = Math.max(best, value(s));
    }
    return { v: best, exact: true };
  }
  let seed = 12345;
  for (let start = 0; start < 20; start++) {
    for (let j = 0; j < n; j++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      s[j] = seed & 1024 ? 1 : -1;
    }
    let cur = value(s),
      improved = true;
    while (improved) {
      improved = false;
      for (let j = 0; j < n; j++) {
        s[j] = -s[j];
        const v = value(s);
        if (v > cur) {
          cur = v;
          improved = true;
        } else s[j] = -s[j];
      }
    }
    best = Math.max(best, cur);
  }
  return { v: best, exact: false };
}

export const NON_EUCLIDEAN: ConditionDef[] = [
  {
    name: 'l0l1-norm',
    inequality: 'sup_{‖v‖≤1} ‖∇²f(x)v‖_* ≤ L0 + L1·‖∇f(x)‖_* (non-Euclidean (L0,L1), Hessian form; norm = inf, 1 or 2)',
    family: 'non-euclidean',
    kind: 'point',
    params: [
      { name: 'L0', doc: 'constant term', role: 'A', min: 0 },
      { name: 'L1', doc: 'dual gradient-norm coefficient', role: 'B', min: 0 },
      {
        name: 'norm',
        doc: 'primal norm: inf (dual ℓ1), 1 (dual ℓ∞) or 2',
        role: 'shape',
        default: 'inf',
        choices: ['inf', '1', '2'],
      },
    ],
    A: identity('L0'),
    B: identity('L1'),
    maxDim: 40,
    evaluate(ctx, x, s) {
      const norm = s.norm as string;
      const dense = ctx.hessianDense(x);
      const gr = dense && ctx.gradient(x);
      if (!dense || !gr) return null;
      const op = operatorNorm(dense.H, ctx.n, norm);
      const g = dualNorm(gr.g, norm);
      const n = ctx.n;
      return sample({ v: op.v, err: 8 * n * EPS * op.v + n * dense.err }, { v: g, err: n * gr.err + 4 * n * EPS * g });
    },
    references: 'Pethick et al. (NeurIPS 2025) Ass. 4.2 (Hessian version); docs/theory.md §d2',
  },
];
