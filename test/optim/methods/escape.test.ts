/** SPIDER/SSRGD, zeroth-order and Dimer negative curvature, compressed steps: each escapes, and reports what it spent. */
import { describe, expect, it } from 'vitest';
import { zoGradient, zoNegativeCurvature } from '../../../src/optim/curvature.ts';
import { escapeTimes } from '../../../src/experiments/escape.ts';
import { makeBuiltin } from '../../../src/objectives/spec.ts';
import { parseMethodSpec } from '../../../src/optim/methods.ts';
import { optimize } from '../../../src/optim/run.ts';

const zeros = (d: number) => new Float64Array(d);
const run = (spec: string, objSpec: string, iters: number, x0: Float64Array) => {
  const { def, params } = parseMethodSpec(spec);
  return optimize(makeBuiltin('quartic-saddle', objSpec), def, params, { iters, x0, seed: 3 });
};

describe('zeroth-order oracles', () => {
  it('ĝ matches ∇f to O(μ²); the ZO Lanczos finds λmin = −γ with function values only', () => {
    const obj = makeBuiltin('quartic-saddle', 'd=6&gamma=2');
    const x = Float64Array.from([0.3, -0.2, 0.1, 0, 0.5, -0.4]);
    const g = new Float64Array(6),
      gz = new Float64Array(6);
    obj.grad(x, g);
    expect(zoGradient(obj, x, 1e-5, gz, new Float64Array(6))).toBe(12);
    gz.forEach((v, i) => expect(v).toBeCloseTo(g[i], 8));
    const nc = zoNegativeCurvature(obj, new Float64Array(6));
    expect(nc.lambdaMin).toBeCloseTo(-2, 4);
    expect(nc.functionValues).toBeGreaterThan(0);
  });
});

describe('escape with counts', () => {
  const x0 = zeros(20);
  it('zo-ncf escapes with function values only', () => {
    const r = run('zo-ncf:gamma=0.1,gthres=0.001,eta=0.1,every=1000', 'd=20', 300, x0);
    expect(r.trace[r.trace.length - 1].f).toBeCloseTo(-0.25, 6);
    expect(r.oracle.gradients).toBe(0);
    expect(r.oracle.functionValues).toBeGreaterThan(0);
    expect(r.oracle.curvatureSearches).toBeGreaterThanOrEqual(1);
  });
  it('dimer-gd escapes after one rotation; plain GD at the saddle does not move', () => {
    const r = run('dimer-gd:gamma=0.1,gthres=0.0001,eta=0.1,every=1000', 'd=20', 300, x0);
    expect(r.trace[r.trace.length - 1].f).toBeCloseTo(-0.25, 8);
    expect(r.oracle.curvatureSearches).toBe(1);
    expect(run('gd:gamma=0.1', 'd=20', 300, x0).trace.at(-1)!.f).toBe(0);
  });
  it('compressed PGD escapes sending at most k numbers a step', () => {
    const r = run('compressed-pgd:gamma=0.1,k=2,r=0.001,gthres=0.0001,tthres=1000', 'd=20', 400, x0);
    expect(r.trace[r.trace.length - 1].f).toBeLessThan(-0.2); // escaped; compressed steps keep some noise
    expect(r.oracle.communicated).toBeLessThanOrEqual(2 * r.steps);
  });
  it('SSRGD escapes the noisy finite-sum saddle; SPIDER refreshes every q steps', () => {
    const r = run('ssrgd:gamma=0.1,batch=5,q=10,r=0.001,gthres=0.0001,tthres=1000', 'd=20&n=50', 300, x0);
    expect(r.trace[r.trace.length - 1].f).toBeCloseTo(-0.25, 6);
    // 301 estimator updates (300 steps and one after the perturbation at t = 0): 31
    // refreshes of all 50 samples, 270 updates with the same 5-sample batch at two points.
    expect(r.oracle.samples).toBe(31 * 50 + 270 * 2 * 5);
  });
  it('SPIDER converges like GD on a finite sum (the estimator tracks the full gradient)', () => {
    const obj = makeBuiltin('logistic', 'n=40&d=3');
    const a = parseMethodSpec('spider:gamma=0.5,batch=4,q=20'),
      b = parseMethodSpec('gd:gamma=0.5');
    const ra = optimize(obj, a.def, a.params, { iters: 400, seed: 1 }),
      rb = optimize(obj, b.def, b.params, { iters: 400, seed: 1 });
    expect(ra.trace.at(-1)!.f).toBeCloseTo(rb.trace.at(-1)!.f, 6);
  });
  it('escape experiments report oracle use per dimension', () => {
    const { def, params } = parseMethodSpec('compressed-pgd:gamma=0.1,k=2,r=0.001,gthres=0.0001,tthres=1000');
    const r = escapeTimes(def, params, {
      dims: [4, 16, 64],
      runs: 5,
      radius: 0.5,
      maxIters: 3000,
      seed: 1,
      make: (d) => makeBuiltin('quartic-saddle', `d=${d}`),
    });
    for (const row of r.dims) {
      expect(row.escaped).toBe(5);
      expect(row.oracle.communicated).toBeLessThanOrEqual(2 * (row.median! + 50));
    }
  });
});
