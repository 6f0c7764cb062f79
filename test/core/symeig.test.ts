/** The QL eigensolver against the Jacobi reference and exact spectra (src/core/symeig.ts). */
import { describe, expect, it } from 'vitest';
import { fc, test } from '../fc.ts';
import { jacobiEigen } from '../../src/core/eig.ts';
import { symEigen, symNormQL } from '../../src/core/symeig.ts';

const sym = (n: number, vals: number[]) => {
  const A = new Float64Array(n * n);
  let k = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) A[i * n + j] = A[j * n + i] = vals[k++ % vals.length];
  return A;
};

describe('symEigen', () => {
  test.prop([
    fc.integer({ min: 1, max: 24 }),
    fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 300 }),
  ])('has the eigenvalues of Jacobi and orthonormal eigenvectors with A v = λ v', (n, vals) => {
    const A = sym(n, vals);
    const q = symEigen(A, n);
    const j = jacobiEigen(A, n);
    let scale = 1;
    for (const v of A) scale = Math.max(scale, Math.abs(v));
    for (let i = 0; i < n; i++) expect(Math.abs(q.values[i] - j.values[i])).toBeLessThanOrEqual(1e-11 * scale * n);
    for (let c = 0; c < n; c++) {
      let nn = 0;
      for (let r = 0; r < n; r++) {
        let av = 0;
        for (let k = 0; k < n; k++) av += A[r * n + k] * q.vectors[k * n + c];
        expect(Math.abs(av - q.values[c] * q.vectors[r * n + c])).toBeLessThanOrEqual(1e-10 * scale * n);
        nn += q.vectors[r * n + c] ** 2;
      }
      expect(nn).toBeCloseTo(1, 10);
    }
    const values = symEigen(A, n, false).values;
    for (let i = 0; i < n; i++) expect(Math.abs(values[i] - q.values[i])).toBeLessThanOrEqual(1e-12 * scale * n);
  });
  it('a diagonal matrix and a known tridiagonal spectrum', () => {
    expect(Array.from(symEigen(new Float64Array([3, 0, 0, 0, -1, 0, 0, 0, 2]), 3).values)).toEqual([-1, 2, 3]);
    // The path graph's Laplacian tridiag(−1, 2, −1): eigenvalues 2 − 2cos(kπ/(n+1)).
    const n = 60;
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      A[i * n + i] = 2;
      if (i + 1 < n) A[i * n + i + 1] = A[(i + 1) * n + i] = -1;
    }
    const v = symEigen(A, n, false).values;
    for (let k = 1; k <= n; k++) expect(v[k - 1]).toBeCloseTo(2 - 2 * Math.cos((k * Math.PI) / (n + 1)), 12);
    expect(symNormQL(A, n)).toBeCloseTo(2 - 2 * Math.cos((n * Math.PI) / (n + 1)), 12);
  });
  it('subnormal off-diagonal entries (found by the property above, seed -2028574772) give the exact spectrum, not NaN', () => {
    for (const [A, n, values] of [
      [[0, -5e-324, -5e-324, 8.881784197001249e-16], 2, [0, 8.881784197001249e-16]],
      [[0, 5e-324, 5e-324, -3], 2, [-3, 0]],
      [[1, 1e-320, 0, 1e-320, 0, 1e-320, 0, 1e-320, 2], 3, [0, 1, 2]],
    ] as [number[], number, number[]][]) {
      const q = symEigen(A, n);
      expect(Array.from(q.values)).toEqual(values);
      for (const v of q.vectors) expect(Number.isFinite(v)).toBe(true);
      expect(Array.from(symEigen(A, n, false).values)).toEqual(values);
    }
  });
  it('non-finite entries give NaN, not a hang', () => {
    expect(Number.isNaN(symEigen(new Float64Array([1, NaN, NaN, 1]), 2).values[0])).toBe(true);
  });
});
