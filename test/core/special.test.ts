/**
 * Special functions (core/special.ts) on exact identities, and against SciPy 1.x values
 * (scipy.special.gammaln, gammaincc, scipy.stats.chi2.sf, norm.ppf, printed with repr).
 */
import { describe, expect, it } from 'vitest';
import { chi2Survival, expm1MinusU, gammaQ, lnGamma, normalQuantile } from '../../src/core/special.ts';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('lnGamma', () => {
  it('is ln((n − 1)!) on the integers and ln √π at ½ (|error| < 2e-10)', () => {
    let f = 1;
    for (let n = 1; n <= 30; n++) {
      if (n > 1) f *= n - 1;
      expect(Math.abs(lnGamma(n) - Math.log(f))).toBeLessThan(2e-10);
    }
    expect(Math.abs(lnGamma(0.5) - Math.log(Math.sqrt(Math.PI)))).toBeLessThan(2e-10);
    expect(Math.abs(lnGamma(10.3) - 13.482036786138359)).toBeLessThan(2e-10);
  });
  it('satisfies Γ(x + 1) = xΓ(x)', () => {
    for (const x of [0.1, 0.7, 2.5, 17.25]) expect(lnGamma(x + 1) - lnGamma(x)).toBeCloseTo(Math.log(x), 9);
  });
});

describe('gammaQ and chi2Survival', () => {
  it('Q(1, x) = e^{−x} and P(χ²₂ > x) = e^{−x/2}, on both branches (series x < a + 1, continued fraction above)', () => {
    for (const x of [0.01, 0.5, 1.9, 2.1, 7, 30]) {
      expect(rel(gammaQ(1, x), Math.exp(-x))).toBeLessThan(1e-9);
      expect(rel(chi2Survival(x, 2), Math.exp(-x / 2))).toBeLessThan(1e-9);
    }
  });
  it('Q(a, 0) = 1; Q is NaN outside its domain', () => {
    expect(gammaQ(3, 0)).toBe(1);
    expect(gammaQ(3, -1)).toBeNaN();
    expect(gammaQ(0, 1)).toBeNaN();
  });
  it('matches SciPy', () => {
    expect(rel(gammaQ(2.5, 1.7), 0.6385699231037951)).toBeLessThan(1e-8);
    expect(rel(gammaQ(7, 12), 0.04582230688865106)).toBeLessThan(1e-8);
    expect(rel(chi2Survival(3.84145882069412, 1), 0.05)).toBeLessThan(1e-8);
    expect(rel(chi2Survival(10, 4), 0.04042768199451279)).toBeLessThan(1e-8);
    expect(rel(chi2Survival(100, 80), 0.064570368921133)).toBeLessThan(1e-8);
    expect(rel(chi2Survival(1, 10), 0.9998278843700441)).toBeLessThan(1e-8);
  });
  it('decreases in x', () => {
    let prev = 1;
    for (let x = 0.5; x < 40; x += 0.5) {
      const q = chi2Survival(x, 5);
      expect(q).toBeLessThan(prev);
      prev = q;
    }
  });
});

describe('normalQuantile', () => {
  it('matches SciPy to its stated relative error (1.2e-9) in the centre and both tails', () => {
    expect(rel(normalQuantile(0.975), 1.959963984540054)).toBeLessThan(1.2e-9);
    expect(rel(normalQuantile(0.01), -2.3263478740408408)).toBeLessThan(1.2e-9);
    expect(rel(normalQuantile(1e-10), -6.361340902404056)).toBeLessThan(1.2e-9);
    expect(rel(normalQuantile(0.3), -0.5244005127080409)).toBeLessThan(1.2e-9);
  });
  it('is odd about ½, with infinite ends', () => {
    expect(normalQuantile(0.5)).toBe(0);
    for (const p of [0.001, 0.02, 0.3]) expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 9);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });
});

describe('expm1MinusU', () => {
  it('φ(u) = eᵘ − u − 1 is accurate near 0', () => {
    expect(expm1MinusU(1e-8) / 5e-17).toBeCloseTo(1, 6);
    expect(expm1MinusU(2)).toBeCloseTo(Math.exp(2) - 3, 12);
    expect(expm1MinusU(-0.3)).toBeCloseTo(Math.exp(-0.3) + 0.3 - 1, 15);
  });
  it('is continuous across the switch from the series to expm1 at |u| = ½', () => {
    for (const u of [0.5, -0.5]) expect(rel(expm1MinusU(u - 1e-12), expm1MinusU(u + 1e-12))).toBeLessThan(1e-10);
    // The series u²/2 + u³/6 + u⁴/24 + … for tiny u, never a cancelled 0 (expm1(u) − u is 0 here).
    expect(Math.expm1(1e-150) - 1e-150).toBe(0);
    expect(rel(expm1MinusU(1e-150), 5e-301)).toBeLessThan(1e-15);
    expect(rel(expm1MinusU(1e-5), 5e-11 + 1e-15 / 6 + 1e-20 / 24)).toBeLessThan(1e-15);
  });
});
