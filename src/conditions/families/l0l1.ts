/**
 * (L0,L1)-type conditions (docs/theory.md §a1–§a3): the Hessian form, the asymmetric
 * α-form of I-NSGD eq. (2), the symmetric form of Chen et al., and the local form of
 * Zhang et al. 2020 (pairs within radius 1/L1).
 */
import { dist } from '../../core/vec.ts';
import {
  EPS,
  ZERO,
  gradDiffRatio,
  identity,
  pair,
  pw,
  sample,
  type Approx,
  type ConditionDef,
  type EvalContext,
  type ParamDef,
} from '../model.ts';

export const l0l1Params = (): ParamDef[] => [
  { name: 'L0', doc: 'constant term', role: 'A', min: 0 },
  { name: 'L1', doc: 'gradient-norm coefficient', role: 'B', min: 0 },
  { name: 'alpha', doc: 'exponent of the gradient norm', role: 'shape', default: 1, min: 0 },
];

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

export const L0L1: ConditionDef[] = [
  {
    name: 'l0l1',
    family: 'l0l1',
    inequality: '‖∇²f(x)‖ ≤ L0 + L1·‖∇f(x)‖^alpha (Hessian form)',
    kind: 'point',
    params: l0l1Params(),
    A: identity('L0'),
    B: identity('L1'),
    needsHessian: true,
    tangents: true,
    evaluate(ctx, x, s) {
      const h = ctx.hessNorm(x);
      const g = h && ctx.gradNorm(x);
      return h && g && sample(h, pw(g, s.alpha as number), ctx.n);
    },
    references: 'Zhang, He, Sra, Jadbabaie (ICLR 2020); α-form Chen et al. (ICML 2023); docs/theory.md §a1–a2',
  },
  {
    name: 'l0l1-alpha',
    family: 'l0l1',
    inequality: '‖∇f(x) − ∇f(y)‖ ≤ (L0 + L1·‖∇f(y)‖^alpha)·‖x − y‖ (asymmetric, I-NSGD eq. 2)',
    kind: 'pair',
    params: l0l1Params(),
    A: identity('L0'),
    B: identity('L1'),
    tangents: true,
    evaluate(ctx, z, s) {
      const { x, y } = pair(z, ctx.n);
      const q = gradDiffRatio(ctx, x, y);
      const g = q && ctx.gradNorm(y, 'y');
      return q && g && sample(q, pw(g, s.alpha as number), ctx.n, 'pair');
    },
    references: 'I-NSGD paper eq. (2); Chen et al. (ICML 2023); docs/theory.md §a2',
  },
  {
    name: 'l0l1-sym',
    family: 'l0l1',
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
    references: 'Chen, Zhou, Liang, Lu (ICML 2023); docs/theory.md §a2 (equivalent to the Hessian form for C² f)',
  },
  {
    name: 'l0l1-local',
    family: 'l0l1',
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
      return sample({ v: q.v - L1 * g.v, err: q.err + L1 * g.err + 2 * EPS * Math.abs(q.v) }, ZERO);
    },
    references: 'Zhang, Jin, Fang, Wang (NeurIPS 2020); docs/theory.md §a3',
  },
];
