/** The phase-retrieval kernels in TypeScript (pr-kernels.ts) against the formulas written out, mini-batches included. */
import { describe, expect, it } from 'vitest';
import { fc, test } from '../../fc.ts';
import { Rng } from '../../../src/core/rng.ts';
import { phaseRetrievalData } from '../../../src/objectives/builtin/phase-retrieval.ts';
import { prBatchKernel, prGradKernel, prHvpKernel } from '../../../src/objectives/builtin/pr-kernels.ts';
import { makePrWasm } from '../../../src/objectives/builtin/pr-wasm.ts';
import { relMax } from './shared.ts';

describe('phase-retrieval kernels', () => {
  test.prop([
    fc.integer({ min: 1, max: 13 }),
    fc.integer({ min: 1, max: 30 }),
    fc.integer({ min: 0, max: 1000 }),
    fc.array(fc.nat(), { minLength: 1, maxLength: 45 }),
  ])(
    'mini-batch kernels (WebAssembly, TypeScript, and the per-row formula) agree for any batch, repeats included',
    (d, m, seed, raw) => {
      const D = phaseRetrievalData(d, m, seed);
      const w = makePrWasm(D.A, D.y, m, d)!;
      const idx = Int32Array.from(raw.slice(0, m), (v) => v % m);
      const z = new Rng(seed, 'batch').fillNormal(new Float64Array(d));
      const g1 = new Float64Array(d),
        g2 = new Float64Array(d),
        g3 = new Float64Array(d);
      const f1 = prBatchKernel(D.A, D.y, d, idx, idx.length, z, g1);
      const f2 = w.batch(idx, idx.length, z, g2);
      let f3 = 0;
      for (const r of idx) {
        let s = 0;
        for (let j = 0; j < d; j++) s += D.A[r * d + j] * z[j];
        const e = D.y[r] - s * s;
        f3 += (e * e) / (2 * idx.length);
        for (let j = 0; j < d; j++) g3[j] += (-2 * e * s * D.A[r * d + j]) / idx.length;
      }
      expect(Math.abs(f1 - f3)).toBeLessThanOrEqual(1e-12 * Math.abs(f3) + 1e-300);
      expect(Math.abs(f2 - f3)).toBeLessThanOrEqual(1e-12 * Math.abs(f3) + 1e-300);
      expect(relMax(g3, g1)).toBeLessThan(1e-12);
      expect(relMax(g3, g2)).toBeLessThan(1e-12);
    },
  );

  it('the blocked kernels agree with the formulas of docs/theory.md §h1 written out directly', () => {
    const d = 5,
      m = 9;
    const D = phaseRetrievalData(d, m, 4);
    const z = new Rng(1).fillNormal(new Float64Array(d)),
      v = new Rng(2).fillNormal(new Float64Array(d));
    let f = 0;
    const g = new Float64Array(d),
      h = new Float64Array(d);
    for (let r = 0; r < m; r++) {
      let s = 0,
        t = 0;
      for (let j = 0; j < d; j++) {
        s += D.A[r * d + j] * z[j];
        t += D.A[r * d + j] * v[j];
      }
      f += (D.y[r] - s * s) ** 2 / (2 * m);
      for (let j = 0; j < d; j++) {
        g[j] += (-2 / m) * (D.y[r] - s * s) * s * D.A[r * d + j];
        h[j] += (1 / m) * (6 * s * s - 2 * D.y[r]) * t * D.A[r * d + j];
      }
    }
    const g2 = new Float64Array(d),
      h2 = new Float64Array(d);
    expect(prGradKernel(D.A, D.y, m, d, z, g2)).toBeCloseTo(f, 10);
    prHvpKernel(D.A, D.y, m, d, z, v, h2);
    expect(relMax(g, g2)).toBeLessThan(1e-13);
    expect(relMax(h, h2)).toBeLessThan(1e-13);
  });
});
