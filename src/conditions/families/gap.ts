/**
 * Conditions on the loss gap f − f* (docs/theory.md §c, §e): the generalised
 * Polyak–Łojasiewicz inequality (I-NSGD eq. 5), curvature bounded by the gap (the warm-up
 * paper's Def. 3.1) and aiming towards a minimiser.
 */
import { identity, positive, pw, sample, scale, type ConditionDef } from '../model.ts';

export const GAP: ConditionDef[] = [
  {
    name: 'gpl',
    family: 'gap',
    inequality: '‖∇f(x)‖^rho / (2·mu) ≥ f(x) − f* (generalised Polyak–Łojasiewicz)',
    kind: 'point',
    params: [
      { name: 'mu', doc: 'PŁ constant (largest valid value is the tightest)', role: 'B', min: 0 },
      { name: 'rho', doc: 'exponent of the gradient norm', role: 'shape', default: 2, min: 0 },
    ],
    A: null,
    B: {
      param: 'mu',
      to: (mu) => (mu > 0 ? 1 / (2 * mu) : Infinity),
      from: (b) => (b > 0 ? 1 / (2 * b) : Infinity),
      tight: 'largest',
    },
    needsFstar: true,
    tangents: true,
    evaluate(ctx, x, s) {
      const gap = ctx.gap(x);
      const g = gap && ctx.gradNorm(x);
      return gap && g && sample(gap, pw(g, s.rho as number), ctx.n);
    },
    references: 'I-NSGD paper eq. (5); Karimi, Nutini, Schmidt (2016); docs/theory.md §e1',
  },
  {
    name: 'curvature-gap',
    family: 'gap',
    inequality: '‖∇²f(x)‖ ≤ K0 + K1·(f(x) − f*) (curvature bounded by the loss gap)',
    kind: 'point',
    params: [
      { name: 'K0', doc: 'constant term', role: 'A', min: 0 },
      { name: 'K1', doc: 'gap coefficient', role: 'B', min: 0 },
    ],
    A: identity('K0'),
    B: identity('K1'),
    needsHessian: true,
    needsFstar: true,
    tangents: true,
    evaluate(ctx, x) {
      const h = ctx.hessNorm(x);
      const gap = h && ctx.gap(x);
      return h && gap && sample(h, positive(gap), ctx.n);
    },
    references: 'Alimisis, Islamov, Lucchi (2025) Def. 3.1; docs/theory.md §c1',
  },
  {
    name: 'aiming',
    family: 'gap',
    inequality: '⟨∇f(x), x − x*⟩ ≥ theta·(f(x) − f*)',
    kind: 'point',
    params: [{ name: 'theta', doc: 'aiming constant (largest valid value is the tightest)', role: 'B' }],
    A: null,
    B: { param: 'theta', to: (t) => -t, from: (b) => -b, tight: 'largest' },
    needsFstar: true,
    needsXstar: true,
    tangents: true,
    evaluate(ctx, x) {
      const a = ctx.aim(x);
      const gap = a && ctx.gap(x);
      return a && gap && sample(scale(a, -1), positive(gap), ctx.n);
    },
    // Shown as theta·(f − f*) ≤ ⟨∇f(x), x − x*⟩.
    display: (s, _A, B) => ({ lhs: -B * s.w, rhs: -s.lhs }),
    references: 'Liu, Drusvyatskiy, Belkin, Davis, Ma (2023); docs/theory.md §c4',
  },
];
