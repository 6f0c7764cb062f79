/** Small statistics (core/stats.ts): compensated sums, Welford, quantiles, least squares. */
import { describe, expect, it } from 'vitest';
import { linfit, quantile, sum, Welford } from '../../src/core/stats.ts';

describe('sum', () => {
  it('keeps what a naive sum loses to cancellation', () => {
    expect(sum([1e16, 1, -1e16])).toBe(1);
    expect(sum([1, 1e100, 1, -1e100])).toBe(2);
    expect(1e16 + 1 - 1e16).toBe(0); // the naive order loses it
    expect(sum(Float64Array.from({ length: 10 }, () => 0.1))).toBe(1);
    expect(sum([])).toBe(0);
  });
});

describe('Welford', () => {
  it('mean and unbiased variance of a known sample, stable under a large offset', () => {
    const w = new Welford();
    for (const x of [2, 4, 4, 4, 5, 5, 7, 9]) w.push(1e9 + x);
    expect(w.n).toBe(8);
    expect(w.mean).toBe(1e9 + 5);
    expect(w.variance).toBeCloseTo(32 / 7, 6); // Σ(x − 5)² = 32
  });
  it('has no variance below two values', () => {
    const w = new Welford();
    expect(w.variance).toBeNaN();
    w.push(3);
    expect(w.variance).toBeNaN();
    expect(w.mean).toBe(3);
  });
});

describe('quantile', () => {
  it('interpolates linearly between order statistics of an unsorted input, which it leaves alone', () => {
    const xs = [5, 1, 4, 2, 3];
    expect(quantile(xs, 0)).toBe(1);
    expect(quantile(xs, 1)).toBe(5);
    expect(quantile(xs, 0.5)).toBe(3);
    expect(quantile(xs, 0.125)).toBe(1.5);
    expect(xs).toEqual([5, 1, 4, 2, 3]);
    expect(quantile([], 0.5)).toBeNaN();
    expect(quantile([7], 0.9)).toBe(7);
  });
});

describe('linfit', () => {
  it('recovers an exact line with zero standard error', () => {
    const x = [0, 1, 2, 3, 4];
    const r = linfit(
      x,
      x.map((v) => 3 * v - 2),
    );
    expect(r.slope).toBeCloseTo(3, 14);
    expect(r.intercept).toBeCloseTo(-2, 14);
    expect(r.se).toBeCloseTo(0, 14);
  });
  it('the slope standard error is √(RSS/(n − 2)/Sxx)', () => {
    // y = (0, 2, 1, 3) at x = (0, 1, 2, 3): slope 0.8, intercept 0.3, residuals (−0.3, 0.9, −0.9, 0.3).
    const r = linfit([0, 1, 2, 3], [0, 2, 1, 3]);
    expect(r.slope).toBeCloseTo(0.8, 14);
    expect(r.intercept).toBeCloseTo(0.3, 14);
    expect(r.se).toBeCloseTo(Math.sqrt(1.8 / 2 / 5), 14);
    expect(linfit([1, 2], [1, 3]).se).toBeNaN();
  });
});
