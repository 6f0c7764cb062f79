/**
 * The structure of phase retrieval's Hessian, ∇²f(z) = (1/m)·Aᵀ·diag(c)·A with
 * c_r = 6(a_rᵀz)² − 2y_r (docs/theory.md §h1), as WebAssembly SIMD kernels for pr-wasm.ts:
 *
 * - `coef`: c/m at z, one pass over A (the inner products s = Az);
 * - `hvpc`: v ↦ Aᵀ(c ⊙ Av) with c fixed, one pass over A with four accumulators instead of the
 *   eight of a full HVP (which recomputes Az every time): a Lanczos run at one point forms c once;
 * - `hess`: the dense Hessian Σ_r c_r a_r a_rᵀ, upper triangle, two rows of H per pass over the
 *   4-row panel (the panel's entries are loaded once for both rows): m·d²/2 multiply-adds in
 *   one pass over A, instead of d HVPs (2·m·d² and d passes).
 *
 * Same layout as pr-wasm.ts: rows padded to an even length, the row count to a multiple of four
 * (zero rows add nothing). pr-kernels.ts's TypeScript reference is what these are tested against.
 */
import { Code, F64, I32, V128, type FuncDef } from '../../core/wasm.ts';
import { panelRows, zeroBytes } from './pr-wasm-kernels.ts';

/** c_r ← scale·(6 s_r² − 2 y_r), s = Az. params: A, y, mp, dp, z, c, scale. */
export function coefKernel(): FuncDef {
  const c = new Code(7);
  const A = 0,
    Y = 1,
    MP = 2,
    DP = 3,
    Z = 4,
    C = 5,
    SCALE = 6;
  const r = c.local(I32),
    jb = c.local(I32),
    endB = c.local(I32),
    addr = c.local(I32);
  const a = [c.local(I32), c.local(I32), c.local(I32), c.local(I32)];
  const acc = [c.local(V128), c.local(V128), c.local(V128), c.local(V128)];
  const zv = c.local(V128),
    s = c.local(F64);
  c.get(DP).i32(3).i32shl().set(endB);
  c.forLoop(
    r,
    () => c.i32(0),
    MP,
    4,
    () => {
      panelRows(c, A, r, endB, a);
      for (let k = 0; k < 4; k++) c.vzero().set(acc[k]);
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
      c.get(r).i32(3).i32shl().set(addr);
      for (let k = 0; k < 4; k++) {
        c.get(acc[k]).f64x2lane(0).get(acc[k]).f64x2lane(1).f64add().set(s);
        // c[r + k] = scale·(6 s² − 2 y)
        c.get(C).get(addr).i32add();
        c.get(SCALE)
          .f64(6)
          .get(s)
          .f64mul()
          .get(s)
          .f64mul()
          .f64(2)
          .get(Y)
          .get(addr)
          .i32add()
          .f64load(8 * k)
          .f64mul()
          .f64sub()
          .f64mul()
          .f64store(8 * k);
      }
    },
  );
  return { name: 'coef', params: [I32, I32, I32, I32, I32, I32, F64], results: [], code: c };
}

