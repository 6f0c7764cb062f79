/**
 * The objective model every layer shares: value, gradient into a caller's buffer,
 * optional Hessian-vector product and dense Hessian, optional finite-sum structure,
 * optional known f*, minimiser and start.
 */
import { ObjectiveError, fmtPoint } from '../errors.ts';
import type { ParamDef, ParamValues } from '../core/params.ts';
import type { Vec } from '../core/vec.ts';

/** F = (1/n) Σ f_i: what stochastic methods sample from. */
export interface FiniteSum {
  /** Number of samples. */
  n: number;
  /**
   * Mean gradient over the first `count` indices of `idx`, written into out;
   * returns the mean of the sampled f_i.
   */
  batchGrad(idx: ArrayLike<number>, count: number, x: Vec, out: Vec): number;
  /** f_i(x) and ∇f_i(x) for a single sample (out may be omitted for the value only). */
  sampleGrad(i: number, x: Vec, out: Vec): number;
}

export interface Objective {
  /** As named on the command line (builtin:..., expr:..., a path). */
  name: string;
  dim: number;
  value(x: Vec): number;
  /** Writes ∇f(x) into out and returns f(x). */
  grad(x: Vec, out: Vec): number;
  /** Writes ∇²f(x)·v into out. */
  hvp?(x: Vec, v: Vec, out: Vec): void;
  /** Writes the dense row-major n×n Hessian into out (small dimensions). */
  hessian?(x: Vec, out: Vec): void;
  /**
   * The Hessian at x as an operator v ↦ ∇²f(x)v, for objectives whose products at one point share
   * work (phase retrieval forms its coefficients once): what a Lanczos run at x uses. The operator
   * stays valid after other calls; it must agree with hvp(x, ·).
   */
  hessianAt?(x: Vec): (v: Vec, out: Vec) => void;
  /**
   * The Hessians at several points as one operator: products for the points `which` (indices into
   * xs), vs[i] ↦ outs[i], all at once (phase retrieval reads its data once for two points). Each
   * product must equal hessianAt(xs[which[i]]) applied to vs[i], to the bit.
   */
  hessianAtMany?(xs: Vec[]): (vs: Vec[], outs: Vec[], which: number[]) => void;
  /**
   * The Taylor residual f(x) − f(y) − ⟨∇f(y), x − y⟩ with an absolute error bound, computed without
   * cancelling its first-order terms (a built-in that knows its structure); else the checks integrate
   * gradient differences along the segment.
   */
  taylor?(x: Vec, y: Vec): { value: number; err: number };
  finiteSum?: FiniteSum;
  /** The known infimum, when it is known exactly. */
  fstar?: number;
  /** A known minimiser. */
  xstar?: Vec;
  /** The default start of an optimizer run. */
  x0?: Vec;
  /**
   * 'C2' (default): twice continuously differentiable where defined.
   * 'C1': gradient continuous, Hessian only piecewise (kinks); Hessian-form
   * conditions are evaluated away from kinks only.
   */
  smoothness?: 'C1' | 'C2';
  /** Plain statements about the instance (synthetic data, smoothness caveats, ...). */
  notes?: string[];
  /** Symbolic form (expr: objectives), used for high-precision re-checks. */
  symbolic?: SymbolicForm;
}

/** Strings of mathjs expressions for value, gradient and Hessian, in variables x1..xn. */
export interface SymbolicForm {
  variables: string[];
  value: string;
  gradient: string[];
  /** Symmetric: entry [j][i] is entry [i][j] (the re-check evaluates the upper triangle). */
  hessian: string[][];
}

/** Parameter of a built-in: the shared declaration (core/params.ts), always with a default. */
export interface ParamSpec extends ParamDef {
  default: number | string;
}

export type { ParamValues };

export interface BuiltinDef {
  name: string;
  doc: string;
  params: ParamSpec[];
  make(p: ParamValues): Objective;
}

/**
 * Wrap a user-supplied objective so every call is checked for shape and for
 * exceptions: a throw becomes an ObjectiveError naming the point, and a gradient
 * that writes the wrong length is caught. Non-finite values pass through: the
 * callers decide whether a point is outside the domain or the objective is broken.
 */
export function guarded(obj: Objective): Objective {
  const n = obj.dim;
  const wrap = <T>(what: string, x: Vec, fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ObjectiveError) throw e;
      const msg = e instanceof Error ? e.message : String(e);
      throw new ObjectiveError(`${obj.name}: ${what} threw at x = ${fmtPoint(x)}: ${msg}`);
    }
  };
  const out: Objective = {
    ...obj,
    value: (x) => wrap('value', x, () => Number(obj.value(x))),
    grad: (x, g) =>
      wrap('gradient', x, () => {
        const r = obj.grad(x, g);
        if (g.length !== n)
          throw new ObjectiveError(`${obj.name}: gradient buffer has length ${g.length}, expected ${n}`);
        return typeof r === 'number' ? r : Number(obj.value(x));
      }),
  };
  if (obj.hvp) {
    const h = obj.hvp.bind(obj);
    out.hvp = (x, v, o) => wrap('Hessian-vector product', x, () => h(x, v, o));
  }
  if (obj.hessian) {
    const h = obj.hessian.bind(obj);
    out.hessian = (x, o) => wrap('Hessian', x, () => h(x, o));
  }
  if (obj.taylor) {
    const t = obj.taylor.bind(obj);
    out.taylor = (x, y) => wrap('Taylor residual', x, () => t(x, y));
  }
  if (obj.hessianAt) {
    const at = obj.hessianAt.bind(obj);
    out.hessianAt = (x) => {
      const op = wrap('Hessian', x, () => at(x));
      return (v, o) => wrap('Hessian-vector product', x, () => op(v, o));
    };
  }
  return out;
}

/**
 * Hessian-vector product for any objective: its own when it has one, else a
 * central difference of gradients with h ≈ eps^(1/3)·(1 + ‖x‖) (docs/theory.md §0.3).
 * The returned function owns its scratch buffers.
 */
export function hvpOf(obj: Objective): (x: Vec, v: Vec, out: Vec) => void {
  if (obj.hvp) return obj.hvp.bind(obj);
  const n = obj.dim;
  const xp = new Float64Array(n),
    gp = new Float64Array(n),
    gm = new Float64Array(n);
  return (x, v, out) => {
    let xn = 0,
      vn = 0;
    for (let i = 0; i < n; i++) {
      xn += x[i] * x[i];
      vn += v[i] * v[i];
    }
    vn = Math.sqrt(vn);
    if (vn === 0) {
      out.fill(0);
      return;
    }
    const h = (6e-6 * (1 + Math.sqrt(xn))) / vn;
    for (let i = 0; i < n; i++) xp[i] = x[i] + h * v[i];
    obj.grad(xp, gp);
    for (let i = 0; i < n; i++) xp[i] = x[i] - h * v[i];
    obj.grad(xp, gm);
    for (let i = 0; i < n; i++) out[i] = (gp[i] - gm[i]) / (2 * h);
  };
}

/** Dense Hessian from the objective's own, else from n Hessian-vector products (symmetrised). */
export function denseHessian(obj: Objective, x: Vec, out: Vec): void {
  const n = obj.dim;
  if (obj.hessian) {
    obj.hessian(x, out);
    return;
  }
  const hv = hvpOf(obj);
  const e = new Float64Array(n),
    col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    hv(x, e, col);
    for (let i = 0; i < n; i++) out[i * n + j] = col[i];
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = 0.5 * (out[i * n + j] + out[j * n + i]);
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
}
