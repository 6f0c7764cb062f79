/**
 * The condition model (docs/theory.md §0.1): every condition is an inequality
 *   lhs(z) ≤ A + B·w(z),  w ≥ 0,
 * over points z = x or pairs z = (x, y). A condition says which of its named constants
 * play A and B (through a monotone map, e.g. B = 1/(2μ) for gpl), which parameters only
 * shape the statistic (α, ρ, a kernel), and how to compute lhs and w from the primitives
 * of an evaluation context, each with an absolute error bound (docs/theory.md §0.3).
 *
 * Values are `Approx`: a double, its error bound and, when the context is asked for them,
 * its gradient with respect to z (`d`), so the search can climb the statistic itself in
 * any dimension (docs/theory.md §0.2). The small algebra below (`pw`, `ratio`, `sub`, ...)
 * propagates all three.
 */
import type { ParamDef as CoreParamDef, ParamValues } from '../core/params.ts';
import type { KrylovBound } from '../core/krylov.ts';
import type { Objective } from '../objectives/objective.ts';
import type { ConditionResult, ResultBase } from './result.ts';

export const EPS = 2.220446049250313e-16;

export type { ParamValue } from '../core/params.ts';
export type Params = ParamValues;

/** A condition's parameter: the shared declaration (core/params.ts) plus its role in lhs ≤ A + B·w. */
export interface ParamDef extends CoreParamDef {
  role: 'A' | 'B' | 'shape';
}

/** Map between a named constant and its A or B coefficient (monotone). */
export interface Coef {
  param: string;
  /** constant value → coefficient */
  to(v: number): number;
  /** coefficient → constant value (Infinity allowed) */
  from(c: number): number;
  /**
   * 'smallest': an upper-type constant (L, L0, K1, ...), the tightest value is the smallest;
   * 'largest': a lower-type constant (μ, θ), the tightest value is the largest.
   */
  tight: 'smallest' | 'largest';
}

/** Gradient of a value with respect to the two halves of z (x, and y for pairs). */
export interface Tangent {
  x?: Float64Array;
  y?: Float64Array;
}

/** A value with an absolute error bound; `d` its gradient in z when asked for. */
export interface Approx {
  v: number;
  err: number;
  d?: Tangent;
  /** Set on a Hessian norm computed by Lanczos: v is a certain lower bound, this gives the interval. */
  krylov?: KrylovBound;
}

export interface Sample {
  lhs: number;
  w: number;
  /** Absolute error bounds of lhs and w. */
  lhsErr: number;
  wErr: number;
  /** Gradients of lhs and w with respect to z (the search's ascent directions), when computed. */
  dl?: Float64Array;
  dw?: Float64Array;
  /** When lhs is a Lanczos Hessian norm: its interval (lhs is the certain lower end). */
  krylov?: KrylovBound;
}

/** Which half of a pair a point primitive is evaluated at (for the gradient in z). */
export type At = 'x' | 'y';

/**
 * The primitives every condition is built from. The engine's context computes them in
 * double precision with error bounds (and gradients in z when `tangents` is on); the
 * re-check context computes the same primitives in 64-digit arithmetic where the objective
 * is symbolic, so a confirmed counterexample cannot be an artefact of cancellation.
 */
export interface EvalContext {
  n: number;
  /** When true, primitives also return their gradient in z (`Approx.d`). */
  tangents?: boolean;
  /** ‖∇f(p)‖, p the `at` half of z. */
  gradNorm(p: Float64Array, at?: At): Approx | null;
  /** ‖∇f(x) − ∇f(y)‖. */
  gradDiff(x: Float64Array, y: Float64Array): Approx | null;
  /** f(x) − f(y) − ⟨∇f(y), x − y⟩. */
  taylor(x: Float64Array, y: Float64Array): Approx | null;
  /** f(p) − f*. */
  gap(p: Float64Array, at?: At): Approx | null;
  /** ‖∇²f(p)‖ (exact, or Lanczos with its interval in `krylov`). */
  hessNorm(p: Float64Array, at?: At): Approx | null;
  /** ⟨∇f(x), x − x*⟩. */
  aim(x: Float64Array): Approx | null;
  /** ∇f(x) (a copy) with an error bound on its entries. */
  gradient(x: Float64Array): { g: Float64Array; f: number; err: number } | null;
  /** The dense Hessian (small dimensions; null above the context's limit) with an entrywise error bound. */
  hessianDense(x: Float64Array): { H: Float64Array; err: number } | null;
  /** v ↦ ∇²f(x)v, for Lanczos in high dimension. */
  hessianOp(x: Float64Array): (v: Float64Array, out: Float64Array) => void;
}

