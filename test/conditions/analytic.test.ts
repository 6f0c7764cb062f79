/**
 * Every checker on analytic cases with known constants (docs/theory.md §a–e, §h):
 * tight claims that must hold, claims that fail only on a tiny region, and
 * estimates against their exact values (an estimate of a smallest-type constant is
 * never above the truth beyond rounding and should be within 5 % below it; for μ and
 * θ the other way round).
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../properties/helpers.ts';
import { resolveObjective } from '../../src/objectives/spec.ts';

const num = (v: unknown) => v as number;

describe('L-smoothness', () => {
  it('x² with L = 2 holds (equality everywhere) and L = 1.9 fails with a 64-digit re-checked counterexample', async () => {
    const r = await check('expr:x^2', ['lsmooth:L=2', 'lsmooth:L=1.9', 'lsmooth']);
    expect(r.results[0].verdict).toBe('holds');
    expect(r.results[1].verdict).toBe('fails');
    const c = r.results[1].counterexample!;
    expect(c.recheck).toBe('bignumber-64');
    expect(c.lhs).toBeCloseTo(2, 12);
    expect(c.rhs).toBe(1.9);
    expect(c.y).not.toBeNull();
    expect(num(r.results[2].estimate.L)).toBeCloseTo(2, 9);
  });
  it('a tight claim on a built-in (no symbolic form) holds: quartic-saddle is not L-smooth, but its quadratic part is', async () => {
    const r = await check('expr:0.5*x1^2 - 0.5*x2^2 + 3*x1*x2', ['lsmooth:L=3.1622776601683795', 'lsmooth:L=3.16']);
    expect(r.results[0].verdict).toBe('holds'); // ‖[[1,3],[3,-1]]‖ = √10
    expect(r.results[1].verdict).toBe('fails');
  });
});

describe('(L0,L1)-smoothness, Hessian form', () => {
  it('eˣ with (L0, L1) = (0, 1) holds (equality everywhere); L1 = 0.99 fails; the estimate of L1 is 1', async () => {
    const r = await check('expr:exp(x)', ['l0l1:L0=0,L1=1', 'l0l1:L0=0,L1=0.99', 'l0l1:L0=0']);
    expect(r.results[0].verdict).toBe('holds');
    expect(r.results[1].verdict).toBe('fails');
    expect(num(r.results[2].estimate.L1)).toBeCloseTo(1, 12);
  });
  it('|x|^p at α_min: L0 = 0 and L1 = (p−1)p^{1/(p−1)} is an equality everywhere (p = 3, 4)', async () => {
    const l3 = 2 * Math.sqrt(3),
      l4 = 3 * Math.cbrt(4);
    const r = await check('expr:abs(x)^3', [`l0l1:L0=0,L1=${l3},alpha=0.5`, `l0l1:L0=0,L1=${l3 * 0.999},alpha=0.5`]);
    expect(r.results.map((x) => x.verdict)).toEqual(['holds', 'fails']);
    const r4 = await check('expr:x^4', [`l0l1:L0=0,L1=${l4},alpha=${2 / 3}`, `l0l1:L0=0,alpha=${2 / 3}`]);
    expect(r4.results[0].verdict).toBe('holds');
    expect(num(r4.results[1].estimate.L1)).toBeLessThanOrEqual(l4 * (1 + 1e-9));
    expect(num(r4.results[1].estimate.L1)).toBeGreaterThan(l4 * 0.95);
  });
  it('x⁴ with α = 1: tightest L0 = p((p−2)/L1)^{p−2} = 16/L1²', async () => {
    for (const L1 of [1, 2, 4]) {
      const r = await check('expr:x^4', [`l0l1:L1=${L1}`]);
      const exact = 16 / (L1 * L1);
      const est = num(r.results[0].estimate.L0);
      expect(est).toBeLessThanOrEqual(exact * (1 + 1e-9));
      expect(est).toBeGreaterThan(exact * 0.95);
      const holds = await check('expr:x^4', [`l0l1:L0=${exact},L1=${L1}`, `l0l1:L0=${exact * 0.97},L1=${L1}`]);
      expect(holds.results.map((x) => x.verdict)).toEqual(['holds', 'fails']);
    }
  });
  it('w + ½w² + w⁴: (L0, L1) = (4, 3) is tight at the minimiser; L0 = 3.99 fails there', async () => {
    const r = await check('builtin:poly-quartic', ['l0l1:L0=4,L1=3', 'l0l1:L0=3.99,L1=3']);
    expect(r.results[0].verdict).toBe('holds');
    expect(r.results[1].verdict).toBe('fails');
    expect(r.results[1].counterexample!.x[0]).toBeCloseTo(-0.5, 2);
  });
  it('the frontier of x⁴ passes through (L1, 16/L1²) and never above it', async () => {
    const r = await check('expr:x^4', ['l0l1']);
    const fr = r.results[0].estimate.frontier as { L1: number; L0: number }[];
    expect(fr.length).toBeGreaterThan(2);
    for (const p of fr)
      if (typeof p.L1 === 'number' && p.L1 > 0.3)
        expect(p.L0).toBeLessThanOrEqual((16 / (p.L1 * p.L1)) * (1 + 1e-6) + 1e-9);
  });
});

describe('asymmetric form and descent lemma (I-NSGD eq. 2 and Lemma 1)', () => {
  it('eˣ on [−3, 3] with L1 = 1 needs L0 = 5.994 in the asymmetric form (a far pair)', async () => {
    const r = await check('expr:exp(x)', ['l0l1-alpha:L1=1']);
    const est = num(r.results[0].estimate.L0);
    expect(est).toBeLessThanOrEqual(5.9941);
    expect(est).toBeGreaterThan(5.994 * 0.95);
  });
  it('Lemma 1 fails for x⁴ with (L0, L1) = (4, 2), which satisfies the Hessian form', async () => {
    const r = await check('expr:x^4', ['l0l1:L0=4,L1=2', 'descent:L0=4,L1=2']);
    expect(r.results[0].verdict).toBe('holds');
    expect(r.results[1].verdict).toBe('fails');
  });
  it('the descent lemma holds for a quadratic with L0 = its curvature (equality), fails below', async () => {
    const r = await check('expr:1.5*x1^2 + 0.5*x2^2', ['descent:L0=3,L1=0', 'descent:L0=2.9,L1=0']);
    expect(r.results.map((x) => x.verdict)).toEqual(['holds', 'fails']);
  });
});

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

describe('violations on a tiny part of the box are found by the search, not by luck', () => {
  it('a corner: eˣ¹⁺ˣ² with L = 2e^5.99 fails only where x1 + x2 > 5.99 (1e-6 of the box)', async () => {
    const L = 2 * Math.exp(5.99);
    for (const seed of [1, 2, 3]) {
      const r = await check('expr:exp(x1 + x2)', [`lsmooth:L=${L}`, `lsmooth:L=${2 * Math.exp(6)}`], {
        seed,
        samples: 500,
      });
      expect(r.results.map((x) => x.verdict)).toEqual(['fails', 'holds']);
    }
  });
  it('a stationary point: x1² − x2² + x1⁴ with (L0, L1) = (1.99, 1000) fails only where ‖∇f‖ < 1e-5', async () => {
    for (const seed of [1, 2, 3]) {
      const r = await check('expr:x1^2 - x2^2 + x1^4', ['l0l1:L0=1.99,L1=1000', 'l0l1:L0=2,L1=1000'], {
        seed,
        samples: 500,
      });
      expect(r.results.map((x) => x.verdict)).toEqual(['fails', 'holds']);
      const c = r.results[0].counterexample!;
      expect(Math.hypot(c.x[0], c.x[1])).toBeLessThan(1e-4);
    }
  });
});
