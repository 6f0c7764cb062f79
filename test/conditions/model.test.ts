/**
 * The algebra of error-bounded values (conditions/model.ts, docs/theory.md §0.3): for inputs
 * whose true values lie within their error bounds, the true result lies within the result's
 * bound (to first order in the relative errors, which are rounding-sized where it is used), and
 * gradients in z follow the chain rule.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '../fc.ts';
import {
  distance,
  EPS,
  gradDiffRatio,
  identity,
  mul,
  pair,
  positive,
  pw,
  ratio,
  sample,
  scale,
  sub,
  type Approx,
  type EvalContext,
} from '../../src/conditions/model.ts';

const real = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
/** A value, its relative error bound (1e-8 to 1e-12) and where in [−1, 1]·err its true value sits. */
const approx = (min: number, max: number) =>
  fc
    .record({ v: real(min, max), e: fc.integer({ min: 8, max: 12 }), at: fc.constantFrom(-1, -0.5, 0.3, 1) })
    .map(({ v, e, at }) => {
      const err = 10 ** -e * Math.abs(v);
      return { a: { v, err } as Approx, truth: v + at * err };
    });
/** |truth − r.v| within r.err, with room for the second-order terms and the test's own rounding. */
function covers(r: Approx, truth: number): void {
  expect(Math.abs(truth - r.v)).toBeLessThanOrEqual(r.err * (1 + 1e-6) + EPS * Math.abs(truth) + 1e-300);
}

describe('error bounds cover the true value', () => {
  test.prop([approx(-1e6, 1e6), real(-1e3, 1e3)])('scale', ({ a, truth }, c) => {
    covers(scale(a, c), c * truth);
  });
  test.prop([approx(-1e6, 1e6), approx(-1e6, 1e6)])('sub', (a, b) => {
    covers(sub(a.a, b.a), a.truth - b.truth);
  });
  test.prop([approx(-1e6, 1e6), approx(-1e6, 1e6)])('mul', (a, b) => {
    covers(mul(a.a, b.a), a.truth * b.truth);
  });
  test.prop([approx(-1e6, 1e6), approx(1e-6, 1e6)])('ratio', (a, b) => {
    covers(ratio(a.a, b.a), a.truth / b.truth);
  });
  test.prop([approx(1e-6, 1e6), real(0, 4)])('pw', (g, alpha) => {
    covers(pw(g.a, alpha), Math.pow(g.truth, alpha));
  });

  it('the bounds are not vacuous: exact inputs give rounding-sized bounds', () => {
    const a: Approx = { v: 3, err: 0 },
      b: Approx = { v: 7, err: 0 };
    for (const r of [sub(a, b), mul(a, b), ratio(a, b), pw(a, 1.5), scale(a, 2)])
      expect(r.err).toBeLessThanOrEqual(4 * EPS * Math.abs(r.v));
    // And an input error is carried: ∂(a·b)/∂a = b.
    expect(mul({ v: 3, err: 1e-10 }, b).err).toBeGreaterThanOrEqual(7e-10);
  });
});

describe('conventions', () => {
  it('pw: g⁰ = 1 (also at g = 0), g¹ = g itself, 0^α = 0 with the error to the power α', () => {
    expect(pw({ v: 0, err: 0 }, 0)).toEqual({ v: 1, err: 0, d: undefined });
    const g: Approx = { v: 2.5, err: 1e-9 };
    expect(pw(g, 1)).toBe(g);
    expect(pw({ v: 0, err: 1e-8 }, 0.5)).toEqual({ v: 0, err: 1e-4, d: undefined });
  });
  it('positive clips a negative value to 0 and keeps its error bound', () => {
    expect(positive({ v: -1e-17, err: 1e-16 })).toEqual({ v: 0, err: 1e-16, d: undefined });
    const a: Approx = { v: 2, err: 0.1 };
    expect(positive(a)).toBe(a);
  });
  it('identity maps a constant to its coefficient unchanged, tightest smallest unless told', () => {
    const c = identity('L');
    expect([c.param, c.to(3), c.from(4), c.tight]).toEqual(['L', 3, 4, 'smallest']);
    expect(identity('mu', 'largest').tight).toBe('largest');
  });
});

