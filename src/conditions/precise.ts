/**
 * The re-check context for symbolic (expr:) objectives: the same primitives as the
 * double-precision context, evaluated from the symbolic value, gradient and
 * Hessian in 64-digit decimal arithmetic (mathjs BigNumber). Points are converted
 * from doubles exactly (every double is a finite decimal), so differences such as
 * f(x) − f*, ∇f(x) − ∇f(y) and Taylor residuals carry no cancellation error; only
 * the final rounding to double remains, which the error bounds state.
 */
import type { BigNumber, EvalFunction, MathNode } from 'mathjs';
import { bigMath } from '../core/mathjs.ts';
import { symNorm } from '../core/eig.ts';
import type { SymbolicForm } from '../objectives/objective.ts';
import { EPS, type Approx, type EvalContext } from './model.ts';

/** The exact decimal expansion of a double. */
export function exactDecimal(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 2 ** 53) return String(x);
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  const sign = bits >> 63n ? '-' : '';
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let e: number;
  if (expBits === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = expBits - 1075;
  }
  if (e >= 0) return sign + (mant << BigInt(e)).toString();
  // mant · 2^e = mant · 5^(−e) / 10^(−e)
  const k = -e;
  const digits = (mant * 5n ** BigInt(k)).toString().padStart(k + 1, '0');
  const intPart = digits.slice(0, digits.length - k);
  const frac = digits.slice(digits.length - k).replace(/0+$/, '');
  return sign + intPart + (frac ? '.' + frac : '');
}

type B = BigNumber;

