/**
 * The double-precision context (conditions/context.ts) on objectives with exact answers: every
 * primitive's true value lies within its stated error bound, Hessian norms are exact up to
 * denseMax and certain lower bounds (with an interval) above, tangents are gradients in z, and
 * every evaluation is a pure function of the point.
 */
import { describe, expect, it } from 'vitest';
import { floatContext, gradScaleErr } from '../../src/conditions/context.ts';
import { EPS } from '../../src/conditions/model.ts';
import { krylovUpper } from '../../src/core/krylov.ts';
import type { Objective } from '../../src/objectives/objective.ts';

/** f = ½ xᵀ diag(d) x + Σ xᵢ⁴/4 · q: exact gradient and HVP. */
function poly(d: number[], q = 0): Objective {
  const n = d.length;
  return {
    name: 'poly',
    dim: n,
    value: (x) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += 0.5 * d[i] * x[i] * x[i] + (q * x[i] ** 4) / 4;
      return s;
    },
    grad: (x, g) => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        g[i] = d[i] * x[i] + q * x[i] ** 3;
        s += 0.5 * d[i] * x[i] * x[i] + (q * x[i] ** 4) / 4;
      }
      return s;
    },
    hvp: (x, v, out) => {
      for (let i = 0; i < n; i++) out[i] = (d[i] + 3 * q * x[i] * x[i]) * v[i];
    },
  };
}
const within = (a: { v: number; err: number } | null, truth: number) => {
  expect(a).not.toBeNull();
  expect(Math.abs(a!.v - truth)).toBeLessThanOrEqual(a!.err + 4 * EPS * Math.abs(truth));
  expect(a!.err).toBeLessThan(1e-10 * (1 + Math.abs(truth)));
};

describe('floatContext primitives', () => {
  const obj = poly([2, -1, 3], 1);
  const ctx = floatContext(obj, { fstar: -0.25, xstar: Float64Array.of(0, 1, 0) });
  const x = Float64Array.of(1, -0.5, 2),
    y = Float64Array.of(-0.5, 1.5, 0.25);
  const grad = (p: Float64Array) => [2 * p[0] + p[0] ** 3, -p[1] + p[1] ** 3, 3 * p[2] + p[2] ** 3];
  it('gradNorm, gradDiff, gap and aim equal their closed forms', () => {
    const gx = grad(x),
      gy = grad(y);
    within(ctx.gradNorm(x), Math.hypot(...gx));
    within(ctx.gradDiff(x, y), Math.hypot(...gx.map((v, i) => v - gy[i])));
    within(ctx.gap(x), obj.value(x) + 0.25);
    // ⟨∇f(x), x − x*⟩ with x* = (0, 1, 0).
    within(ctx.aim(x), gx[0] * 1 + gx[1] * -1.5 + gx[2] * 2);
    expect([...ctx.gradient(x)!.g]).toEqual(gx);
  });
  it('the Taylor residual f(x) − f(y) − ⟨∇f(y), x − y⟩ by quadrature is exact for a quartic', () => {
    // The integrand is a cubic in t: both Gauss rules are exact, so the stated error is rounding only.
    const truth = obj.value(x) - obj.value(y) - grad(y).reduce((s, g, i) => s + g * (x[i] - y[i]), 0);
    within(ctx.taylor(x, y), truth);
  });
  it('the Hessian norm is exact (dense, symmetric eigenvalues) up to denseMax: the largest |λ|', () => {
    // H(x) = diag(2 + 3, −1 + 0.75, 3 + 12) = diag(5, −0.25, 15).
    within(ctx.hessNorm(x), 15);
    expect(ctx.hessNorm(x)!.krylov).toBeUndefined();
    expect([...ctx.hessianDense(x)!.H].map((v) => Math.round(v * 1e9) / 1e9)).toEqual([5, 0, 0, 0, -0.25, 0, 0, 0, 15]);
    expect(ctx.hessExact).toBe(true);
  });
  it('outside the domain (NaN) every primitive is null', () => {
    const bad: Objective = { ...obj, value: () => NaN, grad: (_x, g) => (g.fill(NaN), NaN) };
    const c = floatContext(bad, { fstar: 0, xstar: Float64Array.of(0, 0, 0) });
    expect(c.gradNorm(x)).toBeNull();
    expect(c.gradDiff(x, y)).toBeNull();
    expect(c.taylor(x, y)).toBeNull();
    expect(c.gap(x)).toBeNull();
    expect(c.aim(x)).toBeNull();
    expect(c.gradient(x)).toBeNull();
  });
  it('overflow (±∞) is counted apart from NaN', () => {
    // f (read from the gradient call by gap) overflows beyond x1 = 1.5 and is undefined elsewhere.
    const f = (p: Float64Array) => (p[0] > 1.5 ? Infinity : NaN);
    const inf: Objective = { ...obj, value: f, grad: (p, g) => (g.fill(0), f(p)) };
    const c = floatContext(inf, { fstar: 0, xstar: null });
    c.gap(Float64Array.of(2, 0, 0));
    c.gap(Float64Array.of(0, 0, 0));
    expect(c.overflows).toBe(1);
    expect(c.aim(x)).toBeNull(); // no x*
  });
});

