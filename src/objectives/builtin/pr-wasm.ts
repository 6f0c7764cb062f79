/**
 * Phase-retrieval kernels in WebAssembly SIMD (f64x2), assembled at load time from
 * this file by src/core/wasm.ts (no prebuilt binary, no external tool).
 *
 * A is copied once into WebAssembly memory, row-major with the row length padded to
 * an even number of doubles and the row count to a multiple of four (zero rows and
 * zero columns change nothing). Each kernel makes one pass over A four rows at a
 * time: f64x2 accumulators for the four inner products (and the four a_rᵀv for the
 * HVP), then a rank-4 f64x2 update of the output while the rows are in L1 cache.
 * pr-kernels.ts is the plain TypeScript reference these are tested against.
 */
import { assemble, wasmSimdAvailable } from '../../core/wasm.ts';
import { coefKernel, hessKernel, hvpc2Kernel, hvpcKernel } from './pr-hessian.ts';
import { batchKernel, kernel } from './pr-wasm-kernels.ts';
import { dotsKernel, prTaylorFromDots } from './pr-taylor.ts';

let compiled: WebAssembly.Module | null = null;
function module(): WebAssembly.Module {
  if (!compiled)
    compiled = new WebAssembly.Module(
      assemble(
        [
          kernel('value'),
          kernel('grad'),
          kernel('hvp'),
          batchKernel(),
          coefKernel(),
          hvpcKernel(),
          hessKernel(),
          hvpc2Kernel(),
          dotsKernel(),
        ],
        1,
      ),
    );
  return compiled;
}

export interface PrWasm {
  value(z: Float64Array): number;
  grad(z: Float64Array, out: Float64Array): number;
  hvp(z: Float64Array, v: Float64Array, out: Float64Array): void;
  /** Mean value and gradient of the rows idx[0..count): the finite sum's mini-batch oracle. */
  batch(idx: ArrayLike<number>, count: number, z: Float64Array, out: Float64Array): number;
  /** The dense Hessian at z (row-major d×d, symmetric), when d ≤ DENSE_MAX. */
  hessian?(z: Float64Array, out: Float64Array): void;
  /** The Hessian at z as an operator: the coefficients c formed once, each product one pass over A. */
  hessianAt(z: Float64Array): (v: Float64Array, out: Float64Array) => void;
  /** The Hessians at several points: products for two points at a time in one pass over A. */
  hessianAtMany(zs: Float64Array[]): (vs: Float64Array[], outs: Float64Array[], which: number[]) => void;
  /** f(x) − f(p) − ⟨∇f(p), x − p⟩ and its error bound, from the terms of order two and up (pr-hessian.ts). */
  taylor(x: Float64Array, p: Float64Array): { value: number; err: number };
}

/** Largest dimension with a dense Hessian kernel (its d² doubles live in the module's memory). */
export const DENSE_MAX = 1024;

