/**
 * The spectral norm of a symmetric operator known only through products, as an interval.
 *
 * Lanczos from a start b gives Ritz values θmin ≤ θmax inside the spectrum [λmin, λmax],
 * so max(|θmax|, |θmin|) is a certain lower bound on ‖A‖. An upper bound cannot come from
 * products alone, but it can hold with a stated probability when b is uniform on the sphere
 * (Kuczyński & Woźniakowski 1992, Thm. 4.1): for a positive semidefinite A and k products,
 *   P(ξ_k ≤ (1 − ε)·λmax) ≤ 1.648·√n·e^{−√ε·(2k − 1)}.
 * Lanczos is shift-invariant, so apply it to A − λmin·I and to λmax·I − A. With
 * e = ε/(1 − ε), Θ = θmax − θmin, u = λmax − θmax and v = θmin − λmin, the two events give
 * u ≤ e(Θ + v) and v ≤ e(Θ + u), hence u, v ≤ e·Θ/(1 − e) when e < 1, and
 *   ‖A‖ ≤ max(θmax, −θmin) + e·Θ/(1 − e)   with probability ≥ 1 − δ,
 * taking each one-sided failure probability as δ/2. We count k as the Krylov dimension
 * minus one (the conservative reading of "k products").
 */
import { lanczos, lanczosMany, type LanczosResult } from './eig.ts';
import type { Rng } from './rng.ts';

export interface KrylovBound {
  /** Certain lower bound: the largest |Ritz value|. */
  lower: number;
  thetaMax: number;
  thetaMin: number;
  /** Dimension of the Krylov space built from the random start. */
  steps: number;
  n: number;
  /** The Krylov space is invariant (or the whole space): the Ritz values are eigenvalues. */
  exact: boolean;
}

/** The upper end of the interval, valid with probability ≥ 1 − δ (Infinity when k is too small for δ). */
export function krylovUpper(b: KrylovBound, delta: number): number {
  if (b.exact) return b.lower;
  const k = b.steps - 1;
  if (k < 1 || !(delta > 0)) return Infinity;
  const sq = Math.log((2 * 1.648 * Math.sqrt(b.n)) / delta) / (2 * k - 1);
  if (!(sq > 0)) return b.lower;
  const eps = sq * sq;
  if (eps >= 0.5) return Infinity;
  const e = eps / (1 - eps);
  return Math.max(b.thetaMax, -b.thetaMin) + (e * (b.thetaMax - b.thetaMin)) / (1 - e);
}

/**
 * The smallest failure probability δ at which the interval's upper end is at most `bound`
 * (0 when exact and below it, ≥ 1 when no δ < 1 gets there): what a sample's statement costs in a
 * union bound over many samples.
 */
export function krylovDeltaFor(b: KrylovBound, bound: number): number {
  if (b.exact) return b.lower <= bound ? 0 : Infinity;
  const M = Math.max(b.thetaMax, -b.thetaMin),
    spread = b.thetaMax - b.thetaMin;
  if (!(bound > M)) return Infinity;
  const k = b.steps - 1;
  if (k < 1) return 1;
  const rho = spread > 0 ? (bound - M) / spread : Infinity;
  if (rho === Infinity) return 0;
  // e/(1 − e) ≤ ρ ⇔ e ≤ ρ/(1 + ρ); e = ε/(1 − ε) ⇔ ε = e/(1 + e); δ = 2·1.648·√n·exp(−√ε(2k − 1)).
  const e = rho / (1 + rho);
  const eps = Math.min(0.5, e / (1 + e));
  return Math.min(1, 2 * 1.648 * Math.sqrt(b.n) * Math.exp(-Math.sqrt(eps) * (2 * k - 1)));
}

/** Krylov steps needed for the interval's relative width (upper − lower)/spread to drop to `rel` at δ. */
export function stepsFor(rel: number, n: number, delta: number): number {
  // e/(1 − e) ≤ rel ⇔ e ≤ rel/(1 + rel) ⇔ ε ≤ e/(1 + e).
  const e = rel / (1 + rel);
  const eps = e / (1 + e);
  const k = Math.log((2 * 1.648 * Math.sqrt(n)) / delta) / Math.sqrt(eps);
  return Math.ceil((k + 1) / 2) + 1;
}

export interface NormResult {
  bound: KrylovBound;
  lambdaMax: number;
  lambdaMin: number;
  /** Ritz vectors of θmax and θmin. */
  vecMax: Float64Array;
  vecMin: Float64Array;
  iterations: number;
}

/**
 * ‖A‖ by Lanczos (full reorthogonalisation) from a uniformly random start drawn from `rng`,
 * with at most `steps` products; stops early when the Krylov space is invariant, and with
 * `normTol` when the norm has converged (eig.ts): fewer steps give a wider upper end, never a
 * wrong one (the bound counts the steps taken).
 */
export function normInterval(
  op: (v: Float64Array, out: Float64Array) => void,
  n: number,
  rng: Rng,
  steps: number,
  normTol?: number,
): NormResult {
  const start = rng.sphere(new Float64Array(n));
  return normResult(lanczos(op, n, { maxIter: Math.min(steps, n), tol: 0, rng, start, normTol }), n);
}

/**
 * `normInterval` for several operators at once (each its own start from its own rng), their
 * products computed together by `ops` (eig.ts lanczosMany): the same results as one at a time.
 */
export function normIntervalMany(
  ops: (vs: Float64Array[], outs: Float64Array[], which: number[]) => void,
  n: number,
  rngs: Rng[],
  steps: number,
  normTol?: number,
): NormResult[] {
  const opts = rngs.map((rng) => ({
    maxIter: Math.min(steps, n),
    tol: 0,
    rng,
    start: rng.sphere(new Float64Array(n)),
    normTol,
  }));
  return lanczosMany(ops, n, opts).map((r) => normResult(r, n));
}

function normResult(r: LanczosResult, n: number): NormResult {
  const bound: KrylovBound = {
    lower: Math.max(Math.abs(r.lambdaMax), Math.abs(r.lambdaMin)),
    thetaMax: r.lambdaMax,
    thetaMin: r.lambdaMin,
    steps: r.iterations,
    n,
    exact: r.invariant,
  };
  return {
    bound,
    lambdaMax: r.lambdaMax,
    lambdaMin: r.lambdaMin,
    vecMax: r.vecMax,
    vecMin: r.vecMin,
    iterations: r.iterations,
  };
}
