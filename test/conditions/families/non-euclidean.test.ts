/**
 * Non-Euclidean (L0, L1) (conditions/families/non-euclidean.ts): the operator norms it needs, exactly,
 * and claims at and below them.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../../properties/helpers.ts';
import type { CheckReport } from '../../../src/conditions/result.ts';
import { operatorNorm } from '../../../src/conditions/families/non-euclidean.ts';

/** These cases were written with the box as the third argument and 1500 samples. */
const checkBox = (objective: string, conditions: string[], box: [number, number] = [-3, 3]) =>
  check(objective, conditions, { box, samples: 1500 });
const v = (r: CheckReport) => r.results.map((x) => x.verdict);

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
    const r = await checkBox('expr:x1^2 + x1*x2 + x2^2', [
      'l0l1-norm:L0=6,L1=0',
      'l0l1-norm:L0=5.99,L1=0',
      'l0l1-norm:L0=2,L1=0,norm=1',
      'l0l1-norm:L0=1.99,L1=0,norm=1',
    ]);
    expect(v(r)).toEqual(['holds', 'fails', 'holds', 'fails']);
  });
});
