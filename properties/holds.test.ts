/**
 * Claims from the literature that hold, stated as properties over random instances
 * (docs/theory.md §a, §c, §e, §h). Each is tight or nearly so, so a checker that rounds the
 * wrong way, or a search that misses the worst case, breaks them.
 */
import { describe, expect } from 'vitest';
import { fc, test } from '../test/fc.ts';
import { check, estimate, lit, verdicts } from './helpers.ts';

describe('claims that hold', () => {
  test.prop([fc.double({ min: 2.2, max: 6, noNaN: true }), fc.integer({ min: 1, max: 1e6 })], { numRuns: 4 })(
    '|x|^p is in the α-class at α_min = (p−2)/(p−1) with L0 = 0, L1 = (p−1)p^{1/(p−1)} (an equality everywhere)',
    async (p, seed) => {
      const a = (p - 2) / (p - 1),
        L1 = (p - 1) * p ** (1 / (p - 1));
      const r = await check(
        `expr:abs(x)^${p}`,
        [`l0l1:L0=0,L1=${L1},alpha=${a}`, `l0l1:L0=0,L1=${L1 * 0.995},alpha=${a}`],
        { seed, samples: 500 },
      );
      expect(verdicts(r)).toEqual(['holds', 'fails']);
    },
  );

  test.prop([fc.double({ min: 2.5, max: 5, noNaN: true }), fc.double({ min: 0.5, max: 4, noNaN: true })], {
    numRuns: 4,
  })(
    '|x|^p with α = 1: the estimated L0 for a given L1 matches p(p−1)t^{p−2} − L1·p t^{p−1} at t = min(t*, 3) within 5 % below',
    async (p, L1) => {
      // t* = (p−2)/L1 maximises h(t) = p(p−1)t^{p−2} − L1 p t^{p−1} (docs/theory.md §h7, α = 1).
      const t = Math.min((p - 2) / L1, 3);
      const exact = p * (p - 1) * t ** (p - 2) - L1 * p * t ** (p - 1);
      const r = await check(`expr:abs(x)^${p}`, [`l0l1:L1=${L1}`], { samples: 500 });
      const est = estimate(r, 0, 'L0');
      expect(est).toBeLessThanOrEqual(exact * (1 + 1e-9) + 1e-12);
      expect(est).toBeGreaterThanOrEqual(exact * 0.95);
    },
  );

  test.prop(
    [
      fc.double({ min: 0.2, max: 5, noNaN: true }),
      fc.double({ min: 0.2, max: 5, noNaN: true }),
      fc.double({ min: -2, max: 2, noNaN: true }),
    ],
    { numRuns: 5 },
  )('a strongly convex quadratic satisfies PL with μ = λmin (tight) and aims with θ = 2 (Euler)', async (a, c, b) => {
    // H = [[2a, b], [b, 2c]] made positive definite by shifting the diagonal.
    const shift = Math.abs(b) + 0.1;
    const h11 = 2 * a + shift,
      h22 = 2 * c + shift;
    const lmin = 0.5 * (h11 + h22) - Math.hypot(0.5 * (h11 - h22), b);
    const f = `0.5*${lit(h11)}*x1^2 + ${lit(b)}*x1*x2 + 0.5*${lit(h22)}*x2^2`;
    const r = await check(
      `expr:${f}`,
      [`gpl:mu=${lmin}`, `gpl:mu=${lmin * 1.01}`, 'aiming:theta=2', 'aiming:theta=2.02'],
      { fstar: 0, xstar: [0, 0], samples: 600 },
    );
    expect(verdicts(r)).toEqual(['holds', 'fails', 'holds', 'fails']);
  });

  test.prop([fc.integer({ min: 10, max: 60 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 0, max: 1000 })], {
    numRuns: 3,
  })('logistic regression: ‖∇²f‖ ≤ R²·f, i.e. (K0, K1) = (R²f*, R²) (docs/theory.md §c2)', async (n, d, seed) => {
    const spec = `builtin:logistic?n=${n}&d=${d}&seed=${seed}`;
    const { resolveObjective } = await import('../src/objectives/spec.ts');
    const obj = await resolveObjective(spec);
    const R = Number(/R = max‖x_i‖ = ([\d.e+-]+)/.exec(obj.notes!.join(' '))![1]) * (1 + 1e-5);
    // With f* = 0 the claim K0 = 0, K1 = R² is exactly ‖∇²f‖ ≤ R²·f(x), whatever f* is.
    const r = await check(spec, [`curvature-gap:K0=0,K1=${R * R}`], { fstar: 0, samples: 400 });
    expect(verdicts(r)).toEqual(['holds']);
  });

  test.prop([fc.integer({ min: 2, max: 3 }), fc.integer({ min: 6, max: 30 }), fc.integer({ min: 0, max: 1000 })], {
    numRuns: 3,
  })(
    'phase retrieval is (L0, L1)-smooth in the Hessian form with α = 2/3 on a box: an estimate from one seed is a valid claim under another',
    async (d, m, s) => {
      const spec = `builtin:phase-retrieval?d=${d}&m=${m}&seed=${s}`;
      const est = await check(spec, ['l0l1:L1=1,alpha=0.6666666666666666'], { box: [-2, 2], samples: 800 });
      const L0 = estimate(est, 0, 'L0');
      expect(Number.isFinite(L0)).toBe(true);
      const claim = await check(spec, [`l0l1:L0=${L0 * 1.05},L1=1,alpha=0.6666666666666666`], {
        box: [-2, 2],
        seed: 99,
        samples: 800,
      });
      expect(verdicts(claim)).toEqual(['holds']);
    },
  );

  test.prop([fc.double({ min: 0.5, max: 3, noNaN: true })], { numRuns: 3 })(
    'eˣ with (L0, L1) = (0, 1) holds with equality everywhere, on any box',
    async (R) => {
      const r = await check('expr:exp(x)', ['l0l1:L0=0,L1=1'], { box: [-R, R], samples: 500 });
      expect(verdicts(r)).toEqual(['holds']);
    },
  );
});
