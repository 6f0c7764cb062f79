/**
 * hessnorm.ts: the point hash that seeds each Lanczos start, and the per-point norm cache: exact
 * norms up to denseMax against a known spectrum, certain lower bounds above, and norms computed
 * ahead together equal to one at a time, with the same calls charged.
 */
import { describe, expect, it } from 'vitest';
import { hessianNorms, pointHash, type HessCounters } from '../../src/conditions/hessnorm.ts';
import { EPS } from '../../src/conditions/model.ts';
import { hvpOf, type Objective } from '../../src/objectives/objective.ts';
import { makeBuiltin } from '../../src/objectives/spec.ts';

const counters = (): HessCounters => ({ evaluations: 0, overflows: 0, hessExact: true, lanczosSteps: 16 });

/** f(x) = ½ Σ d_i x_i² + ⅓ x_0³: ∇²f = diag(d) + 2x_0 e_0e_0ᵀ. */
function cubic(d: number[]): Objective {
  const n = d.length;
  return {
    name: 'cubic',
    dim: n,
    value: (x) => d.reduce((s, di, i) => s + 0.5 * di * x[i] * x[i], 0) + x[0] ** 3 / 3,
    grad: (x, g) => {
      for (let i = 0; i < n; i++) g[i] = d[i] * x[i];
      g[0] += x[0] * x[0];
      return d.reduce((s, di, i) => s + 0.5 * di * x[i] * x[i], 0) + x[0] ** 3 / 3;
    },
    hvp: (x, v, out) => {
      for (let i = 0; i < n; i++) out[i] = d[i] * v[i];
      out[0] += 2 * x[0] * v[0];
    },
  };
}

describe('pointHash', () => {
  it('is FNV-1a over the bits: stable, and changed by one ulp or a sign of zero', () => {
    const h = pointHash(Float64Array.of(1, 2));
    expect(h).toBe(pointHash(Float64Array.of(1, 2)));
    expect(h).toBeGreaterThanOrEqual(0);
    expect(h).toBeLessThan(2 ** 32);
    expect(pointHash(Float64Array.of(1, 2 + 2 * EPS))).not.toBe(h);
    expect(pointHash(Float64Array.of(0))).not.toBe(pointHash(Float64Array.of(-0)));
    expect(pointHash(new Float64Array(0))).toBe(0x811c9dc5);
    // A view hashes its own elements only.
    const big = Float64Array.of(9, 1, 2, 9);
    expect(pointHash(big.subarray(1, 3))).toBe(h);
  });
});

describe('hessianNorms', () => {
  it('dense: the exact norm and its signed eigenvector, cached (no second charge)', () => {
    const obj = cubic([1, -5, 2]);
    const c = counters();
    const norms = hessianNorms(obj, hvpOf(obj), c, { denseMax: 40, H: new Float64Array(9) });
    // At x0 = −2: diag(1 − 4, −5, 2) = diag(−3, −5, 2): the norm is 5, at e_1, negative.
    const e = norms.at(Float64Array.of(-2, 0.3, 0.1), true)!;
    expect(e.a.v).toBeCloseTo(5, 13);
    expect(e.a.err).toBeLessThan(1e-6 * 5 + 1e-12);
    expect(e.sign).toBe(-1);
    expect(Math.abs(e.v![1])).toBeCloseTo(1, 12);
    const calls = c.evaluations;
    expect(calls).toBe(3); // n HVPs for the dense Hessian
    expect(norms.at(Float64Array.of(-2, 0.3, 0.1), false)!.a.v).toBe(e.a.v);
    expect(c.evaluations).toBe(calls);
    norms.clear();
    norms.at(Float64Array.of(-2, 0.3, 0.1), false);
    expect(c.evaluations).toBe(2 * calls);
  });

  it('Lanczos above denseMax: a certain lower bound within its interval, converging to the truth', () => {
    const d = Array.from({ length: 60 }, (_, i) => 1 + i / 10); // 1 … 6.9
    const obj = cubic(d);
    const c = counters();
    c.lanczosSteps = 60;
    const hv = hvpOf(obj);
    const counted = (x: Float64Array, v: Float64Array, out: Float64Array) => {
      c.evaluations++;
      hv(x, v, out);
    };
    const norms = hessianNorms(obj, counted, c, { denseMax: 10, H: new Float64Array(0) });
    const e = norms.at(Float64Array.of(3, ...new Array(59).fill(0)), false)!;
    // diag(1 + 6, …): the norm is 7, at e_0.
    expect(e.a.v).toBeLessThanOrEqual(7 * (1 + 1e-14));
    expect(e.a.v).toBeCloseTo(7, 10);
    expect(e.a.krylov!.lower).toBe(e.a.v);
    expect(c.evaluations).toBeGreaterThan(1);
    expect(c.evaluations).toBeLessThanOrEqual(60);
  });

  it('norms computed ahead together equal one at a time, and are charged when first asked for', () => {
    const obj = makeBuiltin('phase-retrieval', 'd=50&m=120&seed=4');
    const pts = [0, 1, 2].map((k) => Float64Array.from({ length: 50 }, (_, i) => Math.sin(i + 7 * k)));
    const one = counters();
    const a = hessianNorms(obj, hvpOf(obj), one, { denseMax: 40, lanczosTol: 1e-5, H: new Float64Array(0) });
    const each = pts.map((p) => a.at(p, false)!.a.v);
    const many = counters();
    const b = hessianNorms(obj, hvpOf(obj), many, { denseMax: 40, lanczosTol: 1e-5, H: new Float64Array(0) });
    b.prefetch(pts);
    expect(many.evaluations).toBe(0);
    const ahead = pts.map((p) => b.at(p, false)!.a.v);
    expect(ahead).toEqual(each);
    expect(many.evaluations).toBe(one.evaluations);
  });
});
