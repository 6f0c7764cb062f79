/**
 * The pure statistics behind every estimate (src/conditions/estimate.ts) on synthetic sample
 * sets: the estimates from samples read with rounding errors are never above the estimates
 * the same samples' true values give (docs/theory.md §0.1: an estimate is a lower bound on
 * the truth, and rounding must not push it above), the frontier is convex and non-increasing,
 * has no repeated vertex and no vertex at an absurd slope, and agrees with tightA everywhere.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '../fc.ts';
import {
  frontier,
  frontierAt,
  reachesZero,
  thinFrontier,
  tightA,
  tightB,
  topSamples,
} from '../../src/conditions/estimate.ts';
import type { Sample } from '../../src/conditions/model.ts';

const real = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** True (lhs, w) and computed values within stated error bounds: lhs = lhsT + u·lhsErr, w = wT + v·wErr. */
const noisySet = fc.array(
  fc.record({
    lhsT: real(0, 100),
    wT: real(1e-3, 50),
    relErr: real(0, 1e-3),
    u: real(-1, 1),
    v: real(-1, 1),
  }),
  { minLength: 1, maxLength: 60 },
);

function split(rows: { lhsT: number; wT: number; relErr: number; u: number; v: number }[]) {
  const truth: Sample[] = rows.map((r) => ({ lhs: r.lhsT, w: r.wT, lhsErr: 0, wErr: 0 }));
  const computed: Sample[] = rows.map((r) => {
    const lhsErr = r.relErr * (r.lhsT + 1),
      wErr = Math.min(r.relErr * r.wT, 0.5 * r.wT); // the weights stay away from zero here
    return { lhs: r.lhsT + r.u * lhsErr, w: r.wT + r.v * wErr, lhsErr, wErr };
  });
  return { truth, computed };
}

const slack = (v: number) => 1e-12 * (Math.abs(v) + 1);

describe('estimates from error-bounded samples are never above the truth', () => {
  test.prop([noisySet, real(0, 20)])('tightA at any B', (rows, B) => {
    const { truth, computed } = split(rows);
    expect(tightA(computed, B).A).toBeLessThanOrEqual(tightA(truth, B).A + slack(tightA(truth, B).A));
  });
  test.prop([noisySet, real(0, 60)])('tightB at any A', (rows, A) => {
    const { truth, computed } = split(rows);
    const c = tightB(computed, A),
      t = tightB(truth, A);
    if (!c.capped) expect(c.B).toBeLessThanOrEqual(t.B + slack(t.B));
  });
  test.prop([noisySet])('every vertex of the frontier', (rows) => {
    const { truth, computed } = split(rows);
    for (const p of frontier(computed)) expect(p.A).toBeLessThanOrEqual(tightA(truth, p.B).A + slack(p.A));
  });
});

