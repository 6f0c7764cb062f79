import { describe, expect, it } from 'vitest';
import { fc, test } from '../fc.ts';
import { jacobiEigen, lanczos, lanczosMany, symNorm } from '../../src/core/eig.ts';
import { Rng } from '../../src/core/rng.ts';

/** Q diag(λ) Qᵀ with a random orthogonal Q (Gram–Schmidt on Gaussians): the exact spectrum is λ. */
function withSpectrum(lams: number[], rng: Rng): Float64Array {
  const n = lams.length;
  const Q = rng.fillNormal(new Float64Array(n * n));
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < j; k++) {
      let d = 0;
      for (let i = 0; i < n; i++) d += Q[i * n + j] * Q[i * n + k];
      for (let i = 0; i < n; i++) Q[i * n + j] -= d * Q[i * n + k];
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += Q[i * n + j] ** 2;
    for (let i = 0; i < n; i++) Q[i * n + j] /= Math.sqrt(s);
  }
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += Q[i * n + k] * lams[k] * Q[j * n + k];
      A[i * n + j] = s;
    }
  return A;
}

describe('symmetric eigenvalues', () => {
  test.prop([
    fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 12 }),
    fc.integer({ min: 0, max: 1000 }),
  ])('Jacobi recovers a known spectrum (indefinite, clustered) to ~1e-12·‖A‖', (lams, seed) => {
    const A = withSpectrum(lams, new Rng(seed, 'spec'));
    const { values } = jacobiEigen(A, lams.length);
    const sorted = [...lams].sort((a, b) => a - b);
    const scale = Math.max(1, ...lams.map(Math.abs));
    sorted.forEach((l, i) => expect(Math.abs(values[i] - l)).toBeLessThan(1e-11 * scale));
    expect(Math.abs(symNorm(A, lams.length) - Math.max(...lams.map(Math.abs)))).toBeLessThan(1e-11 * scale);
  });

  it('Jacobi eigenvectors satisfy A v = λ v and are orthonormal', () => {
    const n = 6;
    const A = withSpectrum([-3, -3 + 1e-9, 0, 1, 2, 5], new Rng(4));
    const { values, vectors } = jacobiEigen(A, n);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += A[i * n + k] * vectors[k * n + j];
        expect(s).toBeCloseTo(values[j] * vectors[i * n + j], 10);
      }
    }
  });

  it('Lanczos finds the extreme eigenvalues of a 60-dimensional indefinite operator with small residuals', () => {
    const lams = Array.from({ length: 60 }, (_, i) => -7 + (i * 13) / 59);
    lams[59] = 6.0000001; // nearly degenerate top pair
    const A = withSpectrum(lams, new Rng(5));
    const op = (v: Float64Array, out: Float64Array) => {
      for (let i = 0; i < 60; i++) {
        let s = 0;
        for (let k = 0; k < 60; k++) s += A[i * 60 + k] * v[k];
        out[i] = s;
      }
    };
    const r = lanczos(op, 60, { maxIter: 60, tol: 1e-10 });
    expect(r.lambdaMax).toBeCloseTo(6.0000001, 6);
    expect(r.lambdaMin).toBeCloseTo(-7, 8);
    expect(r.norm).toBeLessThanOrEqual(7 + 1e-9); // a Ritz value never exceeds the spectrum
    expect(r.residualMin).toBeLessThan(1e-6);
  });

  it('Lanczos on a low-rank operator stops with an invariant subspace and exact values', () => {
    const A = withSpectrum([4, -2, 0, 0, 0, 0, 0, 0], new Rng(6));
    const op = (v: Float64Array, out: Float64Array) => {
      for (let i = 0; i < 8; i++) {
        let s = 0;
        for (let k = 0; k < 8; k++) s += A[i * 8 + k] * v[k];
        out[i] = s;
      }
    };
    const r = lanczos(op, 8);
    expect(r.lambdaMax).toBeCloseTo(4, 10);
    expect(r.lambdaMin).toBeCloseTo(-2, 10);
  });
});

describe('Lanczos stopped on the norm (normTol)', () => {
  const diag = (vals: number[]) => (v: Float64Array, out: Float64Array) => {
    for (let i = 0; i < vals.length; i++) out[i] = vals[i] * v[i];
  };
  it('stops early on a spectrum with a gap, with the norm to rounding', () => {
    // One eigenvalue 10, the rest in [−3, 3]: the top converges in a few steps.
    const vals = Array.from({ length: 200 }, (_, i) => (i === 7 ? 10 : -3 + (6 * i) / 199));
    const full = lanczos(diag(vals), 200, { maxIter: 40, tol: 0, rng: new Rng(1, 'l') });
    const early = lanczos(diag(vals), 200, { maxIter: 40, tol: 0, rng: new Rng(1, 'l'), normTol: 1e-7 });
    expect(early.iterations).toBeLessThan(full.iterations);
    expect(early.iterations).toBeGreaterThanOrEqual(8);
    expect(Math.abs(early.norm - 10)).toBeLessThan(1e-11);
    expect(early.norm).toBeLessThanOrEqual(10 * (1 + 1e-15));
  });
  it('does not stop while the other end could still overtake the norm', () => {
    // λmax = 10 isolated, λmin = −9.9 at the edge of a dense cluster: the lower end converges slowly.
    const vals = Array.from({ length: 300 }, (_, i) => (i === 0 ? 10 : -9.9 + (9.9 * i) / 299));
    const r = lanczos(diag(vals), 300, { maxIter: 16, tol: 0, rng: new Rng(3, 'l'), normTol: 1e-7 });
    expect(r.iterations).toBe(16);
  });
});

describe('Lanczos runs in lockstep (lanczosMany)', () => {
  it('gives each run exactly what it gives alone, whatever the others do', () => {
    const n = 50;
    const spectra = [0, 1, 2].map((s) =>
      Array.from({ length: n }, (_, i) => Math.sin(i * (s + 1)) * (i === s ? 20 : 1)),
    );
    const op = (vals: number[]) => (v: Float64Array, out: Float64Array) => {
      for (let i = 0; i < n; i++) out[i] = vals[i] * v[i];
    };
    const opts = [0, 1, 2].map((k) => ({
      maxIter: 30,
      tol: 0,
      rng: new Rng(k, 'm'),
      normTol: k === 1 ? undefined : 1e-7,
    }));
    const alone = spectra.map((vals, k) => lanczos(op(vals), n, { ...opts[k], rng: new Rng(k, 'm') }));
    const asked: number[][] = [];
    const together = lanczosMany(
      (vs, outs, which) => {
        asked.push(which);
        which.forEach((k, i) => op(spectra[k])(vs[i], outs[i]));
      },
      n,
      opts,
    );
    expect(together).toEqual(alone);
    // Each run was asked for as many products as it took steps, and a run that stopped was asked no more.
    for (let k = 0; k < 3; k++) expect(asked.filter((w) => w.includes(k)).length).toBe(alone[k].iterations);
    expect(new Set(alone.map((r) => r.iterations)).size).toBeGreaterThan(1);
  });
});