/** WebAssembly SIMD kernels for a fixed (A, y), or null where SIMD is unavailable. */
export function makePrWasm(A: Float64Array, y: Float64Array, m: number, d: number): PrWasm | null {
  if (!wasmSimdAvailable()) return null;
  // One more zero row than needed: mini-batches are padded to a multiple of four with it.
  const mp = ((m + 3) & ~3) + 4,
    dp = (d + 1) & ~1;
  const zeroRow = mp - 1;
  const idxCap = m + 4;
  const dense = dp <= DENSE_MAX;
  const bytes = 8 * (mp * dp + mp + 3 * dp + 4 * mp + 2 * dp + (dense ? dp * dp : 0) + 1) + 4 * idxCap;
  if (bytes > 1.5 * 2 ** 30) return null;
  const inst = new WebAssembly.Instance(module(), {});
  const ex = inst.exports as unknown as {
    memory: WebAssembly.Memory;
    value(A: number, y: number, mp: number, dp: number, z: number): number;
    grad(A: number, y: number, mp: number, dp: number, z: number, out: number, scale: number): number;
    hvp(A: number, y: number, mp: number, dp: number, z: number, v: number, out: number, scale: number): void;
    batch(A: number, y: number, idx: number, count: number, dp: number, z: number, out: number, scale: number): number;
    coef(A: number, y: number, mp: number, dp: number, z: number, c: number, scale: number): void;
    hvpc(A: number, c: number, mp: number, dp: number, v: number, out: number): void;
    hess(A: number, c: number, mp: number, dp: number, H: number): void;
    hvpc2(
      A: number,
      c1: number,
      c2: number,
      mp: number,
      dp: number,
      v1: number,
      v2: number,
      o1: number,
      o2: number,
    ): void;
    dots(A: number, mp: number, dp: number, p: number, u: number, s: number, t: number): void;
  };
  const pages = Math.ceil(bytes / 65536);
  ex.memory.grow(Math.max(0, pages - ex.memory.buffer.byteLength / 65536));
  const buf = ex.memory.buffer;
  const offA = 0,
    offY = 8 * mp * dp,
    offZ = offY + 8 * mp,
    offV = offZ + 8 * dp,
    offOut = offV + 8 * dp,
    offIdx = offOut + 8 * dp,
    offC = offIdx + 4 * idxCap + 4 * (idxCap & 1),
    offC2 = offC + 8 * mp,
    offV2 = offC2 + 8 * mp,
    offO2 = offV2 + 8 * dp,
    offS = offO2 + 8 * dp,
    offT = offS + 8 * mp,
    offH = offT + 8 * mp;
  const iw = new Int32Array(buf, offIdx, idxCap);
  const Aw = new Float64Array(buf, offA, mp * dp);
  for (let r = 0; r < m; r++) Aw.set(A.subarray(r * d, r * d + d), r * dp);
  new Float64Array(buf, offY, mp).set(y);
  const zw = new Float64Array(buf, offZ, dp),
    vw = new Float64Array(buf, offV, dp),
    ow = new Float64Array(buf, offOut, dp);
  const twoM = 2 * m;
  const cw = new Float64Array(buf, offC, mp),
    c2w = new Float64Array(buf, offC2, mp),
    v2w = new Float64Array(buf, offV2, dp),
    o2w = new Float64Array(buf, offO2, dp);
  const hw = dense ? new Float64Array(buf, offH, dp * dp) : null;
  const sw = new Float64Array(buf, offS, mp),
    tw = new Float64Array(buf, offT, mp);
  const rowNorms = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    let q = 0;
    for (let j = 0; j < d; j++) q += A[r * d + j] * A[r * d + j];
    rowNorms[r] = Math.sqrt(q);
  }
  const norm = (v: Float64Array) => Math.sqrt(v.reduce((a, b) => a + b * b, 0));
  // The coefficients in the module's memory belong to one point at a time (each operator keeps its copies).
  let inC: Float64Array | null = null,
    inC2: Float64Array | null = null;
  const coefAt = (z: Float64Array): Float64Array => {
    zw.set(z);
    ex.coef(offA, offY, mp, dp, offZ, offC, 1 / m);
    inC = null;
    return Float64Array.from(cw);
  };
  const product = (c: Float64Array, v: Float64Array, out: Float64Array) => {
    if (inC !== c) {
      cw.set(c);
      inC = c;
    }
    vw.set(v);
    ex.hvpc(offA, offC, mp, dp, offV, offOut);
    out.set(ow.subarray(0, d));
  };
  return {
    value(z) {
      zw.set(z);
      return ex.value(offA, offY, mp, dp, offZ) / twoM;
    },
    grad(z, out) {
      zw.set(z);
      const f = ex.grad(offA, offY, mp, dp, offZ, offOut, -2 / m) / twoM;
      out.set(ow.subarray(0, d));
      return f;
    },
    hvp(z, v, out) {
      zw.set(z);
      vw.set(v);
      ex.hvp(offA, offY, mp, dp, offZ, offV, offOut, 1 / m);
      out.set(ow.subarray(0, d));
    },
    batch(idx, count, z, out) {
      if (count > m) throw new RangeError(`mini-batch of ${count} > ${m} rows`);
      for (let k = 0; k < count; k++) iw[k] = idx[k];
      const c4 = (count + 3) & ~3;
      for (let k = count; k < c4; k++) iw[k] = zeroRow;
      zw.set(z);
      const f = ex.batch(offA, offY, offIdx, c4, dp, offZ, offOut, -2 / count) / (2 * count);
      out.set(ow.subarray(0, d));
      return f;
    },
    hessian: hw
      ? (z, out) => {
          coefAt(z);
          ex.hess(offA, offC, mp, dp, offH);
          for (let i = 0; i < d; i++)
            for (let j = i; j < d; j++) {
              const h = hw[i * dp + j];
              out[i * d + j] = h;
              out[j * d + i] = h;
            }
        }
      : undefined,
    hessianAt(z) {
      const c = coefAt(z);
      return (v, out) => product(c, v, out);
    },
    taylor(x, p) {
      const u = Float64Array.from(x, (v, j) => v - p[j]);
      zw.set(p);
      vw.set(u);
      ex.dots(offA, mp, dp, offZ, offV, offS, offT);
      return prTaylorFromDots(sw, tw, y, rowNorms, m, d, norm(p), norm(u));
    },
    hessianAtMany(zs) {
      const cs = zs.map(coefAt);
      return (vs, outs, which) => {
        let i = 0;
        for (; i + 1 < which.length; i += 2) {
          const c1 = cs[which[i]],
            c2 = cs[which[i + 1]];
          if (inC !== c1) {
            cw.set(c1);
            inC = c1;
          }
          if (inC2 !== c2) {
            c2w.set(c2);
            inC2 = c2;
          }
          vw.set(vs[i]);
          v2w.set(vs[i + 1]);
          ex.hvpc2(offA, offC, offC2, mp, dp, offV, offV2, offOut, offO2);
          outs[i].set(ow.subarray(0, d));
          outs[i + 1].set(o2w.subarray(0, d));
        }
        if (i < which.length) product(cs[which[i]], vs[i], outs[i]);
      };
    },
  };
}
