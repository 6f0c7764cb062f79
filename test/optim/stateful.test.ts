/** The stateful transforms, with their state read after each update. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.ts';
import type { UpdateContext } from '../../src/optim/chain.ts';
import { adam, dimerProjection, momentum, randomK } from '../../src/optim/stateful.ts';

const ctx = (o: Partial<UpdateContext> = {}) =>
  ({ t: 0, f: 0, gnorm: 0, gamma: NaN, extraGradients: 0, ...o }) as unknown as UpdateContext;

describe('momentum and Adam', () => {
  it('momentum: d starts at the first u, then d ← (1 − α)d + αu', () => {
    const m = momentum(0.25);
    const s = m.init(2);
    expect(s.first).toBe(true);
    m.update(Float64Array.from([4, 0]), ctx(), s);
    expect(s.first).toBe(false);
    expect(Array.from(s.d)).toEqual([4, 0]);
    const u = Float64Array.from([0, 8]);
    m.update(u, ctx(), s);
    expect(Array.from(s.d)).toEqual([3, 2]);
    expect(Array.from(u)).toEqual([3, 2]);
  });
  it('Adam: the moments and the step count after two updates, by hand', () => {
    const a = adam(0.5, 0.75, 0);
    const s = a.init(1);
    a.update(Float64Array.from([2]), ctx(), s);
    const u = Float64Array.from([-2]);
    a.update(u, ctx(), s);
    expect(s.k).toBe(2);
    expect(s.m[0]).toBeCloseTo(0.5 * (0.5 * 2) + 0.5 * -2, 15); // −0.5
    expect(s.v[0]).toBeCloseTo(0.75 * (0.25 * 4) + 0.25 * 4, 15); // 1.75
    expect(u[0]).toBeCloseTo(-0.5 / (1 - 0.25) / Math.sqrt(1.75 / (1 - 0.5625)), 14);
  });
});

describe('RandomK and the dimer projection', () => {
  it('RandomK keeps exactly k coordinates, scaled by n/k, and its mask says which', () => {
    const r = randomK(2);
    const s = r.init(5);
    const u = Float64Array.from([1, 2, 3, 4, 5]);
    r.update(u, ctx({ rng: new Rng(3) }), s);
    expect(s.keep.reduce((a, b) => a + b, 0)).toBe(2);
    u.forEach((v, i) => expect(v).toBe(s.keep[i] ? 2.5 * (i + 1) : 0));
  });
  it('the dimer axis rotates to the lowest-curvature eigenvector of a quadratic; u loses its component along it', () => {
    // f = ½(2x² − y²): ∇f = (2x, −y), λmin = −1 along e₂. The axis starts at e₁.
    const gradAt = (x: Float64Array, out: Float64Array) => {
      out[0] = 2 * x[0];
      out[1] = -x[1];
      return 0;
    };
    const t = dimerProjection(1, 1, 'min', 1e-3, 40);
    const s = t.init(2);
    expect(Array.from(s.N)).toEqual([1, 0]);
    s.N.set([Math.SQRT1_2, Math.SQRT1_2]);
    const c = ctx({ x: Float64Array.from([0.1, 0.2]), gradAt });
    const u = Float64Array.from([1, 1]);
    t.update(u, c, s);
    expect(Math.abs(s.N[1])).toBeCloseTo(1, 6);
    expect(c.extraGradients).toBe(80);
    expect(u[0]).toBeCloseTo(1, 5);
    expect(u[1]).toBeCloseTo(0, 5);
  });
});