export function preciseContext(sym: SymbolicForm, fstar: number, xstar: Float64Array | null): EvalContext {
  const big = bigMath();
  const n = sym.variables.length;
  // Function calls shared by f, ∇f and ∇²f (sin x1 in f and again in ∂²f/∂x1²; exp of the same
  // argument in every entry): each is evaluated once per point and read by name, from the same
  // subtree, so every number is the one evaluating each tree whole gives (test/conditions/precise.test.ts).
  const calls: { name: string; fn: EvalFunction }[] = [];
  const named = new Map<string, string>();
  const lift = (node: MathNode): MathNode => {
    const inner = node.map((c) => lift(c));
    if (inner.type !== 'FunctionNode') return inner;
    const key = inner.toString();
    let name = named.get(key);
    if (name === undefined) {
      name = `shared_call_${named.size}`;
      named.set(key, name);
      calls.push({ name, fn: inner.compile() });
    }
    return new big.SymbolNode(name);
  };
  const compile = (s: string): EvalFunction => lift(big.parse(s)).compile();
  const fC = compile(sym.value);
  const gC = sym.gradient.map(compile);
  let hC: EvalFunction[][] | null = null;
  const scope = (x: Float64Array) => {
    const sc: Record<string, B> = {};
    for (let i = 0; i < n; i++) sc[sym.variables[i]] = big.bignumber(exactDecimal(x[i]));
    // A shared call on first use (the Hessian's are registered only when it is first compiled).
    for (const c of calls) defineShared(sc, c);
    return sc;
  };
  const defineShared = (sc: Record<string, B>, c: { name: string; fn: EvalFunction }) => {
    let v: B | undefined;
    Object.defineProperty(sc, c.name, {
      enumerable: true,
      configurable: true,
      get: () => (v ??= c.fn.evaluate(sc) as B),
    });
  };
  const asBig = (v: unknown): B | null => {
    if (big.isBigNumber(v) && (v as B).isFinite()) return v as B;
    return null;
  };
  // f and ∇f at the last few points: a pair statistic asks for the same point's value and gradient
  // several times (definedness, ‖∇f(x) − ∇f(y)‖, then ‖∇f(y)‖), and 64-digit evaluation is the
  // costly part of a re-check. The same numbers, computed once. (String(v) tells every double
  // apart except −0 and 0, whose exact decimals are the same.)
  interface Memo {
    sc: Record<string, B>;
    f?: B | null;
    g?: B[] | null;
  }
  const memo = new Map<string, Memo>();
  const at = (x: Float64Array): Memo => {
    const key = x.join(',');
    let m = memo.get(key);
    if (!m) {
      if (memo.size >= 8) memo.clear();
      m = { sc: scope(x) };
      memo.set(key, m);
    }
    return m;
  };
  const evalF = (x: Float64Array): B | null => {
    const m = at(x);
    if (m.f === undefined) {
      try {
        m.f = asBig(fC.evaluate(m.sc));
      } catch {
        m.f = null;
      }
    }
    return m.f;
  };
  const evalG = (x: Float64Array): B[] | null => {
    const m = at(x);
    if (m.g !== undefined) return m.g;
    m.g = null;
    try {
      const out: B[] = [];
      for (const c of gC) {
        const v = asBig(c.evaluate(m.sc));
        if (!v) return null;
        out.push(v);
      }
      m.g = out;
    } catch {
      m.g = null;
    }
    return m.g;
  };
  /**
   * Defined only where the value is, as in the double context (whose grad() returns f): a point
   * where f is undefined is outside the objective's domain even where its derivatives' formulas
   * are finite (log x at x = −1).
   */
  const defined = (x: Float64Array) => evalF(x) !== null;
  const norm = (v: B[]): B => big.sqrt(v.reduce((s, t) => big.add(s, big.multiply(t, t)) as B, big.bignumber(0))) as B;
  const approx = (v: B): Approx => {
    const d = big.number(v) as unknown as number;
    return { v: d, err: 2 * EPS * Math.abs(d) + 1e-300 };
  };
  const fs = big.bignumber(exactDecimal(fstar));
  /** Hessian entries evaluated in 64 digits, rounded once to double. */
  const hessianAt = (x: Float64Array): Float64Array | null => {
    if (!hC) {
      const before = calls.length;
      hC = sym.hessian.map((row, i) => row.map((t, j) => (j < i ? null : compile(t)))) as EvalFunction[][];
      // Scopes made before the Hessian was compiled learn its new shared calls.
      for (const m of memo.values()) for (const c of calls.slice(before)) defineShared(m.sc, c);
    }
    try {
      const sc = at(x).sc;
      const H = new Float64Array(n * n);
      // The symbolic Hessian is symmetric by construction (expr.ts mirrors its trees): the upper
      // triangle, mirrored, is the same numbers as every entry.
      for (let i = 0; i < n; i++)
        for (let j = i; j < n; j++) {
          const v = asBig(hC[i][j].evaluate(sc));
          if (!v) return null;
          H[i * n + j] = H[j * n + i] = big.number(v) as unknown as number;
        }
      return H;
    } catch {
      return null;
    }
  };
  return {
    n,
    gradNorm(x) {
      const g = defined(x) ? evalG(x) : null;
      return g && approx(norm(g));
    },
    gradDiff(x, y) {
      const gx = defined(x) && defined(y) ? evalG(x) : null,
        gy = gx && evalG(y);
      return gx && gy && approx(norm(gx.map((v, i) => big.subtract(v, gy[i]) as B)));
    },
    taylor(x, y) {
      const fx = evalF(x),
        fy = evalF(y),
        gy = evalG(y);
      if (!fx || !fy || !gy) return null;
      let s = big.subtract(fx, fy) as B;
      for (let i = 0; i < n; i++)
        s = big.subtract(
          s,
          big.multiply(gy[i], big.subtract(big.bignumber(exactDecimal(x[i])), big.bignumber(exactDecimal(y[i])))),
        ) as B;
      return approx(s);
    },
    gap(x) {
      const f = evalF(x);
      return f && approx(big.subtract(f, fs) as B);
    },
    hessNorm(x) {
      const H = defined(x) ? hessianAt(x) : null;
      if (!H) return null;
      const nm = symNorm(H, n);
      return { v: nm, err: 16 * n * EPS * nm + 1e-300 };
    },
    gradient(x) {
      const g = evalG(x),
        f = evalF(x);
      if (!g || !f) return null;
      const gd = Float64Array.from(g, (v) => big.number(v) as unknown as number);
      let m = 0;
      for (const v of gd) m = Math.max(m, Math.abs(v));
      return { g: gd, f: big.number(f) as unknown as number, err: 2 * EPS * m + 1e-300 };
    },
    hessianDense(x) {
      const H = defined(x) ? hessianAt(x) : null;
      if (!H) return null;
      let m = 0;
      for (const v of H) m = Math.max(m, Math.abs(v));
      return { H, err: 2 * EPS * m + 1e-300 };
    },
    hessianOp(x) {
      const H = hessianAt(x);
      return (v, out) => {
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += (H ? H[i * n + j] : NaN) * v[j];
          out[i] = s;
        }
      };
    },
    aim(x) {
      if (!xstar) return null;
      const g = defined(x) ? evalG(x) : null;
      if (!g) return null;
      let s = big.bignumber(0) as B;
      for (let i = 0; i < n; i++)
        s = big.add(
          s,
          big.multiply(g[i], big.subtract(big.bignumber(exactDecimal(x[i])), big.bignumber(exactDecimal(xstar[i])))),
        ) as B;
      return approx(s);
    },
  };
}
