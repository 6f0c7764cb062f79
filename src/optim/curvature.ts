/**
 * Negative-curvature finders (docs/theory.md §g4): the Dimer rotation (gradients only) and
 * zeroth-order Hessian-vector products with Lanczos (function values only). Each
 * reports what it spent, so escape experiments can set query counts side by side.
 */
import { jacobiEigen, lanczos } from '../core/eig.ts';
import { Rng, type Seed } from '../core/rng.ts';
import { nrm2 } from '../core/vec.ts';
import { denseHessian, type Objective } from '../objectives/objective.ts';

export interface DimerResult {
  curvature: number;
  direction: number[];
  iterations: number;
  gradientCalls: number;
}

/** Rotate a dimer at x to an extreme curvature direction (sign −1: towards λmin, the correct rule). */
export function dimer(
  obj: Objective,
  x: Float64Array,
  o: { dR?: number; eta?: number; iters?: number; sign?: 1 | -1; seed?: Seed } = {},
): DimerResult {
  const n = obj.dim,
    dR = o.dR ?? 1e-4,
    sign = o.sign ?? -1,
    iters = o.iters ?? 500;
  const N = new Rng(o.seed ?? 1, 'dimer').sphere(new Float64Array(n));
  const gp = new Float64Array(n),
    gm = new Float64Array(n),
    xp = new Float64Array(n),
    xm = new Float64Array(n),
    F = new Float64Array(n);
  let calls = 0,
    C = 0,
    it = 0;
  let eta = o.eta ?? NaN;
  for (; it < iters; it++) {
    for (let i = 0; i < n; i++) {
      xp[i] = x[i] + dR * N[i];
      xm[i] = x[i] - dR * N[i];
    }
    obj.grad(xp, gp);
    obj.grad(xm, gm);
    calls += 2;
    let c = 0;
    for (let i = 0; i < n; i++) {
      F[i] = (gp[i] - gm[i]) / (2 * dR);
      c += F[i] * N[i];
    }
    C = c;
    // (g₊ − g₋)/(2ΔR) ≈ HN; its part orthogonal to N is ½ the Riemannian gradient of C.
    const hn = nrm2(F);
    for (let i = 0; i < n; i++) F[i] -= c * N[i];
    // Step size from the curvature scale, fixed at the first rotation.
    if (Number.isNaN(eta)) eta = 0.5 / Math.max(hn, 1e-12);
    if (nrm2(F) < 1e-10 * Math.max(1, Math.abs(c))) break;
    for (let i = 0; i < n; i++) N[i] += sign * eta * F[i];
    const nn = nrm2(N);
    for (let i = 0; i < n; i++) N[i] /= nn;
  }
  return { curvature: C, direction: Array.from(N), iterations: it, gradientCalls: calls };
}

/** ĝ_i = (f(x + μe_i) − f(x − μe_i))/(2μ) into out; returns the number of function values used. */
export function zoGradient(
  obj: Objective,
  x: Float64Array,
  mu: number,
  out: Float64Array,
  scratch: Float64Array,
): number {
  const n = obj.dim;
  scratch.set(x);
  for (let i = 0; i < n; i++) {
    scratch[i] = x[i] + mu;
    const fp = obj.value(scratch);
    scratch[i] = x[i] - mu;
    const fm = obj.value(scratch);
    scratch[i] = x[i];
    out[i] = (fp - fm) / (2 * mu);
  }
  return 2 * n;
}

/**
 * λmin and its direction from function values only: Lanczos on the zeroth-order
 * Hessian-vector product Hv ≈ (ĝ(x + hv) − ĝ(x − hv))/(2h). With μ ≈ 1e-4 and h ≈ 1e-3 the
 * bias O(μ² + h²) and the rounding O(eps·|f|/(μh)) are both far below the curvature.
 */