/** The families conditions are grouped by (docs and `gensmooth list`). */
export type Family = 'lipschitz' | 'l0l1' | 'descent' | 'gap' | 'anisotropic' | 'non-euclidean' | 'growth';

/** Options a condition with its own procedure receives (see ConditionDef.run). */
export interface CustomRunOptions {
  box: [number, number];
  seed: number | string;
  /** The run's special points (stationary points, the start, the minimiser). */
  special?: Float64Array[];
}

export interface ConditionDef {
  name: string;
  family: Family;
  inequality: string;
  kind: 'point' | 'pair';
  params: ParamDef[];
  A: Coef | null;
  B: Coef | null;
  needsHessian?: boolean;
  needsFstar?: boolean;
  needsXstar?: boolean;
  /** Parameters without which the condition cannot be checked or estimated (e.g. L1 setting a radius). */
  requires?: string[];
  /** Largest dimension the condition can be evaluated in (dense Hessians, sign enumeration). */
  maxDim?: number;
  /** evaluate() returns gradients in z when ctx.tangents is on (so the search can ascend). */
  tangents?: boolean;
  /** Evaluate at z (x, or x then y for pairs); null if z is outside the domain. */
  evaluate(ctx: EvalContext, z: Float64Array, shape: Params): Sample | null;
  /** The inequality's own two sides for a sample, when they differ from (lhs, A + B·w). */
  display?(s: Sample, A: number, B: number): { lhs: number; rhs: number };
  /**
   * A condition that is not a pointwise inequality runs its own procedure (the growth
   * condition on spheres); the engine calls this instead of sampling.
   */
  run?(obj: Objective, claimed: Params, opts: CustomRunOptions, base: ResultBase): ConditionResult;
  references: string;
}

export const identity = (param: string, tight: 'smallest' | 'largest' = 'smallest'): Coef => ({
  param,
  to: (v) => v,
  from: (c) => c,
  tight,
});

// ---------------------------------------------------------------------------------------
// The algebra of Approx values: value, error bound and gradient together.

/** a·u + b·v on tangents (undefined when a needed part is missing). */
function tlin(a: number, u: Tangent | undefined, b: number, v: Tangent | undefined): Tangent | undefined {
  if (!u && !v) return undefined;
  const part = (p?: Float64Array, q?: Float64Array): Float64Array | undefined => {
    if (!p && !q) return undefined;
    const len = (p ?? q)!.length;
    const out = new Float64Array(len);
    if (p) for (let i = 0; i < len; i++) out[i] += a * p[i];
    if (q) for (let i = 0; i < len; i++) out[i] += b * q[i];
    return out;
  };
  return { x: part(u?.x, v?.x), y: part(u?.y, v?.y) };
}

/** c·a. */
export function scale(a: Approx, c: number): Approx {
  return { v: c * a.v, err: Math.abs(c) * a.err + 2 * EPS * Math.abs(c * a.v), d: a.d && tlin(c, a.d, 0, undefined) };
}

/** a − b. */
export function sub(a: Approx, b: Approx): Approx {
  const v = a.v - b.v;
  return { v, err: a.err + b.err + 2 * EPS * Math.abs(v), d: a.d && b.d ? tlin(1, a.d, -1, b.d) : undefined };
}

