/**
 * The Lanczos interval for ‖A‖ (core/krylov.ts): the lower end is certain, the upper end holds
 * with probability ≥ 1 − δ over the random start (Kuczyński & Woźniakowski 1992, Thm. 4.1).
 * The probabilistic statement is checked by its frequency over many seeded starts on spectra
 * that make Lanczos underestimate (an isolated top eigenvalue above a spread bulk).
 */
import { describe, expect, it } from 'vitest';
import { krylovDeltaFor, krylovUpper, normInterval, stepsFor, type KrylovBound } from '../../src/core/krylov.ts';
import { Rng } from '../../src/core/rng.ts';

/** diag(λ): Lanczos from a uniform start sees only the spectrum, so a diagonal is every orthogonal similar. */
const diag = (lams: number[]) => (v: Float64Array, out: Float64Array) => {
  for (let i = 0; i < lams.length; i++) out[i] = lams[i] * v[i];
};
/** One eigenvalue at `top`, the other n − 1 evenly on [lo, hi]. */
const isolated = (n: number, top: number, lo: number, hi: number) => [
  top,
  ...Array.from({ length: n - 1 }, (_, i) => lo + ((hi - lo) * i) / (n - 2)),
];
/** The largest count c with P(Binomial(N, p) ≥ c) still above 1e-6: a failure count above it refutes p. */
function binomialCeiling(N: number, p: number): number {
  let c = N;
  let tail = 0;
  // P(X = k) by the recurrence from k = N downwards, in logs to stay finite.
  const logPmf = (k: number) => {
    let s = 0;
    for (let j = 1; j <= k; j++) s += Math.log((N - k + j) / j);
    return s + k * Math.log(p) + (N - k) * Math.log1p(-p);
  };
  while (c > 0 && tail + Math.exp(logPmf(c)) < 1e-6) tail += Math.exp(logPmf(c--));
  return c;
}

const SPECTRA: [string, number[]][] = [
  ['isolated top above [0, 0.8]', isolated(100, 1, 0, 0.8)],
  ['isolated top above [0, 0.95]', isolated(100, 1, 0, 0.95)],
  ['indefinite: −1.3 below [−0.5, 1]', isolated(100, -1.3, -0.5, 1)],
  ['evenly on [0, 1]', Array.from({ length: 100 }, (_, i) => i / 99)],
];

