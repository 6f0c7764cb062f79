/** Gauss–Legendre rules on [0, 1]: exact on polynomials of degree ≤ 2m − 1 and no further. */
import { describe, expect, it } from 'vitest';
import { gaussLegendre01 } from '../../src/core/quad.ts';

/** ∫₀¹ p(t) dt by the m-point rule. */
function integrate(m: number, p: (t: number) => number): number {
  const { nodes, weights } = gaussLegendre01(m);
  let s = 0;
  for (let k = 0; k < m; k++) s += weights[k] * p(nodes[k]);
  return s;
}

describe('gaussLegendre01', () => {
  it('the 2- and 3-point rules are the textbook ones mapped to [0, 1]', () => {
    const two = gaussLegendre01(2);
    const sorted = (a: Float64Array) => [...a].sort((x, y) => x - y);
    const r = 0.5 / Math.sqrt(3);
    expect(sorted(two.nodes)).toEqual([0.5 - r, 0.5 + r].map((x) => expect.closeTo(x, 15)));
    expect([...two.weights]).toEqual([expect.closeTo(0.5, 15), expect.closeTo(0.5, 15)]);
    const three = gaussLegendre01(3);
    const h = 0.5 * Math.sqrt(3 / 5);
    expect(sorted(three.nodes)).toEqual([0.5 - h, 0.5, 0.5 + h].map((x) => expect.closeTo(x, 15)));
    expect([...three.weights]).toEqual([5 / 18, 8 / 18, 5 / 18].map((x) => expect.closeTo(x, 15)));
  });

  it('Gauss–Legendre integrates polynomials of degree 2m−1 exactly', () => {
    for (const m of [1, 4, 12, 20]) {
      const { nodes, weights } = gaussLegendre01(m);
      const deg = 2 * m - 1;
      let s = 0;
      for (let k = 0; k < m; k++) s += weights[k] * nodes[k] ** deg;
      expect(s).toBeCloseTo(1 / (deg + 1), 13);
    }
  });

  it('every monomial tᵏ, k ≤ 2m − 1, gets 1/(k + 1); t^{2m} does not (the degree is sharp)', () => {
    for (const m of [1, 2, 3, 5, 8, 16])
      for (let k = 0; k <= 2 * m - 1; k++) expect(integrate(m, (t) => t ** k)).toBeCloseTo(1 / (k + 1), 13);
    // The m-point rule's error on g is (m!)⁴/((2m + 1)((2m)!)³)·g⁽²ᵐ⁾(ξ) on [0, 1]; for g = t^{2m}
    // that is (m!)⁴/((2m + 1)((2m)!)²), far above rounding for these m.
    for (const m of [1, 2, 3, 5, 8]) {
      let f = 1,
        f2 = 1;
      for (let j = 1; j <= m; j++) f *= j;
      for (let j = 1; j <= 2 * m; j++) f2 *= j;
      const err = f ** 4 / ((2 * m + 1) * f2 ** 2);
      expect((1 / (2 * m + 1) - integrate(m, (t) => t ** (2 * m))) / err).toBeCloseTo(1, 4);
    }
  });

  it('a polynomial with mixed signs and a shifted cubic integrate exactly', () => {
    // ∫₀¹ (3t² − 2t + 5) dt = 1 − 1 + 5 = 5; ∫₀¹ (2t − 1)³ dt = 0.
    expect(integrate(2, (t) => 3 * t * t - 2 * t + 5)).toBeCloseTo(5, 14);
    expect(integrate(2, (t) => (2 * t - 1) ** 3)).toBeCloseTo(0, 15);
  });

  it('nodes are distinct, inside (0, 1) and symmetric about ½; weights positive, symmetric, summing to 1', () => {
    for (const m of [1, 2, 7, 24, 40]) {
      const { nodes, weights } = gaussLegendre01(m);
      expect(nodes.length).toBe(m);
      for (let i = 0; i < m; i++) {
        expect(nodes[i]).toBeGreaterThan(0);
        expect(nodes[i]).toBeLessThan(1);
        if (i > 0) expect(nodes[i]).toBeLessThan(nodes[i - 1]); // stored from 1 down to 0
        expect(nodes[i] + nodes[m - 1 - i]).toBeCloseTo(1, 14);
        expect(weights[i]).toBeGreaterThan(0);
        expect(weights[i]).toBeCloseTo(weights[m - 1 - i], 13);
      }
      expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    }
  });

  it('a rule is computed once and shared', () => {
    expect(gaussLegendre01(6)).toBe(gaussLegendre01(6));
  });
});