describe('the frontier', () => {
  const anySet = fc.array(
    fc.record({ lhs: real(-5, 100), w: real(0, 50), lhsErr: real(0, 1e-2), wErr: real(0, 1e-2) }),
    { minLength: 1, maxLength: 80 },
  );
  test.prop([anySet])('is convex, non-increasing, without repeated vertices, and matches tightA between them', (S) => {
    const fr = frontier(S);
    expect(fr.length).toBeGreaterThan(0);
    expect(fr[0].B).toBe(0);
    for (let k = 1; k < fr.length; k++) {
      expect(fr[k].B).toBeGreaterThan(fr[k - 1].B);
      expect(fr[k].A).toBeLessThanOrEqual(fr[k - 1].A + slack(fr[k - 1].A));
    }
    for (let k = 2; k < fr.length; k++) {
      const s1 = (fr[k - 1].A - fr[k - 2].A) / (fr[k - 1].B - fr[k - 2].B);
      const s2 = (fr[k].A - fr[k - 1].A) / (fr[k].B - fr[k - 1].B);
      expect(s2).toBeGreaterThanOrEqual(s1 - 1e-9 * (Math.abs(s1) + 1));
    }
    // Between and at the vertices, the frontier is max_i (L_i − B·W_i), as long as it is above 0.
    const last = fr[fr.length - 1].B;
    for (const t of [0, 0.13, 0.5, 0.77, 1]) {
      const B = t * last;
      const a = frontierAt(fr, B),
        b = tightA(S, B).A;
      if (a > 0 && b > 0) expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * (Math.abs(b) + 1));
    }
  });
  it('has no vertex at an absurd slope: weights ten orders below the largest end it flat ("unbounded")', () => {
    // Two ordinary samples and one at a near-stationary point: w = 1e-17 (but above its error 1e-18).
    const S: Sample[] = [
      { lhs: 10, w: 2, lhsErr: 0, wErr: 0 },
      { lhs: 3, w: 1, lhsErr: 0, wErr: 0 },
      { lhs: 2.7, w: 1e-17, lhsErr: 0, wErr: 1e-18 },
    ];
    const fr = frontier(S);
    for (const p of fr) expect(p.B).toBeLessThan(1e11);
    expect(reachesZero(fr)).toBe(false);
    expect(tightB(S, 0)).toMatchObject({ B: Infinity, capped: true });
  });
  it('a zero-weight sample (w within its error of 0) keeps it flat and forces B = ∞ at smaller A', () => {
    const S: Sample[] = [
      { lhs: 5, w: 1, lhsErr: 0, wErr: 0 },
      { lhs: 2, w: 1e-16, lhsErr: 0, wErr: 1e-15 },
    ];
    const fr = frontier(S);
    expect(fr.map(({ B, A }) => [B, A])).toEqual([
      [0, 5],
      [3, 2],
    ]);
    expect(reachesZero(fr)).toBe(false);
    expect(tightB(S, 1)).toMatchObject({ B: Infinity, forced: true, i: 1 });
    expect(tightB(S, 2.5).B).toBe(2.5);
  });
  it('one sample a rounding error apart does not set a vertex: its lower end is used', () => {
    // The poly-quartic defect: a pair one ulp apart with lhs = 128 ± 8360 set (L1 = 0, L0 = 128).
    const S: Sample[] = [
      { lhs: 109, w: 0, lhsErr: 1e-12, wErr: 0 },
      { lhs: 128, w: 0, lhsErr: 8360, wErr: 0 },
    ];
    expect(frontier(S)[0].A).toBeCloseTo(109, 9);
    expect(tightA(S, 0).A).toBeCloseTo(109, 9);
  });
  it('thinning keeps the first and last breakpoints and stays above the frontier', () => {
    const S: Sample[] = Array.from({ length: 200 }, (_, k) => {
      const w = 0.05 * (k + 1);
      return { lhs: 40 - 10 / w, w, lhsErr: 0, wErr: 0 };
    });
    const all = frontier(S);
    const thin = thinFrontier(all, 12);
    expect(thin.length).toBeLessThanOrEqual(12);
    expect(thin[0]).toEqual(all[0]);
    expect(thin[thin.length - 1]).toEqual(all[all.length - 1]);
    for (const p of all) expect(frontierAt(thin, p.B)).toBeGreaterThanOrEqual(p.A - 1e-9);
  });
});

describe('topSamples', () => {
  const set = fc.array(fc.record({ lhs: real(-5, 100), w: real(0, 50), lhsErr: real(0, 1), wErr: real(0, 1) }), {
    minLength: 1,
    maxLength: 60,
  });
  test.prop([set, fc.integer({ min: 1, max: 10 }), real(0, 5)])(
    'is the k best by the lenient statistic, best first',
    (S, k, c) => {
      for (const by of ['A', 'B'] as const) {
        const score = (s: Sample) =>
          by === 'A'
            ? s.lhs - s.lhsErr - c * (s.w + s.wErr)
            : s.w <= s.wErr
              ? s.lhs - s.lhsErr - c > 0
                ? Infinity
                : -Infinity
              : (s.lhs - s.lhsErr - c) / (s.w + s.wErr);
        const top = topSamples(S, k, by, c);
        const sorted = S.map(score).sort((a, b) => b - a);
        expect(top.map((i) => score(S[i]))).toEqual(sorted.slice(0, Math.min(k, S.length)));
      }
    },
  );
});
