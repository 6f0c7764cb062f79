/**
 * The growth condition of Bodard & Patrinos (conditions/families/growth.ts), its own procedure on
 * spheres of growing radius: degrees of known polynomials and the paper's failing examples.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../../properties/helpers.ts';
import type { CheckReport } from '../../../src/conditions/result.ts';

/** These cases were written with the box as the third argument and 1500 samples. */
const checkBox = (objective: string, conditions: string[], box: [number, number] = [-3, 3]) =>
  check(objective, conditions, { box, samples: 1500 });
const v = (r: CheckReport) => r.results.map((x) => x.verdict);

describe('growth condition of Bodard & Patrinos (docs/theory.md §b5)', () => {
  it('x1⁴ + x2⁴ + x1x2 and phase retrieval: Hessian degree 2, gradient degree 3 (R = 2)', async () => {
    for (const spec of ['expr:x1^4 + x2^4 + x1*x2', 'builtin:phase-retrieval?d=4&m=20']) {
      const r = await checkBox(spec, ['growth', 'growth:R=2'], [-64, 64]);
      expect(r.results[0].estimate.hessianDegree as number).toBeCloseTo(2, 1);
      expect(r.results[0].estimate.gradientDegree as number).toBeCloseTo(3, 1);
      expect(r.results[1].verdict).toBe('holds');
    }
  });
  it('Ex. 2.7 (¼x⁴ + ¼y⁴ − ½x²y²) and unregularised factorisation fail; κ > 0 restores it (Thm. 2.14)', async () => {
    expect(v(await checkBox('expr:0.25*x1^4 + 0.25*x2^4 - 0.5*x1^2*x2^2', ['growth'], [-64, 64]))).toEqual(['fails']);
    expect(v(await checkBox('builtin:matrix-factorization?n=2&m=2&r=1&kappa=0', ['growth'], [-64, 64]))).toEqual([
      'fails',
    ]);
    const ok = await checkBox(
      'builtin:matrix-factorization?n=2&m=2&r=1&kappa=0.5',
      ['growth', 'growth:R=2'],
      [-64, 64],
    );
    expect(v(ok)).toEqual(['estimated', 'holds']);
  });
  it('a claimed degree that is too small fails', async () => {
    expect(v(await checkBox('expr:x1^6 + x2^6', ['growth:R=2'], [-64, 64]))).toEqual(['fails']);
  });
});
