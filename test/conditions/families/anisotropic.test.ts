/**
 * Anisotropic smoothness (conditions/families/anisotropic.ts), second-order characterisation, on
 * quadratics and x⁴ with the constants of the paper's examples.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../../properties/helpers.ts';
import type { CheckReport } from '../../../src/conditions/result.ts';
import { parseConditionSpec } from '../../../src/conditions/spec.ts';
import { UsageError } from '../../../src/errors.ts';

/** These cases were written with the box as the third argument and 1500 samples. */
const checkBox = (objective: string, conditions: string[], box: [number, number] = [-3, 3]) =>
  check(objective, conditions, { box, samples: 1500 });
const v = (r: CheckReport) => r.results.map((x) => x.verdict);

describe('anisotropic smoothness, second-order characterisation (docs/theory.md §b4)', () => {
  it('quadratic kernel on a quadratic: L·Lbar = λmax(H) (one-sided: the negative eigenvalue does not count)', async () => {
    // H = [[1, 2], [2, 1]] has eigenvalues 3 and −1.
    const r = await checkBox('expr:0.5*x1^2 + 2*x1*x2 + 0.5*x2^2', [
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
      const r = await checkBox('expr:x^4', [`anisotropic:L=${L1},Lbar=${L0 / L1}`]);
      expect(v(r)).toEqual(['holds']);
    });
  }
  it('every kernel gives a finite L for x⁴ (Thm. 2.11), and the hard-clipping kernel is checked too', async () => {
    const r = await checkBox('expr:x^4', [
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