describe('Hessian norms above denseMax: Lanczos, a certain lower end and an interval', () => {
  const d = Array.from({ length: 60 }, (_, i) => (i === 17 ? -9 : 1 + i / 10)); // ‖H‖ = 9, 60 distinct eigenvalues
  const obj = poly(d);
  const x = Float64Array.from({ length: 60 }, (_, i) => Math.sin(i));
  it('lower end ≤ ‖H‖ = 9 ≤ the upper end at the verdict’s confidence, and hessExact is cleared', () => {
    const ctx = floatContext(obj, { fstar: 0, xstar: null, denseMax: 40, lanczosSteps: 30 });
    const h = ctx.hessNorm(x)!;
    expect(h.krylov).toBeDefined();
    expect(h.v - h.err).toBeLessThanOrEqual(9);
    expect(h.v).toBeGreaterThan(6); // 30 products find most of it
    expect(h.krylov!.exact).toBe(false);
    expect(krylovUpper(h.krylov!, 1e-3) + h.err).toBeGreaterThanOrEqual(9);
    expect(ctx.hessExact).toBe(false);
    expect(ctx.hessianDense(x)).toBeNull();
  });
  it('is a pure function of the point: the same x gives the same bits in a fresh context', () => {
    const a = floatContext(obj, { fstar: 0, xstar: null, lanczosSteps: 12 }).hessNorm(x)!;
    const b = floatContext(obj, { fstar: 0, xstar: null, lanczosSteps: 12 }).hessNorm(Float64Array.from(x))!;
    expect(b.v).toBe(a.v);
    expect(b.krylov).toEqual(a.krylov);
    const other = Float64Array.from(x);
    other[3] += 1e-12;
    expect(floatContext(obj, { fstar: 0, xstar: null, lanczosSteps: 12 }).hessNorm(other)!.v).not.toBe(a.v);
  });
});

describe('tangents', () => {
  it('gradNorm, gap and hessNorm carry their gradients in z (checked by central differences)', () => {
    const obj = poly([2, 0.5], 1);
    const ctx = floatContext(obj, { fstar: 0, xstar: null });
    ctx.tangents = true;
    const x = Float64Array.of(0.7, -1.2);
    const fd = (f: (p: Float64Array) => number) =>
      [0, 1].map((i) => {
        const h = 1e-6;
        const p = Float64Array.from(x),
          m = Float64Array.from(x);
        p[i] += h;
        m[i] -= h;
        return (f(p) - f(m)) / (2 * h);
      });
    const plain = floatContext(obj, { fstar: 0, xstar: null });
    for (const prim of ['gradNorm', 'gap', 'hessNorm'] as const) {
      const a = ctx[prim](x)!;
      const ref = fd((p) => plain[prim](p)!.v);
      expect([...a.d!.x!].map((v) => Number(v.toFixed(5)))).toEqual(ref.map((v) => Number(v.toFixed(5))));
    }
  });
});

describe('gradScaleErr', () => {
  it('gradScaleErr is 64ε(‖g‖ + √n|f|/(1 + ‖x‖∞))', () => {
    expect(gradScaleErr(4, 3, 10, Float64Array.of(1, -4, 2, 0))).toBeCloseTo(64 * EPS * (3 + (2 * 10) / 5), 25);
  });
});
