/**
 * An objective's rounding noise at a point, as in Moré & Wild's ECnoise (docs/theory.md §0.3):
 * f at 12 equally spaced points along a random direction, for three step sizes; the RMS of the
 * sixth differences, scaled by √((6!)²/12!) = 1/√924, estimates the noise's standard deviation (a
 * smooth f contributes h⁶f⁽⁶⁾, negligible at these steps), and four of those bound it. The
 * direction is seeded by the point itself. Cancellation inside f (cosh x − 1 near 0) then enters a
 * gap's error bound instead of its estimate.
 */
import { Rng } from '../core/rng.ts';
import { pointHash } from './hessnorm.ts';

/** The noise bound at x, with f = f(x) known; `count` is told of each evaluation. Infinity where f is not finite nearby. */
export function noiseAt(value: (x: Float64Array) => number, x: Float64Array, f: number, count: () => void): number {
  const n = x.length;
  let xi = 0;
  for (let i = 0; i < n; i++) xi = Math.max(xi, Math.abs(x[i]));
  const rng = new Rng(pointHash(x), 'noise');
  const u = new Float64Array(n);
  const xt = new Float64Array(n);
  const C = [1, -6, 15, -20, 15, -6, 1];
  const vals = new Float64Array(12);
  let sum = 0,
    terms = 0;
  for (const scale of [1, 1 / Math.PI, 1 / Math.E]) {
    rng.sphere(u);
    const h = 1e-6 * scale * (1 + xi);
    for (let j = 0; j < 12; j++) {
      for (let i = 0; i < n; i++) xt[i] = x[i] + (j - 6) * h * u[i];
      vals[j] = j === 6 ? f : value(xt);
      count();
      if (!Number.isFinite(vals[j])) return Infinity;
    }
    for (let j = 0; j + 6 < 12; j++) {
      let d6 = 0;
      for (let k = 0; k < 7; k++) d6 += C[k] * vals[j + k];
      sum += d6 * d6;
      terms++;
    }
  }
  return (4 * Math.sqrt(sum / terms)) / Math.sqrt(924);
}
