/** Medians with order-statistic intervals. */
import { describe, expect, it } from 'vitest';
import { fc, test } from '../fc.ts';
import { fmtInterval, medianInterval } from '../../src/experiments/summary.ts';

describe('medianInterval', () => {
  it('n = 9: the median and the 2nd and 8th values, coverage 1 − 2·10/512', () => {
    const iv = medianInterval([9, 1, 8, 2, 7, 3, 6, 4, 5]);
    expect(iv).toEqual({ median: 5, lo: 2, hi: 8, coverage: 1 - 20 / 512 });
  });
  it('below 6 values the interval is the range; even counts average the middle pair', () => {
    expect(medianInterval([4, 1, 3, 2])).toEqual({ median: 2.5, lo: 1, hi: 4, coverage: 1 });
    expect(medianInterval([])).toMatchObject({ median: NaN });
  });
  it('unreached values (∞, NaN) sort last: a majority of ∞ makes the median ∞', () => {
    expect(medianInterval([1, Infinity, NaN]).median).toBe(Infinity);
    expect(medianInterval([1, 2, Infinity]).median).toBe(2);
    expect(fmtInterval(medianInterval([1, Infinity, Infinity]))).toBe('∞ [1, ∞]');
  });
  test.prop([fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 6, maxLength: 60 })])(
    'lo ≤ median ≤ hi, and the coverage is at least 95 %',
    (xs) => {
      const iv = medianInterval(xs);
      expect(iv.lo).toBeLessThanOrEqual(iv.median);
      expect(iv.median).toBeLessThanOrEqual(iv.hi);
      expect(iv.coverage).toBeGreaterThanOrEqual(0.95);
    },
  );
});
