/** zhang-smoothness-mnist: the rank correlation, and the quick run's numbers against its own data. */
import { describe, expect, it } from 'vitest';
import { fc, test } from '../../fc.ts';
import { spearman, zhangSmoothnessMnist } from '../../../src/experiments/published/zhang-smoothness-mnist.ts';

describe('spearman', () => {
  test.prop([fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 30 })])(
    'is 1 against any increasing transform and −1 against a decreasing one (distinct values)',
    (xs) => {
      const a = [...new Set(xs)];
      fc.pre(a.length >= 3);
      expect(
        spearman(
          a,
          a.map((v) => Math.exp(v / 100)),
        ),
      ).toBeCloseTo(1, 12);
      expect(
        spearman(
          a,
          a.map((v) => -v * v * v),
        ),
      ).toBeCloseTo(-1, 12);
    },
  );
  it('ties get average ranks: a known value', () => {
    // ranks of a: 1, 2.5, 2.5, 4 (0-based 0, 1.5, 1.5, 3); of b: 0, 1, 2, 3 → Pearson of ranks.
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(0.9486832980505138, 12);
  });
});

describe('zhang-smoothness-mnist (quick)', () => {
  const out = zhangSmoothnessMnist.run(3, true);
  const d = out.data as {
    rows: { gradNorm: number[]; localSmoothness: number[] };
    spearman: number;
    constantL: { L: number; medianLooseness: number };
    l0l1: { pair: { L0: number; L1: number }; frontier: { L0: number; L1: number }[]; medianLooseness: number };
  };
  it('the constant L is the largest measured smoothness; the (L0, L1) pair bounds every row and is on the frontier', () => {
    const { gradNorm: g, localSmoothness: L } = d.rows;
    expect(d.constantL.L).toBe(Math.max(...L));
    const { L0, L1 } = d.l0l1.pair;
    for (let i = 0; i < L.length; i++) expect(L[i]).toBeLessThanOrEqual(L0 + L1 * g[i] + 1e-12 * L[i]);
    expect(d.l0l1.frontier).toContainEqual({ L0, L1 });
    expect(d.spearman).toBeCloseTo(spearman(g, L), 14);
    // A bound tight at the typical row is at least as tight there as the constant one.
    expect(d.l0l1.medianLooseness).toBeLessThanOrEqual(d.constantL.medianLooseness);
    expect(out.agreesWithPaper).toBe(d.spearman >= 0.5 && Math.max(...L) / Math.min(...L) >= 10);
    expect(out.plots.map((p) => p.file)).toEqual(['smoothness-vs-gradnorm.svg', 'smoothness-along-run.svg']);
  });
});
