/** The phase-retrieval kernels in WebAssembly SIMD (pr-wasm.ts) against the TypeScript reference, for any shape. */
import { describe, expect, it } from 'vitest';
import { fc, test } from '../../fc.ts';
import { Rng } from '../../../src/core/rng.ts';
import { wasmSimdAvailable } from '../../../src/core/wasm.ts';
import { phaseRetrievalData } from '../../../src/objectives/builtin/phase-retrieval.ts';
import { prGradKernel, prHvpKernel, prValueKernel } from '../../../src/objectives/builtin/pr-kernels.ts';
import { makePrWasm } from '../../../src/objectives/builtin/pr-wasm.ts';
import { relMax } from './shared.ts';

describe('phase-retrieval kernels', () => {
  it('the engine runs WebAssembly SIMD (Node 20 does)', () => expect(wasmSimdAvailable()).toBe(true));

  test.prop([fc.integer({ min: 1, max: 23 }), fc.integer({ min: 1, max: 41 }), fc.integer({ min: 0, max: 1000 })])(
    'WebAssembly SIMD agrees with the TypeScript reference for any shape (padding of rows and columns)',
    (d, m, seed) => {
      const D = phaseRetrievalData(d, m, seed);
      const w = makePrWasm(D.A, D.y, m, d)!;
      const rng = new Rng(seed, 'kernels');
      const z = rng.fillNormal(new Float64Array(d)),
        v = rng.fillNormal(new Float64Array(d));
      const g1 = new Float64Array(d),
        g2 = new Float64Array(d),
        h1 = new Float64Array(d),
        h2 = new Float64Array(d);
      const f1 = prGradKernel(D.A, D.y, m, d, z, g1);
      const f2 = w.grad(z, g2);
      // Rounding is relative to the terms summed, not to f: f = (1/2m) Σ (y_r − (a_r·z)²)² can cancel to almost 0
      // (d = 21, m = 1 did), so the bound is 1e-13 of the same sum taken in absolute values,
      // (1/2m) Σ (|y_r| + (Σ_j |a_rj z_j|)²)², which bounds every rounded term.
      let scale = 0;
      for (let r = 0; r < m; r++) {
        let az = 0;
        for (let j = 0; j < d; j++) az += Math.abs(D.A[r * d + j] * z[j]);
        scale += (az * az + Math.abs(D.y[r])) ** 2;
      }
      scale /= 2 * m;
      expect(Math.abs(f1 - f2)).toBeLessThanOrEqual(1e-13 * scale);
      expect(Math.abs(w.value(z) - prValueKernel(D.A, D.y, m, d, z))).toBeLessThanOrEqual(1e-13 * scale);
      expect(relMax(g1, g2)).toBeLessThan(1e-12);
      prHvpKernel(D.A, D.y, m, d, z, v, h1);
      w.hvp(z, v, h2);
      expect(relMax(h1, h2)).toBeLessThan(1e-12);
    },
  );
});
