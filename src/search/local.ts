/**
 * Derivative-free local maximisation inside a box (docs/theory.md §0.2: "local
 * maximisation of the violation from the worst samples"), and the smooth
 * minimisers the engine needs (stationary points, f* by multi-start L-BFGS).
 */
import { Rng } from '../core/rng.ts';

export type { Box } from '../core/box.ts';

function clampInto(z: Float64Array, lo: Float64Array, hi: Float64Array): void {
  for (let i = 0; i < z.length; i++) z[i] = Math.min(hi[i], Math.max(lo[i], z[i]));
}

/**
 * Maximise fn over the box [lo, hi] from z0 with a budget of evaluations.
 * Nelder–Mead (projected) in up to 12 dimensions, a (1+1)-evolution strategy with
 * the 1/5 success rule above. Non-finite values count as −∞. Every evaluated point
 * is passed to `visit`, so nothing the search sees is lost.
 */
export function maximize(
  fn: (z: Float64Array) => number,
  z0: Float64Array,
  lo: Float64Array,
  hi: Float64Array,
  budget: number,
  rng: Rng,
  initialStep: number,
  /** Move a point into the domain after it is clamped to the box (a ball, a tube); none for a box. */
  project?: (z: Float64Array) => void,
): { z: Float64Array; value: number } {
  const d = z0.length;
  const f = (z: Float64Array) => {
    const v = fn(z);
    return Number.isFinite(v) ? v : -Infinity;
  };
  if (d <= 12) return nelderMead(f, z0, lo, hi, budget, initialStep, project);
  let best = Float64Array.from(z0);
  let fb = f(best);
  let sigma = initialStep;
  const cand = new Float64Array(d);
  for (let k = 1; k < budget; k++) {
    for (let i = 0; i < d; i++) cand[i] = best[i] + (sigma / Math.sqrt(d)) * rng.normal();
    clampInto(cand, lo, hi);
    project?.(cand);
    const fc = f(cand);
    if (fc >= fb) {
      best = Float64Array.from(cand);
      fb = fc;
      sigma *= 1.5;
    } else {
      sigma *= 0.9;
    }
    if (sigma < 1e-14 * (1 + Math.abs(best[0]))) break;
  }
  return { z: best, value: fb };
}

function nelderMead(
  f: (z: Float64Array) => number,
  z0: Float64Array,
  lo: Float64Array,
  hi: Float64Array,
  budget: number,
  step: number,
  project?: (z: Float64Array) => void,
) {
  const d = z0.length;
  const simplex: Float64Array[] = [];
  const vals: number[] = [];
  let evals = 0;
  const ev = (z: Float64Array) => {
    clampInto(z, lo, hi);
    project?.(z);
    evals++;
    return -f(z); // minimise −f
  };
  simplex.push(Float64Array.from(z0));
  vals.push(ev(simplex[0]));
  for (let i = 0; i < d; i++) {
    const z = Float64Array.from(z0);
    const room = hi[i] - lo[i];
    const s = Math.min(step, 0.25 * room);
    z[i] = z[i] + s <= hi[i] ? z[i] + s : z[i] - s;
    simplex.push(z);
    vals.push(ev(z));
  }
  const c = new Float64Array(d),
    r = new Float64Array(d),
    e = new Float64Array(d),
    k = new Float64Array(d);
  while (evals < budget) {
    const order = vals
      .map((v, i) => i)
      .sort((a, b) => (vals[a] === vals[b] ? 0 : vals[a] < vals[b] || Number.isNaN(vals[b]) ? -1 : 1));
    const sorted = order.map((i) => simplex[i]);
    const sv = order.map((i) => vals[i]);
    for (let i = 0; i <= d; i++) {
      simplex[i] = sorted[i];
      vals[i] = sv[i];
    }
    const spread = Math.abs(vals[d] - vals[0]);
    if (Number.isFinite(spread) && spread <= 1e-15 * (Math.abs(vals[0]) + 1e-300)) {
      let size = 0;
      for (let i = 1; i <= d; i++)
        for (let j = 0; j < d; j++) size = Math.max(size, Math.abs(simplex[i][j] - simplex[0][j]));
      if (size < 1e-13 * (1 + Math.abs(simplex[0][0]))) break;
    }
    c.fill(0);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) c[j] += simplex[i][j] / d;
    const w = simplex[d];
    for (let j = 0; j < d; j++) r[j] = c[j] + (c[j] - w[j]);
    const fr = ev(r);
    if (fr < vals[0]) {
      for (let j = 0; j < d; j++) e[j] = c[j] + 2 * (c[j] - w[j]);
      const fe = ev(e);
      if (fe < fr) {
        simplex[d] = Float64Array.from(e);
        vals[d] = fe;
      } else {
        simplex[d] = Float64Array.from(r);
        vals[d] = fr;
      }
    } else if (fr < vals[d - 1]) {
      simplex[d] = Float64Array.from(r);
      vals[d] = fr;
    } else {
      const outside = fr < vals[d];
      for (let j = 0; j < d; j++) k[j] = outside ? c[j] + 0.5 * (r[j] - c[j]) : c[j] + 0.5 * (w[j] - c[j]);
      const fk = ev(k);
      if (fk < Math.min(fr, vals[d])) {
        simplex[d] = Float64Array.from(k);
        vals[d] = fk;
      } else {
        for (let i = 1; i <= d; i++) {
          for (let j = 0; j < d; j++) simplex[i][j] = simplex[0][j] + 0.5 * (simplex[i][j] - simplex[0][j]);
          vals[i] = ev(simplex[i]);
        }
      }
    }
  }
  let bi = 0;
  for (let i = 1; i <= d; i++) if (vals[i] < vals[bi]) bi = i;
  return { z: simplex[bi], value: -vals[bi] };
}

