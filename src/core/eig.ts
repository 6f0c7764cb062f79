/**
 * Symmetric eigenvalues.
 *
 * - `jacobiEigen`: the cyclic Jacobi method for small dense symmetric matrices.
 *   It is accurate to a few ulps of ‖A‖ for every eigenvalue (including clustered
 *   and indefinite spectra), which is why the checkers use it as the exact
 *   Hessian norm for small dimensions.
 * - `lanczos`: the Lanczos process with full reorthogonalisation on an operator
 *   v ↦ Av (a Hessian-vector product). It returns the extreme Ritz values with
 *   their residual norms ‖AQs − θQs‖, which bound the distance from each Ritz
 *   value to the spectrum. A Ritz value always lies inside [λmin, λmax], so the
 *   spectral-norm estimate is a lower bound (docs/theory.md §0.3).
 */
import { symEigen, symNormQL } from './symeig.ts';
import { Rng } from './rng.ts';
import { axpy, dot, nrm2, scal } from './vec.ts';

export interface EigenResult {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** Row-major n×n; column j is the unit eigenvector of values[j]. */
  vectors: Float64Array;
  sweeps: number;
}

/**
 * Eigen-decomposition of a symmetric n×n row-major matrix (only the symmetric
 * part is used: the input is symmetrised first). The input is not modified.
 */
export function jacobiEigen(Ain: ArrayLike<number>, n: number, maxSweeps = 100): EigenResult {
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) A[i * n + j] = 0.5 * (Ain[i * n + j] + Ain[j * n + i]);
  }
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  let sweeps = 0;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(A[i]));
  if (!Number.isFinite(scale)) {
    const values = new Float64Array(n).fill(NaN);
    return { values, vectors: V, sweeps: 0 };
  }
  for (; sweeps < maxSweeps; sweeps++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p * n + q] * A[p * n + q];
    if (off === 0 || Math.sqrt(off) <= 1e-300 + 1e-17 * scale) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q];
        if (apq === 0) continue;
        const app = A[p * n + p];
        const aqq = A[q * n + q];
        // Skip rotations that cannot change the diagonal in floating point.
        if (sweeps > 3 && Math.abs(apq) < 1e-18 * (Math.abs(app) + Math.abs(aqq)) + 1e-300) {
          A[p * n + q] = 0;
          A[q * n + p] = 0;
          continue;
        }
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p];
          const akq = A[k * n + q];
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k];
          const aqk = A[q * n + k];
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
        A[p * n + q] = 0;
        A[q * n + p] = 0;
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p];
          const vkq = V[k * n + q];
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  // Sort ascending, permuting eigenvector columns with them.
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => A[a * n + a] - A[b * n + b]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const src = idx[j];
    values[j] = A[src * n + src];
    for (let k = 0; k < n; k++) vectors[k * n + j] = V[k * n + src];
  }
  return { values, vectors, sweeps };
}

/** Spectral norm of a small symmetric matrix: max |λ|. */
export function symNorm(A: ArrayLike<number>, n: number): number {
  if (n === 1) return Math.abs(A[0]);
  if (n === 2) {
    const a = A[0],
      b = 0.5 * (A[1] + A[2]),
      d = A[3];
    const m = 0.5 * (a + d);
    const r = Math.hypot(0.5 * (a - d), b);
    return Math.abs(m) + r;
  }
  return symNormQL(A, n);
}

export type LinearOperator = (v: Float64Array, out: Float64Array) => void;

export interface LanczosOptions {
  /** Krylov dimension cap (default min(n, 80)). */
  maxIter?: number;
  /** Stop when both extreme residuals are below tol·max(|θ|) (default 1e-8). */
  tol?: number;
  /** Random start vector stream (default a fixed seed, so results replay). */
  rng?: Rng;
  /** Start vector (copied, normalised); overrides rng. */
  start?: Float64Array;
  /**
   * Stop as soon as the norm max(|λmax|, |λmin|) has converged (from 8 steps on): the residual of
   * the end that gives it is below normTol·|θ| (its Ritz value is then within about
   * (normTol·|θ|)²/gap of an eigenvalue), and the other end, even moved out by four times its own
   * residual, is still smaller in magnitude. Off by default.
   */
  normTol?: number;
}

export interface LanczosResult {
  lambdaMax: number;
  lambdaMin: number;
  /** max(|λmax|, |λmin|) of the Ritz values: a lower bound on ‖A‖. */
  norm: number;
  iterations: number;
  residualMax: number;
  residualMin: number;
  /** Ritz vector for lambdaMax and lambdaMin. */
  vecMax: Float64Array;
  vecMin: Float64Array;
  /** True when the Krylov space became invariant (the Ritz values are exact eigenvalues). */
  invariant: boolean;
}

/** Lanczos with full reorthogonalisation for the extreme eigenpairs of a symmetric operator. */
export function lanczos(op: LinearOperator, n: number, opts: LanczosOptions = {}): LanczosResult {
  const w = new Float64Array(n);
  const run = lanczosSteps(n, opts, w);
  let r = run.next();
  while (!r.done) {
    op(r.value, w);
    r = run.next();
  }
  return r.value;
}

