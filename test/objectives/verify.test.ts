/**
 * verifyObjective (objectives/verify.ts): derivatives against 4th-order differences with
 * Richardson error estimates. Right derivatives pass at rounding-sized relative errors, wrong
 * ones are caught and named by the pattern of the mismatch, undefined points are skipped.
 */
import { describe, expect, it } from 'vitest';
import { diagnose, verifyObjective } from '../../src/objectives/verify.ts';
import { makeBuiltin } from '../../src/objectives/spec.ts';
import type { Objective } from '../../src/objectives/objective.ts';
import { broken } from './builtin/shared.ts';

/** f = Σ cᵢ xᵢ⁴ + x₀x₁ with gradient scaled by `gs` and HVP by `hs` (1 = right). */
function quartic(gs = 1, hs = 1, n = 3): Objective {
  const c = Array.from({ length: n }, (_, i) => 1 + i);
  const value = (x: Float64Array) => c.reduce((s, ci, i) => s + ci * x[i] ** 4, 0) + x[0] * x[1];
  return {
    name: 'q',
    dim: n,
    value,
    grad: (x, g) => {
      for (let i = 0; i < n; i++) g[i] = gs * 4 * c[i] * x[i] ** 3;
      g[0] += gs * x[1];
      g[1] += gs * x[0];
      return value(x);
    },
    hvp: (x, v, o) => {
      for (let i = 0; i < n; i++) o[i] = hs * 12 * c[i] * x[i] ** 2 * v[i];
      o[0] += hs * v[1];
      o[1] += hs * v[0];
    },
  };
}

describe('verifyObjective', () => {
  it('passes right derivatives with relative errors at rounding level', () => {
    const r = verifyObjective(quartic(), { seed: 1, points: 6 });
    expect(r.verdict).toBe('ok');
    expect(r.gradient.maxRelError).toBeLessThan(1e-9);
    expect(r.hvp!.maxRelError).toBeLessThan(1e-8);
    expect(r.gradient.points).toBe(6);
    expect(r.skippedPoints).toBe(0);
  });
  it('names a gradient off by a factor, or sign-flipped', () => {
    const two = verifyObjective(quartic(2), { seed: 1, points: 3 });
    expect(two.verdict).toBe('mismatch');
    expect(two.gradient.diagnosis).toMatch(/off by a factor 2 /);
    const flip = verifyObjective(quartic(-1), { seed: 1, points: 3 });
    expect(flip.gradient.diagnosis).toMatch(/sign-flipped/);
    expect(flip.gradient.worst).not.toBeNull();
  });
  it('an HVP off by 2 % fails the HVP check while the gradient passes', () => {
    const r = verifyObjective(quartic(1, 1.02), { seed: 1, points: 3 });
    expect(r.verdict).toBe('mismatch');
    expect(r.gradient.ok).toBe(true);
    expect(r.hvp!.ok).toBe(false);
  });
  it('a Hessian-vector product off by 2% is a mismatch', () => {
    const obj = makeBuiltin('phase-retrieval', 'd=5&m=30');
    expect(verifyObjective(broken(obj, 'hvp', 1.02), { seed: 1, points: 3 }).verdict).toBe('mismatch');
  });
  it('a sign error in an expr-like objective is caught', () => {
    const obj: Objective = {
      name: 'bad',
      dim: 2,
      value: (x) => x[0] ** 2 + x[1] ** 3,
      grad: (x, g) => {
        g[0] = 2 * x[0];
        g[1] = -3 * x[1] ** 2;
        return x[0] ** 2 + x[1] ** 3;
      },
    };
    expect(verifyObjective(obj, { seed: 1 }).verdict).toBe('mismatch');
  });
  it('checks at the given points only, and skips those where the objective is undefined', () => {
    const log: Objective = {
      name: 'log',
      dim: 1,
      value: (x) => Math.log(x[0]),
      grad: (x, g) => {
        g[0] = 1 / x[0];
        return Math.log(x[0]);
      },
    };
    const r = verifyObjective(log, { at: [Float64Array.of(2), Float64Array.of(-1), Float64Array.of(0.5)] });
    expect(r.verdict).toBe('ok');
    expect(r.gradient.points).toBe(2);
    expect(r.skippedPoints).toBe(1);
    expect(r.skippedAt).toEqual([-1]);
    expect(r.hvp).toBeNull();
  });
  it('is a function of its seed', () => {
    const a = JSON.stringify(verifyObjective(quartic(), { seed: 4, points: 3 }));
    expect(JSON.stringify(verifyObjective(quartic(), { seed: 4, points: 3 }))).toBe(a);
    expect(JSON.stringify(verifyObjective(quartic(), { seed: 5, points: 3 }))).not.toBe(a);
  });
});

describe('diagnose', () => {
  it('finds the least-squares factor between analytic and finite-difference values', () => {
    expect(diagnose([2, 4, 6], [1, 2, 3], 'gradient')).toBe(
      'the gradient is off by a factor 2 (it is 2 times the finite differences)',
    );
    expect(diagnose([-1, -2], [1, 2], 'gradient')).toMatch(/sign-flipped/);
    expect(diagnose([0.5, 1], [1, 2], 'HVP')).toMatch(/^the HVP is off by a factor 0.5 /);
    expect(diagnose([3.3, 6.6], [1, 2], 'gradient')).toMatch(/off by a factor 3.3 \(it is that multiple/);
    expect(diagnose([0, 0], [1, 2], 'gradient')).toMatch(/\(nearly\) zero where the finite differences are not/);
    expect(diagnose([1, 0], [0, 1], 'gradient')).toMatch(/no common factor explains it/);
    expect(diagnose([1, 2], [0, 0], 'gradient')).toBe('the gradient is nonzero where the finite differences vanish');
  });
});

describe('retryFailuresOnly (the check’s quick test)', () => {
  const counted = (o: Objective) => {
    let calls = 0;
    return {
      obj: {
        ...o,
        value: (x: Float64Array) => (calls++, o.value(x)),
        grad: (x: Float64Array, g: Float64Array) => (calls++, o.grad(x, g)),
      } as Objective,
      calls: () => calls,
    };
  };
  it('keeps the verdict, and spends fewer values when the first step passes', () => {
    // Σ sin(50 xᵢ)/50: fast oscillation, so the first step's differences agree only to about 1e-6
    // (they pass within their Richardson error estimate; the default then tries smaller steps).
    const v = (x: Float64Array) => x.reduce((t, xi) => t + Math.sin(50 * xi) / 50, 0);
    const base: Objective = {
      name: 'osc',
      dim: 3,
      value: v,
      grad: (x, g) => {
        for (let i = 0; i < 3; i++) g[i] = Math.cos(50 * x[i]);
        return v(x);
      },
    };
    const a = counted(base),
      b = counted(base);
    const full = verifyObjective(a.obj, { seed: 2, points: 3 });
    const quick = verifyObjective(b.obj, { seed: 2, points: 3, retryFailuresOnly: true });
    expect(full.verdict).toBe('ok');
    expect(quick.verdict).toBe('ok');
    expect(b.calls()).toBeLessThan(a.calls());
  });
  it('still retries a failing step, and still catches a wrong gradient', () => {
    const wrong = verifyObjective(quartic(1.01, 1, 60), {
      seed: 2,
      points: 3,
      coordinateMax: 10,
      retryFailuresOnly: true,
    });
    expect(wrong.verdict).toBe('mismatch');
  });
});
