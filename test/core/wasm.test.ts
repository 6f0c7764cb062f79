/**
 * The WebAssembly assembler (core/wasm.ts): modules it emits validate and compute what their
 * instructions say, including multi-byte LEB128 immediates, loops, memory and f64x2 SIMD.
 */
import { describe, expect, it } from 'vitest';
import { assemble, Code, F64, I32, V128, wasmSimdAvailable, type FuncDef } from '../../src/core/wasm.ts';

type Fn = (...a: number[]) => number;
function instantiate(funcs: FuncDef[], pages = 1): { exports: Record<string, Fn>; memory: WebAssembly.Memory } {
  const bytes = assemble(funcs, pages);
  expect(WebAssembly.validate(bytes)).toBe(true);
  const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  const e = inst.exports as Record<string, unknown>;
  return { exports: e as Record<string, Fn>, memory: e.memory as WebAssembly.Memory };
}

describe('assemble', () => {
  it('emits the magic number and version, and exports memory of the requested size', () => {
    const c = new Code(0).f64(0);
    const bytes = assemble([{ name: 'z', params: [], results: [F64], code: c }], 3);
    expect([...bytes.slice(0, 8)]).toEqual([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    const { memory } = instantiate([{ name: 'z', params: [], results: [F64], code: new Code(0).f64(0) }], 3);
    expect(memory.buffer.byteLength).toBe(3 * 65536);
  });

  it('scalar f64 arithmetic: (a·b − c)/d + 1.5', () => {
    const c = new Code(4);
    c.get(0).get(1).f64mul().get(2).f64sub().get(3).f64div().f64(1.5).f64add();
    const { exports } = instantiate([{ name: 'f', params: [F64, F64, F64, F64], results: [F64], code: c }]);
    expect(exports.f(3, 4, 2, 5)).toBe(3.5);
    expect(exports.f(0.1, 0.2, 0, 1)).toBe(0.1 * 0.2 + 1.5);
  });

  it('i32 constants of every LEB128 length, signed, and i32 arithmetic', () => {
    const consts = [0, 1, -1, 63, 64, -64, -65, 300, -300, 123456789, -2147483648, 2147483647];
    const funcs: FuncDef[] = consts.map((k, i) => ({
      name: `k${i}`,
      params: [],
      results: [I32],
      code: new Code(0).i32(k),
    }));
    const ar = new Code(2);
    ar.get(0).get(1).i32mul().i32(3).i32shl().get(1).i32sub().i32(7).i32add(); // ((a·b) << 3) − b + 7
    funcs.push({ name: 'ar', params: [I32, I32], results: [I32], code: ar });
    const { exports } = instantiate(funcs);
    consts.forEach((k, i) => expect(exports[`k${i}`]()).toBe(k));
    expect(exports.ar(5, 6)).toBe(((5 * 6) << 3) - 6 + 7);
    expect(exports.ar(-2, 9)).toBe(((-2 * 9) << 3) - 9 + 7);
  });

  it('locals past index 127 (a two-byte index) keep their values', () => {
    const c = new Code(1);
    let last = 0;
    for (let k = 0; k < 140; k++) last = c.local(F64);
    expect(last).toBe(140);
    c.get(0).f64(2).f64mul().set(last).get(last).get(last).f64add();
    const { exports } = instantiate([{ name: 'f', params: [F64], results: [F64], code: c }]);
    expect(exports.f(1.25)).toBe(5);
  });

  it('a loop over memory sums an f64 array (forLoop, f64load, tee, ltu), and an empty range runs no body', () => {
    // sum(p, n): Σ mem[p + 8i], i < n
    const c = new Code(2);
    const i = c.local(I32),
      s = c.local(F64),
      end = 1;
    c.forLoop(
      i,
      () => c.i32(0),
      end,
      1,
      () => {
        c.get(s).get(0).get(i).i32(3).i32shl().i32add().f64load().f64add().set(s);
      },
    );
    c.get(s);
    // store(p, x): mem[p] = x
    const st = new Code(2);
    st.get(0).get(1).f64store(8);
    const { exports, memory } = instantiate([
      { name: 'sum', params: [I32, I32], results: [F64], code: c },
      { name: 'store', params: [I32, F64], results: [], code: st },
    ]);
    const a = new Float64Array(memory.buffer, 64, 10);
    for (let k = 0; k < 10; k++) a[k] = k + 0.5;
    expect(exports.sum(64, 10)).toBe(50);
    expect(exports.sum(64, 0)).toBe(0);
    expect(exports.sum(72, 3)).toBe(1.5 + 2.5 + 3.5);
    exports.store(64, -7); // the offset immediate: writes mem[72]
    expect(a[1]).toBe(-7);
  });

  it.skipIf(!wasmSimdAvailable())('f64x2 SIMD: a dot product two lanes at a time equals the scalar one', () => {
    // dot(p, q, n) for even n: acc += v128(p) * v128(q), then lane 0 + lane 1.
    const c = new Code(3);
    const i = c.local(I32),
      acc = c.local(V128);
    c.vzero().set(acc);
    c.forLoop(
      i,
      () => c.i32(0),
      2,
      2,
      () => {
        c.get(acc)
          .get(0)
          .get(i)
          .i32(3)
          .i32shl()
          .i32add()
          .v128load()
          .get(1)
          .get(i)
          .i32(3)
          .i32shl()
          .i32add()
          .v128load()
          .f64x2mul()
          .f64x2add()
          .set(acc);
      },
    );
    c.get(acc).f64x2lane(0).get(acc).f64x2lane(1).f64add();
    // splat(x) stored at p: both lanes x.
    const sp = new Code(2);
    sp.get(0).get(1).f64x2splat().v128store();
    const { exports, memory } = instantiate([
      { name: 'dot', params: [I32, I32, I32], results: [F64], code: c },
      { name: 'splat', params: [I32, F64], results: [], code: sp },
    ]);
    const n = 8;
    const p = new Float64Array(memory.buffer, 0, n),
      q = new Float64Array(memory.buffer, 8 * n, n);
    let ref = 0;
    for (let k = 0; k < n; k++) {
      p[k] = k - 3.25;
      q[k] = 1 / (k + 1);
      ref += p[k] * q[k];
    }
    expect(exports.dot(0, 8 * n, n)).toBeCloseTo(ref, 14);
    exports.splat(0, 2.5);
    expect([p[0], p[1], p[2]]).toEqual([2.5, 2.5, -1.25]);
  });

  it('Node 20 runs WebAssembly SIMD (the probe says so)', () => {
    expect(wasmSimdAvailable()).toBe(true);
  });
});
