import { describe, expect, it } from 'vitest';
import { fc, test } from '../fc.ts';
import { axpy, dist, dot, gemv, gemvT, nrm2 } from '../../src/core/vec.ts';

const vecArb = (n: number) =>
  fc.float64Array({ minLength: n, maxLength: n, min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true });

describe('vec kernels', () => {
  test.prop([fc.integer({ min: 0, max: 37 }).chain((n) => fc.tuple(vecArb(n), vecArb(n)))])(
    'dot matches the naive sum',
    ([x, y]) => {
      let s = 0;
      for (let i = 0; i < x.length; i++) s += x[i] * y[i];
      let scale = 0;
      for (let i = 0; i < x.length; i++) scale += Math.abs(x[i] * y[i]);
      expect(Math.abs(dot(x, y) - s)).toBeLessThanOrEqual(1e-13 * scale + 1e-300);
    },
  );

  test.prop([
    fc
      .integer({ min: 1, max: 30 })
      .chain((n) => fc.tuple(vecArb(n), vecArb(n), fc.double({ min: -10, max: 10, noNaN: true }))),
  ])('axpy adds a·x', ([x, y, a]) => {
    const z = Float64Array.from(y);
    axpy(a, x, z);
    for (let i = 0; i < x.length; i++) expect(z[i]).toBe(y[i] + a * x[i]);
  });

  it('nrm2 survives overflow and underflow', () => {
    expect(nrm2(new Float64Array([3e200, 4e200]))).toBeCloseTo(5e200, -190);
    expect(nrm2(new Float64Array([3e200, 4e200])) / 5e200).toBeCloseTo(1, 14);
    expect(nrm2(new Float64Array([3e-200, 4e-200])) / 5e-200).toBeCloseTo(1, 14);
    expect(nrm2(new Float64Array([0, 0]))).toBe(0);
    expect(nrm2(new Float64Array([Infinity, 1]))).toBe(Infinity);
    expect(nrm2(new Float64Array([NaN, 1]))).toBeNaN();
    expect(nrm2(new Float64Array([]))).toBe(0);
    expect(dist(new Float64Array([1e300, 0]), new Float64Array([-1e300, 0])) / 2e300).toBeCloseTo(1, 14);
  });

  test.prop([fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 1e6 })])(
    'gemv and gemvT agree with the naive products',
    (m, n, seed) => {
      let s = seed;
      const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5;
      const A = Float64Array.from({ length: m * n }, rnd),
        x = Float64Array.from({ length: n }, rnd),
        u = Float64Array.from({ length: m }, rnd);
      const y = new Float64Array(m),
        z = new Float64Array(n);
      gemv(A, m, n, x, y);
      gemvT(A, m, n, u, z);
      for (let i = 0; i < m; i++) {
        let t = 0;
        for (let j = 0; j < n; j++) t += A[i * n + j] * x[j];
        expect(y[i]).toBeCloseTo(t, 13);
      }
      for (let j = 0; j < n; j++) {
        let t = 0;
        for (let i = 0; i < m; i++) t += A[i * n + j] * u[i];
        expect(z[j]).toBeCloseTo(t, 13);
      }
    },
  );
});
