/** The conditions beyond the contract's table, on analytic cases with known constants. */
import { describe, expect, it } from 'vitest';
import { checkObjective } from '../../src/conditions/check.ts';
import { parseConditionSpec } from '../../src/conditions/spec.ts';
import { type CheckReport } from '../../src/conditions/result.ts';
import { expm1MinusU } from '../../src/core/special.ts';
import { operatorNorm } from '../../src/conditions/families/non-euclidean.ts';
import { resolveObjective } from '../../src/objectives/spec.ts';
import { UsageError } from '../../src/errors.ts';

async function check(
  objective: string,
  conditions: string[],
  box: [number, number] = [-3, 3],
  samples = 1500,
): Promise<CheckReport> {
  const obj = await resolveObjective(objective);
  return checkObjective(obj, conditions.map(parseConditionSpec), { box, seed: 1, samples });
}
const v = (r: CheckReport) => r.results.map((x) => x.verdict);

describe('exponential descent lemma (docs/theory.md §a4.2)', () => {
  it('φ(u) = eᵘ − u − 1 is accurate near 0', () => {
    expect(expm1MinusU(1e-8) / 5e-17).toBeCloseTo(1, 6);
    expect(expm1MinusU(2)).toBeCloseTo(Math.exp(2) - 3, 12);
    expect(expm1MinusU(-0.3)).toBeCloseTo(Math.exp(-0.3) + 0.3 - 1, 15);
  });
  it('eˣ with (L0, L1) = (0, 1) is an equality for y > x and holds; L1 = 0.99 fails; the estimate of L0 is 0', async () => {
    const r = await check('expr:exp(x)', ['descent-exp:L0=0,L1=1', 'descent-exp:L0=0,L1=0.99', 'descent-exp:L1=1']);
    expect(v(r)).toEqual(['holds', 'fails', 'estimated']);
    expect(r.results[2].estimate.L0).toBe(0);
  });
  it('needs L1', async () => {
    const r = await check('expr:exp(x)', ['descent-exp']);
    expect(r.results[0].verdict).toBe('inconclusive');
    expect(r.results[0].reason).toMatch(/needs L1/);
  });
});

describe('symmetric and local (L0, L1) forms (docs/theory.md §a2, §a3)', () => {
  it('symmetric form = Hessian form for C² f: eˣ with (0, 1) holds, (0, 0.99) fails', async () => {
    const r = await check('expr:exp(x)', ['l0l1-sym:L0=0,L1=1', 'l0l1-sym:L0=0,L1=0.99']);
    expect(v(r)).toEqual(['holds', 'fails']);
  });
  it('Hessian (4, 2) for x⁴ implies the local form with both constants × (e − 1)', async () => {
    const c = Math.E - 1;
    const r = await check('expr:x^4', [`l0l1-local:L0=${4 * c},L1=${2 * c}`, 'l0l1-local:L1=2']);
    expect(r.results[0].verdict).toBe('holds');
    // Local ⇒ Hessian with the same constants, so the local L0 for L1 = 2 is at least the Hessian one (4).
    expect(r.results[1].estimate.L0 as number).toBeGreaterThanOrEqual(4 * (1 - 1e-6));
  });
  it('without L1 the local form says what it needs', async () => {
    const r = await check('expr:x^4', ['l0l1-local']);
    expect(r.results[0].reason).toMatch(/needs L1/);
  });
});

describe('anisotropic smoothness, second-order characterisation (docs/theory.md §b4)', () => {
  it('quadratic kernel on a quadratic: L·Lbar = λmax(H) (one-sided: the negative eigenvalue does not count)', async () => {
    // H = [[1, 2], [2, 1]] has eigenvalues 3 and −1.
    const r = await check('expr:0.5*x1^2 + 2*x1*x2 + 0.5*x2^2', [
      'anisotropic:L=3,Lbar=1,kernel=quadratic',
      'anisotropic:L=2.99,Lbar=1,kernel=quadratic',
      'anisotropic:Lbar=2,kernel=quadratic',
    ]);
    expect(v(r)).toEqual(['holds', 'fails', 'estimated']);
    expect(r.results[2].estimate.L as number).toBeCloseTo(1.5, 9);
  });
  for (const L1 of [1, 2, 4]) {
    it(`(L0, L1) = (16/L1², L1) for x⁴ gives (L, Lbar) = (L1, L0/L1) with the smoothed-clipping kernel (Ex. 2.6), L1 = ${L1}`, async () => {
      const L0 = 16 / (L1 * L1);
      const r = await check('expr:x^4', [`anisotropic:L=${L1},Lbar=${L0 / L1}`]);
      expect(v(r)).toEqual(['holds']);
    });
  }
  it('every kernel gives a finite L for x⁴ (Thm. 2.11), and the hard-clipping kernel is checked too', async () => {
    const r = await check('expr:x^4', [
      'anisotropic:Lbar=1,kernel=cosh',
      'anisotropic:Lbar=1,kernel=exp',
      'anisotropic:Lbar=1,kernel=hard-clip',
      'anisotropic:Lbar=1,kernel=smooth-clip',
    ]);
    for (const res of r.results) expect(Number.isFinite(res.estimate.L as number)).toBe(true);
    // Along the gradient the smoothed-clipping kernel damps most: 1/(1+s)² ≤ 1/(1+s) ≤ 1/√(1+s²).
    expect(r.results[3].estimate.L as number).toBeLessThanOrEqual(r.results[0].estimate.L as number);
  });
  it('kernel names are validated', () => {
    expect(() => parseConditionSpec('anisotropic:Lbar=1,kernel=nope')).toThrow(UsageError);
  });
});