describe('normInterval and krylovUpper', () => {
  for (const [name, lams] of SPECTRA) {
    const norm = Math.max(...lams.map(Math.abs));
    const lo = Math.min(...lams),
      hi = Math.max(...lams);
    for (const [steps, delta] of [
      [6, 0.5],
      [10, 0.2],
      [10, 0.05],
    ] as const)
      it(`${name}, ${steps} products: lower ≤ ‖A‖ always, ‖A‖ ≤ upper in ≥ 1 − ${delta} of the starts`, () => {
        const N = 200;
        let failures = 0;
        const rng = new Rng(`krylov/${name}/${steps}/${delta}`);
        for (let t = 0; t < N; t++) {
          const r = normInterval(diag(lams), lams.length, rng.stream(String(t)), steps);
          expect(r.bound.lower).toBeLessThanOrEqual(norm * (1 + 1e-12));
          // Ritz values lie inside the spectrum.
          expect(r.bound.thetaMax).toBeLessThanOrEqual(hi + 1e-12);
          expect(r.bound.thetaMin).toBeGreaterThanOrEqual(lo - 1e-12);
          expect(r.bound.steps).toBe(steps);
          if (norm > krylovUpper(r.bound, delta)) failures++;
        }
        expect(failures).toBeLessThanOrEqual(binomialCeiling(N, delta));
      });
  }

  it('the spectra are hard: the certain lower end alone misses ‖A‖ by over 1 % in a quarter of the starts or more', () => {
    const lams = isolated(100, 1, 0, 0.8);
    const rng = new Rng('krylov/hard');
    let under = 0;
    for (let t = 0; t < 100; t++)
      if (normInterval(diag(lams), 100, rng.stream(String(t)), 6).bound.lower < 0.99) under++;
    expect(under).toBeGreaterThanOrEqual(25);
  });

  it('an invariant Krylov space gives the exact norm, and the interval closes on it', () => {
    const lams = [3, -5, 1, 2];
    const r = normInterval(diag(lams), 4, new Rng(3), 10);
    expect(r.bound.exact).toBe(true);
    expect(r.bound.lower).toBeCloseTo(5, 12);
    expect(krylovUpper(r.bound, 1e-9)).toBe(r.bound.lower);
    expect(krylovDeltaFor(r.bound, 5.000001)).toBe(0);
    expect(krylovDeltaFor(r.bound, 4.9)).toBe(Infinity);
  });

  it('too few products for δ give an infinite upper end; more products narrow it', () => {
    const b = (steps: number): KrylovBound => ({ lower: 1, thetaMax: 1, thetaMin: 0, steps, n: 100, exact: false });
    expect(krylovUpper(b(1), 0.1)).toBe(Infinity);
    expect(krylovUpper(b(3), 0.1)).toBe(Infinity);
    let prev = Infinity;
    for (const s of [6, 10, 20, 40, 80]) {
      const u = krylovUpper(b(s), 0.1);
      expect(u).toBeGreaterThan(1);
      expect(u).toBeLessThan(prev);
      prev = u;
    }
    // A smaller δ costs width.
    expect(krylovUpper(b(20), 0.001)).toBeGreaterThan(krylovUpper(b(20), 0.1));
  });

  it('matches the stated formula: k = steps − 1, ε = (ln(2·1.648√n/δ)/(2k − 1))², e = ε/(1 − ε)', () => {
    // steps 11, n = 100, δ = 0.1, Θ = 1: √ε = ln(329.6)/19.
    const sq = Math.log((2 * 1.648 * 10) / 0.1) / 19;
    const eps = sq * sq,
      e = eps / (1 - eps);
    const b: KrylovBound = { lower: 1, thetaMax: 1, thetaMin: 0, steps: 11, n: 100, exact: false };
    expect(krylovUpper(b, 0.1)).toBeCloseTo(1 + e / (1 - e), 14);
    // The end taken is max(θmax, −θmin): a negative end dominating.
    const neg: KrylovBound = { ...b, lower: 2, thetaMax: 0.5, thetaMin: -2 };
    expect(krylovUpper(neg, 0.1)).toBeCloseTo(2 + (2.5 * e) / (1 - e), 14);
  });
});

describe('krylovDeltaFor and stepsFor invert the interval', () => {
  const b: KrylovBound = { lower: 2, thetaMax: 2, thetaMin: -0.5, steps: 25, n: 400, exact: false };
  it('the δ a bound costs is the δ whose upper end is that bound', () => {
    for (const delta of [0.3, 0.05, 1e-3, 1e-6]) {
      const u = krylovUpper(b, delta);
      expect(Number.isFinite(u)).toBe(true);
      expect(krylovDeltaFor(b, u) / delta).toBeCloseTo(1, 9);
    }
    // Monotone: a looser bound costs less.
    expect(krylovDeltaFor(b, 2.5)).toBeLessThan(krylovDeltaFor(b, 2.2));
    // At or below the certain lower end no δ < 1 helps.
    expect(krylovDeltaFor(b, 2)).toBe(Infinity);
    expect(krylovDeltaFor({ ...b, steps: 1 }, 3)).toBe(1);
  });
  it('stepsFor(rel) is the fewest steps whose relative width is at most rel', () => {
    for (const [rel, n, delta] of [
      [0.1, 100, 0.01],
      [0.01, 1000, 1e-4],
      [0.5, 10, 0.2],
    ]) {
      const s = stepsFor(rel, n, delta);
      const at = (steps: number) => {
        const bb: KrylovBound = { lower: 1, thetaMax: 1, thetaMin: 0, steps, n, exact: false };
        return krylovUpper(bb, delta) - 1;
      };
      expect(at(s)).toBeLessThanOrEqual(rel * (1 + 1e-12));
      expect(at(s - 1)).toBeGreaterThan(rel);
    }
  });
});
