/** From coefficients to constants (conditions/results.ts): "unbounded" for upper-type constants, 0 for lower-type. */
import { describe, expect, it } from 'vitest';
import { constantOf } from '../../src/conditions/results.ts';
import { findCondition } from '../../src/conditions/registry.ts';
import { identity } from '../../src/conditions/model.ts';
import { check } from '../../properties/helpers.ts';

describe('constantOf', () => {
  it('an upper-type constant: ∞ is "unbounded", a negative coefficient means no constant is needed (0)', () => {
    const L = identity('L');
    expect(constantOf(L, 2.5)).toBe(2.5);
    expect(constantOf(L, Infinity)).toBe('unbounded');
    expect(constantOf(L, -3)).toBe(0);
  });
  it('a lower-type constant through its map: gpl B = 1/(2μ), so B ≤ 0 means every μ works, B = ∞ none', () => {
    const B = findCondition('gpl')!.B!;
    expect(B.tight).toBe('largest');
    expect(constantOf(B, 0.25)).toBeCloseTo(2, 15);
    expect(constantOf(B, 0)).toBe('unbounded');
    expect(constantOf(B, -1)).toBe('unbounded');
    // A gap with a zero gradient needs B = ∞: no positive μ works, μ = 0.
    expect(constantOf(B, Infinity)).toBe(0);
    // A lower-type map that goes negative is clipped at 0.
    expect(constantOf(identity('theta', 'largest'), -2)).toBe(0);
    expect(constantOf(identity('theta', 'largest'), Infinity)).toBe('unbounded');
  });
});

describe('results of a check', () => {
  it('a claim carries its tightest constants at the claimed others, never contradicting its verdict', async () => {
    const r = await check('expr:x^4', ['l0l1:L0=16,L1=1', 'l0l1:L0=15,L1=1'], { samples: 400 });
    const [holds, fails] = r.results;
    expect(holds.verdict).toBe('holds');
    expect(holds.tightest!.L0 as number).toBeLessThanOrEqual(16 * (1 + 1e-12));
    expect(fails.verdict).toBe('fails');
    expect(fails.tightest!.L0 as number).toBeGreaterThan(15);
    for (const x of r.results) {
      expect(x.samples).toBeGreaterThan(0);
      expect(x.evaluations).toBeGreaterThanOrEqual(x.samples);
      expect(x.search!.spent.uniform).toBeGreaterThan(0);
      expect(x.hessianNorm).toEqual({ method: 'exact' });
    }
  });
  it('an estimate says where it is attained; a frontier is a list of tightest pairs from L1 = 0', async () => {
    const r = await check('expr:x^4', ['l0l1:L1=2', 'l0l1'], { samples: 400 });
    const [est, fr] = r.results;
    expect(est.verdict).toBe('estimated');
    expect(est.attainedAt!.x).toHaveLength(1);
    expect(Math.abs(est.attainedAt!.x[0])).toBeCloseTo(1, 1); // 12x² − 8|x|³ peaks at |x| = 1: L0 = 4
    expect(est.estimate.L0 as number).toBeCloseTo(4, 6);
    const pts = fr.estimate.frontier as { L1: number; L0: number }[];
    expect(pts[0].L1).toBe(0);
    for (let i = 1; i < pts.length; i++) {
      expect(pts[i].L1).toBeGreaterThan(pts[i - 1].L1);
      expect(pts[i].L0).toBeLessThanOrEqual(pts[i - 1].L0);
    }
  });
});