describe('non-Euclidean (L0, L1), Hessian form (docs/theory.md §d2)', () => {
  it('operator norms of [[2, 1], [1, 2]]: ℓ∞→ℓ1 = 6, ℓ1→ℓ∞ = 2, ℓ2 = 3', () => {
    const H = new Float64Array([2, 1, 1, 2]);
    expect(operatorNorm(H, 2, 'inf').v).toBe(6);
    expect(operatorNorm(H, 2, '1').v).toBe(2);
    expect(operatorNorm(H, 2, '2').v).toBeCloseTo(3, 14);
  });
  it('the ℓ∞→ℓ1 norm by enumeration equals brute force over the cube corners', () => {
    const n = 6;
    const H = new Float64Array(n * n);
    let s = 7;
    for (let i = 0; i < n; i++)
      for (let j = i; j < n; j++) {
        s = (s * 16807) % 2147483647;
        H[i * n + j] = H[j * n + i] = (s / 2147483647) * 2 - 1;
      }
    let best = 0;
    for (let mask = 0; mask < 1 << n; mask++) {
      let tot = 0;
      for (let i = 0; i < n; i++) {
        let a = 0;
        for (let j = 0; j < n; j++) a += H[i * n + j] * (mask & (1 << j) ? -1 : 1);
        tot += Math.abs(a);
      }
      best = Math.max(best, tot);
    }
    expect(operatorNorm(H, n, 'inf').v).toBeCloseTo(best, 12);
  });
  it('a quadratic: the claimed constants hold at the operator norm and fail below it', async () => {
    const r = await check('expr:x1^2 + x1*x2 + x2^2', [
      'l0l1-norm:L0=6,L1=0',
      'l0l1-norm:L0=5.99,L1=0',
      'l0l1-norm:L0=2,L1=0,norm=1',
      'l0l1-norm:L0=1.99,L1=0,norm=1',
    ]);
    expect(v(r)).toEqual(['holds', 'fails', 'holds', 'fails']);
  });
});

describe('growth condition of Bodard & Patrinos (docs/theory.md §b5)', () => {
  it('x1⁴ + x2⁴ + x1x2 and phase retrieval: Hessian degree 2, gradient degree 3 (R = 2)', async () => {
    for (const spec of ['expr:x1^4 + x2^4 + x1*x2', 'builtin:phase-retrieval?d=4&m=20']) {
      const r = await check(spec, ['growth', 'growth:R=2'], [-64, 64]);
      expect(r.results[0].estimate.hessianDegree as number).toBeCloseTo(2, 1);
      expect(r.results[0].estimate.gradientDegree as number).toBeCloseTo(3, 1);
      expect(r.results[1].verdict).toBe('holds');
    }
  });
  it('Ex. 2.7 (¼x⁴ + ¼y⁴ − ½x²y²) and unregularised factorisation fail; κ > 0 restores it (Thm. 2.14)', async () => {
    expect(v(await check('expr:0.25*x1^4 + 0.25*x2^4 - 0.5*x1^2*x2^2', ['growth'], [-64, 64]))).toEqual(['fails']);
    expect(v(await check('builtin:matrix-factorization?n=2&m=2&r=1&kappa=0', ['growth'], [-64, 64]))).toEqual([
      'fails',
    ]);
    const ok = await check('builtin:matrix-factorization?n=2&m=2&r=1&kappa=0.5', ['growth', 'growth:R=2'], [-64, 64]);
    expect(v(ok)).toEqual(['estimated', 'holds']);
  });
  it('a claimed degree that is too small fails', async () => {
    expect(v(await check('expr:x1^6 + x2^6', ['growth:R=2'], [-64, 64]))).toEqual(['fails']);
  });
});
