/**
 * The conditions of the contract's table, each in the linear-in-constants form of
 * theory.md §0.1:  lhs(z) ≤ A + B·w(z),  w ≥ 0,  z a point or a pair (x, y).
 * A condition says which parameters play A and B (through a monotone map, e.g.
 * B = 1/(2μ) for gpl), which are shape parameters (α, ρ), and how to compute
 * lhs and w with an absolute error bound for each (theory.md §0.3).
 */
import type { ParamDef as CoreParamDef, ParamValues } from '../core/params.ts';
import { dist } from '../core/vec.ts';

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
  /** 'smallest': the tightest value is the smallest (L, L0, ...); 'largest' for μ, θ. */
  tight: 'smallest' | 'largest';
}

export interface Sample {
  lhs: number;
  w: number;
  /** Absolute error bounds of lhs and w. */
  lhsErr: number;
  wErr: number;
}

/** A value with an absolute error bound; null means "outside the domain". */
export interface Approx {
  v: number;
  err: number;
}

/**
 * The primitives every condition is built from. The engine's context computes them
 * in double precision with error bounds (theory.md §0.3); the re-check context
 * computes the same primitives in 64-digit arithmetic where the objective is
 * symbolic, so a confirmed counterexample cannot be an artefact of cancellation.
 */
export interface EvalContext {
  n: number;
  /** ‖∇f(x)‖. */
  gradNorm(x: Float64Array): Approx | null;
  /** ‖∇f(x) − ∇f(y)‖. */
  gradDiff(x: Float64Array, y: Float64Array): Approx | null;
  /** f(x) − f(y) − ⟨∇f(y), x − y⟩. */
  taylor(x: Float64Array, y: Float64Array): Approx | null;
  /** f(x) − f*. */
  gap(x: Float64Array): Approx | null;
  /** ‖∇²f(x)‖ (exact, or a Lanczos lower bound in high dimension). */
  hessNorm(x: Float64Array): Approx | null;
  /** ⟨∇f(x), x − x*⟩. */
  aim(x: Float64Array): Approx | null;
  /** ∇f(x) (a copy) with an error bound on its entries. */
  gradient(x: Float64Array): { g: Float64Array; f: number; err: number } | null;
  /** The dense Hessian (small dimensions; null above the context's limit) with an entrywise error bound. */
  hessianDense(x: Float64Array): { H: Float64Array; err: number } | null;
  /** v ↦ ∇²f(x)v, for Lanczos in high dimension. */
  hessianOp(x: Float64Array): (v: Float64Array, out: Float64Array) => void;
}

export interface ConditionDef {
  name: string;
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
  /** Evaluate at z (x, or x then y for pairs); null if z is outside the domain. */
  evaluate(ctx: EvalContext, z: Float64Array, shape: Params): Sample | null;
  /** The inequality's own two sides for a sample, when they differ from (lhs, A + B·w). */
  display?(s: Sample, A: number, B: number): { lhs: number; rhs: number };
  references: string;
}

export const identity = (param: string, tight: 'smallest' | 'largest' = 'smallest'): Coef => ({
  param,
  to: (v) => v,
  from: (c) => c,
  tight,
});

/** g^α with the convention 0^0 = 1 (theory.md §a2 pitfalls), and its error from g's. */
export function pw(g: Approx, a: number): Approx {
  if (a === 0) return { v: 1, err: 0 };
  const w = Math.pow(g.v, a);
  if (g.v === 0) return { v: w, err: Math.pow(g.err, a) };
  return { v: w, err: w * Math.abs(a) * (g.err / g.v) + 4 * EPS * w };
}

/** Split a pair z = (x, y) into views. */
export function pair(z: Float64Array, n: number): { x: Float64Array; y: Float64Array } {
  return { x: z.subarray(0, n), y: z.subarray(n, 2 * n) };
}

/** ‖∇f(x) − ∇f(y)‖/‖x − y‖ with its error bound; null when x = y or outside the domain. */
export function gradDiffRatio(ctx: EvalContext, x: Float64Array, y: Float64Array): Approx | null {
  const r = dist(x, y, ctx.n);
  const d = r > 0 ? ctx.gradDiff(x, y) : null;
  return d && { v: d.v / r, err: d.err / r + 4 * EPS * (d.v / r) };
}

export const sample = (lhs: Approx, w: Approx): Sample => ({ lhs: lhs.v, w: w.v, lhsErr: lhs.err, wErr: w.err });
export const ZERO: Approx = { v: 0, err: 0 };

export const l0l1Params = (): ParamDef[] => [
  { name: 'L0', doc: 'constant term', role: 'A', min: 0 },
  { name: 'L1', doc: 'gradient-norm coefficient', role: 'B', min: 0 },
  { name: 'alpha', doc: 'exponent of the gradient norm', role: 'shape', default: 1, min: 0 },
];

