/**
 * The preconditioning kernels (core/kernels.ts, docs/theory.md §b3): `across(s)·s` is (h*)′(s),
 * the inverse of h′, and `along` is its derivative (h*)″. Checked against h itself by
 * differences, so a wrong row of the table fails.
 */
import { describe, expect, it } from 'vitest';
import { KERNELS } from '../../src/core/kernels.ts';

/** h′(t) by a central difference. */
const dh = (h: (t: number) => number, t: number) => {
  const e = 1e-6 * Math.max(1, Math.abs(t));
  return (h(t + e) - h(t - e)) / (2 * e);
};

describe('KERNELS', () => {
  it('has the five documented kernels, each with h(0) = 0 and h ≥ 0', () => {
    expect(Object.keys(KERNELS).sort()).toEqual(['cosh', 'exp', 'hard-clip', 'quadratic', 'smooth-clip']);
    for (const [name, k] of Object.entries(KERNELS)) {
      expect(k.h(0), name).toBe(0);
      for (const t of [0.1, 0.5, 0.9]) expect(k.h(t), name).toBeGreaterThan(0);
      expect(k.doc.length).toBeGreaterThan(5);
    }
  });
  for (const [name, k] of Object.entries(KERNELS)) {
    // hard-clip is smooth only inside the clip (s < 1), where h*′(s) = s.
    const ss = name === 'hard-clip' ? [0.05, 0.3, 0.9] : [0.05, 0.3, 1, 3, 20];
    it(`${name}: h′((h*)′(s)) = s, i.e. across(s)·s inverts h′`, () => {
      for (const s of ss) expect(dh(k.h, s * k.across(s)) / s).toBeCloseTo(1, 6);
    });
    it(`${name}: along(s) = d/ds [s·across(s)], and across(0) = along(0) = 1`, () => {
      for (const s of ss) {
        const e = 1e-5;
        const d = ((s + e) * k.across(s + e) - (s - e) * k.across(s - e)) / (2 * e);
        expect(k.along(s)).toBeCloseTo(d, 6);
      }
      expect(k.across(0)).toBe(1);
      expect(k.along(0)).toBe(1);
    });
  }
  it('hard clipping caps the step at 1 and has no curvature beyond it', () => {
    const k = KERNELS['hard-clip'];
    for (const s of [1.5, 10, 1e6]) {
      expect(s * k.across(s)).toBeCloseTo(1, 14);
      expect(k.along(s)).toBe(0);
    }
  });
  it('along the gradient the smoothed clip damps most: 1/(1+s)² ≤ 1/(1+s) ≤ 1/√(1+s²) ≤ 1', () => {
    for (const s of [0.1, 1, 10]) {
      expect(KERNELS['smooth-clip'].along(s)).toBeLessThanOrEqual(KERNELS.exp.along(s));
      expect(KERNELS.exp.along(s)).toBeLessThanOrEqual(KERNELS.cosh.along(s));
      expect(KERNELS.cosh.along(s)).toBeLessThanOrEqual(KERNELS.quadratic.along(s));
    }
  });
});
