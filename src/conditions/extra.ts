/**
 * Conditions beyond the contract's table, in the same lhs ≤ A + B·w form:
 * - l0l1-sym: the symmetric α-form of Chen et al. (theory.md §a2), with the maximum
 *   of ‖∇f‖^α over the segment;
 * - l0l1-local: the local form of Zhang et al. 2020 (§a3), pairs within radius 1/L1;
 * - descent-exp: the exponential descent lemma (§a4.2), tight for eˣ;
 * - anisotropic: the second-order characterisation of anisotropic smoothness (§b4)
 *   with the reference kernels of §b3;
 * - l0l1-norm: non-Euclidean (L0,L1) in Hessian form (§d2) for the ℓ∞, ℓ1, ℓ2 norms.
 */
import { jacobiEigen, lanczos } from '../core/eig.ts';
import { KERNELS } from '../core/kernels.ts';
import { dist, nrm2 } from '../core/vec.ts';
import {
  EPS,
  ZERO,
  gradDiffRatio,
  identity,
  l0l1Params,
  pair,
  pw,
  sample,
  type Approx,
  type ConditionDef,
  type EvalContext,
} from './conditions.ts';

/** ‖∇f‖ at x + t(y − x) for t in [0, 1]; the maximum by a grid and a golden-section refinement. */
function maxGradOnSegment(ctx: EvalContext, x: Float64Array, y: Float64Array, grid: number): Approx | null {
  const n = ctx.n;
  const pt = new Float64Array(n);
  const at = (t: number) => {
    for (let i = 0; i < n; i++) pt[i] = x[i] + t * (y[i] - x[i]);
    return ctx.gradNorm(pt);
  };
  let best = -1,
    bestT = 0,
    bestErr = 0;
  for (let k = 0; k <= grid; k++) {
    const g = at(k / grid);
    if (!g) return null;
    if (g.v > best) {
      best = g.v;
      bestT = k / grid;
      bestErr = g.err;
    }
  }
  // Golden section on the bracket around the best grid point (‖∇f‖ is smooth there).
  let a = Math.max(0, bestT - 1 / grid),
    b = Math.min(1, bestT + 1 / grid);
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 30 && b - a > 1e-9; it++) {
    const c = b - phi * (b - a),
      d = a + phi * (b - a);
    const gc = at(c),
      gd = at(d);
    if (!gc || !gd) break;
    if (gc.v > best) {
      best = gc.v;
      bestErr = gc.err;
    }
    if (gd.v > best) {
      best = gd.v;
      bestErr = gd.err;
    }
    if (gc.v >= gd.v) b = d;
    else a = c;
  }
  return { v: best, err: bestErr };
}

/** φ(u) = eᵘ − u − 1 without cancellation (series for small |u|). */
export function expm1MinusU(u: number): number {
  if (Math.abs(u) < 0.5) {
    let term = (u * u) / 2,
      s = term;
    for (let k = 3; k < 40; k++) {
      term *= u / k;
      s += term;
      if (Math.abs(term) < 1e-17 * Math.abs(s)) break;
    }
    return s;
  }
  return Math.expm1(u) - u;
}

/**
 * λmax(∇²φ*(∇f(x)/L̄)·∇²f(x)) for an isotropic kernel: the product is similar to
 * M^{1/2}HM^{1/2} with M = a·ŷŷᵀ + b·(I − ŷŷᵀ), so its eigenvalues are real. Exact
 * (Jacobi) in small dimension, Lanczos above.
 */
