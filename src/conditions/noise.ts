/**
 * An objective's rounding noise at a point, as in Moré & Wild's ECnoise (docs/theory.md §0.3):
 * f at 16 equally spaced points along a random direction, for three step sizes; per step size, the
 * RMS of the ten sixth differences, scaled by √((6!)²/12!) = 1/√924, estimates the noise's standard
 * deviation (a smooth f contributes h⁶f⁽⁶⁾, negligible at these steps); the bound is six times the
 * largest of the three. Uniform rounding of amplitude a has σ = a/√3, so the bound is about 3.5a:
 * one estimate of σ from a handful of differences can come out several times too small, and an
 * estimate is set by its most extreme sample, which selects the points where that happened (with
 * four times the pooled RMS of 12 points, 2 of 20,000 points near 0 of cosh x − 1 had a bound below
 * their actual error; test/conditions/noise.test.ts). The direction is seeded by the point itself.
 * Cancellation inside f (cosh x − 1 near 0) then enters a gap's error bound instead of its estimate.
 */
import { Rng } from '../core/rng.ts';
import { pointHash } from './hessnorm.ts';

/** The noise bound at x, with f = f(x) known; `count` is told of each evaluation. Infinity where f is not finite nearby. */
/** Points per step size (the point itself the ninth). */
const POINTS = 16;

export function noiseAt(value: (x: Float64Array) => number, x: Float64Array, f: number, count: () => void): number {
  const n = x.length;
  let xi = 0;
  for (let i = 0; i < n; i++) xi = Math.max(xi, Math.abs(x[i]));
  const rng = new Rng(pointHash(x), 'noise');
  const u = new Float64Array(n);
  const xt = new Float64Array(n);
  const C = [1, -6, 15, -20, 15, -6, 1];
  const vals = new Float64Array(POINTS);
  let sigma = 0;
  for (const scale of [1, 1 / Math.PI, 1 / Math.E]) {
    rng.sphere(u);
    const h = 1e-6 * scale * (1 + xi);
    for (let j = 0; j < POINTS; j++) {
      for (let i = 0; i < n; i++) xt[i] = x[i] + (j - 8) * h * u[i];
      vals[j] = j === 8 ? f : value(xt);
      count();
      if (!Number.isFinite(vals[j])) return Infinity;
    }
    let sum = 0;
    for (let j = 0; j + 6 < POINTS; j++) {
      let d6 = 0;
      for (let k = 0; k < 7; k++) d6 += C[k] * vals[j + k];
      sum += d6 * d6;
    }
    sigma = Math.max(sigma, Math.sqrt(sum / (POINTS - 6) / 924));
  }
  return 6 * sigma;
}
