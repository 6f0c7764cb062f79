/**
 * Summaries over instances: the median with a distribution-free interval from order
 * statistics (the k-th smallest and largest values, k the largest with
 * P(Bin(n, ½) < k) ≤ 2.5 %: at least 95 % coverage; for n = 9 the 2nd and 8th values,
 * 96 %). Below 6 instances no such k exists and the interval is the range.
 */
export interface Interval {
  median: number;
  lo: number;
  hi: number;
  /** The coverage of [lo, hi] for the median (1 for the range of fewer than 6 values). */
  coverage: number;
}

/** P(Bin(n, ½) ≤ k). */
function binomHalfCdf(n: number, k: number): number {
  let c = 1,
    s = 0;
  for (let i = 0; i <= k; i++) {
    s += c;
    c = (c * (n - i)) / (i + 1);
  }
  return s / 2 ** n;
}

/** Median and order-statistic interval; non-finite values sort last (as +∞). */
export function medianInterval(xs: number[]): Interval {
  const v = xs.map((x) => (Number.isNaN(x) ? Infinity : x)).sort((a, b) => a - b);
  const n = v.length;
  if (n === 0) return { median: NaN, lo: NaN, hi: NaN, coverage: 0 };
  const median = n % 2 ? v[(n - 1) / 2] : v[n / 2 - 1] === v[n / 2] ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  // The largest k with P(Bin(n, ½) ≤ k − 1) ≤ 2.5 %: [x_(k), x_(n−k+1)] covers the median with ≥ 95 %.
  let k = 0;
  while (k + 1 <= n / 2 && binomHalfCdf(n, k) <= 0.025) k++;
  if (k === 0) return { median, lo: v[0], hi: v[n - 1], coverage: 1 };
  return { median, lo: v[k - 1], hi: v[n - k], coverage: 1 - 2 * binomHalfCdf(n, k - 1) };
}

/** "m [lo, hi]" with four significant digits. */
export function fmtInterval(iv: Interval, f: (v: number) => string = (v) => fmt4(v)): string {
  return `${f(iv.median)} [${f(iv.lo)}, ${f(iv.hi)}]`;
}

export const fmt4 = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : v > 0 ? '∞' : String(v));