/** a·b. */
export function mul(a: Approx, b: Approx): Approx {
  const v = a.v * b.v;
  const err = a.err * Math.abs(b.v) + Math.abs(a.v) * b.err + a.err * b.err + 2 * EPS * Math.abs(v);
  return { v, err, d: a.d && b.d ? tlin(b.v, a.d, a.v, b.d) : undefined };
}

/** a / b (b > 0). */
export function ratio(a: Approx, b: Approx): Approx {
  const v = a.v / b.v;
  const err = a.err / b.v + Math.abs(v) * (b.err / b.v) + 4 * EPS * Math.abs(v);
  return { v, err, d: a.d && b.d ? tlin(1 / b.v, a.d, -v / b.v, b.d) : undefined };
}

/** max(a, 0), for weights that rounding could push below zero (the gap). */
export function positive(a: Approx): Approx {
  return a.v > 0 ? a : { v: 0, err: a.err, d: a.d && tlin(0, a.d, 0, undefined) };
}

/** g^α with the convention 0^0 = 1 (docs/theory.md §a2 pitfalls), its error and gradient from g's. */
export function pw(g: Approx, a: number): Approx {
  if (a === 0) return { v: 1, err: 0, d: g.d && tlin(0, g.d, 0, undefined) };
  if (a === 1) return g;
  const w = Math.pow(g.v, a);
  if (g.v === 0) return { v: w, err: Math.pow(g.err, a), d: g.d && tlin(0, g.d, 0, undefined) };
  const d = g.d && tlin(a * Math.pow(g.v, a - 1), g.d, 0, undefined);
  return { v: w, err: w * Math.abs(a) * (g.err / g.v) + 4 * EPS * w, d };
}

/** ‖x − y‖ with its gradient ((x − y)/r, −(x − y)/r). */
export function distance(x: Float64Array, y: Float64Array, n: number, tangents: boolean): Approx {
  let s = 0,
    m = 0;
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  if (m > 0) for (let i = 0; i < n; i++) s += ((x[i] - y[i]) / m) ** 2;
  const r = m * Math.sqrt(s);
  if (!tangents || !(r > 0)) return { v: r, err: 4 * EPS * r };
  const dx = new Float64Array(n),
    dy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    dx[i] = (x[i] - y[i]) / r;
    dy[i] = -dx[i];
  }
  return { v: r, err: 4 * EPS * r, d: { x: dx, y: dy } };
}

/** Split a pair z = (x, y) into views. */
export function pair(z: Float64Array, n: number): { x: Float64Array; y: Float64Array } {
  return { x: z.subarray(0, n), y: z.subarray(n, 2 * n) };
}

/** ‖∇f(x) − ∇f(y)‖/‖x − y‖ with its error bound; null when x = y or outside the domain. */
export function gradDiffRatio(ctx: EvalContext, x: Float64Array, y: Float64Array): Approx | null {
  const r = distance(x, y, ctx.n, ctx.tangents === true);
  const d = r.v > 0 ? ctx.gradDiff(x, y) : null;
  return d && ratio(d, r);
}

/** Flatten a tangent to the layout of z (x, then y for pairs). */
function flat(t: Tangent | undefined, n: number, kind: 'point' | 'pair'): Float64Array | undefined {
  if (!t) return undefined;
  const out = new Float64Array(kind === 'pair' ? 2 * n : n);
  if (t.x) out.set(t.x, 0);
  if (t.y && kind === 'pair') out.set(t.y, n);
  return out;
}

/** A sample from its two sides; gradients flattened to z's layout when present. */
export function sample(lhs: Approx, w: Approx, n?: number, kind: 'point' | 'pair' = 'point'): Sample {
  const s: Sample = { lhs: lhs.v, w: w.v, lhsErr: lhs.err, wErr: w.err };
  if (lhs.krylov) s.krylov = lhs.krylov;
  if (n !== undefined && lhs.d && (w.d || (w.v === 0 && w.err === 0))) {
    s.dl = flat(lhs.d, n, kind);
    s.dw = w.d ? flat(w.d, n, kind) : new Float64Array(s.dl!.length);
  }
  return s;
}

export const ZERO: Approx = { v: 0, err: 0 };
