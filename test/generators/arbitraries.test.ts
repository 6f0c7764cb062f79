/**
 * The distributions every sample is drawn from (generators/arbitraries.ts): each stays in its
 * set, and the uniform ones are uniform (a χ² test at a level that fails one seed in 10⁶ when
 * the law is right, and fails a biased law such as fc.double on an interval).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  anchoredPairArb,
  boundsOf,
  builtinSpecArb,
  cornerArb,
  cornerPairArb,
  faceArb,
  farPairArb,
  logUniformArb,
  nearArb,
  nearPairArb,
  normalArb,
  pointArb,
  smoothExprArb,
  uniformArb,
  unitArb,
  widthOf,
} from '../../src/generators/arbitraries.ts';
import { chi2Survival } from '../../src/core/special.ts';
import { makeBuiltin } from '../../src/objectives/spec.ts';
import { exprObjective } from '../../src/objectives/expr.ts';

const draw = <T>(a: fc.Arbitrary<T>, n: number, seed = 7) => fc.sample(a, { seed, numRuns: n });
/** P-value of a χ² test that values in [0, 1) are uniform, over `bins` equal bins. */
function uniformP(u: number[], bins = 20): number {
  const c = new Array(bins).fill(0);
  for (const v of u) c[Math.min(bins - 1, Math.floor(v * bins))]++;
  const e = u.length / bins;
  return chi2Survival(
    c.reduce((s, k) => s + (k - e) ** 2 / e, 0),
    bins - 1,
  );
}

describe('scalars', () => {
  it('uniformArb is uniform on [lo, hi); fc.double on the same interval is not (the reason it exists)', () => {
    const u = draw(uniformArb(-3, 5), 4000);
    for (const v of u) {
      expect(v).toBeGreaterThanOrEqual(-3);
      expect(v).toBeLessThan(5);
    }
    expect(uniformP(u.map((v) => (v + 3) / 8))).toBeGreaterThan(1e-6);
    const biased = draw(fc.double({ min: -3, max: 5, noNaN: true }), 4000);
    expect(uniformP(biased.map((v) => (v + 3) / 8))).toBeLessThan(1e-6);
  });
  it('logUniformArb is uniform in log on [lo, hi]', () => {
    const v = draw(logUniformArb(1e-6, 1e2), 4000);
    for (const x of v) {
      expect(x).toBeGreaterThanOrEqual(1e-6);
      expect(x).toBeLessThanOrEqual(1e2 * (1 + 1e-12));
    }
    expect(uniformP(v.map((x) => Math.log(x / 1e-6) / Math.log(1e8)))).toBeGreaterThan(1e-6);
  });
  it('normalArb has mean 0, variance 1 and the normal tail mass', () => {
    const v = draw(normalArb(), 20000);
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    const s2 = v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1);
    expect(Math.abs(m)).toBeLessThan(5 / Math.sqrt(v.length));
    expect(Math.abs(s2 - 1)).toBeLessThan(0.05);
    // P(|Z| > 1.96) = 0.05: within 5 standard errors.
    const tail = v.filter((x) => Math.abs(x) > 1.959963984540054).length / v.length;
    expect(Math.abs(tail - 0.05)).toBeLessThan(5 * Math.sqrt((0.05 * 0.95) / v.length));
  });
});

