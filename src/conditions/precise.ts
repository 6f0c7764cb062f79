/**
 * The re-check context for symbolic (expr:) objectives: the same primitives as the
 * double-precision context, evaluated from the symbolic value, gradient and
 * Hessian in 64-digit decimal arithmetic (mathjs BigNumber). Points are converted
 * from doubles exactly (every double is a finite decimal), so differences such as
 * f(x) − f*, ∇f(x) − ∇f(y) and Taylor residuals carry no cancellation error; only
 * the final rounding to double remains, which the error bounds state.
 */
import type { BigNumber, EvalFunction } from 'mathjs';
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
  const compile = (s: string): EvalFunction => big.compile(s);
  const fC = compile(sym.value);
  const gC = sym.gradient.map(compile);
  let hC: EvalFunction[][] | null = null;
  const scope = (x: Float64Array) => {
    const sc: Record<string, B> = {};
    for (let i = 0; i < n; i++) sc[sym.variables[i]] = big.bignumber(exactDecimal(x[i]));
    return sc;
  };
  const asBig = (v: unknown): B | null => {
    if (big.isBigNumber(v) && (v as B).isFinite()) return v as B;
    return null;
  };
  const evalF = (x: Float64Array): B | null => {
    try {
      return asBig(fC.evaluate(scope(x)));
    } catch {
      return null;
    }
  };
  const evalG = (x: Float64Array): B[] | null => {
    try {
      const sc = scope(x);
      const out: B[] = [];
      for (const c of gC) {
        const v = asBig(c.evaluate(sc));
        if (!v) return null;
        out.push(v);
      }
      return out;
    } catch {
      return null;
    }
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
    if (!hC) hC = sym.hessian.map((row) => row.map(compile));
    try {
      const sc = scope(x);
      const H = new Float64Array(n * n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          const v = asBig(hC[i][j].evaluate(sc));
          if (!v) return null;
          H[i * n + j] = big.number(v) as unknown as number;
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
