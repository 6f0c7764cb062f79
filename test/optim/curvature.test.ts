/** Constrained escape (Mokhtari, Ozdaglar & Jadbabaie 2018): second-order stationarity relative to a box. */
import { describe, expect, it } from 'vitest';
import { boxStationarity } from '../../src/optim/curvature.ts';
import { exprObjective } from '../../src/objectives/expr.ts';
import { parseMethodSpec } from '../../src/optim/methods.ts';
import { optimize } from '../../src/optim/run.ts';

// ½x1² − ½x2² on C = [0, 1]²: (0, 0) is first-order stationary relative to C, with negative
// curvature along the feasible direction (0, 1): a constrained saddle. The minimum is (0, 1).
const obj = exprObjective('0.5*x1^2 - 0.5*x2^2').objective;
const box: [number, number] = [0, 1];

describe('box-constrained saddles', () => {
  it('the constrained saddle is first-order stationary with a feasible direction of curvature −1', () => {
    const s = boxStationarity(obj, new Float64Array([0, 0]), box);
    expect(s.gradientMapping).toBe(0);
    expect(s.minCurvature).toBeCloseTo(-1, 12);
    expect(Array.from(s.direction!)).toEqual([0, 1]);
    // At the minimum (0, 1) no feasible direction has negative curvature: a second-order point.
    expect(boxStationarity(obj, new Float64Array([0, 1]), box).minCurvature).toBeGreaterThanOrEqual(0);
  });
  it('projected GD from (0.5, 0) converges to the constrained saddle; projected GD with a negative-curvature step escapes to the minimum', () => {
    const pgd = parseMethodSpec('projected-gd:gamma=0.1,lo=0,hi=1');
    const a = optimize(obj, pgd.def, pgd.params, { iters: 300, seed: 1, x0: new Float64Array([0.5, 0]) });
    expect(a.x[1]).toBe(0);
    expect(Math.abs(a.x[0])).toBeLessThan(1e-12);
    const nc = parseMethodSpec('projected-nc:gamma=0.1,lo=0,hi=1');
    const b = optimize(obj, nc.def, nc.params, { iters: 300, seed: 1, x0: new Float64Array([0.5, 0]) });
    expect(b.trace.at(-1)!.f).toBeCloseTo(-0.5, 12);
    expect(b.oracle.curvatureSearches).toBeGreaterThan(0);
    const end = boxStationarity(obj, Float64Array.from(b.x), box);
    expect(end.minCurvature).toBeGreaterThanOrEqual(0);
  });
  it('iterates of projected methods never leave the box', () => {
    const m = parseMethodSpec('projected-gd:gamma=2,lo=-0.5,hi=0.25');
    const r = optimize(exprObjective('x1^4 - x2^2 + x1*x2').objective, m.def, m.params, {
      iters: 50,
      seed: 1,
      x0: new Float64Array([0.2, -0.4]),
    });
    for (const v of r.x) {
      expect(v).toBeGreaterThanOrEqual(-0.5);
      expect(v).toBeLessThanOrEqual(0.25);
    }
  });
});