function precondLambdaMax(ctx: EvalContext, x: Float64Array, kernel: string, Lbar: number): Approx | null {
  const k = KERNELS[kernel];
  const gr = ctx.gradient(x);
  if (!gr) return null;
  const n = ctx.n;
  const s = nrm2(gr.g) / Lbar;
  const a = k.along(s),
    b = k.across(s);
  const yhat = s > 0 ? Float64Array.from(gr.g, (v) => v / (s * Lbar)) : new Float64Array(n);
  const sa = Math.sqrt(a),
    sb = Math.sqrt(b);
  // M^{1/2}v = sb·v + (sa − sb)(ŷᵀv)ŷ
  const halfM = (v: Float64Array, out: Float64Array) => {
    let c = 0;
    for (let i = 0; i < n; i++) c += yhat[i] * v[i];
    for (let i = 0; i < n; i++) out[i] = sb * v[i] + (sa - sb) * c * yhat[i];
  };
  const dense = ctx.hessianDense(x);
  if (dense) {
    const { H } = dense;
    const T = new Float64Array(n * n),
      col = new Float64Array(n),
      e = new Float64Array(n),
      t = new Float64Array(n);
    // T = M^{1/2} H M^{1/2}, column by column.
    for (let j = 0; j < n; j++) {
      e.fill(0);
      e[j] = 1;
      halfM(e, col);
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let l = 0; l < n; l++) acc += H[i * n + l] * col[l];
        t[i] = acc;
      }
      halfM(t, col);
      for (let i = 0; i < n; i++) T[i * n + j] = col[i];
    }
    const { values } = jacobiEigen(T, n);
    const lm = values[n - 1];
    let hmax = 0;
    for (const v of H) hmax = Math.max(hmax, Math.abs(v));
    return { v: lm, err: 16 * n * EPS * Math.max(a, b) * hmax * n + dense.err * n * Math.max(a, b) };
  }
  const op = ctx.hessianOp(x);
  const u = new Float64Array(n),
    w = new Float64Array(n);
  const r = lanczos(
    (v, out) => {
      halfM(v, u);
      op(u, w);
      halfM(w, out);
    },
    n,
    { maxIter: 24, tol: 1e-6 },
  );
  return { v: r.lambdaMax, err: 16 * EPS * Math.abs(r.lambdaMax) * n };
}

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
 * random starts (theory.md §d pitfalls: NP-hard in general).
 */
