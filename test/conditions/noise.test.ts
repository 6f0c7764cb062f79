/** noise.ts: the ECnoise-style bound is negligible for a smooth f and covers injected rounding noise. */
import { describe, expect, it } from 'vitest';
import { noiseAt } from '../../src/conditions/noise.ts';
import { pointHash } from '../../src/conditions/hessnorm.ts';

describe('noiseAt', () => {
  it('a smooth polynomial has noise at the level of its own rounding', () => {
    const f = (x: Float64Array) => x[0] ** 2 + 3 * x[1] ** 2 - x[0] * x[1];
    const x = Float64Array.of(0.7, -0.4);
    let calls = 0;
    const b = noiseAt(f, x, f(x), () => calls++);
    expect(b).toBeLessThan(1e-14);
    expect(calls).toBe(48);
  });
  it('noise of amplitude 1e-9 added to f is bounded by a value of its order', () => {
    // A deterministic pseudo-random perturbation of each point: uniform in [−1e-9, 1e-9].
    const f = (x: Float64Array) => Math.cos(x[0]) + 1e-9 * (2 * (pointHash(x) / 2 ** 32) - 1);
    const x = Float64Array.of(0.3);
    const b = noiseAt(f, x, f(x), () => {});
    // The standard deviation of the uniform perturbation is 1e-9/√3 ≈ 5.8e-10; the bound is six of it.
    expect(b).toBeGreaterThan(1e-9);
    expect(b).toBeLessThan(8e-9);
  });
  it('covers the actual rounding error of cosh x − 1 at every one of 20,000 points near 0 (the bound is taken where it is smallest)', () => {
    // fl(cosh x) − 1 is off by up to half an ulp of 1 (1.1e-16) whatever x; the exact value is
    // x²/2 + x⁴/24 + … . An estimate is set by its most extreme sample, so a bound that is low at
    // one point in ten thousand is low where it matters: it must hold at every point.
    const f = (x: Float64Array) => Math.cosh(x[0]) - 1;
    let worst = Infinity;
    for (let k = 0; k < 20000; k++) {
      const t = (k % 2 ? 1 : -1) * 1e-8 * 10 ** ((3 * k) / 20000);
      const x = Float64Array.of(t);
      const err = Math.abs(f(x) - (t * t) / 2 - t ** 4 / 24);
      worst = Math.min(worst, noiseAt(f, x, f(x), () => {}) / Math.max(err, 1e-300));
    }
    expect(worst).toBeGreaterThanOrEqual(1);
  });
  it('a point where f is not finite nearby gives an infinite bound', () => {
    const f = (x: Float64Array) => (x[0] > 1 ? NaN : x[0]);
    expect(noiseAt(f, Float64Array.of(1), 1, () => {})).toBe(Infinity);
  });
});
