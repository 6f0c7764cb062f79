/**
 * Phase retrieval (I-NSGD paper §4.1; docs/theory.md §h1):
 *   f(z) = (1/2m) Σ_r (y_r − (a_rᵀz)²)²,  y_r = (a_rᵀx)² + n_r.
 *   ∇f = −(2/m) Σ (y_r − s_r²) s_r a_r,   ∇²f = (1/m) Σ (6 s_r² − 2 y_r) a_r a_rᵀ,  s_r = a_rᵀz.
 * Settings: a_r ~ N(0, 0.5), x ~ N(0, 0.5), n_r ~ N(0, 4²), z0 ~ N(1, 6). The paper's
 * N(μ, σ²) notation is read as variances (0.5 and 6); the noise is given as 4².
 * The per-sample losses f_r = ½(y_r − s_r²)² average to f: the finite sum for SGD.
 */
import { Rng } from '../../core/rng.ts';
import type { BuiltinDef, Objective } from '../objective.ts';
import {
  prBatchKernel,
  prCoefKernel,
  prDotsKernel,
  prGradKernel,
  prHessKernel,
  prHvpcKernel,
  prHvpKernel,
  prValueKernel,
} from './pr-kernels.ts';
import { prTaylorFromDots } from './pr-taylor.ts';
import { makePrWasm } from './pr-wasm.ts';

export interface PhaseRetrievalData {
  d: number;
  m: number;
  /** Row-major m×d measurement matrix. */
  A: Float64Array;
  y: Float64Array;
  xTrue: Float64Array;
}

export function phaseRetrievalData(d: number, m: number, seed: number | string): PhaseRetrievalData {
  const rng = new Rng(seed, 'phase-retrieval');
  const sdA = Math.sqrt(0.5);
  const A = rng.stream('A').fillNormal(new Float64Array(m * d), 0, sdA);
  const xTrue = rng.stream('x').fillNormal(new Float64Array(d), 0, Math.sqrt(0.5));
  const noise = rng.stream('noise');
  const y = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += A[r * d + j] * xTrue[j];
    y[r] = s * s + 4 * noise.normal();
  }
  return { d, m, A, y, xTrue };
}

/**
 * The full-batch kernels: WebAssembly SIMD where the engine has it (about numpy's
 * speed), else the TypeScript reference. GENSMOOTH_KERNELS=ts forces the reference.
 */
export function phaseRetrievalKernels(data: PhaseRetrievalData) {
  const { d, m, A, y } = data;
  const w = process.env.GENSMOOTH_KERNELS === 'ts' ? null : makePrWasm(A, y, m, d);
  if (w) return { kind: 'wasm-simd' as const, ...w };
  return {
    kind: 'typescript' as const,
    value: (z: Float64Array) => prValueKernel(A, y, m, d, z),
    grad: (z: Float64Array, out: Float64Array) => prGradKernel(A, y, m, d, z, out),
    hvp: (z: Float64Array, v: Float64Array, out: Float64Array) => prHvpKernel(A, y, m, d, z, v, out),
    batch: (idx: ArrayLike<number>, count: number, z: Float64Array, out: Float64Array) =>
      prBatchKernel(A, y, d, idx, count, z, out),
    hessian: (z: Float64Array, out: Float64Array) => prHessKernel(A, prCoefKernel(A, y, m, d, z), m, d, out),
    hessianAt(z: Float64Array) {
      const c = prCoefKernel(A, y, m, d, z);
      return (v: Float64Array, out: Float64Array) => prHvpcKernel(A, c, m, d, v, out);
    },
    taylor(x: Float64Array, p: Float64Array) {
      const u = Float64Array.from(x, (v, j) => v - p[j]);
      const { s, t } = prDotsKernel(A, m, d, p, u);
      const rn = Float64Array.from({ length: m }, (_, r) => Math.hypot(...A.subarray(r * d, r * d + d)));
      const nrm = (v: Float64Array) => Math.hypot(...v);
      return prTaylorFromDots(s, t, y, rn, m, d, nrm(p), nrm(u));
    },
    hessianAtMany(zs: Float64Array[]) {
      const cs = zs.map((z) => prCoefKernel(A, y, m, d, z));
      return (vs: Float64Array[], outs: Float64Array[], which: number[]) =>
        which.forEach((k, i) => prHvpcKernel(A, cs[k], m, d, vs[i], outs[i]));
    },
  };
}

export function makePhaseRetrieval(data: PhaseRetrievalData, name: string, seed: number | string): Objective {
  const { d, m, A, y } = data;
  const k = phaseRetrievalKernels(data);
  const x0 = new Rng(seed, 'phase-retrieval').stream('z0').fillNormal(new Float64Array(d), 1, Math.sqrt(6));
  return {
    name,
    dim: d,
    value: k.value,
    grad: k.grad,
    hvp: k.hvp,
    // The structure ∇²f = (1/m)Aᵀ·diag(6s² − 2y)·A: a dense Hessian in one pass over A (m·d²/2
    // multiply-adds, not d HVPs), and Lanczos products with the coefficients formed once per point.
    ...(k.hessian ? { hessian: k.hessian } : {}),
    hessianAt: k.hessianAt,
    hessianAtMany: k.hessianAtMany,
    taylor: k.taylor,
    x0,
    notes: [
      `synthetic instance: a_r ~ N(0, 0.5), x ~ N(0, 0.5), noise ~ N(0, 16), z0 ~ N(1, 6) (variances), m = ${m}, d = ${d}`,
      'f* is not known in closed form (noisy measurements)',
    ],
    finiteSum: {
      n: m,
      sampleGrad(i, z, out) {
        const o = i * d;
        let s = 0;
        for (let j = 0; j < d; j++) s += A[o + j] * z[j];
        const res = y[i] - s * s;
        if (out) {
          const c = -2 * res * s;
          for (let j = 0; j < d; j++) out[j] = c * A[o + j];
        }
        return 0.5 * res * res;
      },
      batchGrad: k.batch,
    },
  };
}

export const phaseRetrieval: BuiltinDef = {
  name: 'phase-retrieval',
  doc: '(1/2m) Σ (y_r − (a_rᵀz)²)², the I-NSGD paper §4.1 setting (synthetic Gaussian data); finite sum over the m measurements',
  params: [
    { name: 'd', default: 100, kind: 'int', min: 1, max: 100000, doc: 'dimension' },
    { name: 'm', default: 3000, kind: 'int', min: 1, max: 10000000, doc: 'measurements' },
    { name: 'seed', default: 1, kind: 'int', min: 0, doc: 'instance seed (data and z0)' },
  ],
  make(p) {
    const d = p.d as number,
      m = p.m as number;
    if (m * d > 5e8) throw new RangeError(`m·d = ${m * d} entries is too large (limit 5e8)`);
    const data = phaseRetrievalData(d, m, p.seed as number);
    return makePhaseRetrieval(data, `builtin:phase-retrieval?d=${d}&m=${m}&seed=${p.seed}`, p.seed as number);
  },
};
