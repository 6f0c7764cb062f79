/**
 * Phase retrieval's structured Hessian (pr-hessian.ts through pr-wasm.ts, and the TypeScript
 * reference of pr-kernels.ts): the coefficients, the fixed-coefficient product and the dense
 * Hessian agree with the full HVP kernel and with each other for any shape (the padding of rows
 * to a multiple of four and of columns to an even length included).
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { Rng } from '../../../src/core/rng.ts';
import { phaseRetrievalData } from '../../../src/objectives/builtin/phase-retrieval.ts';
import { prCoefKernel, prHessKernel, prHvpcKernel, prHvpKernel } from '../../../src/objectives/builtin/pr-kernels.ts';
import { makePrWasm } from '../../../src/objectives/builtin/pr-wasm.ts';
import { makeBuiltin } from '../../../src/objectives/spec.ts';
import { relMax } from './shared.ts';

describe('phase retrieval: the structured Hessian', () => {
  test.prop([fc.integer({ min: 1, max: 23 }), fc.integer({ min: 1, max: 41 }), fc.integer({ min: 0, max: 1000 })])(
    'dense Hessian and fixed-coefficient products agree with the HVP kernel, in WebAssembly and TypeScript',
    (d, m, seed) => {
      const D = phaseRetrievalData(d, m, seed);
      const w = makePrWasm(D.A, D.y, m, d)!;
      const rng = new Rng(seed, 'hessian');
      const z = rng.fillNormal(new Float64Array(d), 0, 2),
        v = rng.fillNormal(new Float64Array(d));
      const ref = new Float64Array(d);
      prHvpKernel(D.A, D.y, m, d, z, v, ref);
      // The fixed-coefficient product, from both paths.
      const c = prCoefKernel(D.A, D.y, m, d, z);
      const h1 = new Float64Array(d),
        h2 = new Float64Array(d);
      prHvpcKernel(D.A, c, m, d, v, h1);
      w.hessianAt(z)(v, h2);
      expect(relMax(ref, h1)).toBeLessThan(1e-12);
      expect(relMax(ref, h2)).toBeLessThan(1e-12);
      // The dense Hessians are symmetric and give the same products.
      const H1 = new Float64Array(d * d),
        H2 = new Float64Array(d * d);
      prHessKernel(D.A, c, m, d, H1);
      w.hessian!(z, H2);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) expect(H2[i * d + j]).toBe(H2[j * d + i]);
      expect(relMax(H1, H2)).toBeLessThan(1e-12);
      const Hv = new Float64Array(d);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) Hv[i] += H2[i * d + j] * v[j];
      expect(relMax(ref, Hv)).toBeLessThan(1e-11);
    },
  );

  it('an operator keeps its own point after other operators and dense Hessians were formed', () => {
    const obj = makeBuiltin('phase-retrieval', 'd=9&m=30');
    const rng = new Rng(2, 'operators');
    const z1 = rng.fillNormal(new Float64Array(9)),
      z2 = rng.fillNormal(new Float64Array(9)),
      v = rng.fillNormal(new Float64Array(9));
    const op1 = obj.hessianAt!(z1);
    const op2 = obj.hessianAt!(z2);
    obj.hessian!(z2, new Float64Array(81));
    const a = new Float64Array(9),
      b = new Float64Array(9);
    op1(v, a);
    obj.hvp!(z1, v, b);
    expect(relMax(b, a)).toBeLessThan(1e-13);
    op2(v, a);
    obj.hvp!(z2, v, b);
    expect(relMax(b, a)).toBeLessThan(1e-13);
  });

  it('several points at once: the products of hessianAtMany equal each point’s own operator to the bit', () => {
    for (const q of ['d=9&m=30', 'd=100&m=203']) {
      const obj = makeBuiltin('phase-retrieval', q);
      const d = obj.dim;
      const rng = new Rng(5, 'many');
      const zs = [0, 1, 2, 3, 4].map(() => rng.fillNormal(new Float64Array(d), 0, 2));
      const vs = zs.map(() => rng.fillNormal(new Float64Array(d)));
      const many = obj.hessianAtMany!(zs);
      // Every subset the lockstep Lanczos asks for: pairs and a leftover single, in any order.
      for (const which of [[0, 1, 2, 3, 4], [4, 2], [3], [1, 0, 3]]) {
        const outs = which.map(() => new Float64Array(d));
        many(
          which.map((k) => vs[k]),
          outs,
          which,
        );
        which.forEach((k, i) => {
          const own = new Float64Array(d);
          obj.hessianAt!(zs[k])(vs[k], own);
          expect(Array.from(outs[i])).toEqual(Array.from(own));
        });
      }
    }
  });
});