export interface Smooth {
  dim: number;
  value(x: Float64Array): number;
  grad(x: Float64Array, out: Float64Array): number;
}

/**
 * L-BFGS with an Armijo backtracking line search (memory 8). Stops on a small
 * gradient, on stagnation, or when the iterates run away (‖x‖ > maxNorm, f < −1e300,
 * or a trial point where f = −∞), which it reports as `unbounded`.
 *
 * Without positive curvature along the run (s·y ≤ 0: a linear or concave stretch) the memory
 * stays empty and the direction is −g/max(1, ‖g‖); its trial length then doubles after every step
 * accepted at once, as in search/ascent.ts, so a runaway reaches maxNorm in tens of iterations
 * rather than walking one unit per iteration.
 */
export function lbfgs(
  obj: Smooth,
  x0: Float64Array,
  maxIter = 500,
  maxNorm = 1e8,
): { x: Float64Array; f: number; gnorm: number; unbounded: boolean; iterations: number } {
  const n = obj.dim;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n),
    xn = new Float64Array(n),
    gn = new Float64Array(n),
    d = new Float64Array(n);
  const S: Float64Array[] = [],
    Y: Float64Array[] = [],
    rho: number[] = [];
  let f = obj.grad(x, g);
  if (!Number.isFinite(f)) return { x, f, gnorm: NaN, unbounded: false, iterations: 0 };
  const alpha = new Float64Array(8);
  let reach = 1;
  let it = 0;
  for (; it < maxIter; it++) {
    let gg = 0;
    for (let i = 0; i < n; i++) gg += g[i] * g[i];
    if (Math.sqrt(gg) <= 1e-12 * Math.max(1, Math.abs(f))) break;
    // Two-loop recursion.
    for (let i = 0; i < n; i++) d[i] = -g[i];
    for (let k = S.length - 1; k >= 0; k--) {
      let s = 0;
      for (let i = 0; i < n; i++) s += S[k][i] * d[i];
      alpha[k] = rho[k] * s;
      for (let i = 0; i < n; i++) d[i] -= alpha[k] * Y[k][i];
    }
    if (S.length > 0) {
      const k = S.length - 1;
      let yy = 0,
        sy = 0;
      for (let i = 0; i < n; i++) {
        yy += Y[k][i] * Y[k][i];
        sy += S[k][i] * Y[k][i];
      }
      const gam = sy / yy;
      for (let i = 0; i < n; i++) d[i] *= gam;
    } else {
      const sc = 1 / Math.max(1, Math.sqrt(gg));
      for (let i = 0; i < n; i++) d[i] *= sc;
    }
    for (let k = 0; k < S.length; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += Y[k][i] * d[i];
      const b = rho[k] * s;
      for (let i = 0; i < n; i++) d[i] += (alpha[k] - b) * S[k][i];
    }
    let gd = 0;
    for (let i = 0; i < n; i++) gd += g[i] * d[i];
    if (!(gd < 0)) {
      for (let i = 0; i < n; i++) d[i] = -g[i];
      gd = -gg;
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
    }
    const t0 = S.length === 0 ? reach : 1;
    let t = t0,
      fnew = NaN,
      ok = false;
    for (let ls = 0; ls < 60; ls++) {
      for (let i = 0; i < n; i++) xn[i] = x[i] + t * d[i];
      fnew = obj.grad(xn, gn);
      if (fnew === -Infinity) return { x: Float64Array.from(xn), f: fnew, gnorm: NaN, unbounded: true, iterations: it };
      if (Number.isFinite(fnew) && fnew <= f + 1e-4 * t * gd) {
        ok = true;
        break;
      }
      t *= 0.5;
    }
    if (!ok) break;
    const s = new Float64Array(n),
      y = new Float64Array(n);
    let sy = 0,
      xnorm = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xn[i] - x[i];
      y[i] = gn[i] - g[i];
      sy += s[i] * y[i];
      xnorm += xn[i] * xn[i];
    }
    const df = f - fnew;
    x.set(xn);
    g.set(gn);
    f = fnew;
    if (Math.sqrt(xnorm) > maxNorm || f < -1e300) return { x, f, gnorm: NaN, unbounded: true, iterations: it };
    // The trial length for the next step without memory: doubled after a step taken at once, the
    // accepted length after a backtrack, 1 again once curvature is stored.
    reach = sy > 1e-300 ? 1 : t === t0 ? 2 * t : t;
    if (sy > 1e-300) {
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
      if (S.length > 8) {
        S.shift();
        Y.shift();
        rho.shift();
      }
    }
    if (df <= 1e-16 * Math.max(1, Math.abs(f))) break;
  }
  let gg = 0;
  for (let i = 0; i < n; i++) gg += g[i] * g[i];
  return { x, f, gnorm: Math.sqrt(gg), unbounded: false, iterations: it };
}
