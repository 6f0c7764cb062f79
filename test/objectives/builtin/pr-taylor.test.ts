/**
 * Phase retrieval's structured Taylor residual (pr-taylor.ts): exact on integer data (every
 * product and sum is a small integer, so the double computation and the exact rational one must
 * agree within the stated bound), and within both error bounds of the quadrature of gradient
 * differences the checks use for any other objective, from WebAssembly and TypeScript alike.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { floatContext } from '../../../src/conditions/context.ts';
import { Rng } from '../../../src/core/rng.ts';
import { makePhaseRetrieval, phaseRetrievalData } from '../../../src/objectives/builtin/phase-retrieval.ts';
import { prTaylorFromDots } from '../../../src/objectives/builtin/pr-taylor.ts';

describe('phase retrieval: the Taylor residual from its structure', () => {
  it('is exact on integer data (checked against rational arithmetic)', () => {
    const rng = new Rng(3, 'integers');
    const d = 5,
      m = 7;
    const A = Float64Array.from({ length: m * d }, () => rng.int(7) - 3);
    const y = Float64Array.from({ length: m }, () => rng.int(21));
    const p = Float64Array.from({ length: d }, () => rng.int(5) - 2);
    const x = Float64Array.from({ length: d }, () => rng.int(5) - 2);
    const s = new Float64Array(m),
      t = new Float64Array(m),
      rn = new Float64Array(m);
    let exact = 0n; // 2m·R, in integers
    for (let r = 0; r < m; r++) {
      let sp = 0n,
        sx = 0n,
        q = 0;
      for (let j = 0; j < d; j++) {
        sp += BigInt(A[r * d + j] * p[j]);
        sx += BigInt(A[r * d + j] * x[j]);
        q += A[r * d + j] ** 2;
      }
      s[r] = Number(sp);
      t[r] = Number(sx - sp);
      rn[r] = Math.sqrt(q);
      const yr = BigInt(y[r]);
      const ep = yr - sp * sp,
        ex = yr - sx * sx;
      // 2m·(f(x) − f(p)) = Σ ex² − ep²;  2m·⟨∇f(p), x − p⟩ = −4 Σ ep·sp·δ
      exact += ex * ex - ep * ep + 4n * ep * sp * (sx - sp);
    }
    const pn = Math.hypot(...p),
      un = Math.hypot(...Float64Array.from(x, (v, j) => v - p[j]));
    const r = prTaylorFromDots(s, t, y, rn, m, d, pn, un);
    expect(r.value).toBe(Number(exact) / (2 * m));
    expect(r.err).toBeGreaterThan(0);
    expect(r.err).toBeLessThan(1e-10 * Math.max(1, Math.abs(r.value)));
  });

  test.prop([fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 1000 })])(
    'agrees with the quadrature of gradient differences within both error bounds (WebAssembly and TypeScript)',
    (d, m, seed) => {
      const data = phaseRetrievalData(d, m, seed);
      const rng = new Rng(seed, 'taylor');
      const x = rng.fillNormal(new Float64Array(d), 0, 2),
        p = rng.fillNormal(new Float64Array(d), 0, 2);
      const prev = process.env.GENSMOOTH_KERNELS;
      const objs = [makePhaseRetrieval(data, 'wasm', 1)];
      process.env.GENSMOOTH_KERNELS = 'ts';
      objs.push(makePhaseRetrieval(data, 'ts', 1));
      if (prev === undefined) delete process.env.GENSMOOTH_KERNELS;
      else process.env.GENSMOOTH_KERNELS = prev;
      const { taylor: _t, ...plain } = objs[0];
      const quad = floatContext(plain, { fstar: 0, xstar: null }).taylor(x, p)!;
      for (const obj of objs) {
        const r = obj.taylor!(x, p);
        const viaCtx = floatContext(obj, { fstar: 0, xstar: null }).taylor(x, p)!;
        expect(viaCtx.v).toBe(r.value);
        expect(Math.abs(r.value - quad.v)).toBeLessThanOrEqual(r.err + quad.err);
        expect(r.err).toBeLessThanOrEqual(1e-9 * (Math.abs(r.value) + quad.err + 1e-300) + 1e-300);
      }
    },
  );
});