/** The contract's table (contract.md); more conditions live in extra.ts and registry.ts. */
export const CONTRACT_CONDITIONS: ConditionDef[] = [
  {
    name: 'lsmooth',
    inequality: '‖∇f(x) − ∇f(y)‖ ≤ L‖x − y‖',
    kind: 'pair',
    params: [{ name: 'L', doc: 'Lipschitz constant of the gradient', role: 'A', min: 0 }],
    A: identity('L'),
    B: null,
    evaluate(ctx, z) {
      const { x, y } = pair(z, ctx.n);
      const q = gradDiffRatio(ctx, x, y);
      return q && sample(q, ZERO);
    },
    references: 'standard L-smoothness',
  },
  {
    name: 'l0l1',
    inequality: '‖∇²f(x)‖ ≤ L0 + L1·‖∇f(x)‖^alpha (Hessian form)',
    kind: 'point',
    params: l0l1Params(),
    A: identity('L0'),
    B: identity('L1'),
    needsHessian: true,
    evaluate(ctx, x, s) {
      const h = ctx.hessNorm(x);
      const g = h && ctx.gradNorm(x);
      return h && g && sample(h, pw(g, s.alpha as number));
    },
    references: 'Zhang, He, Sra, Jadbabaie (ICLR 2020); α-form Chen et al. (ICML 2023); theory.md §a1–a2',
  },
  {
    name: 'l0l1-alpha',
    inequality: '‖∇f(x) − ∇f(y)‖ ≤ (L0 + L1·‖∇f(y)‖^alpha)·‖x − y‖ (asymmetric, I-NSGD eq. 2)',
    kind: 'pair',
    params: l0l1Params(),
    A: identity('L0'),
    B: identity('L1'),
    evaluate(ctx, z, s) {
      const { x, y } = pair(z, ctx.n);
      const q = gradDiffRatio(ctx, x, y);
      const g = q && ctx.gradNorm(y);
      return q && g && sample(q, pw(g, s.alpha as number));
    },
    references: 'I-NSGD paper eq. (2); Chen et al. (ICML 2023); theory.md §a2',
  },
  {
    name: 'descent',
    inequality: 'f(x) ≤ f(y) + ⟨∇f(y), x − y⟩ + ½(L0 + L1·‖∇f(y)‖^alpha)‖x − y‖² (I-NSGD Lemma 1)',
    kind: 'pair',
    params: l0l1Params(),
    A: identity('L0'),
    B: identity('L1'),
    evaluate(ctx, z, s) {
      const { x, y } = pair(z, ctx.n);
      const r = dist(x, y, ctx.n);
      const t = r > 0 ? ctx.taylor(x, y) : null;
      const g = t && ctx.gradNorm(y);
      const r2 = r * r;
      return (
        t &&
        g &&
        sample(
          { v: (2 * t.v) / r2, err: (2 * t.err) / r2 + 8 * EPS * Math.abs((2 * t.v) / r2) },
          pw(g, s.alpha as number),
        )
      );
    },
    references: 'I-NSGD paper eq. (3) / Lemma 1; theory.md §a4.1',
  },
  {
    name: 'gpl',
    inequality: '‖∇f(x)‖^rho / (2·mu) ≥ f(x) − f* (generalised Polyak–Łojasiewicz)',
    kind: 'point',
    params: [
      { name: 'mu', doc: 'PŁ constant (largest valid value is the tightest)', role: 'B', min: 0 },
      { name: 'rho', doc: 'exponent of the gradient norm', role: 'shape', default: 2, min: 0 },
    ],
    A: null,
    B: {
      param: 'mu',
      to: (mu) => (mu > 0 ? 1 / (2 * mu) : Infinity),
      from: (b) => (b > 0 ? 1 / (2 * b) : Infinity),
      tight: 'largest',
    },
    needsFstar: true,
    evaluate(ctx, x, s) {
      const gap = ctx.gap(x);
      const g = gap && ctx.gradNorm(x);
      return gap && g && sample(gap, pw(g, s.rho as number));
    },
    references: 'I-NSGD paper eq. (5); Karimi, Nutini, Schmidt (2016); theory.md §e1',
  },
  {
    name: 'curvature-gap',
    inequality: '‖∇²f(x)‖ ≤ K0 + K1·(f(x) − f*) (curvature bounded by the loss gap)',
    kind: 'point',
    params: [
      { name: 'K0', doc: 'constant term', role: 'A', min: 0 },
      { name: 'K1', doc: 'gap coefficient', role: 'B', min: 0 },
    ],
    A: identity('K0'),
    B: identity('K1'),
    needsHessian: true,
    needsFstar: true,
    evaluate(ctx, x) {
      const h = ctx.hessNorm(x);
      const gap = h && ctx.gap(x);
      return h && gap && sample(h, { v: Math.max(gap.v, 0), err: gap.err });
    },
    references: 'Alimisis, Islamov, Lucchi (2025) Def. 3.1; theory.md §c1',
  },
  {
    name: 'aiming',
    inequality: '⟨∇f(x), x − x*⟩ ≥ theta·(f(x) − f*)',
    kind: 'point',
    params: [{ name: 'theta', doc: 'aiming constant (largest valid value is the tightest)', role: 'B' }],
    A: null,
    B: { param: 'theta', to: (t) => -t, from: (b) => -b, tight: 'largest' },
    needsFstar: true,
    needsXstar: true,
    evaluate(ctx, x) {
      const a = ctx.aim(x);
      const gap = a && ctx.gap(x);
      return a && gap && sample({ v: -a.v, err: a.err }, { v: Math.max(gap.v, 0), err: gap.err });
    },
    // Shown as theta·(f − f*) ≤ ⟨∇f(x), x − x*⟩.
    display: (s, _A, B) => ({ lhs: -B * s.w, rhs: -s.lhs }),
    references: 'Liu, Drusvyatskiy, Belkin, Davis, Ma (2023); theory.md §c4',
  },
];