export function operatorNorm(H: Float64Array, n: number, norm: string): { v: number; exact: boolean } {
  if (norm === '1') {
    let m = 0;
    for (const v of H) m = Math.max(m, Math.abs(v));
    return { v: m, exact: true };
  }
  if (norm === '2') {
    const { values } = jacobiEigen(H, n);
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

export const EXTRA_CONDITIONS: ConditionDef[] = [
  {
    name: 'l0l1-sym',
    inequality: '‖∇f(x) − ∇f(y)‖ ≤ (L0 + L1·max_θ ‖∇f(θx + (1−θ)y)‖^alpha)·‖x − y‖ (symmetric form, Chen et al.)',
    kind: 'pair',
    params: l0l1Params(),
    A: identity('L0'),
    B: identity('L1'),
    evaluate(ctx, z, s) {
      const { x, y } = pair(z, ctx.n);
      const q = gradDiffRatio(ctx, x, y);
      const g = q && maxGradOnSegment(ctx, x, y, 16);
      return q && g && sample(q, pw(g, s.alpha as number));
    },
    references: 'Chen, Zhou, Liang, Lu (ICML 2023); theory.md §a2 (equivalent to the Hessian form for C² f)',
  },
  {
    name: 'l0l1-local',
    inequality:
      '‖∇f(x) − ∇f(y)‖ ≤ (L0 + L1·‖∇f(x)‖)·‖x − y‖ for ‖x − y‖ ≤ 1/L1 (local form; pairs farther apart are pulled in)',
    kind: 'pair',
    params: [
      { name: 'L0', doc: 'constant term', role: 'A', min: 0 },
      { name: 'L1', doc: 'gradient coefficient; also sets the radius 1/L1', role: 'shape', positive: true },
    ],
    A: identity('L0'),
    B: null,
    requires: ['L1'],
    evaluate(ctx, z, s) {
      const n = ctx.n;
      const { x, y: y0 } = pair(z, n);
      const L1 = s.L1 as number;
      const r0 = dist(x, y0, n);
      if (!(r0 > 0)) return null;
      // Pull y into the ball of radius 1/L1 around the reference point x.
      const k = Math.min(1, 1 / L1 / r0);
      const y = Float64Array.from(y0, (v, i) => x[i] + k * (v - x[i]));
      const q = gradDiffRatio(ctx, x, y);
      const g = q && ctx.gradNorm(x);
      if (!q || !g) return null;
      // lhs − L1‖∇f(x)‖ ≤ L0
      return sample({ v: q.v - L1 * g.v, err: q.err + L1 * g.err }, ZERO);
    },
    references: 'Zhang, Jin, Fang, Wang (NeurIPS 2020); theory.md §a3',
  },
  {
    name: 'descent-exp',
    inequality:
      'f(y) ≤ f(x) + ⟨∇f(x), y − x⟩ + (L0 + L1‖∇f(x)‖)/L1²·(e^{L1‖y−x‖} − L1‖y−x‖ − 1) (exponential descent lemma)',
    kind: 'pair',
    params: [
      { name: 'L0', doc: 'constant term', role: 'A', min: 0 },
      { name: 'L1', doc: 'gradient coefficient (exponential rate)', role: 'shape', positive: true },
    ],
    A: identity('L0'),
    B: null,
    requires: ['L1'],
    evaluate(ctx, z, s) {
      const { x, y } = pair(z, ctx.n);
      const L1 = s.L1 as number;
      const r = dist(x, y, ctx.n);
      if (!(r > 0)) return null;
      const t = ctx.taylor(y, x); // f(y) − f(x) − ⟨∇f(x), y − x⟩
      const g = t && ctx.gradNorm(x);
      if (!t || !g) return null;
      const phi = expm1MinusU(L1 * r);
      if (!(phi > 0) || !Number.isFinite(phi)) return null;
      const c = (L1 * L1) / phi;
      // L1²·R/φ(L1 r) − L1‖∇f(x)‖ ≤ L0
      return sample({ v: c * t.v - L1 * g.v, err: c * t.err + 8 * EPS * Math.abs(c * t.v) + L1 * g.err }, ZERO);
    },
    references: 'theory.md §a4.2 (Vankov et al. 2024; Gorbunov et al. 2024): equality for eˣ with (0, 1) when y > x',
  },
  {
    name: 'anisotropic',
    inequality:
      'λmax(∇²φ*(∇f(x)/Lbar)·∇²f(x)) ≤ L·Lbar (second-order characterisation of (L, Lbar)-anisotropic smoothness, φ = h(‖·‖))',
    kind: 'point',
    params: [
      { name: 'L', doc: 'anisotropic smoothness constant (γ = 1/L)', role: 'A', min: 0 },
      { name: 'Lbar', doc: 'dual scaling (λ = 1/Lbar)', role: 'shape', positive: true },
      {
        name: 'kernel',
        doc: `reference kernel h: ${Object.keys(KERNELS).join(', ')}`,
        role: 'shape',
        default: 'smooth-clip',
        choices: Object.keys(KERNELS),
      },
    ],
    A: identity('L'),
    B: null,
    requires: ['Lbar'],
    evaluate(ctx, x, s) {
      const Lbar = s.Lbar as number;
      const m = precondLambdaMax(ctx, x, s.kernel as string, Lbar);
      return m && sample({ v: m.v / Lbar, err: m.err / Lbar }, ZERO);
    },
    references: 'Oikonomidis et al. (ICML 2025); Bodard & Patrinos (NeurIPS 2025) Prop. 2.4, eq. (3); theory.md §b2–b4',
  },
  {
    name: 'l0l1-norm',
    inequality: 'sup_{‖v‖≤1} ‖∇²f(x)v‖_* ≤ L0 + L1·‖∇f(x)‖_* (non-Euclidean (L0,L1), Hessian form; norm = inf, 1 or 2)',
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
    references: 'Pethick et al. (NeurIPS 2025) Ass. 4.2 (Hessian version); theory.md §d2',
  },
];