describe('gradients in z (the search ascends the statistic itself)', () => {
  // z = (x, y) ∈ ℝ², a = x²y (∂ = (2xy, x²)), b = y + 3 (∂ = (0, 1)); each op against its chain rule.
  const at = (x: number, y: number) => {
    const a: Approx = { v: x * x * y, err: 0, d: { x: Float64Array.of(2 * x * y, x * x) } };
    const b: Approx = { v: y + 3, err: 0, d: { x: Float64Array.of(0, 1) } };
    return { a, b };
  };
  const grad = (f: (x: number, y: number) => number, x: number, y: number) => {
    const h = 1e-6;
    return [(f(x + h, y) - f(x - h, y)) / (2 * h), (f(x, y + h) - f(x, y - h)) / (2 * h)];
  };
  const ops: [string, (a: Approx, b: Approx) => Approx, (a: number, b: number) => number][] = [
    ['sub', sub, (a, b) => a - b],
    ['mul', mul, (a, b) => a * b],
    ['ratio', ratio, (a, b) => a / b],
    ['scale by −2.5', (a) => scale(a, -2.5), (a) => -2.5 * a],
    ['pw 1.7', (a) => pw(a, 1.7), (a) => Math.pow(a, 1.7)],
  ];
  for (const [name, op, ref] of ops)
    it(name, () => {
      for (const [x, y] of [
        [1.3, 0.7],
        [-2, 1.5],
        [0.4, 2.2],
      ]) {
        const { a, b } = at(x, y);
        const r = op(a, b);
        const fd = grad((u, v) => ref(u * u * v, v + 3), x, y);
        expect(r.v).toBeCloseTo(ref(a.v, b.v), 12);
        expect(r.d!.x![0]).toBeCloseTo(fd[0], 5);
        expect(r.d!.x![1]).toBeCloseTo(fd[1], 5);
      }
    });
  it('a missing gradient on one side leaves the result without one', () => {
    expect(mul({ v: 1, err: 0, d: { x: Float64Array.of(1) } }, { v: 2, err: 0 }).d).toBeUndefined();
    expect(sub({ v: 1, err: 0 }, { v: 2, err: 0 }).d).toBeUndefined();
  });
});

describe('distance, pair, gradDiffRatio, sample', () => {
  it('distance is overflow- and underflow-safe, with gradient ±(x − y)/r', () => {
    const x = Float64Array.of(3e200, 0),
      y = Float64Array.of(0, -4e200);
    const r = distance(x, y, 2, true);
    expect(r.v / 5e200).toBeCloseTo(1, 14);
    expect([...r.d!.x!]).toEqual([expect.closeTo(0.6, 14), expect.closeTo(0.8, 14)]);
    expect([...r.d!.y!]).toEqual([expect.closeTo(-0.6, 14), expect.closeTo(-0.8, 14)]);
    expect(distance(Float64Array.of(3e-200), Float64Array.of(-1e-200), 1, false).v / 4e-200).toBeCloseTo(1, 14);
    // x = y: r = 0 and no gradient (it does not exist).
    expect(distance(x, x, 2, true)).toEqual({ v: 0, err: 0 });
  });
  it('pair views the two halves of z without copying', () => {
    const z = Float64Array.of(1, 2, 3, 4);
    const { x, y } = pair(z, 2);
    expect([...x, ...y]).toEqual([1, 2, 3, 4]);
    x[0] = 9;
    expect(z[0]).toBe(9);
  });
  it('gradDiffRatio is ‖∇f(x) − ∇f(y)‖/‖x − y‖, and null for x = y or outside the domain', () => {
    const ctx = {
      n: 1,
      gradDiff: (a: Float64Array, b: Float64Array) => (a[0] > 5 ? null : { v: Math.abs(6 * a[0] - 6 * b[0]), err: 0 }),
    } as unknown as EvalContext;
    expect(gradDiffRatio(ctx, Float64Array.of(2), Float64Array.of(-1))!.v).toBeCloseTo(6, 14);
    expect(gradDiffRatio(ctx, Float64Array.of(2), Float64Array.of(2))).toBeNull();
    expect(gradDiffRatio(ctx, Float64Array.of(6), Float64Array.of(2))).toBeNull();
  });
  it('sample flattens gradients to the layout of z; a weight that is exactly 0 gets a zero gradient', () => {
    const lhs: Approx = { v: 2, err: 0.1, d: { x: Float64Array.of(1, 2), y: Float64Array.of(3, 4) } };
    const w: Approx = { v: 5, err: 0.2, d: { x: Float64Array.of(-1, 0) } };
    const s = sample(lhs, w, 2, 'pair');
    expect([s.lhs, s.w, s.lhsErr, s.wErr]).toEqual([2, 5, 0.1, 0.2]);
    expect([...s.dl!]).toEqual([1, 2, 3, 4]);
    expect([...s.dw!]).toEqual([-1, 0, 0, 0]);
    const z = sample(lhs, { v: 0, err: 0 }, 2, 'pair');
    expect([...z.dw!]).toEqual([0, 0, 0, 0]);
    // Without a gradient of w (and w ≠ 0), or without n, no gradients at all.
    expect(sample(lhs, { v: 1, err: 0 }, 2, 'pair').dl).toBeUndefined();
    expect(sample(lhs, w).dl).toBeUndefined();
    // A point keeps only the x half.
    expect([...sample(lhs, w, 2, 'point').dl!]).toEqual([1, 2]);
  });
});
