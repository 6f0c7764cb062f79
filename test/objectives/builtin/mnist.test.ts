/** builtin:mnist-softmax and the digits it reads (mnist.ts): derivatives, the finite sum, class-balanced pooled samples. */
import { describe, expect, it } from 'vitest';
import { mnistDigits, mnistSlice } from '../../../src/objectives/builtin/mnist.ts';
import { makeBuiltin } from '../../../src/objectives/spec.ts';
import { catchesWrongGradient, finiteSumConsistent, passesVerify } from './shared.ts';

describe('mnist', () => {
  passesVerify('mnist-softmax');
  catchesWrongGradient('mnist-softmax');
  finiteSumConsistent('mnist-softmax');
  it('the digits are 784-pixel rows of grey levels in [0, 1], read once', () => {
    const d = mnistDigits(3);
    expect(d.length % 784).toBe(0);
    expect(d.length / 784).toBeGreaterThan(500);
    let lo = Infinity,
      hi = -Infinity;
    for (const v of d) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect([lo, hi]).toEqual([0, expect.closeTo(1, 2)]);
    expect(mnistDigits(3)).toBe(d);
  });
  it('a slice is class-balanced, pooled by averaging, and a function of its seed', () => {
    const a = mnistSlice(12, 4, 5, 3);
    expect(a.features).toBe(49);
    expect([...a.y]).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]);
    expect(a.X.length).toBe(12 * 49);
    for (const v of a.X) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    // Pooling averages: the mean grey level of an image is the same at pool 1 and pool 4 for the same draw.
    const full = mnistSlice(3, 1, 5, 3),
      pooled = mnistSlice(3, 4, 5, 3);
    const mean = (X: Float64Array, F: number, i: number) =>
      X.subarray(i * F, (i + 1) * F).reduce((s, v) => s + v, 0) / F;
    for (let i = 0; i < 3; i++) expect(mean(pooled.X, 49, i)).toBeCloseTo(mean(full.X, 784, i), 12);
    expect(mnistSlice(12, 4, 5, 3).X).toEqual(a.X);
    expect(mnistSlice(12, 4, 6, 3).X).not.toEqual(a.X);
  });
  it('softmax regression at W = 0, b = 0 has loss ln C, and dimension C·F + C', () => {
    const obj = makeBuiltin('mnist-softmax', 'n=20&pool=4&classes=4&lambda=0');
    expect(obj.dim).toBe(4 * 49 + 4);
    expect(obj.value(new Float64Array(obj.dim))).toBeCloseTo(Math.log(4), 14);
  });
});
