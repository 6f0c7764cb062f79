/** gensmooth spectrum's numerics: dense eigensolves of small problems and the known spectrum of quartic-saddle. */
import { describe, expect, it } from 'vitest';
import { fc, test } from '../fc.ts';
import { jacobiEigen } from '../../src/core/eig.ts';
import { Rng } from '../../src/core/rng.ts';
import { symv } from '../../src/core/vec.ts';
import { operatorSpectrum, spectrumAt } from '../../src/curvature/spectrum.ts';
import { denseHessian } from '../../src/objectives/objective.ts';
import { makeBuiltin } from '../../src/objectives/spec.ts';
import { exprObjective } from '../../src/objectives/expr.ts';

describe('spectrum', () => {
  test.prop([fc.integer({ min: 3, max: 40 }), fc.nat(10000)], { numRuns: 12 })(
    'random symmetric matrices through an operator: λmax, λmin match Jacobi within their residuals, the trace interval is honest',
    (n, seed) => {
      const r = new Rng(seed, 'A');
      const A = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) A[i * n + j] = A[j * n + i] = r.normal();
      const e = jacobiEigen(A, n);
      const s = operatorSpectrum((v, o) => symv(A, n, v, o), n, { seed, probes: 30, runs: 2, steps: n });
      const scale = Math.max(-e.values[0], e.values[n - 1]);
      expect(Math.abs(s.lambdaMax - e.values[n - 1])).toBeLessThanOrEqual(s.residuals.lambdaMax + 1e-9 * scale);
      expect(Math.abs(s.lambdaMin - e.values[0])).toBeLessThanOrEqual(s.residuals.lambdaMin + 1e-9 * scale);
      // Ritz values never leave [λmin, λmax].
      expect(s.lambdaMax).toBeLessThanOrEqual(e.values[n - 1] + 1e-9 * scale);
      expect(s.lambdaMin).toBeGreaterThanOrEqual(e.values[0] - 1e-9 * scale);
      // With as many SLQ steps as the dimension, every run's nodes are the eigenvalues.
      for (const q of s.density.quadrature)
        for (const th of q.nodes)
          expect(Math.min(...Array.from(e.values, (l) => Math.abs(l - th)))).toBeLessThan(1e-7 * scale);
      expect(s.trace.interval[0]).toBeLessThanOrEqual(s.trace.value);
      expect(s.trace.interval[1]).toBeGreaterThanOrEqual(s.trace.value);
    },
  );

  it('the Hessian of a built-in at a point: matches the dense Hessian eigensolve', () => {
    const obj = makeBuiltin('mlp', 'n=20&in=3&hidden=4&out=2&loss=ce&seed=3');
    const x = obj.x0!;
    const n = obj.dim;
    const H = new Float64Array(n * n);
    denseHessian(obj, x, H);
    const e = jacobiEigen(H, n);
    const s = spectrumAt(obj, x, { seed: 4, probes: 50 });
    expect(s.hvp).toBe('exact');
    const scale = Math.max(-e.values[0], e.values[n - 1]);
    expect(s.lambdaMax).toBeCloseTo(e.values[n - 1], 7);
    expect(s.lambdaMin).toBeCloseTo(e.values[0], 7);
    expect(s.norm).toBeCloseTo(scale, 7);
    let tr = 0;
    for (let i = 0; i < n; i++) tr += H[i * n + i];
    expect(tr).toBeGreaterThanOrEqual(s.trace.interval[0] - 1e-9);
    expect(tr).toBeLessThanOrEqual(s.trace.interval[1] + 1e-9);
    // The density integrates to 1 on its grid.
    const g = s.density.grid;
    let mass = 0;
    for (let k = 1; k < g.length; k++)
      mass += 0.5 * (g[k] - g[k - 1]) * (s.density.values[k] + s.density.values[k - 1]);
    expect(mass).toBeCloseTo(1, 3);
  });

  test.prop([fc.integer({ min: 2, max: 60 }), fc.double({ min: 0.1, max: 5, noNaN: true })], { numRuns: 10 })(
    'quartic-saddle at 0: ∇²f = D = diag(−γ, 1, …, 1), trace d − 1 − γ exactly, density mass 1/d at −γ',
    (d, gamma) => {
      const obj = makeBuiltin('quartic-saddle', `d=${d}&gamma=${gamma}`);
      const s = spectrumAt(obj, new Float64Array(d), { seed: 1, probes: 10, runs: 2 });
      expect(s.lambdaMin).toBeCloseTo(-gamma, 12);
      expect(s.lambdaMax).toBeCloseTo(1, 12);
      expect(s.trace.value).toBeCloseTo(d - 1 - gamma, 10);
      expect(s.trace.stdError).toBeLessThan(1e-12);
      for (const q of s.density.quadrature) {
        expect(q.invariant).toBe(true);
        const k = q.nodes.findIndex((t) => Math.abs(t + gamma) < 1e-10);
        expect(q.weights[k]).toBeCloseTo(1 / d, 12);
        expect(q.weights.reduce((a, w) => a + w, 0)).toBeCloseTo(1, 12);
      }
    },
  );

  it('objectives without an HVP fall back to central differences of gradients (and say so)', () => {
    // f = x1² + 3x2² − x1x2 has ∇²f = [[2, −1], [−1, 6]], eigenvalues 4 ± √5, trace 8.
    const base = exprObjective('x1^2 + 3*x2^2 - x1*x2').objective;
    const obj = { ...base, hvp: undefined, hessian: undefined };
    const s = spectrumAt(obj, new Float64Array([0.3, -1]), { seed: 1, probes: 20 });
    expect(s.hvp).toBe('finite-difference');
    expect(s.notes.join(' ')).toMatch(/central differences/);
    expect(s.lambdaMax).toBeCloseTo(4 + Math.sqrt(5), 6);
    expect(s.lambdaMin).toBeCloseTo(4 - Math.sqrt(5), 6);
    // zᵀHz = 8 − 2z1z2 = 8 ± 2 for Rademacher z: the interval must contain 8.
    expect(s.trace.interval[0]).toBeLessThanOrEqual(8);
    expect(s.trace.interval[1]).toBeGreaterThanOrEqual(8);
  });
});
