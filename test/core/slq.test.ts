/** Stochastic Lanczos quadrature and Hutchinson against exact eigendecompositions of small dense matrices. */
import { describe, expect, it } from 'vitest';
import { fc, test } from '../fc.ts';
import { jacobiEigen } from '../../src/core/eig.ts';
import { Rng } from '../../src/core/rng.ts';
import { broadenedDensity, gaussQuadrature, hutchinson, lanczosTridiag, rademacher, slq } from '../../src/core/slq.ts';
import { symv } from '../../src/core/vec.ts';

function randomSym(n: number, seed: number): Float64Array {
  const r = new Rng(seed, 'sym');
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      const v = r.normal();
      A[i * n + j] = v;
      A[j * n + i] = v;
    }
  return A;
}

describe('Gauss quadrature from Lanczos', () => {
  test.prop([fc.integer({ min: 2, max: 24 }), fc.nat(1000)], { numRuns: 20 })(
    'with n steps the nodes are the eigenvalues and the weights (u_jᵀv)², summing to 1',
    (n, seed) => {
      const A = randomSym(n, seed);
      const v = rademacher(new Rng(seed, 'v'), new Float64Array(n)).map((x) => x / Math.sqrt(n));
      const q = gaussQuadrature(lanczosTridiag((x, o) => symv(A, n, x, o), n, n, v));
      const e = jacobiEigen(A, n);
      const scale = Math.max(Math.abs(e.values[0]), Math.abs(e.values[n - 1]));
      expect(q.nodes.length).toBe(n);
      for (let j = 0; j < n; j++) {
        expect(Math.abs(q.nodes[j] - e.values[j])).toBeLessThan(1e-9 * scale);
        let c = 0;
        for (let i = 0; i < n; i++) c += e.vectors[i * n + j] * v[i];
        expect(Math.abs(q.weights[j] - c * c)).toBeLessThan(1e-9);
      }
      expect(Math.abs(q.weights.reduce((s, w) => s + w, 0) - 1)).toBeLessThan(1e-12);
    },
  );

  test.prop([fc.integer({ min: 6, max: 30 }), fc.integer({ min: 1, max: 5 }), fc.nat(1000)], { numRuns: 20 })(
    'm steps integrate every polynomial of degree ≤ 2m − 1 exactly: Σ τ² θ^k = vᵀA^k v',
    (n, m0, seed) => {
      const m = Math.min(m0, n - 1);
      const A = randomSym(n, seed);
      const v = new Rng(seed, 'u').sphere(new Float64Array(n));
      const q = gaussQuadrature(lanczosTridiag((x, o) => symv(A, n, x, o), n, m, v));
      let Akv = Float64Array.from(v);
      const tmp = new Float64Array(n);
      for (let k = 1; k <= 2 * m - 1; k++) {
        symv(A, n, Akv, tmp);
        Akv = Float64Array.from(tmp);
        let exact = 0;
        for (let i = 0; i < n; i++) exact += v[i] * Akv[i];
        let rule = 0;
        for (let j = 0; j < q.nodes.length; j++) rule += q.weights[j] * q.nodes[j] ** k;
        expect(Math.abs(rule - exact)).toBeLessThan(1e-9 * Math.max(1, Math.abs(exact)) * 4 ** k);
      }
    },
  );

  it('stops at an invariant Krylov space, where the rule is already exact (two distinct eigenvalues → two nodes)', () => {
    const n = 9;
    const d = [-2, 3, 3, 3, 3, 3, 3, 3, 3];
    const t = lanczosTridiag((x, o) => x.forEach((xi, i) => (o[i] = d[i] * xi)), n, n, new Float64Array(n).fill(1));
    expect(t.invariant).toBe(true);
    const q = gaussQuadrature(t);
    expect(Array.from(q.nodes).map((x) => Number(x.toFixed(12)))).toEqual([-2, 3]);
    expect(q.weights[0]).toBeCloseTo(1 / 9, 14);
  });
});

describe('SLQ density and Hutchinson', () => {
  it('the broadened density integrates to 1 and has the quadrature mean', () => {
    const n = 40;
    const A = randomSym(n, 7);
    const runs = slq((x, o) => symv(A, n, x, o), n, { steps: 12, runs: 3, rng: new Rng(1, 'slq') });
    const sigma = 0.3;
    const lo = -20,
      hi = 20,
      G = 4001;
    const grid = Array.from({ length: G }, (_, k) => lo + ((hi - lo) * k) / (G - 1));
    const rho = broadenedDensity(runs, grid, sigma);
    let mass = 0,
      mean = 0;
    const h = (hi - lo) / (G - 1);
    for (let k = 0; k < G; k++) {
      mass += rho[k] * h;
      mean += grid[k] * rho[k] * h;
    }
    const ruleMean = runs.reduce((s, r) => s + r.nodes.reduce((a, th, j) => a + th * r.weights[j], 0), 0) / runs.length;
    expect(mass).toBeCloseTo(1, 8);
    expect(mean).toBeCloseTo(ruleMean, 8);
  });

  it('the SLQ mean is an unbiased estimate of tr(A)/n: over many runs it approaches the exact trace', () => {
    const n = 30;
    const A = randomSym(n, 11);
    let tr = 0;
    for (let i = 0; i < n; i++) tr += A[i * n + i];
    const runs = slq((x, o) => symv(A, n, x, o), n, { steps: 4, runs: 400, rng: new Rng(2, 'slq') });
    const per = runs.map((r) => r.nodes.reduce((a, th, j) => a + th * r.weights[j], 0) * n);
    const mean = per.reduce((s, v) => s + v, 0) / per.length;
    const sd = Math.sqrt(per.reduce((s, v) => s + (v - mean) ** 2, 0) / (per.length - 1));
    expect(Math.abs(mean - tr)).toBeLessThan(4 * (sd / Math.sqrt(per.length)));
  });

  it('Hutchinson is exact on a diagonal matrix (Rademacher probes: zᵀDz = tr D)', () => {
    const d = [1.5, -2, 0.25, 7, -3];
    const h = hutchinson((x, o) => x.forEach((xi, i) => (o[i] = d[i] * xi)), 5, 10, new Rng(1));
    expect(h.mean).toBe(3.75);
    expect(h.stdError).toBe(0);
  });

  it('Hutchinson 95 % t-intervals cover the exact trace about 95 % of the time (200 fixed seeds)', () => {
    const n = 20;
    const A = randomSym(n, 5);
    let tr = 0;
    for (let i = 0; i < n; i++) tr += A[i * n + i];
    let cover = 0;
    for (let s = 0; s < 200; s++) {
      const h = hutchinson((x, o) => symv(A, n, x, o), n, 40, new Rng(s, 'probe'));
      if (Math.abs(h.mean - tr) <= 2.0227 * h.stdError) cover++;
    }
    expect(cover / 200).toBeGreaterThan(0.88);
    expect(cover / 200).toBeLessThan(0.995);
  });
});
