/**
 * Descent lemmas (docs/theory.md §a4): I-NSGD's Lemma 1 (eq. 3), and the exponential
 * descent lemma of the Hessian (L0,L1) form (§a4.2), tight for eˣ.
 */
import { expm1MinusU } from '../../core/special.ts';
import { dist } from '../../core/vec.ts';
import { EPS, ZERO, distance, identity, mul, pair, pw, ratio, sample, scale, type ConditionDef } from '../model.ts';
import { l0l1Params } from './l0l1.ts';

export const DESCENT: ConditionDef[] = [
  {
    name: 'descent',
    family: 'descent',
    inequality: 'f(x) ≤ f(y) + ⟨∇f(y), x − y⟩ + ½(L0 + L1·‖∇f(y)‖^alpha)‖x − y‖² (I-NSGD Lemma 1)',
    kind: 'pair',
    params: l0l1Params(),
    A: identity('L0'),
    B: identity('L1'),
    tangents: true,
    evaluate(ctx, z, s) {
      const { x, y } = pair(z, ctx.n);
      const r = distance(x, y, ctx.n, ctx.tangents === true);
      const t = r.v > 0 ? ctx.taylor(x, y) : null;
      const g = t && ctx.gradNorm(y, 'y');
      // 2R/r² − L1‖∇f(y)‖^α ≤ L0
      return t && g && sample(ratio(scale(t, 2), mul(r, r)), pw(g, s.alpha as number), ctx.n, 'pair');
    },
    references: 'I-NSGD paper eq. (3) / Lemma 1; docs/theory.md §a4.1',
  },
  {
    name: 'descent-exp',
    family: 'descent',
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
    references:
      'docs/theory.md §a4.2 (Vankov et al. 2024; Gorbunov et al. 2024): equality for eˣ with (0, 1) when y > x',
  },
];
