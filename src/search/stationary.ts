/**
 * Stationary points in the domain (docs/theory.md §0.2.3): there the gradient terms of
 * the (L0,L1)-type conditions vanish, so they are the cheapest decisive probes.
 */
import type { Box } from '../core/box.ts';
import { boxDomain } from '../domains/box.ts';
import type { Domain } from '../domains/domain.ts';
import { cholSolve } from '../core/linalg.ts';
import type { Rng } from '../core/rng.ts';
import { nrm2 } from '../core/vec.ts';
import { denseHessian, hvpOf, type Objective } from '../objectives/objective.ts';
import { lbfgs } from './local.ts';

/** A box [lo, hi]^n as a domain (the API still takes boxes). */
export const asDomain = (n: number, d: Box | Domain): Domain =>
  Array.isArray(d) ? boxDomain(n, new Array(n).fill(d[0]), new Array(n).fill(d[1])) : (d as Domain);

/**
 * Stationary points in the domain: Levenberg–Marquardt on ∇f(x) = 0 (small n). `stop` (a time
 * limit) is asked before each start and ends the search with what it found.
 */
export function findStationaryPoints(
  obj: Objective,
  where: Box | Domain,
  rng: Rng,
  starts: number,
  stop?: () => boolean,
): Float64Array[] {
  const n = obj.dim;
  const dom = asDomain(n, where);
  if (n > GRADIENT_NORM_DIM) return stationaryByGradientNorm(obj, dom, rng, Math.min(starts, 4), stop);
  const H = new Float64Array(n * n),
    M = new Float64Array(n * n),
    g = new Float64Array(n),
    g2 = new Float64Array(n),
    p = new Float64Array(n),
    xt = new Float64Array(n);
  const found: Float64Array[] = [];
  for (let s = 0; s < starts && !stop?.(); s++) {
    const x = dom.starts(rng, 1)[0];
    let f = obj.grad(x, g);
    if (!Number.isFinite(f)) continue;
    let gn = nrm2(g);
    let mu = 1e-3;
    for (let it = 0; it < 60 && gn > 0; it++) {
      denseHessian(obj, x, H);
      if (!H.every(Number.isFinite)) break;
      // (HᵀH + μ·scale·I) p = −Hᵀg
      let scale = 0;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let s2 = 0;
          for (let k = 0; k < n; k++) s2 += H[k * n + i] * H[k * n + j];
          M[i * n + j] = s2;
          if (i === j) scale = Math.max(scale, s2);
        }
      for (let i = 0; i < n; i++) {
        let s2 = 0;
        for (let k = 0; k < n; k++) s2 += H[k * n + i] * g[k];
        p[i] = -s2;
      }
      for (let i = 0; i < n; i++) M[i * n + i] += mu * Math.max(scale, 1e-300);
      if (!cholSolve(M, n, p)) {
        mu *= 10;
        continue;
      }
      for (let i = 0; i < n; i++) xt[i] = x[i] + p[i];
      const ft = obj.grad(xt, g2);
      const gt = nrm2(g2);
      if (Number.isFinite(ft) && gt < gn) {
        x.set(xt);
        g.set(g2);
        gn = gt;
        f = ft;
        mu = Math.max(mu / 3, 1e-12);
      } else mu *= 4;
      if (mu > 1e12) break;
    }
    const slack = 1e-9 * dom.width;
    const inside = x.every((v, i) => v >= dom.lo[i] - slack && v <= dom.hi[i] + slack);
    const scale = Math.abs(f) + 1;
    if (inside && gn <= 1e-6 * scale) {
      dom.project(x);
      if (!found.some((y) => y.every((v, i) => Math.abs(v - x[i]) <= 1e-7 * (1 + Math.abs(v))))) found.push(x);
    }
  }
  return found;
}

/** Above this dimension stationary points are sought by L-BFGS on ½‖∇f‖², one independent run per start. */
export const GRADIENT_NORM_DIM = 40;

/** The starts of the high-dimensional search: the domain's centre, then seeded starts. */
export function gradientNormStarts(dom: Domain, rng: Rng, starts: number): Float64Array[] {
  return [dom.centre(), ...dom.starts(rng, Math.max(0, starts - 1))];
}

/**
 * One start of the high-dimensional search: L-BFGS on φ(x) = ½‖∇f(x)‖², whose gradient is
 * ∇²f(x)∇f(x) (one Hessian-vector product); the point if it is stationary and inside the domain.
 */
export function stationaryFrom(obj: Objective, dom: Domain, x0: Float64Array): Float64Array | null {
  const n = obj.dim;
  const hv = hvpOf(obj);
  const g = new Float64Array(n);
  const phi = {
    dim: n,
    value(x: Float64Array) {
      const f = obj.grad(x, g);
      return Number.isFinite(f) ? 0.5 * nrm2(g) ** 2 : NaN;
    },
    grad(x: Float64Array, out: Float64Array) {
      const f = obj.grad(x, g);
      if (!Number.isFinite(f)) return NaN;
      hv(x, g, out);
      return 0.5 * nrm2(g) ** 2;
    },
  };
  const f0 = obj.grad(x0, g);
  const g0 = nrm2(g);
  const r = lbfgs(phi, x0, 200);
  if (r.unbounded || !Number.isFinite(r.f)) return null;
  const gn = Math.sqrt(2 * r.f);
  return dom.contains(r.x) && gn <= 1e-6 * Math.max(g0, Math.abs(f0), 1) ? r.x : null;
}

/** Stationary points in high dimension, start by start (the check runs the starts as tasks). */
function stationaryByGradientNorm(
  obj: Objective,
  dom: Domain,
  rng: Rng,
  starts: number,
  stop?: () => boolean,
): Float64Array[] {
  const found: Float64Array[] = [];
  for (const x0 of gradientNormStarts(dom, rng, starts)) {
    if (stop?.()) break;
    const x = stationaryFrom(obj, dom, x0);
    if (x) found.push(x);
  }
  return found;
}
