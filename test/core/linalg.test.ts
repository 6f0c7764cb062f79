/** Cholesky solves (core/linalg.ts) against exact solutions, and refusal of matrices that are not SPD. */
import { describe, expect, it } from 'vitest';
import { fc, test } from '../fc.ts';
import { cholSolve } from '../../src/core/linalg.ts';

describe('cholSolve', () => {
  it('solves a 3×3 system with an integer solution exactly', () => {
    // A = [[4, 2, 0], [2, 5, 1], [0, 1, 3]], x = (1, −2, 3): b = A x = (0, −5, 7).
    const A = Float64Array.from([4, 2, 0, 2, 5, 1, 0, 1, 3]);
    const b = Float64Array.from([0, -5, 7]);
    expect(cholSolve(A, 3, b)).toBe(true);
    expect([...b].map((v) => Math.round(v * 1e12) / 1e12)).toEqual([1, -2, 3]);
    // A is read, never written.
    expect([...A]).toEqual([4, 2, 0, 2, 5, 1, 0, 1, 3]);
  });
  it('refuses indefinite, semidefinite and NaN matrices and says so', () => {
    expect(cholSolve(Float64Array.from([1, 2, 2, 1]), 2, new Float64Array(2))).toBe(false); // eigenvalues 3, −1
    expect(cholSolve(Float64Array.from([1, 1, 1, 1]), 2, new Float64Array(2))).toBe(false); // singular
    expect(cholSolve(Float64Array.from([NaN, 0, 0, 1]), 2, new Float64Array(2))).toBe(false);
  });
  test.prop([fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 2 ** 31 - 1 })], { numRuns: 60 })(
    'M Mᵀ + I x = b: the residual is at rounding level',
    (n, seed) => {
      let s = seed;
      const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
      const M = Float64Array.from({ length: n * n }, rand);
      const A = new Float64Array(n * n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let v = i === j ? 1 : 0;
          for (let k = 0; k < n; k++) v += M[i * n + k] * M[j * n + k];
          A[i * n + j] = v;
        }
      const b = Float64Array.from({ length: n }, rand);
      const x = Float64Array.from(b);
      expect(cholSolve(A, n, x)).toBe(true);
      for (let i = 0; i < n; i++) {
        let r = -b[i];
        for (let j = 0; j < n; j++) r += A[i * n + j] * x[j];
        expect(Math.abs(r)).toBeLessThan(1e-12 * (1 + n * n));
      }
    },
  );
});
