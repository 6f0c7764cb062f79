/**
 * The one-dimensional examples of the I-NSGD paper, with the constants derived in
 * docs/theory.md §h6 and §e1:
 * - `sigmoid-like`: ½w²e^{w²}; f' = w(1+w²)e^{w²}, f'' = (1 + 5w² + 2w⁴)e^{w²}; f* = 0 at 0.
 *   Generalised PL with ρ = 1 holds with tightest μ = 2; not α-smooth for any α ≤ 1.
 * - `poly-quartic`: w + ½w² + w⁴; f' = 1 + w + 4w³, f'' = 1 + 12w²; w* = −1/2, f* = −5/16.
 *   PL (ρ = 2) with μ = 1.4200; (L0,L1) = (4,3) tight at w* for α = 1.
 */
import type { BuiltinDef, Objective } from '../objective.ts';

function oneDim(
  name: string,
  f: (w: number) => number,
  d1: (w: number) => number,
  d2: (w: number) => number,
  extra: Partial<Objective>,
): Objective {
  return {
    name,
    dim: 1,
    value: (x) => f(x[0]),
    grad(x, out) {
      out[0] = d1(x[0]);
      return f(x[0]);
    },
    hvp(x, v, out) {
      out[0] = d2(x[0]) * v[0];
    },
    hessian(x, out) {
      out[0] = d2(x[0]);
    },
    ...extra,
  };
}

export const sigmoidLike: BuiltinDef = {
  name: 'sigmoid-like',
  doc: '½w²e^{w²} (I-NSGD paper\'s "sigmoid-like" example): generalised PL with ρ = 1, μ = 2; not α-smooth for α ≤ 1',
  params: [],
  make: () =>
    oneDim(
      'builtin:sigmoid-like',
      (w) => 0.5 * w * w * Math.exp(w * w),
      (w) => w * (1 + w * w) * Math.exp(w * w),
      (w) => (1 + 5 * w * w + 2 * w ** 4) * Math.exp(w * w),
      { fstar: 0, xstar: new Float64Array([0]), x0: new Float64Array([1.5]) },
    ),
};

export const polyQuartic: BuiltinDef = {
  name: 'poly-quartic',
  doc: 'w + ½w² + w⁴ (I-NSGD paper example): w* = −1/2, f* = −5/16; PL (ρ = 2) with μ = 1.42; (L0,L1) = (4,3) at α = 1',
  params: [],
  make: () =>
    oneDim(
      'builtin:poly-quartic',
      (w) => w + 0.5 * w * w + w ** 4,
      (w) => 1 + w + 4 * w ** 3,
      (w) => 1 + 12 * w * w,
      { fstar: -5 / 16, xstar: new Float64Array([-0.5]), x0: new Float64Array([2]) },
    ),
};
