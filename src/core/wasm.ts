/**
 * A minimal WebAssembly assembler: enough to emit small numeric kernels (i32
 * address arithmetic, f64 scalars, f64x2 SIMD, structured loops) as a binary module
 * from TypeScript source, so the project ships no prebuilt binary and needs no tool
 * beyond Node. Kernels that use it keep a plain TypeScript reference path.
 */

export const I32 = 0x7f,
  F64 = 0x7c,
  V128 = 0x7b;
type ValType = typeof I32 | typeof F64 | typeof V128;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const f64bytes = (x: number): number[] => Array.from(new Uint8Array(new Float64Array([x]).buffer));
const str = (s: string): number[] => [...uleb(s.length), ...Array.from(new TextEncoder().encode(s))];
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

/** Instruction builder for one function body. Locals are declared up front by type. */
export class Code {
  readonly bytes: number[] = [];
  private locals: ValType[] = [];
  constructor(private readonly nParams: number) {}

  /** Declare a local; returns its index. */
  local(t: ValType): number {
    this.locals.push(t);
    return this.nParams + this.locals.length - 1;
  }
  private op(...b: number[]): this {
    this.bytes.push(...b);
    return this;
  }
  get(i: number) {
    return this.op(0x20, ...uleb(i));
  }
  set(i: number) {
    return this.op(0x21, ...uleb(i));
  }
  tee(i: number) {
    return this.op(0x22, ...uleb(i));
  }
  i32(c: number) {
    return this.op(0x41, ...sleb(c));
  }
  f64(c: number) {
    return this.op(0x44, ...f64bytes(c));
  }
  i32add() {
    return this.op(0x6a);
  }
  i32sub() {
    return this.op(0x6b);
  }
  i32mul() {
    return this.op(0x6c);
  }
  i32shl() {
    return this.op(0x74);
  }
  i32ltu() {
    return this.op(0x49);
  }
  i32eqz() {
    return this.op(0x45);
  }
  f64add() {
    return this.op(0xa0);
  }
  f64sub() {
    return this.op(0xa1);
  }
  f64mul() {
    return this.op(0xa2);
  }
  f64div() {
    return this.op(0xa3);
  }
  i32load(offset = 0) {
    return this.op(0x28, 2, ...uleb(offset));
  }
  f64load(offset = 0) {
    return this.op(0x2b, 3, ...uleb(offset));
  }
  f64store(offset = 0) {
    return this.op(0x39, 3, ...uleb(offset));
  }
  private simd(code: number, ...rest: number[]) {
    return this.op(0xfd, ...uleb(code), ...rest);
  }
  v128load(offset = 0) {
    return this.simd(0x00, 4, ...uleb(offset));
  }
  v128store(offset = 0) {
    return this.simd(0x0b, 4, ...uleb(offset));
  }
  f64x2splat() {
    return this.simd(0x14);
  }
  f64x2lane(l: 0 | 1) {
    return this.simd(0x21, l);
  }
  f64x2add() {
    return this.simd(0xf0);
  }
  f64x2mul() {
    return this.simd(0xf2);
  }
  /** v128 zero via f64x2.splat(0). */
  vzero() {
    return this.f64(0).f64x2splat();
  }
  /** for (i = start; i < end; i += step) body — i and end are locals; step a constant. */
  forLoop(i: number, startFn: () => void, end: number, step: number, body: () => void) {
    startFn();
    this.set(i);
    this.op(0x02, 0x40); // block
    this.get(i).get(end).op(0x4f).op(0x0d, 0); // i >= end (i32.ge_u) → br_if 0 (exit)
    this.op(0x03, 0x40); // loop
    body();
    this.get(i).i32(step).i32add().tee(i).get(end).i32ltu().op(0x0d, 0); // continue while i < end
    this.op(0x0b, 0x0b); // end loop, end block
    return this;
  }
  /** The encoded body with its local declarations. */
  encode(): number[] {
    const groups: number[][] = [];
    for (const t of this.locals) groups.push([1, t]);
    const body = [...vec(groups), ...this.bytes, 0x0b];
    return [...uleb(body.length), ...body];
  }
}

export interface FuncDef {
  name: string;
  params: ValType[];
  results: ValType[];
  code: Code;
}

/** A module with one exported memory ("memory", `pages` initial 64 KiB pages) and the given exported functions. */
export function assemble(funcs: FuncDef[], pages: number): Uint8Array {
  const types = funcs.map((f) => [0x60, ...vec(f.params.map((p) => [p])), ...vec(f.results.map((r) => [r]))]);
  const bytes = [
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec(types)),
    ...section(3, vec(funcs.map((_, i) => uleb(i)))),
    ...section(5, vec([[0x00, ...uleb(pages)]])),
    ...section(7, vec([[...str('memory'), 0x02, 0x00], ...funcs.map((f, i) => [...str(f.name), 0x00, ...uleb(i)])])),
    ...section(10, vec(funcs.map((f) => f.code.encode()))),
  ];
  return new Uint8Array(bytes);
}

/** Whether this engine runs WebAssembly SIMD (probed once with a tiny module). */
let simdOk: boolean | null = null;
export function wasmSimdAvailable(): boolean {
  if (simdOk === null) {
    try {
      const c = new Code(0);
      c.vzero().f64x2lane(0);
      simdOk = WebAssembly.validate(assemble([{ name: 'probe', params: [], results: [F64], code: c }], 1));
    } catch {
      simdOk = false;
    }
  }
  return simdOk;
}
