/** Outer steps: when each acts, what it does to x or the direction, what it counts. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.ts';
import { nrm2 } from '../../src/core/vec.ts';
import { exprObjective } from '../../src/objectives/expr.ts';
import { emptyCounts } from '../../src/optim/oracle.ts';
import {
  feasibleNegativeCurvature,
  negativeCurvature,
  perturbation,
  projection,
  sam,
  type StepEnv,
} from '../../src/optim/outer.ts';
import type { Objective } from '../../src/objectives/objective.ts';

const saddle = exprObjective('0.5*x1^2 - 0.5*x2^2').objective;
function env(obj: Objective, x: number[], t = 0): StepEnv {
  const e: StepEnv = {
    obj,
    seed: 1,
    t,
    x: Float64Array.from(x),
    g: new Float64Array(x.length),
    f: NaN,
    gn: NaN,
    query(at) {
      e.f = obj.grad(at, e.g);
      e.gn = nrm2(e.g);
    },
    rng: new Rng(1).stream('perturb'),
    counts: emptyCounts(),
  };
  e.query(e.x);
  return e;
}

describe('outer steps', () => {
  it('perturbation: only below the threshold and more than `every` iterations after the last, within radius·scale', () => {
    const p = perturbation({ threshold: 0.1, every: 5, radius: 0.01, scale: 2 });
    const s = p.init(2);
    const e = env(saddle, [0, 0], 0);
    p.before!(e, s);
    expect(s.count).toBe(1);
    expect(Math.hypot(e.x[0], e.x[1])).toBeLessThanOrEqual(0.02);
    expect(e.gn).toBeCloseTo(Math.hypot(e.x[0], e.x[1]), 15); // re-queried at the new point
    const e2 = env(saddle, [0, 0], 5);
    p.before!(e2, s);
    expect(s.count).toBe(1); // 5 − 0 is not more than 5
    p.before!(env(saddle, [0, 0], 6), s);
    expect(s.count).toBe(2);
    p.before!(env(saddle, [1, 0], 20), s);
    expect(s.count).toBe(2); // ‖∇f‖ = 1 > 0.1
    expect(p.summary!(s)).toEqual({ perturbations: 2 });
  });
  it('sam: the direction becomes ∇f(x + ρg/‖g‖), x unchanged', () => {
    const e = env(saddle, [3, 4]);
    const st = sam(0.5);
    st.before!(e, st.init(2));
    expect(Array.from(e.x)).toEqual([3, 4]);
    // g = (3, −4), ‖g‖ = 5: shifted point (3.3, 3.6), gradient (3.3, −3.6)
    expect(e.g[0]).toBeCloseTo(3.3, 14);
    expect(e.g[1]).toBeCloseTo(-3.6, 14);
  });
  it('projection clamps after the step', () => {
    const x = Float64Array.from([-2, 0.5, 7]);
    projection([-1, 1]).after!(x, undefined);
    expect(Array.from(x)).toEqual([-1, 0.5, 1]);
  });
  it('negative curvature (dimer): at the saddle, a step of length η along ±e₂ that lowers f', () => {
    const st = negativeCurvature('dimer', { threshold: 1e-3, step: 0.1, every: 10 });
    const s = st.init(2);
    const e = env(saddle, [0, 0]);
    st.before!(e, s);
    expect(e.counts.curvatureSearches).toBe(1);
    expect(Math.abs(e.x[1])).toBeCloseTo(0.1, 4);
    expect(saddle.value(e.x)).toBeLessThan(0);
    expect(e.counts.functionValues).toBe(2);
  });
  it('feasible negative curvature in [0, 1]²: from the constrained saddle (0, 0) towards (0, 1)', () => {
    const st = feasibleNegativeCurvature([0, 1], { threshold: 1e-4, step: 0.5, every: 10 });
    const e = env(saddle, [0, 0]);
    st.before!(e, st.init(2));
    expect(Array.from(e.x)).toEqual([0, 0.5]);
    expect(e.counts.gradients).toBe(3);
    // Not first-order stationary: no search.
    const e2 = env(saddle, [0.5, 0]);
    st.before!(e2, st.init(2));
    expect(e2.counts.curvatureSearches).toBe(0);
  });
});
