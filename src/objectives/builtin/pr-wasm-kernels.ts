/**
 * The full-batch and mini-batch phase-retrieval kernels as WebAssembly SIMD functions (f64x2), for
 * pr-wasm.ts to assemble: one pass over A four rows at a time, f64x2 accumulators for the four inner
 * products (and the four a_rᵀv for the HVP), then a rank-4 f64x2 update of the output while the rows
 * are in L1 cache.
 */
import { Code, F64, I32, V128, type FuncDef } from '../../core/wasm.ts';

/** Zero `bytes` bytes (a multiple of 16) at each pointer in the locals `bases`, counting with the local `i`. */
export function zeroBytes(c: Code, bases: number[], bytes: number, i: number): void {
  c.forLoop(
    i,
    () => c.i32(0),
    bytes,
    16,
    () => {
      for (const b of bases) c.get(b).get(i).i32add().vzero().v128store();
    },
  );
}

/** a[0..3] ← the byte addresses of rows r, …, r + 3 of A (locals), each row `rowB` bytes long. */
export function panelRows(c: Code, A: number, r: number, rowB: number, a: number[]): void {
  c.get(A).get(r).get(rowB).i32mul().i32add().set(a[0]);
  for (let k = 1; k < 4; k++)
    c.get(a[k - 1])
      .get(rowB)
      .i32add()
      .set(a[k]);
}

/** Emits: for each 4-row panel, inner products → coefficients → rank-4 update of out. */
export function kernel(kind: 'value' | 'grad' | 'hvp'): FuncDef {
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
  if (OUT >= 0) zeroBytes(c, [OUT], endB, jb);
  c.forLoop(
    r,
    () => c.i32(0),
    MP,
    4,
    () => {
      panelRows(c, A, r, rowB, a);
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
export function batchKernel(): FuncDef {
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
  zeroBytes(c, [OUT], endB, jb);
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
