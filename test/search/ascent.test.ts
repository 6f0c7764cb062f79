/**
 * Projected gradient ascent (search/ascent.ts): on concave functions in a box it reaches the
 * known maximiser (inside, or on a face when the unconstrained one is outside), never accepts a
 * step that lowers the score, stays inside the box, and respects its budget.
 */
import { describe, expect, it } from 'vitest';
import { ascend, type AscentEval } from '../../src/search/ascent.ts';
import { clampToBox } from '../../src/core/box.ts';

/** Concave quadratic −Σ aᵢ(zᵢ − cᵢ)², maximised at c. */
const quadratic = (a: number[], c: number[]) => {
  const seen: number[] = [];
  const f: AscentEval = (z) => {
    let s = 0;
    const g = new Float64Array(z.length);
    for (let i = 0; i < z.length; i++) {
      s -= a[i] * (z[i] - c[i]) ** 2;
      g[i] = -2 * a[i] * (z[i] - c[i]);
    }
    seen.push(s);
    return { score: s, grad: g };
  };
  return { f, seen };
};
const box = (lo: number, hi: number) => (z: Float64Array) => void clampToBox(z, [lo, hi]);

describe('ascend', () => {
  it('reaches the interior maximiser of a concave quadratic (ill-conditioned, 5-D)', () => {
    const c = [0.3, -1.2, 2, 0, -0.7];
    const { f } = quadratic([1, 10, 0.5, 3, 2], c);
    const r = ascend(f, new Float64Array(5).fill(-2.5), { iters: 400, budget: 4000, width: 6, project: box(-3, 3) });
    r.z.forEach((v, i) => expect(v).toBeCloseTo(c[i], 3));
    expect(r.score).toBeGreaterThan(-1e-6);
    expect(r.score).toBeLessThanOrEqual(0);
  });
  it('a maximiser outside the box: the ascent ends on the face, at the projection of it', () => {
    // Separable: the constrained maximiser of −Σ(zᵢ − cᵢ)² over [−1, 1]² is clamp(c) = (1, −0.5).
    const { f } = quadratic([1, 1], [4, -0.5]);
    const r = ascend(f, Float64Array.of(-0.9, 0.9), { iters: 200, budget: 2000, width: 2, project: box(-1, 1) });
    expect(r.z[0]).toBe(1);
    expect(r.z[1]).toBeCloseTo(-0.5, 4);
    expect(r.score).toBeCloseTo(-9, 6);
  });
  it('a concave non-quadratic, −log Σ e^{zᵢ} − ‖z‖²/2, maximised where z = −softmax(z)', () => {
    const f: AscentEval = (z) => {
      const m = Math.max(...z);
      const e = Array.from(z, (v) => Math.exp(v - m));
      const s = e.reduce((a, b) => a + b, 0);
      const g = Float64Array.from(z, (v, i) => -e[i] / s - v);
      return { score: -(m + Math.log(s)) - z.reduce((a, v) => a + v * v, 0) / 2, grad: g };
    };
    const r = ascend(f, Float64Array.of(1, -2, 0.5), { iters: 500, budget: 5000, width: 4, project: box(-2, 2) });
    // By symmetry the maximiser has equal coordinates: z = −1/3 each.
    r.z.forEach((v) => expect(v).toBeCloseTo(-1 / 3, 3));
  });
  it('every evaluation is in the box, accepted scores only increase, and the budget holds', () => {
    const { f, seen } = quadratic([1, 1, 1], [10, 10, 10]);
    const inBox: boolean[] = [];
    const g: AscentEval = (z) => {
      inBox.push(z.every((v) => v >= -1 && v <= 1));
      return f(z);
    };
    const r = ascend(g, Float64Array.of(0, 0, 0), { iters: 1000, budget: 25, width: 2, project: box(-1, 1) });
    expect(r.evaluations).toBeLessThanOrEqual(25);
    expect(r.evaluations).toBe(seen.length);
    expect(inBox.every(Boolean)).toBe(true);
    expect(r.score).toBe(Math.max(...seen));
    expect([...r.z]).toEqual([1, 1, 1]);
  });
  it('a start outside the box is projected first; no gradient, a zero gradient or an undefined start stop at once', () => {
    const { f } = quadratic([1], [0]);
    const r0 = ascend(f, Float64Array.of(5), { iters: 0, budget: 10, width: 2, project: box(-1, 1) });
    expect([...r0.z]).toEqual([1]);
    const noGrad: AscentEval = () => ({ score: 1, grad: null });
    expect(
      ascend(noGrad, Float64Array.of(0), { iters: 10, budget: 10, width: 1, project: box(-1, 1) }).evaluations,
    ).toBe(1);
    expect(ascend(f, Float64Array.of(0), { iters: 10, budget: 10, width: 1, project: box(-1, 1) }).evaluations).toBe(1);
    const undef: AscentEval = () => null;
    expect(ascend(undef, Float64Array.of(0), { iters: 10, budget: 10, width: 1, project: box(-1, 1) }).score).toBe(
      -Infinity,
    );
  });
  it('an undefined neighbourhood is never entered: steps into NaN are refused', () => {
    // score = −(z − 2)² but undefined for z > 0.5: the ascent from 0 stops below 0.5.
    const f: AscentEval = (z) =>
      z[0] > 0.5 ? null : { score: -((z[0] - 2) ** 2), grad: Float64Array.of(-2 * (z[0] - 2)) };
    const r = ascend(f, Float64Array.of(0), { iters: 100, budget: 500, width: 2, project: box(-1, 1) });
    expect(r.z[0]).toBeLessThanOrEqual(0.5);
    expect(r.z[0]).toBeGreaterThan(0.4);
  });
});