describe('points and directions', () => {
  const bounds = { lo: [-1, 0, 10], hi: [1, 0.5, 20] };
  it('boundsOf and widthOf: a scalar box or per-coordinate bounds', () => {
    expect(boundsOf(2, [-3, 3])).toEqual({ lo: Float64Array.of(-3, -3), hi: Float64Array.of(3, 3) });
    expect(widthOf(3, bounds)).toBe(10);
  });
  it('pointArb is uniform in each coordinate of per-coordinate bounds', () => {
    const p = draw(pointArb(3, bounds), 3000);
    for (let i = 0; i < 3; i++) {
      const u = p.map((x) => (x[i] - bounds.lo[i]) / (bounds.hi[i] - bounds.lo[i]));
      for (const v of u) expect(v >= 0 && v < 1).toBe(true);
      expect(uniformP(u)).toBeGreaterThan(1e-6);
    }
  });
  it('pointArb: coordinates independent (pairwise correlation near 0) and the draws differ from point to point', () => {
    const p = draw(pointArb(4, [0, 1]), 4000);
    for (let i = 0; i < 4; i++)
      for (let j = i + 1; j < 4; j++) {
        const c = p.reduce((s, x) => s + (x[i] - 0.5) * (x[j] - 0.5), 0) / p.length / (1 / 12);
        expect(Math.abs(c)).toBeLessThan(5 / Math.sqrt(p.length));
      }
    expect(new Set(p.map((x) => x[0])).size).toBe(p.length);
  });
  it('pointArb shrinks a counterexample to its bound coordinate by coordinate (the failing coordinate to its threshold)', () => {
    // Fails when x2 > 0.3: the shrunk counterexample has x1 = x3 = lo and x2 just above 0.3.
    const r = fc.check(
      fc.property(pointArb(3, [-1, 1]), (x) => x[1] <= 0.3),
      { seed: 3, numRuns: 200 },
    );
    expect(r.failed).toBe(true);
    const [x] = r.counterexample!;
    expect(x[0]).toBe(-1);
    expect(x[2]).toBe(-1);
    expect(x[1]).toBeGreaterThan(0.3);
    expect(x[1]).toBeLessThan(0.3 + 1e-6);
  });
  it('cornerArb shrinks to corners only (coordinates go to LO, never halfway)', () => {
    const r = fc.check(
      fc.property(cornerArb(4, [-2, 3]), (x) => x[2] !== 3),
      { seed: 5, numRuns: 200 },
    );
    expect(r.failed).toBe(true);
    expect(Array.from(r.counterexample![0])).toEqual([-2, -2, 3, -2]);
  });
  it('unitArb has Gaussian directions: each coordinate of √n·u is close to N(0, 1) in its second and fourth moments', () => {
    const n = 50;
    const u = draw(unitArb(n), 2000);
    const z = u.flatMap((v) => Array.from(v, (t) => t * Math.sqrt(n)));
    const m2 = z.reduce((s, t) => s + t * t, 0) / z.length;
    const m4 = z.reduce((s, t) => s + t ** 4, 0) / z.length;
    expect(m2).toBeCloseTo(1, 10);
    // A uniform direction's coordinate: E[(√n u)^4] = 3n/(n+2) (2.88 at n = 50).
    expect(Math.abs(m4 - (3 * n) / (n + 2))).toBeLessThan(0.1);
  });
  it('unitArb has norm 1 and no preferred direction (mean near 0)', () => {
    const u = draw(unitArb(5), 4000);
    for (const v of u) expect(Math.hypot(...v)).toBeCloseTo(1, 12);
    for (let i = 0; i < 5; i++) expect(Math.abs(u.reduce((s, v) => s + v[i], 0) / u.length)).toBeLessThan(0.05);
  });
  it('corners have every coordinate at a bound; faces at least one, and stay in the box', () => {
    const at = (v: number, i: number) => v === bounds.lo[i] || v === bounds.hi[i];
    for (const c of draw(cornerArb(3, bounds), 200)) expect([...c].every(at)).toBe(true);
    for (const f of draw(faceArb(3, bounds), 500)) {
      expect([...f].some(at)).toBe(true);
      f.forEach((v, i) => expect(v >= bounds.lo[i] && v <= bounds.hi[i]).toBe(true));
    }
  });
  it('nearArb: within [rmin, rmax] of the centre (closer only where clamped to the box)', () => {
    const c = Float64Array.of(0, 0.25, 15);
    for (const y of draw(nearArb(c, 1e-4, 0.1, bounds), 500)) {
      const r = Math.hypot(...y.map((v, i) => v - c[i]));
      expect(r).toBeLessThanOrEqual(0.1 * (1 + 1e-12));
      const clamped = y.some((v, i) => v === bounds.lo[i] || v === bounds.hi[i]);
      if (!clamped) expect(r).toBeGreaterThanOrEqual(1e-4 * (1 - 1e-12));
    }
  });
});

describe('pairs', () => {
  it('far pairs are two points of the box; near pairs are within half a width', () => {
    for (const { x, y } of draw(farPairArb(2, [-3, 3]), 200))
      for (const v of [...x, ...y]) expect(Math.abs(v)).toBeLessThanOrEqual(3);
    const d = draw(nearPairArb(2, [-3, 3]), 500).map(({ x, y }) => Math.hypot(x[0] - y[0], x[1] - y[1]));
    for (const r of d) expect(r).toBeLessThanOrEqual(3 * (1 + 1e-12));
    // Log-uniform radii from 6e-6 to 3: a quarter of them below 6e-6·(5e5)^¼ ≈ 1.6e-4, up to clamping.
    expect(d.filter((r) => r < 1.6e-4).length / d.length).toBeGreaterThan(0.15);
  });
  it('anchored pairs have one end at an anchor, in both orientations; corner pairs start at a corner', () => {
    const a = Float64Array.of(0.5, -0.5);
    const pairs = draw(anchoredPairArb([a], 2, [-1, 1]), 200);
    const isA = (p: Float64Array) => p[0] === 0.5 && p[1] === -0.5;
    expect(pairs.every((p) => isA(p.x) || isA(p.y))).toBe(true);
    expect(pairs.some((p) => isA(p.x)) && pairs.some((p) => isA(p.y))).toBe(true);
    for (const p of draw(cornerPairArb(2, [-1, 1]), 100)) expect([...p.x].every((v) => Math.abs(v) === 1)).toBe(true);
  });
});

describe('objectives', () => {
  it('every built-in spec builds', () => {
    for (const s of draw(builtinSpecArb(), 60)) {
      const m = /^builtin:([^?]+)\??(.*)$/.exec(s)!;
      expect(makeBuiltin(m[1], m[2]).dim, s).toBeGreaterThan(0);
    }
  });
  it('random smooth expressions compile, with finite values and gradients everywhere they are tried', () => {
    // A tree may be a constant alone; expr: needs a variable, so one is added (as expr.test.ts does).
    for (const tree of draw(smoothExprArb(3), 40)) {
      const src = `${tree} + 0.25*x3^2`;
      const o = exprObjective(src).objective;
      expect(o.dim).toBe(3);
      for (const x of draw(pointArb(o.dim, [-2, 2]), 5, 3)) {
        const g = new Float64Array(o.dim);
        expect(Number.isFinite(o.grad(x, g)), src).toBe(true);
        expect(g.every(Number.isFinite), src).toBe(true);
      }
    }
  });
});
