/** Saddle avoidance (the Jacobian mechanism) and the Dimer rotation's sign against Lanczos. */
import { describe, expect, it } from 'vitest';
import { dimer, jacobianFD, saddleAvoidance, sigmaMin, stepMap } from '../../src/experiments/avoidance.ts';
import { saddleInfo } from '../../src/experiments/escape.ts';
import { exprObjective } from '../../src/objectives/expr.ts';
import { makeBuiltin } from '../../src/objectives/spec.ts';
import { parseMethodSpec } from '../../src/optim/methods.ts';

describe('saddle avoidance (Bodard & Patrinos Thm. 3.1, 3.2)', () => {
  // ½x² + ¼y⁴ − ½y²: saddle (0, 0) with λ = −1, minima (0, ±1) (docs/theory.md §g5.2).
  const obj = exprObjective('0.5*x1^2 + 0.25*x2^4 - 0.5*x2^2').objective;
  const saddle = new Float64Array([0, 0]);
  for (const spec of [
    'gd:gamma=0.1',
    'clipped-gd:gamma=0.1,clip=1',
    'precond-gd:gamma=0.1,lambda=1,kernel=smooth-clip',
    'precond-gd:gamma=0.1,lambda=1,kernel=hard-clip',
  ]) {
    it(`${spec}: no random start ends at the saddle; DT is invertible where sampled and expanding at the saddle`, () => {
      const { def, params } = parseMethodSpec(spec);
      const r = saddleAvoidance(obj, def, params, {
        saddle,
        runs: 40,
        iters: 2000,
        box: [-1.5, 1.5],
        seed: 1,
        jacobianSamples: 100,
      });
      expect(r.endedAtSaddle).toBe(0);
      expect(r.finalValues.max).toBeCloseTo(-0.25, 6);
      expect(r.jacobian.minSigma).toBeGreaterThan(0);
      // DT(x_s) = I − γλ∇²f(x_s): eigenvalues 1 − 0.1·1 and 1 + 0.1·1.
      expect(r.atSaddle.eigenvalues[1]).toBeCloseTo(1.1, 6);
      expect(r.atSaddle.eigenvalues[0]).toBeCloseTo(0.9, 6);
    });
  }
  it('the finite-difference Jacobian of a GD step is I − γ∇²f (exact for a quadratic)', () => {
    const q = exprObjective('x1^2 + 3*x1*x2 + 2*x2^2').objective;
    const { def, params } = parseMethodSpec('gd:gamma=0.1');
    const J = jacobianFD(stepMap(q, def, params), new Float64Array([0.3, -0.2]));
    [1 - 0.2, -0.3, -0.3, 1 - 0.4].forEach((v, i) => expect(J[i]).toBeCloseTo(v, 7));
    expect(sigmaMin(new Float64Array([3, 0, 0, 0.5]), 2)).toBeCloseTo(0.5, 12);
  });
  it('a step too large for the curvature makes DT singular somewhere (γ = 1/λ): the mechanism, not a formality', () => {
    const q = exprObjective('0.5*x1^2 + 0.25*x2^4 - 0.5*x2^2').objective;
    const { def, params } = parseMethodSpec('gd:gamma=1');
    // DT = diag(1 − γ, 1 − γ(3y² − 1)): singular on x-direction for γ = 1.
    expect(sigmaMin(jacobianFD(stepMap(q, def, params), new Float64Array([0.5, 0.5])), 2)).toBeLessThan(1e-6);
  });
});

describe('Dimer rotation (docs/theory.md §g4, §i.7)', () => {
  it('rotating along −(g₊ − g₋)⊥ finds λmin (as Lanczos does); the third-party + sign finds λmax', () => {
    const obj = makeBuiltin('quartic-saddle', 'd=8&gamma=2');
    const x = new Float64Array(8);
    const lz = saddleInfo(obj, x);
    const down = dimer(obj, x, { sign: -1 });
    expect(down.curvature).toBeCloseTo(lz.lambdaMin, 4);
    expect(Math.abs(down.direction[0])).toBeCloseTo(1, 4); // the e1 eigenvector
    const up = dimer(obj, x, { sign: 1 });
    expect(up.curvature).toBeCloseTo(lz.lambdaMax, 4);
    expect(up.gradientCalls).toBeGreaterThan(0);
  });
  it('the centred dimer curvature is O(ΔR²) accurate', () => {
    const obj = exprObjective('x1^2 - 2*x2^2 + x2^4').objective;
    const x = new Float64Array([0.3, 0.1]);
    const exact = Math.min(2, -4 + 12 * 0.01);
    const r = dimer(obj, x, { dR: 1e-3 });
    expect(Math.abs(r.curvature - exact)).toBeLessThan(1e-5);
  });
});
