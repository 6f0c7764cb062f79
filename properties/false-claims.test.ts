/**
 * Published claims that are false (docs/theory.md §i), each demonstrated by a re-checked
 * counterexample. A checker that misses any of them is broken.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '../test/fc.ts';
import { check, estimate, verdicts } from './helpers.ts';

describe("§i.1: I-NSGD eq. (2) and Lemma 1 (global asymmetric form) fail on the paper's own examples", () => {
  it('eˣ: Hessian form (0, 1) holds, the asymmetric form and Lemma 1 with (0, 1) fail', async () => {
    const r = await check('expr:exp(x)', ['l0l1:L0=0,L1=1', 'l0l1-alpha:L0=0,L1=1', 'descent:L0=0,L1=1']);
    expect(verdicts(r)).toEqual(['holds', 'fails', 'fails']);
    for (const i of [1, 2]) expect(r.results[i].counterexample!.recheck).toBe('bignumber-64');
  });
  test.prop([fc.constantFrom(4, 6), fc.double({ min: 1, max: 4, noNaN: true })], { numRuns: 4 })(
    'x^p (p = 4, 6): Lemma 1 fails with the Hessian-form constants (L0_min(L1), L1): at w′ = 0 it needs w^p ≤ ½L0·w²',
    async (p, L1) => {
      // On [−6, 6], t* = (p − 2)/L1 ≤ 4 lies inside, so L0_min = p((p−2)/L1)^{p−2} and
      // w^{p−2} > L0/2 happens inside the box.
      const box: [number, number] = [-6, 6];
      const est = await check(`expr:x^${p}`, [`l0l1:L1=${L1}`], { box, samples: 400 });
      const L0 = estimate(est, 0, 'L0');
      expect(L0).toBeCloseTo(p * ((p - 2) / L1) ** (p - 2), 3);
      const r = await check(`expr:x^${p}`, [`l0l1:L0=${L0},L1=${L1}`, `descent:L0=${L0},L1=${L1}`], {
        box,
        samples: 400,
      });
      expect(verdicts(r)).toEqual(['holds', 'fails']);
    },
  );
  it('phase retrieval with α = 2/3: the Hessian-form constants fail the asymmetric form (a far pair at the stationary origin)', async () => {
    const spec = 'builtin:phase-retrieval?d=3&m=20&seed=2';
    // With L1 = 10 the Hessian form needs L0 ≈ 6.3 on every box; the asymmetric form
    // needs an L0 growing like the box radius squared (≈ 115 on [−4, 4]).
    const est = await check(spec, ['l0l1:L1=10,alpha=0.6666666666666666'], { box: [-4, 4], samples: 800 });
    const L0 = estimate(est, 0, 'L0');
    const r = await check(spec, [`l0l1-alpha:L0=${2 * L0},L1=10,alpha=0.6666666666666666`], {
      box: [-4, 4],
      samples: 800,
    });
    expect(verdicts(r)).toEqual(['fails']);
    expect(r.results[0].counterexample!.y).not.toBeNull();
  });
});

describe('§i.2: "w + ½w² + w⁴ satisfies ρ = 3, μ = 0.1" is false (only on |w + ½| < 0.0064)', () => {
  test.prop([fc.integer({ min: 1, max: 1e6 })], { numRuns: 3 })(
    'fails for every seed, with the counterexample in the tiny region',
    async (seed) => {
      const r = await check('builtin:poly-quartic', ['gpl:mu=0.1,rho=3'], { seed, samples: 500 });
      expect(verdicts(r)).toEqual(['fails']);
      expect(Math.abs(r.results[0].counterexample!.x[0] + 0.5)).toBeLessThan(0.0064);
    },
  );
  it('ρ > 2 fails at any nondegenerate minimiser: x² + x⁴ with ρ = 2.5', async () => {
    const r = await check('expr:x^2 + x^4', ['gpl:mu=0.01,rho=2.5'], { fstar: 0 });
    expect(verdicts(r)).toEqual(['fails']);
  });
});

describe('§i.3: the "sigmoid-like" ½w²e^{w²} is not α-smooth for any α ≤ 1', () => {
  test.prop([fc.double({ min: 1, max: 50, noNaN: true }), fc.double({ min: 1, max: 18, noNaN: true })], { numRuns: 4 })(
    'every claimed (L0, L1) with α = 1 fails on a large enough box (f″/|f′| ≈ 2|w|)',
    async (L0, L1) => {
      const R = L1 / 2 + 2;
      const r = await check('builtin:sigmoid-like', [`l0l1:L0=${L0},L1=${L1}`], { box: [-R, R], samples: 400 });
      expect(verdicts(r)).toEqual(['fails']);
    },
  );
});

describe('§a1 / §i.8: non-compact sets of stationary points defeat (L0, L1)-smoothness', () => {
  it('½(uv − 1)² (unregularised factorisation): a stationary point with ‖∇²f‖ > L0', async () => {
    const r = await check('expr:0.5*(x1*x2 - 1)^2', ['l0l1:L0=10,L1=1'], { box: [-5, 5] });
    expect(verdicts(r)).toEqual(['fails']);
  });
  it('¼x⁴ + ¼y⁴ − ½x²y² (Bodard & Patrinos Ex. 2.7): zero gradient on y = ±x, ‖∇²f‖ = 4x²', async () => {
    const r = await check('expr:0.25*x1^4 + 0.25*x2^4 - 0.5*x1^2*x2^2', ['l0l1:L0=50,L1=5', 'l0l1:L1=5'], {
      box: [-5, 5],
    });
    expect(r.results[0].verdict).toBe('fails');
    expect(estimate(r, 1, 'L0')).toBeGreaterThan(95); // 4·5² = 100 at the corner of the diagonal
  });
  it('matrix factorisation with κ = 0 is not (L0, L1) on a large box; with κ > 0 its stationary points are bounded', async () => {
    const r = await check('builtin:matrix-factorization?n=1&m=1&r=1&kappa=0', ['l0l1:L0=10,L1=1'], { box: [-5, 5] });
    expect(verdicts(r)).toEqual(['fails']);
  });
});
