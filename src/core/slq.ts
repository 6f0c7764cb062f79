/**
 * Spectral statistics of a symmetric operator from matrix-vector products only
 * (PyHessian's recipe, our own code):
 *
 * - `lanczosTridiag`: m Lanczos steps from a unit start v with full
 *   reorthogonalisation, the tridiagonal T_m = Q_mᵀ A Q_m.
 * - `gaussQuadrature`: the eigenvalues θ_j of T_m and the squared first components
 *   τ_j² of its eigenvectors. They are the m-point Gauss rule of the spectral measure
 *   μ_v = Σ_i (u_iᵀv)² δ_{λ_i}: Σ_j τ_j² p(θ_j) = vᵀ p(A) v for every polynomial p of
 *   degree ≤ 2m − 1, exactly when the Krylov space is invariant (Golub & Meurant,
 *   "Matrices, Moments and Quadrature").
 * - `slq`: stochastic Lanczos quadrature. With v = z/√n, z Rademacher, E[v vᵀ] = I/n, so
 *   E[μ_v] is the eigenvalue distribution (1/n) Σ_i δ_{λ_i}: a probability measure.
 * - `broadenedDensity`: μ averaged over runs and convolved with a Gaussian of standard
 *   deviation σ, a density that integrates to 1 (multiply by n for eigenvalues per unit).
 *   PyHessian renormalises the broadened curve on its grid and passes σ² where σ is
 *   meant; here σ is a standard deviation and the curve is not renormalised.
 * - `hutchinson`: tr A ≈ mean of zᵀAz over Rademacher probes z (unbiased; variance
 *   2 Σ_{i≠j} A_ij², so exact for diagonal A), with its standard error.
 */
import type { LinearOperator } from './eig.ts';
import { jacobiEigen } from './eig.ts';
import type { Rng } from './rng.ts';
import { axpy, dot, nrm2, scal } from './vec.ts';

export interface Tridiagonal {
  /** Diagonal α_1..α_m. */
  alpha: Float64Array;
  /** Off-diagonal β_1..β_{m−1}. */
  beta: Float64Array;
  /** True when the Krylov space became invariant before the step budget ran out (the rule is then exact). */
  invariant: boolean;
}

/** Rademacher vector (±1 entries, each with probability ½). */
export function rademacher(rng: Rng, out: Float64Array): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = rng.uniform() < 0.5 ? -1 : 1;
  return out;
}

/** m Lanczos steps with full reorthogonalisation (twice) from the unit vector `start`. */
export function lanczosTridiag(op: LinearOperator, n: number, steps: number, start: Float64Array): Tridiagonal {
  const m = Math.max(1, Math.min(steps, n));
  const Q: Float64Array[] = [];
  const alpha: number[] = [],
    beta: number[] = [];
  const q = Float64Array.from(start);
  const qn = nrm2(q);
  if (!(qn > 0)) throw new RangeError('lanczosTridiag: the start vector is zero');
  scal(1 / qn, q);
  Q.push(q);
  const w = new Float64Array(n);
  let invariant = false;
  let scale = 0;
  for (let k = 0; k < m; k++) {
    op(Q[k], w);
    const a = dot(w, Q[k]);
    alpha.push(a);
    scale = Math.max(scale, Math.abs(a), k > 0 ? beta[k - 1] : 0);
    axpy(-a, Q[k], w);
    if (k > 0) axpy(-beta[k - 1], Q[k - 1], w);
    for (let pass = 0; pass < 2; pass++) for (let j = 0; j <= k; j++) axpy(-dot(w, Q[j]), Q[j], w);
    if (k === m - 1) break;
    const b = nrm2(w);
    if (!Number.isFinite(b)) break;
    // A Krylov space that is (numerically) invariant: T_k already holds the exact rule for this start.
    if (b <= 1e-12 * Math.max(scale, 1e-300)) {
      invariant = true;
      break;
    }
    beta.push(b);
    Q.push(Float64Array.from(w, (v) => v / b));
  }
  if (alpha.length === n) invariant = true;
  return { alpha: Float64Array.from(alpha), beta: Float64Array.from(beta), invariant };
}

/** The Gauss rule of a Lanczos tridiagonal: nodes θ_j (ascending) and weights τ_j² (they sum to 1). */
export function gaussQuadrature(t: Tridiagonal): { nodes: Float64Array; weights: Float64Array } {
  const m = t.alpha.length;
  const T = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    T[i * m + i] = t.alpha[i];
    if (i + 1 < m) {
      T[i * m + i + 1] = t.beta[i];
      T[(i + 1) * m + i] = t.beta[i];
    }
  }
  const { values, vectors } = jacobiEigen(T, m);
  const weights = new Float64Array(m);
  for (let j = 0; j < m; j++) weights[j] = vectors[j] * vectors[j]; // row 0, column j
  return { nodes: values, weights };
}

export interface SlqRun {
  nodes: number[];
  weights: number[];
  invariant: boolean;
}

/** Stochastic Lanczos quadrature: `runs` Gauss rules from normalised Rademacher starts. */
export function slq(op: LinearOperator, n: number, o: { steps: number; runs: number; rng: Rng }): SlqRun[] {
  const out: SlqRun[] = [];
  const z = new Float64Array(n);
  for (let r = 0; r < o.runs; r++) {
    rademacher(o.rng, z);
    const t = lanczosTridiag(op, n, o.steps, z);
    const { nodes, weights } = gaussQuadrature(t);
    out.push({ nodes: Array.from(nodes), weights: Array.from(weights), invariant: t.invariant });
  }
  return out;
}

/** The SLQ density on `grid`: the mean over runs of Σ_j τ_j² N(x; θ_j, σ²). */
export function broadenedDensity(runs: SlqRun[], grid: ArrayLike<number>, sigma: number): Float64Array {
  const out = new Float64Array(grid.length);
  const c = 1 / (Math.sqrt(2 * Math.PI) * sigma * runs.length);
  for (const r of runs)
    for (let j = 0; j < r.nodes.length; j++) {
      const th = r.nodes[j],
        w = r.weights[j] * c;
      for (let g = 0; g < grid.length; g++) {
        const u = (grid[g] - th) / sigma;
        out[g] += w * Math.exp(-0.5 * u * u);
      }
    }
  return out;
}

/** Hutchinson's trace estimate over Rademacher probes: the mean of zᵀAz, its standard error, the samples. */
export function hutchinson(
  op: LinearOperator,
  n: number,
  probes: number,
  rng: Rng,
): { mean: number; stdError: number; samples: Float64Array } {
  const z = new Float64Array(n),
    Az = new Float64Array(n);
  const samples = new Float64Array(probes);
  let mean = 0,
    m2 = 0;
  for (let k = 0; k < probes; k++) {
    rademacher(rng, z);
    op(z, Az);
    const s = dot(z, Az);
    samples[k] = s;
    const d = s - mean;
    mean += d / (k + 1);
    m2 += d * (s - mean);
  }
  const sd = probes > 1 ? Math.sqrt(m2 / (probes - 1)) : NaN;
  return { mean, stdError: sd / Math.sqrt(probes), samples };
}
