/** Measurements along a run: the columns are what their definitions say, recomputed independently. */
import { describe, expect, it } from 'vitest';
import { jacobiEigen } from '../../src/core/eig.ts';
import { dist, nrm2 } from '../../src/core/vec.ts';
import { measureTrajectory } from '../../src/fit/measure.ts';
import { denseHessian } from '../../src/objectives/objective.ts';
import { makeBuiltin } from '../../src/objectives/spec.ts';
import { parseMethodSpec } from '../../src/optim/methods.ts';
import { optimize } from '../../src/optim/run.ts';

const obj = makeBuiltin('logistic', 'n=30&d=4&seed=2');

describe('measureTrajectory', () => {
  it('GD: the iterates are those of gensmooth optimize gd, and each column is its definition', () => {
    const gamma = 0.5,
      iters = 25;
    const m = measureTrajectory(obj, { iters, gamma, seed: 1, hessian: true, every: 1, midpoint: true });
    expect(m.rows).toBe(iters);
    expect(m.columns).toEqual(['step', 'loss', 'grad_norm', 'local_smoothness', 'hess_norm']);
    const { def, params } = parseMethodSpec(`gd:gamma=${gamma}`);
    const r = optimize(obj, def, params, { iters, seed: 1, recordEvery: 1 });
    // Replay the run by hand and recompute every column.
    let x = Float64Array.from(obj.x0 ?? new Float64Array(obj.dim));
    const n = obj.dim,
      g = new Float64Array(n),
      g1 = new Float64Array(n),
      H = new Float64Array(n * n);
    for (let t = 0; t < iters; t++) {
      const f = obj.grad(x, g);
      expect(m.data.loss![t]).toBe(f);
      expect(m.data.grad_norm![t]).toBe(nrm2(g));
      expect(m.data.grad_norm![t]).toBeCloseTo(r.trace[t].gradNorm, 12);
      const x1 = Float64Array.from(x, (v, i) => v - gamma * g[i]);
      obj.grad(x1, g1);
      expect(m.data.local_smoothness![t]).toBeCloseTo(dist(g1, g) / dist(x1, x), 12);
      denseHessian(obj, x, H);
      const ev = jacobiEigen(H, n).values;
      expect(m.data.hess_norm![t]).toBeCloseTo(Math.max(-ev[0], ev[n - 1]), 12);
      x = x1;
    }
    expect(Array.from(m.x)).toEqual(r.x.map((v) => v));
  });

  it('SGD measured every 3rd step: rows at steps 0, 3, 6, …; the seed fixes the batches', () => {
    const a = measureTrajectory(obj, { iters: 20, gamma: 0.3, batch: 4, seed: 5, every: 3 });
    const b = measureTrajectory(obj, { iters: 20, gamma: 0.3, batch: 4, seed: 5, every: 3 });
    const c = measureTrajectory(obj, { iters: 20, gamma: 0.3, batch: 4, seed: 6, every: 3 });
    expect(Array.from(a.data.step!)).toEqual([0, 3, 6, 9, 12, 15, 18]);
    expect(a.data.loss).toEqual(b.data.loss);
    expect(a.data.loss).not.toEqual(c.data.loss);
    expect(a.fullGradients).toBe(14);
  });

  it('clipping: each step is x − γ·min(1, c/‖d‖)·d', () => {
    const q = makeBuiltin('quartic-saddle', 'd=3');
    const x0 = new Float64Array([3, 3, 3]);
    const m = measureTrajectory(q, { iters: 3, gamma: 1, clip: 0.1, seed: 1, x0 });
    const g = new Float64Array(3);
    let x = Float64Array.from(x0);
    for (let t = 0; t < 3; t++) {
      expect(m.data.loss![t]).toBeCloseTo(q.value(x), 12);
      q.grad(x, g);
      const s = Math.min(1, 0.1 / nrm2(g));
      x = Float64Array.from(x, (v, i) => v - s * g[i]);
    }
    expect(dist(m.x, x)).toBeLessThan(1e-12);
  });
});
