/**
 * checkObjective (conditions/check.ts) end to end: the domain, undefined points, unboundedness and
 * determinism of a whole check; the run's Lanczos tolerance (estimates stop each Lanczos run once
 * its norm has converged; a claim on Hessian norms needs every step, since its `holds` rests on the
 * upper ends).
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../properties/helpers.ts';
import {
  DerivativeError,
  LANCZOS_TOL,
  checkDerivatives,
  checkObjective,
  lanczosTolFor,
} from '../../src/conditions/check.ts';
import { boxDomain } from '../../src/domains/box.ts';
import type { Objective } from '../../src/objectives/objective.ts';
import { parseConditionSpec, resolveSpec } from '../../src/conditions/spec.ts';

describe('domain, unboundedness and determinism', () => {
  it('points outside the domain are skipped and reported, never violations', async () => {
    // log x: |f''| = f'² (α = 2, L1 = 1, equality on x > 0); x ≤ 0 is outside the domain.
    const r = await check('expr:log(x)', ['l0l1:L0=0,L1=1,alpha=2']);
    expect(r.results[0].verdict).toBe('holds');
    expect(r.results[0].undefinedSamples).toBeGreaterThan(0);
    expect(r.results[0].notes.join(' ')).toMatch(/outside the objective.s domain/);
  });
  it('an objective undefined on the whole box is inconclusive with a reason', async () => {
    const r = await check('expr:log(x)', ['l0l1:L0=0,L1=1'], { box: [-3, -1] });
    expect(r.results[0].verdict).toBe('inconclusive');
    expect(r.results[0].reason).toMatch(/undefined/);
  });
  it('L1 for L0 below the curvature at a stationary point is "unbounded"', async () => {
    const r = await check('expr:x^2 + x^4', ['l0l1:L0=1']);
    expect(r.results[0].estimate.L1).toBe('unbounded');
  });
  it('the same seed gives the same result; another seed gives other samples', async () => {
    const a = JSON.stringify(await check('expr:x1^4 - x1*x2 + x2^2', ['l0l1', 'gpl'], { seed: 5, samples: 300 }));
    const b = JSON.stringify(await check('expr:x1^4 - x1*x2 + x2^2', ['l0l1', 'gpl'], { seed: 5, samples: 300 }));
    const c = JSON.stringify(await check('expr:x1^4 - x1*x2 + x2^2', ['l0l1', 'gpl'], { seed: 6, samples: 300 }));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});

const specs = (...s: string[]) => s.map((t) => ({ r: resolveSpec(parseConditionSpec(t)) }));

describe('the Lanczos tolerance of a run', () => {
  it('is the converged-norm tolerance for estimates and gradient claims, none with a Hessian claim', () => {
    expect(lanczosTolFor(specs('l0l1', 'curvature-gap', 'lsmooth:L=3'))).toBe(LANCZOS_TOL);
    expect(lanczosTolFor(specs('l0l1', 'curvature-gap:K0=1,K1=2'))).toBeUndefined();
    expect(lanczosTolFor(specs('l0l1:L0=1,L1=1'))).toBeUndefined();
  });
});

describe('the quick derivative check in high dimension (random directions above 32)', () => {
  /** ½‖x‖² in dimension 100, its gradient's coordinate k scaled by s. */
  const quadratic = (k: number, s: number): Objective => ({
    name: 'q100',
    dim: 100,
    value: (x) => 0.5 * x.reduce((a, t) => a + t * t, 0),
    grad: (x, g) => {
      for (let i = 0; i < 100; i++) g[i] = x[i];
      g[k] *= s;
      return 0.5 * x.reduce((a, t) => a + t * t, 0);
    },
  });
  const domain = boxDomain(100, new Array(100).fill(-3), new Array(100).fill(3));
  it('passes the exact gradient', () => {
    expect(checkDerivatives(quadratic(37, 1), domain, 1)!.verdict).toBe('ok');
  });
  it('catches one coordinate wrong by 1 % (and a sign flip) among 100', () => {
    for (const s of [1.01, -1]) {
      expect(() => checkDerivatives(quadratic(37, s), domain, 1)).toThrow(DerivativeError);
      expect(() => checkDerivatives(quadratic(37, s), domain, 1)).not.toThrow(/along x/);
    }
  });
  it('in a check, where above 40 dimensions it is a task of the first batch: the same error, and the same report when it passes', () => {
    const opts = { box: [-3, 3] as [number, number], seed: 1, samples: 100 };
    const conds = [parseConditionSpec('lsmooth')];
    expect(() => checkObjective(quadratic(37, 1.01), conds, opts)).toThrow(DerivativeError);
    const r = checkObjective(quadratic(37, 1), conds, opts);
    expect(r.derivatives).toEqual({
      verdict: 'ok',
      points: checkDerivatives(quadratic(37, 1), domain, 1)!.gradient.points,
    });
  });
});
