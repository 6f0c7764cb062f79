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
import { assemble, Code, F64, I32, V128, wasmSimdAvailable, type FuncDef } from '../../core/wasm.ts';
import { coefKernel, hessKernel, hvpc2Kernel, hvpcKernel } from './pr-hessian.ts';

/** Emits: for each 4-row panel, inner products → coefficients → rank-4 update of out. */
function kernel(kind: 'value' | 'grad' | 'hvp'): FuncDef {
  // params: A, y, mp, dp, z, [v], [out], scale
  const params =
    kind === 'value'
      ? [I32, I32, I32, I32, I32]
      : kind === 'grad'
        ? [I32, I32, I32, I32, I32, I32, F64]
        : [I32, I32, I32, I32, I32, I32, I32, F64];
  const c = new Code(params.length);
  const A = 0,
    Y = 1,
    MP = 2,
    DP = 3,
    Z = 4;
  const Vp = kind === 'hvp' ? 5 : -1;
  const OUT = kind === 'grad' ? 5 : kind === 'hvp' ? 6 : -1;
  const SCALE = kind === 'grad' ? 6 : kind === 'hvp' ? 7 : -1;
  const r = c.local(I32),
    jb = c.local(I32),
    endB = c.local(I32),
    rowB = c.local(I32);
  const a = [c.local(I32), c.local(I32), c.local(I32), c.local(I32)];
  const acc = [c.local(V128), c.local(V128), c.local(V128), c.local(V128)];
  const tacc = kind === 'hvp' ? [c.local(V128), c.local(V128), c.local(V128), c.local(V128)] : [];
  const zv = c.local(V128),
    vv = c.local(V128);
  const s = [c.local(F64), c.local(F64), c.local(F64), c.local(F64)];
  const e = [c.local(F64), c.local(F64), c.local(F64), c.local(F64)];
  const cv = [c.local(V128), c.local(V128), c.local(V128), c.local(V128)];
  const f = c.local(F64),
    yaddr = c.local(I32),
    addr = c.local(I32);

  c.get(DP).i32(3).i32shl().set(endB); // dp·8 bytes per row
  c.get(endB).set(rowB);
  c.f64(0).set(f);
  if (OUT >= 0)
    c.forLoop(
      jb,
      () => c.i32(0),
      endB,
      16,
      () => {
        c.get(OUT).get(jb).i32add().vzero().v128store();
      },
    );
  c.forLoop(
    r,
    () => c.i32(0),
    MP,
    4,
    () => {
      c.get(A).get(r).get(rowB).i32mul().i32add().set(a[0]);
      for (let k = 1; k < 4; k++)
        c.get(a[k - 1])
          .get(rowB)
          .i32add()
          .set(a[k]);
      for (let k = 0; k < 4; k++) {
        c.vzero().set(acc[k]);
        if (tacc.length) c.vzero().set(tacc[k]);
      }
      c.forLoop(
        jb,
        () => c.i32(0),
        endB,
        16,
        () => {
          c.get(Z).get(jb).i32add().v128load().set(zv);
          if (Vp >= 0) c.get(Vp).get(jb).i32add().v128load().set(vv);
          for (let k = 0; k < 4; k++) {
            // row k's pair of entries, used for both accumulators
            c.get(acc[k]).get(a[k]).get(jb).i32add().v128load().get(zv).f64x2mul().f64x2add().set(acc[k]);
            if (tacc.length)
              c.get(tacc[k]).get(a[k]).get(jb).i32add().v128load().get(vv).f64x2mul().f64x2add().set(tacc[k]);
          }
        },
      );
      c.get(Y).get(r).i32(3).i32shl().i32add().set(yaddr);
      for (let k = 0; k < 4; k++) {
        c.get(acc[k]).f64x2lane(0).get(acc[k]).f64x2lane(1).f64add().set(s[k]);
        // e_k = y_k − s_k²
        c.get(yaddr)
          .f64load(8 * k)
          .get(s[k])
          .get(s[k])
          .f64mul()
          .f64sub()
          .set(e[k]);
        if (kind !== 'hvp') c.get(f).get(e[k]).get(e[k]).f64mul().f64add().set(f);
      }
      if (kind === 'value') return;
      for (let k = 0; k < 4; k++) {
        if (kind === 'grad') {
          // c_k = scale·e_k·s_k, scale = −2/m
          c.get(SCALE).get(e[k]).f64mul().get(s[k]).f64mul().f64x2splat().set(cv[k]);
        } else {
          // c_k = scale·(6 s_k² − 2 y_k)·t_k, scale = 1/m
          c.get(SCALE)
            .f64(6)
            .get(s[k])
            .f64mul()
            .get(s[k])
            .f64mul()
            .f64(2)
            .get(yaddr)
            .f64load(8 * k)
            .f64mul()
            .f64sub()
            .f64mul();
          c.get(tacc[k]).f64x2lane(0).get(tacc[k]).f64x2lane(1).f64add().f64mul().f64x2splat().set(cv[k]);
        }
      }
      c.forLoop(
        jb,
        () => c.i32(0),
        endB,
        16,
        () => {
          c.get(OUT).get(jb).i32add().tee(addr);
          c.get(addr).v128load();
          for (let k = 0; k < 4; k++) c.get(cv[k]).get(a[k]).get(jb).i32add().v128load().f64x2mul().f64x2add();
          c.v128store();
        },
      );
    },
  );
  if (kind !== 'hvp') c.get(f);
  return { name: kind, params: params as FuncDef['params'], results: kind === 'hvp' ? [] : [F64], code: c };
}

