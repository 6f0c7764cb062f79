/**
 * Conditions on the loss gap (conditions/families/gap.ts): generalised PL, curvature against the gap and
 * aiming, on analytic cases with known constants (for μ and θ an estimate is never below the truth).
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../../properties/helpers.ts';
import { resolveObjective } from '../../../src/objectives/spec.ts';

const num = (v: unknown) => v as number;

describe('generalised PL (I-NSGD eq. 5)', () => {
  it("w + ½w² + w⁴: μ = 1.42004 for ρ = 2; the paper's ρ = 3, μ = 0.1 fails, only on |w + ½| < 0.0064", async () => {
    const r = await check('builtin:poly-quartic', ['gpl', 'gpl:mu=1.42,rho=2', 'gpl:mu=0.1,rho=3']);
    const mu = num(r.results[0].estimate.mu);
    expect(mu).toBeGreaterThanOrEqual(1.4200391589 * (1 - 1e-9));
    expect(mu).toBeLessThan(1.42004 * 1.05);
    expect(r.results[1].verdict).toBe('holds');
    expect(r.results[2].verdict).toBe('fails');
    expect(Math.abs(r.results[2].counterexample!.x[0] + 0.5)).toBeLessThan(0.0064);
  });
  it('½w²e^{w²} satisfies ρ = 1 with tightest μ = 2, attained at |w| = 1', async () => {
    const r = await check('builtin:sigmoid-like', ['gpl:rho=1', 'gpl:mu=2,rho=1', 'gpl:mu=2.01,rho=1'], {
      box: [-2, 2],
    });
    expect(num(r.results[0].estimate.mu)).toBeCloseTo(2, 6);
    expect(r.results[1].verdict).toBe('holds');
    expect(r.results[2].verdict).toBe('fails');
  });
  it('PL with μ = λmin⁺ of a rank-one least-squares term is an equality everywhere and holds', async () => {
    // f = ½(x1 + 2x2 − 1)², ‖a‖² = 5: g² = 2·5·f exactly.
    const r = await check('expr:0.5*(x1 + 2*x2 - 1)^2', ['gpl:mu=5', 'gpl:mu=5.01'], { fstar: 0 });
    expect(r.results.map((x) => x.verdict)).toEqual(['holds', 'fails']);
  });
});

describe('curvature vs gap, aiming', () => {
  it('x² + x⁴ ... curvature 2 + 12x² ≤ K0 + K1(x² + x⁴): (K0, K1) = (2, 12) holds, (2, 11) fails', async () => {
    const r = await check(
      'expr:x^2 + x^4',
      ['curvature-gap:K0=2,K1=12', 'curvature-gap:K0=2,K1=11', 'curvature-gap:K0=2'],
      { fstar: 0 },
    );
    expect(r.results[0].verdict).toBe('holds');
    expect(r.results[1].verdict).toBe('fails');
    expect(num(r.results[2].estimate.K1)).toBeLessThanOrEqual(12 * (1 + 1e-9));
  });
  it('logistic regression: (K0, K1) = (R²f*, R²) holds (docs/theory.md §c2)', async () => {
    const obj = await resolveObjective('builtin:logistic?n=40&d=3');
    const R = Number(/R = max‖x_i‖ = ([\d.]+)/.exec(obj.notes!.join(' '))![1]) * (1 + 1e-5);
    const r = await check('builtin:logistic?n=40&d=3', [`curvature-gap:K0=0,K1=${R * R}`], { samples: 600, fstar: 0 });
    expect(r.results[0].verdict).toBe('holds');
  });
  it('a degree-2 homogeneous quadratic aims with θ = 2 exactly (Euler); θ = 2.01 fails', async () => {
    const r = await check('expr:x1^2 + 3*x2^2 + x1*x2', ['aiming:theta=2', 'aiming:theta=2.01', 'aiming'], {
      fstar: 0,
      xstar: [0, 0],
    });
    expect(r.results[0].verdict).toBe('holds');
    expect(r.results[1].verdict).toBe('fails');
    expect(num(r.results[2].estimate.theta)).toBeCloseTo(2, 9);
  });
});