/** out ← Aᵀ(c ⊙ Av). params: A, c, mp, dp, v, out. */
export function hvpcKernel(): FuncDef {
  const c = new Code(6);
  const A = 0,
    C = 1,
    MP = 2,
    DP = 3,
    Vp = 4,
    OUT = 5;
  const r = c.local(I32),
    jb = c.local(I32),
    endB = c.local(I32),
    addr = c.local(I32);
  const a = [c.local(I32), c.local(I32), c.local(I32), c.local(I32)];
  const acc = [c.local(V128), c.local(V128), c.local(V128), c.local(V128)];
  const cv = [c.local(V128), c.local(V128), c.local(V128), c.local(V128)];
  const vv = c.local(V128);
  c.get(DP).i32(3).i32shl().set(endB);
  zeroBytes(c, [OUT], endB, jb);
  c.forLoop(
    r,
    () => c.i32(0),
    MP,
    4,
    () => {
      panelRows(c, A, r, endB, a);
      for (let k = 0; k < 4; k++) c.vzero().set(acc[k]);
      c.forLoop(
        jb,
        () => c.i32(0),
        endB,
        16,
        () => {
          c.get(Vp).get(jb).i32add().v128load().set(vv);
          for (let k = 0; k < 4; k++)
            c.get(acc[k]).get(a[k]).get(jb).i32add().v128load().get(vv).f64x2mul().f64x2add().set(acc[k]);
        },
      );
      c.get(C).get(r).i32(3).i32shl().i32add().set(addr);
      for (let k = 0; k < 4; k++)
        c.get(addr)
          .f64load(8 * k)
          .get(acc[k])
          .f64x2lane(0)
          .get(acc[k])
          .f64x2lane(1)
          .f64add()
          .f64mul()
          .f64x2splat()
          .set(cv[k]);
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
  return { name: 'hvpc', params: [I32, I32, I32, I32, I32, I32], results: [], code: c };
}

/**
 * H ← Σ_r c_r a_r a_rᵀ on and above the diagonal (dp×dp row-major; entries below it are partly
 * written and must be ignored). params: A, c, mp, dp, H.
 */
export function hessKernel(): FuncDef {
  const c = new Code(5);
  const A = 0,
    C = 1,
    MP = 2,
    DP = 3,
    H = 4;
  const r = c.local(I32),
    ib = c.local(I32),
    jb = c.local(I32),
    endB = c.local(I32),
    tot = c.local(I32),
    o0 = c.local(I32),
    o1 = c.local(I32),
    addr = c.local(I32);
  const a = [c.local(I32), c.local(I32), c.local(I32), c.local(I32)];
  const cf = [c.local(F64), c.local(F64), c.local(F64), c.local(F64)];
  const b0 = [c.local(V128), c.local(V128), c.local(V128), c.local(V128)];
  const b1 = [c.local(V128), c.local(V128), c.local(V128), c.local(V128)];
  const va = [c.local(V128), c.local(V128), c.local(V128), c.local(V128)];
  c.get(DP).i32(3).i32shl().set(endB);
  c.get(endB).get(DP).i32mul().set(tot);
  zeroBytes(c, [H], tot, jb);
  c.forLoop(
    r,
    () => c.i32(0),
    MP,
    4,
    () => {
      panelRows(c, A, r, endB, a);
      c.get(C).get(r).i32(3).i32shl().i32add().set(addr);
      for (let k = 0; k < 4; k++)
        c.get(addr)
          .f64load(8 * k)
          .set(cf[k]);
      // Rows i0 = ib/8 and i1 = i0 + 1 of H, columns from i0 on (the pair's 2×2 block included).
      c.forLoop(
        ib,
        () => c.i32(0),
        endB,
        16,
        () => {
          for (let k = 0; k < 4; k++) {
            c.get(cf[k]).get(a[k]).get(ib).i32add().f64load(0).f64mul().f64x2splat().set(b0[k]);
            c.get(cf[k]).get(a[k]).get(ib).i32add().f64load(8).f64mul().f64x2splat().set(b1[k]);
          }
          c.get(H).get(ib).get(DP).i32mul().i32add().set(o0);
          c.get(o0).get(endB).i32add().set(o1);
          c.forLoop(
            jb,
            () => c.get(ib),
            endB,
            16,
            () => {
              for (let k = 0; k < 4; k++) c.get(a[k]).get(jb).i32add().v128load().set(va[k]);
              c.get(o0).get(jb).i32add().tee(addr);
              c.get(addr).v128load();
              for (let k = 0; k < 4; k++) c.get(b0[k]).get(va[k]).f64x2mul().f64x2add();
              c.v128store();
              c.get(o1).get(jb).i32add().tee(addr);
              c.get(addr).v128load();
              for (let k = 0; k < 4; k++) c.get(b1[k]).get(va[k]).f64x2mul().f64x2add();
              c.v128store();
            },
          );
        },
      );
    },
  );
  return { name: 'hess', params: [I32, I32, I32, I32, I32], results: [], code: c };
}

/**
 * Two points' products in one pass over A: out1 ← Aᵀ(c1 ⊙ Av1), out2 ← Aᵀ(c2 ⊙ Av2), each with the
 * same operations in the same order as `hvpc` (so the same bits): A, the cost of a product here,
 * is read once for both. params: A, c1, c2, mp, dp, v1, v2, out1, out2.
 */
export function hvpc2Kernel(): FuncDef {
  const c = new Code(9);
  const A = 0,
    C1 = 1,
    C2 = 2,
    MP = 3,
    DP = 4,
    V1 = 5,
    V2 = 6,
    O1 = 7,
    O2 = 8;
  const r = c.local(I32),
    jb = c.local(I32),
    endB = c.local(I32),
    addr = c.local(I32);
  const a = [c.local(I32), c.local(I32), c.local(I32), c.local(I32)];
  const acc1 = [c.local(V128), c.local(V128), c.local(V128), c.local(V128)];
  const acc2 = [c.local(V128), c.local(V128), c.local(V128), c.local(V128)];
  const cv1 = [c.local(V128), c.local(V128), c.local(V128), c.local(V128)];
  const cv2 = [c.local(V128), c.local(V128), c.local(V128), c.local(V128)];
  const va = [c.local(V128), c.local(V128), c.local(V128), c.local(V128)];
  const v1 = c.local(V128),
    v2 = c.local(V128);
  c.get(DP).i32(3).i32shl().set(endB);
  zeroBytes(c, [O1, O2], endB, jb);
  c.forLoop(
    r,
    () => c.i32(0),
    MP,
    4,
    () => {
      panelRows(c, A, r, endB, a);
      for (let k = 0; k < 4; k++) {
        c.vzero().set(acc1[k]);
        c.vzero().set(acc2[k]);
      }
      c.forLoop(
        jb,
        () => c.i32(0),
        endB,
        16,
        () => {
          c.get(V1).get(jb).i32add().v128load().set(v1);
          c.get(V2).get(jb).i32add().v128load().set(v2);
          for (let k = 0; k < 4; k++) {
            c.get(a[k]).get(jb).i32add().v128load().set(va[k]);
            c.get(acc1[k]).get(va[k]).get(v1).f64x2mul().f64x2add().set(acc1[k]);
            c.get(acc2[k]).get(va[k]).get(v2).f64x2mul().f64x2add().set(acc2[k]);
          }
        },
      );
      for (const [C, acc, cv] of [
        [C1, acc1, cv1],
        [C2, acc2, cv2],
      ] as const) {
        c.get(C).get(r).i32(3).i32shl().i32add().set(addr);
        for (let k = 0; k < 4; k++)
          c.get(addr)
            .f64load(8 * k)
            .get(acc[k])
            .f64x2lane(0)
            .get(acc[k])
            .f64x2lane(1)
            .f64add()
            .f64mul()
            .f64x2splat()
            .set(cv[k]);
      }
      c.forLoop(
        jb,
        () => c.i32(0),
        endB,
        16,
        () => {
          for (let k = 0; k < 4; k++) c.get(a[k]).get(jb).i32add().v128load().set(va[k]);
          for (const [O, cv] of [
            [O1, cv1],
            [O2, cv2],
          ] as const) {
            c.get(O).get(jb).i32add().tee(addr);
            c.get(addr).v128load();
            for (let k = 0; k < 4; k++) c.get(cv[k]).get(va[k]).f64x2mul().f64x2add();
            c.v128store();
          }
        },
      );
    },
  );
  return { name: 'hvpc2', params: [I32, I32, I32, I32, I32, I32, I32, I32, I32], results: [], code: c };
}
