/** The warm-up paper's closure properties (docs/theory.md §c2), predicted beside measured. */
import { describe, expect } from 'vitest';
import { fc, test } from '../fc.ts';
import { affineRow, scalingRow, sumRow } from '../../src/conditions/closure.ts';

const o = { box: [-2, 2] as [number, number], seed: 3, samples: 600 };

describe('closure of (K0, K1) under scaling, affine maps and sums', () => {
  test.prop([fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: 0.5, max: 5, noNaN: true })], {
    numRuns: 3,
  })('c·f: K0 scales by c at the same K1 (exactly: the same samples, scaled)', (c, K1) => {
    const r = scalingRow('x^2 + x^4 + 0.5*x^3', c, K1, o);
    expect(Math.abs(r.measuredK0 - r.predictedK0)).toBeLessThanOrEqual(1e-9 * Math.abs(r.predictedK0) + 1e-9);
  });
  test.prop(
    [
      fc.double({ min: 0.3, max: 2, noNaN: true }),
      fc.double({ min: -0.5, max: 0.5, noNaN: true }),
      fc.double({ min: 0.5, max: 3, noNaN: true }),
    ],
    { numRuns: 3 },
  )('f(s·x + b): K0 at s²K1 is s² times K0 of f at K1 on the image box (within sampling, 5 %)', (s, b, K1) => {
    const r = affineRow('x^2 + x^4', s, b, K1, o);
    expect(Math.abs(r.measuredK0 - r.predictedK0)).toBeLessThanOrEqual(0.05 * Math.abs(r.predictedK0) + 1e-6);
  });
  test.prop([fc.double({ min: 0.5, max: 4, noNaN: true })], { numRuns: 3 })(
    'f + g: K0 ≤ K0(f) + K0(g) + K1·δ with the interpolation gap δ',
    (K1) => {
      const r = sumRow('(x - 1)^2 + 0.1*x^4', '(x + 1)^4', K1, o);
      expect(r.measuredK0).toBeLessThanOrEqual(r.predictedK0 * (1 + 1e-9) + 1e-9);
    },
  );
});
