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
    expect(calls).toBe(36);
  });
  it('noise of amplitude 1e-9 added to f is bounded by a value of its order', () => {
    // A deterministic pseudo-random perturbation of each point: uniform in [−1e-9, 1e-9].
    const f = (x: Float64Array) => Math.cos(x[0]) + 1e-9 * (2 * (pointHash(x) / 2 ** 32) - 1);
    const x = Float64Array.of(0.3);
    const b = noiseAt(f, x, f(x), () => {});
    // The standard deviation of the uniform perturbation is 1e-9/√3 ≈ 5.8e-10; the bound is four of it.
    expect(b).toBeGreaterThan(1e-9);
    expect(b).toBeLessThan(5e-9);
  });
  it('a point where f is not finite nearby gives an infinite bound', () => {
    const f = (x: Float64Array) => (x[0] > 1 ? NaN : x[0]);
    expect(noiseAt(f, Float64Array.of(1), 1, () => {})).toBe(Infinity);
  });
});