/**
 * Mini-batch value+gradient: rows idx[0..count) (count a multiple of four, padded by
 * the caller with the index of a zero row), out ← scale·Σ e_r·s_r·a_r, returns Σ e_r².
 * params: A, y, idx, count, dp, z, out, scale.
 */
function batchKernel(): FuncDef {
  const c = new Code(8);
  const A = 0,
    Y = 1,
    IDX = 2,
    COUNT = 3,
    DP = 4,
    Z = 5,
    OUT = 6,
    SCALE = 7;
  const r = c.local(I32),
    jb = c.local(I32),
    endB = c.local(I32),
    addr = c.local(I32);
  const row = [c.local(I32), c.local(I32), c.local(I32), c.local(I32)];
  const a = [c.local(I32), c.local(I32), c.local(I32), c.local(I32)];
  const acc = [c.local(V128), c.local(V128), c.local(V128), c.local(V128)];
  const cv = [c.local(V128), c.local(V128), c.local(V128), c.local(V128)];
  const zv = c.local(V128);
  const s = [c.local(F64), c.local(F64), c.local(F64), c.local(F64)];
  const e = [c.local(F64), c.local(F64), c.local(F64), c.local(F64)];
  const f = c.local(F64);
  c.get(DP).i32(3).i32shl().set(endB);
  c.f64(0).set(f);
  c.forLoop(
    jb,
    () => c.i32(0),
    endB,
    16,
    () => {
      c.get(OUT).get(jb).i32add().vzero().v128store();
    },
  );
  c.forLoop(
    r,
    () => c.i32(0),
    COUNT,
    4,
    () => {
      for (let k = 0; k < 4; k++) {
        // row index from idx[r + k]; row address A + row·dp·8
        c.get(IDX)
          .get(r)
          .i32(2)
          .i32shl()
          .i32add()
          .i32load(4 * k)
          .set(row[k]);
        c.get(A).get(row[k]).get(endB).i32mul().i32add().set(a[k]);
        c.vzero().set(acc[k]);
      }
      c.forLoop(
        jb,
        () => c.i32(0),
        endB,
        16,
        () => {
          c.get(Z).get(jb).i32add().v128load().set(zv);
          for (let k = 0; k < 4; k++)
            c.get(acc[k]).get(a[k]).get(jb).i32add().v128load().get(zv).f64x2mul().f64x2add().set(acc[k]);
        },
      );
      for (let k = 0; k < 4; k++) {
        c.get(acc[k]).f64x2lane(0).get(acc[k]).f64x2lane(1).f64add().set(s[k]);
        c.get(Y).get(row[k]).i32(3).i32shl().i32add().f64load().get(s[k]).get(s[k]).f64mul().f64sub().set(e[k]);
        c.get(f).get(e[k]).get(e[k]).f64mul().f64add().set(f);
        c.get(SCALE).get(e[k]).f64mul().get(s[k]).f64mul().f64x2splat().set(cv[k]);
      }
      c.forLoop(
        jb,
        () => c.i32(0),
        endB,
        16,
        () => {
          c.get(OUT).get(jb).i32add().tee(addr);
          c.get(addr).v128load();
          for (let k = 0; k < 4; k++) c.get(cv[k]).get(a[k]).get(jb).i32add().v128load().f64x2mul().f64x2add();
          c.v128store();
        },
      );
    },
  );
  c.get(f);
  return { name: 'batch', params: [I32, I32, I32, I32, I32, I32, I32, F64], results: [F64], code: c };
}

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
  const bytes = 8 * (mp * dp + mp + 3 * dp + 2 * mp + 2 * dp + (dense ? dp * dp : 0) + 1) + 4 * idxCap;
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
    offH = offO2 + 8 * dp;
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