export function zoNegativeCurvature(
  obj: Objective,
  x: Float64Array,
  o: { mu?: number; h?: number; maxIter?: number; seed?: Seed } = {},
): { lambdaMin: number; direction: Float64Array; functionValues: number } {
  const n = obj.dim,
    mu = o.mu ?? 1e-4,
    h = o.h ?? 1e-3;
  const gp = new Float64Array(n),
    gm = new Float64Array(n),
    xs = new Float64Array(n),
    scratch = new Float64Array(n);
  let queries = 0;
  const op = (v: Float64Array, out: Float64Array) => {
    for (let i = 0; i < n; i++) xs[i] = x[i] + h * v[i];
    queries += zoGradient(obj, xs, mu, gp, scratch);
    for (let i = 0; i < n; i++) xs[i] = x[i] - h * v[i];
    queries += zoGradient(obj, xs, mu, gm, scratch);
    for (let i = 0; i < n; i++) out[i] = (gp[i] - gm[i]) / (2 * h);
  };
  const r = lanczos(op, n, { maxIter: Math.min(n, o.maxIter ?? 20), tol: 1e-4, rng: new Rng(o.seed ?? 1, 'zo-ncf') });
  return { lambdaMin: r.lambdaMin, direction: r.vecMin, functionValues: queries };
}

/**
 * Second-order stationarity relative to a box C (Mokhtari et al. 2018): the gradient
 * mapping ‖x − Π_C(x − γ∇f)‖/γ, and the most negative curvature dᵀ∇²f d/‖d‖² over
 * feasible directions d (from x into C) that are not ascent directions (⟨∇f, d⟩ ≤ tol).
 * Candidates: ± the Hessian's eigenvectors and ± the coordinate axes, each truncated to
 * the faces x sits on. Small dimensions (dense Hessian).
 */
export function boxStationarity(
  obj: Objective,
  x: Float64Array,
  box: [number, number],
  gamma = 1,
): { gradientMapping: number; minCurvature: number; direction: Float64Array | null; maxStep: number } {
  const n = obj.dim;
  const g = new Float64Array(n);
  obj.grad(x, g);
  let gm = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(box[1], Math.max(box[0], x[i] - gamma * g[i]));
    gm += (x[i] - p) ** 2;
  }
  const H = new Float64Array(n * n);
  denseHessian(obj, x, H);
  const { vectors } = jacobiEigen(H, n);
  const cands: Float64Array[] = [];
  for (let k = 0; k < n; k++) {
    const v = Float64Array.from({ length: n }, (_, i) => vectors[i * n + k]);
    cands.push(
      v,
      v.map((t) => -t),
    );
    const e = new Float64Array(n);
    e[k] = 1;
    cands.push(
      e,
      e.map((t) => -t),
    );
  }
  const scale = 1e-9 * (1 + Math.abs(box[0]) + Math.abs(box[1]));
  let best = 0,
    dir: Float64Array | null = null,
    step = 0;
  for (const d0 of cands) {
    // Drop components that would leave the box through a face x sits on.
    const d = d0.map((t, i) => ((x[i] <= box[0] + scale && t < 0) || (x[i] >= box[1] - scale && t > 0) ? 0 : t));
    const dn = nrm2(d);
    if (dn < 1e-8) continue;
    let gd = 0,
      curv = 0;
    for (let i = 0; i < n; i++) {
      gd += g[i] * d[i];
      let hd = 0;
      for (let j = 0; j < n; j++) hd += H[i * n + j] * d[j];
      curv += d[i] * hd;
    }
    curv /= dn * dn;
    if (gd > 1e-8 * dn * (1 + nrm2(g))) continue;
    let tmax = Infinity;
    for (let i = 0; i < n; i++) {
      if (d[i] > 0) tmax = Math.min(tmax, (box[1] - x[i]) / d[i]);
      if (d[i] < 0) tmax = Math.min(tmax, (box[0] - x[i]) / d[i]);
    }
    if (!(tmax > 0)) continue;
    if (curv < best) {
      best = curv;
      dir = d.map((t) => t / dn);
      step = tmax * dn;
    }
  }
  return { gradientMapping: Math.sqrt(gm) / gamma, minCurvature: best, direction: dir, maxStep: step };
}