/**
 * Several Lanczos runs in lockstep: at each step every run still going asks for one product, and
 * `ops` computes them together (an objective that applies several points' Hessians in one pass over
 * its data). Each run does exactly what `lanczos` would with its own operator: same results.
 */
export function lanczosMany(
  ops: (vs: Float64Array[], outs: Float64Array[], which: number[]) => void,
  n: number,
  opts: LanczosOptions[],
): LanczosResult[] {
  const ws = opts.map(() => new Float64Array(n));
  const runs = opts.map((o, k) => lanczosSteps(n, o, ws[k]));
  const state = runs.map((r) => r.next());
  for (;;) {
    const which: number[] = [];
    for (let k = 0; k < runs.length; k++) if (!state[k].done) which.push(k);
    if (which.length === 0) break;
    ops(
      which.map((k) => state[k].value as Float64Array),
      which.map((k) => ws[k]),
      which,
    );
    for (const k of which) state[k] = runs[k].next();
  }
  return state.map((s) => s.value as LanczosResult);
}

/** The Lanczos process as steps: yields the vector to multiply, reads the product from `w`. */
function* lanczosSteps(n: number, opts: LanczosOptions, w: Float64Array): Generator<Float64Array, LanczosResult, void> {
  const maxIter = Math.max(1, Math.min(n, opts.maxIter ?? 80));
  const tol = opts.tol ?? 1e-8;
  const Q: Float64Array[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  const q = new Float64Array(n);
  if (opts.start) q.set(opts.start);
  else (opts.rng ?? new Rng(0, 'lanczos')).sphere(q);
  let qn = nrm2(q);
  if (qn === 0) {
    (opts.rng ?? new Rng(0, 'lanczos')).sphere(q);
    qn = 1;
  }
  scal(1 / qn, q);
  let invariant = false;
  let ritz = { values: new Float64Array([0]), vectors: new Float64Array([1]) } as {
    values: Float64Array;
    vectors: Float64Array;
  };
  let resMax = Infinity,
    resMin = Infinity;
  for (let k = 0; k < maxIter; k++) {
    if (k === 0) Q.push(new Float64Array(q));
    yield Q[k];
    const a = dot(w, Q[k]);
    alpha.push(a);
    axpy(-a, Q[k], w);
    if (k > 0) axpy(-beta[k - 1], Q[k - 1], w);
    // Full reorthogonalisation, twice ("twice is enough").
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j <= k; j++) axpy(-dot(w, Q[j]), Q[j], w);
    }
    const b = nrm2(w);
    const m = k + 1;
    const last = m === maxIter || m === n || !(b > 1e-13 * Math.abs(a)) || !Number.isFinite(b);
    // Ritz values of T_k every few steps (a Jacobi solve of T is O(m³)), and at the end; every step
    // from 8 on when stopping on the norm (T is small next to a product).
    const watch = opts.normTol !== undefined && m >= 8;
    if (!last && m % 4 !== 0 && !watch) {
      beta.push(b);
      scal(1 / b, w);
      Q.push(new Float64Array(w));
      continue;
    }
    const T = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      T[i * m + i] = alpha[i];
      if (i + 1 < m) {
        T[i * m + i + 1] = beta[i];
        T[(i + 1) * m + i] = beta[i];
      }
    }
    ritz = symEigen(T, m);
    const sMax = ritz.vectors[(m - 1) * m + (m - 1)];
    const sMin = ritz.vectors[(m - 1) * m + 0];
    resMax = Math.abs(b * sMax);
    resMin = Math.abs(b * sMin);
    const scaleT = Math.max(Math.abs(ritz.values[0]), Math.abs(ritz.values[m - 1]), 1e-300);
    if (!Number.isFinite(a) || !Number.isFinite(b)) break;
    if (b <= 1e-13 * scaleT || m === n) {
      invariant = true;
      break;
    }
    if (resMax <= tol * scaleT && resMin <= tol * scaleT && m >= 2) break;
    if (opts.normTol !== undefined && m >= 8) {
      const top = Math.abs(ritz.values[m - 1]) >= Math.abs(ritz.values[0]);
      const [dom, other, resDom, resOther] = top
        ? [Math.abs(ritz.values[m - 1]), Math.abs(ritz.values[0]), resMax, resMin]
        : [Math.abs(ritz.values[0]), Math.abs(ritz.values[m - 1]), resMin, resMax];
      if (resDom <= opts.normTol * dom && other + 4 * resOther < dom) break;
    }
    beta.push(b);
    scal(1 / b, w);
    Q.push(new Float64Array(w));
  }
  const m = alpha.length;
  const vecMax = new Float64Array(n);
  const vecMin = new Float64Array(n);
  for (let j = 0; j < m; j++) {
    axpy(ritz.vectors[j * m + (m - 1)], Q[j], vecMax);
    axpy(ritz.vectors[j * m + 0], Q[j], vecMin);
  }
  const lambdaMax = ritz.values[m - 1];
  const lambdaMin = ritz.values[0];
  return {
    lambdaMax,
    lambdaMin,
    norm: Math.max(Math.abs(lambdaMax), Math.abs(lambdaMin)),
    iterations: m,
    residualMax: invariant ? 0 : resMax,
    residualMin: invariant ? 0 : resMin,
    vecMax,
    vecMin,
    invariant,
  };
}
