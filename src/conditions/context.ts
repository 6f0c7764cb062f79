/**
 * The double-precision evaluation context: the primitives of EvalContext with error
 * bounds (docs/theory.md §0.3), and with `tangents` on, their gradients in z (so the
 * search can ascend a statistic in any dimension, docs/theory.md §0.2):
 *   ∇‖∇f(x)‖ = ∇²f(x)∇f(x)/‖∇f(x)‖,   ∇_x‖∇f(x) − ∇f(y)‖ = ∇²f(x)u, ∇_y = −∇²f(y)u (u the unit difference),
 *   ∇_x R = ∇f(x) − ∇f(y), ∇_y R = −∇²f(y)(x − y) for the Taylor residual R,
 *   ∇‖∇²f(x)‖ = σ·D³f(x)[v, v, ·] (v the top |λ| eigenvector, σ its sign; Danskin), by differences.
 *
 * Gradient norms carry a rounding bound relative to the scale of the terms they are summed
 * from; Taylor residuals come from Gauss–Legendre quadrature of gradient differences (10 vs 6
 * nodes bound the quadrature error); gaps carry eps·(|f| + |f*|), and in the re-check context
 * (`noise: true`) also the objective's own rounding noise measured at the point by high-order
 * differences (as in Moré & Wild's ECnoise): cancellation inside f (cosh x − 1 near 0) is then
 * in the error bound instead of in the estimate (noise.ts). Hessian norms come from hessnorm.ts:
 * exact up to `denseMax` dimensions, Lanczos intervals above.
 */
import { gaussLegendre01 } from '../core/quad.ts';
import { dist, dot, nrm2 } from '../core/vec.ts';
import { denseHessian, hvpOf, type Objective } from '../objectives/objective.ts';
import { finiteAll, hessianNorms, isInf } from './hessnorm.ts';
import { EPS, type Approx, type At, type EvalContext, type Tangent } from './model.ts';
import { noiseAt } from './noise.ts';

export interface FloatContextOptions {
  fstar: number;
  xstar: Float64Array | null;
  /** Largest dimension for which the Hessian norm is computed exactly (default 40). */
  denseMax?: number;
  /** Lanczos products per Hessian norm above denseMax (default 16). */
  lanczosSteps?: number;
  /**
   * Stop a Lanczos run once its norm has converged to this relative residual (core/eig.ts
   * `normTol`; default: run every step). The check's context uses 1e-5 (check.ts): the Ritz value
   * is then within about 1e-10 relative of the eigenvalue where the spectrum has a gap (phase
   * retrieval at d = 100: 1.5e-10 at most over 300 points, 9 products instead of 16); the samples a
   * result rests on are re-evaluated exactly (refine.ts).
   */
  lanczosTol?: number;
  /** Measure the objective's rounding noise in gaps (the re-check context). */
  noise?: boolean;
}

export interface FloatContext extends EvalContext {
  /** True when every Hessian norm so far was exact. */
  hessExact: boolean;
  evaluations: number;
  /** Evaluations whose value or gradient overflowed to ±Infinity (not NaN: outside the domain). */
  overflows: number;
  /** Lanczos products per Hessian norm (may be raised to refine a sample). */
  lanczosSteps: number;
  /**
   * Forget the Hessian norms computed so far. A unit of work (parallel/tasks.ts) starts with it, so
   * the objective calls it counts do not depend on what the same thread computed before.
   */
  clearCache(): void;
  /**
   * Compute the Hessian norms at these points ahead, together, where the objective applies several
   * points' Hessians at once (hessianAtMany, Lanczos range): the same values as one at a time, and the
   * same calls, counted when an evaluation first asks for the norm.
   */
  prefetchHessNorms(points: Float64Array[]): void;
}

/** Rounding bound of a computed gradient: relative to ‖∇f‖ and to the scale |f|/(1+‖x‖∞) of its terms. */
export function gradScaleErr(n: number, g: number, f: number, x: Float64Array): number {
  let xi = 0;
  for (let i = 0; i < x.length; i++) xi = Math.max(xi, Math.abs(x[i]));
  return 64 * EPS * (g + (Math.sqrt(n) * Math.abs(f)) / (1 + xi));
}

/** The re-check's double-precision context (refine.ts): dense Hessians up to 200 dimensions, long Lanczos runs, measured noise. */
export const PRECISE_FLOAT = { denseMax: 200, lanczosSteps: 200, noise: true } as const;

/** That context for an objective, f* and x*, built on first use (a run with no re-check never pays for it). */
export function preciseFloat(obj: Objective, fstar: number, xstar: Float64Array | null): () => FloatContext {
  let ctx: FloatContext | null = null;
  return () => (ctx ??= floatContext(obj, { fstar, xstar, ...PRECISE_FLOAT }));
}

export function floatContext(raw: Objective, opts: FloatContextOptions): FloatContext {
  const n = raw.dim;
  // Count overflows (±Infinity) apart from NaN: NaN is a point outside the domain, an
  // infinity is an objective too large for doubles there, which must not let a claim hold.
  const obj: Objective = {
    ...raw,
    value(x) {
      const f = raw.value(x);
      if (isInf(f)) ctx.overflows++;
      return f;
    },
    grad(x, out) {
      const f = raw.grad(x, out);
      let inf = isInf(f);
      for (let i = 0; i < out.length && !inf; i++) inf = isInf(out[i]);
      if (inf) ctx.overflows++;
      return f;
    },
  };
  const gx = new Float64Array(n),
    gy = new Float64Array(n),
    gt = new Float64Array(n),
    xt = new Float64Array(n),
    hv1 = new Float64Array(n),
    hv2 = new Float64Array(n);
  const H = new Float64Array(n * n <= 1e6 ? n * n : 0);
  const denseMax = opts.denseMax ?? 40;
  const hv = hvpOf(obj);
  const hvp = (x: Float64Array, v: Float64Array, out: Float64Array) => {
    ctx.evaluations++;
    hv(x, v, out);
  };

  /** D³f(x)[v, v, ·] by central differences: of HVPs when the objective has them, else of gradients. */
  const thirdAlong = (x: Float64Array, v: Float64Array): Float64Array | null => {
    let xi = 0;
    for (let i = 0; i < n; i++) xi = Math.max(xi, Math.abs(x[i]));
    const out = new Float64Array(n);
    if (obj.hvp) {
      const h = 1e-5 * (1 + xi);
      for (let i = 0; i < n; i++) xt[i] = x[i] + h * v[i];
      hvp(xt, v, hv1);
      for (let i = 0; i < n; i++) xt[i] = x[i] - h * v[i];
      hvp(xt, v, hv2);
      for (let i = 0; i < n; i++) out[i] = (hv1[i] - hv2[i]) / (2 * h);
    } else {
      const h = 1e-4 * (1 + xi);
      ctx.evaluations += 3;
      obj.grad(x, gt);
      for (let i = 0; i < n; i++) xt[i] = x[i] + h * v[i];
      obj.grad(xt, hv1);
      for (let i = 0; i < n; i++) xt[i] = x[i] - h * v[i];
      obj.grad(xt, hv2);
      for (let i = 0; i < n; i++) out[i] = (hv1[i] - 2 * gt[i] + hv2[i]) / (h * h);
    }
    return finiteAll(out) ? out : null;
  };

  const placed = (at: At, d: Float64Array): Tangent => (at === 'y' ? { y: d } : { x: d });

  /** ∇_x R = ∇f(x) − ∇f(y), ∇_y R = −∇²f(y)(x − y), with ∇f(y) in gy. */
  const taylorTangent = (x: Float64Array, y: Float64Array): Tangent => {
    gradAt(x, gx);
    const dx = Float64Array.from(gx, (t, i) => t - gy[i]);
    for (let i = 0; i < n; i++) xt[i] = x[i] - y[i];
    const dy = new Float64Array(n);
    hvp(y, xt, dy);
    for (let i = 0; i < n; i++) dy[i] = -dy[i];
    return { x: dx, y: dy };
  };

  // The gradients at the last two points asked for (x and y of a pair): a condition that needs ∇f
  // twice at a point (‖∇f(x) − ∇f(y)‖ then ‖∇f(y)‖; f − f* then ‖∇f‖) pays for it once.
  const memo = [0, 1].map(() => ({ x: new Float64Array(n), g: new Float64Array(n), f: NaN, set: false }));
  let memoNext = 0;
  const gradAt = (p: Float64Array, out: Float64Array): number => {
    for (const m of memo) {
      if (!m.set) continue;
      let same = true;
      for (let i = 0; i < n && same; i++) same = Object.is(m.x[i], p[i]);
      if (same) {
        out.set(m.g);
        return m.f;
      }
    }
    ctx.evaluations++;
    const f = obj.grad(p, out);
    const m = memo[memoNext];
    memoNext ^= 1;
    m.x.set(p.subarray(0, n));
    m.g.set(out);
    m.f = f;
    m.set = true;
    return f;
  };

  const ctx: FloatContext = {
    n,
    tangents: false,
    hessExact: true,
    evaluations: 0,
    overflows: 0,
    lanczosSteps: opts.lanczosSteps ?? 16,
    clearCache() {
      norms.clear();
      for (const m of memo) m.set = false;
    },
    prefetchHessNorms(points) {
      norms.prefetch(points);
    },
    gradNorm(p, at = 'x') {
      const f = gradAt(p, gx);
      if (!Number.isFinite(f) || !finiteAll(gx)) return null;
      const g = nrm2(gx);
      const a: Approx = { v: g, err: gradScaleErr(n, g, f, p) };
      if (ctx.tangents) {
        const d = new Float64Array(n);
        if (g > 0) {
          const u = Float64Array.from(gx, (t) => t / g);
          hvp(p, u, d);
        }
        a.d = placed(at, d);
      }
      return a;
    },
    gradDiff(x, y) {
      const fx = gradAt(x, gx);
      const fy = gradAt(y, gy);
      if (!Number.isFinite(fx) || !Number.isFinite(fy) || !finiteAll(gx) || !finiteAll(gy)) return null;
      for (let i = 0; i < n; i++) gt[i] = gx[i] - gy[i];
      const dd = nrm2(gt);
      const a: Approx = {
        v: dd,
        err: gradScaleErr(n, nrm2(gx), fx, x) + gradScaleErr(n, nrm2(gy), fy, y) + 4 * EPS * dd,
      };
      if (ctx.tangents) {
        const dx = new Float64Array(n),
          dy = new Float64Array(n);
        if (dd > 0) {
          const u = Float64Array.from(gt, (t) => t / dd);
          hvp(x, u, dx);
          hvp(y, u, dy);
          for (let i = 0; i < n; i++) dy[i] = -dy[i];
        }
        a.d = { x: dx, y: dy };
      }
      return a;
    },
    taylor(x, y) {
      const fy = gradAt(y, gy);
      if (!Number.isFinite(fy) || !finiteAll(gy)) return null;
      if (obj.taylor) {
        // The objective's own residual, from its terms of order two and up (no quadrature).
        ctx.evaluations++;
        const t = obj.taylor(x, y);
        if (!Number.isFinite(t.value)) return null;
        const a: Approx = { v: t.value, err: Number.isFinite(t.err) ? t.err : Infinity };
        if (ctx.tangents) a.d = taylorTangent(x, y);
        return a;
      }
      // Also require f(x) to be defined: the residual is about f(x).
      if (!Number.isFinite(obj.value(x))) return null;
      let absS = 0;
      const est = (m: number): number => {
        const { nodes, weights } = gaussLegendre01(m);
        let s = 0;
        absS = 0;
        for (let k = 0; k < m; k++) {
          const t = nodes[k];
          for (let i = 0; i < n; i++) xt[i] = y[i] + t * (x[i] - y[i]);
          const ft = obj.grad(xt, gt);
          ctx.evaluations++;
          if (!Number.isFinite(ft) || !finiteAll(gt)) return NaN;
          let ip = 0;
          for (let i = 0; i < n; i++) ip += (gt[i] - gy[i]) * (x[i] - y[i]);
          s += weights[k] * ip;
          absS += weights[k] * Math.abs(ip);
        }
        return s;
      };
      const r20 = est(10);
      const abs20 = absS;
      if (!Number.isFinite(r20)) return null;
      const r12 = est(6);
      const r = dist(x, y);
      const err = Math.abs(r20 - r12) + 64 * EPS * (abs20 + nrm2(gy) * r) + gradScaleErr(n, nrm2(gy), fy, y) * r;
      const a: Approx = { v: r20, err: Number.isFinite(err) ? err : Infinity };
      if (ctx.tangents) a.d = taylorTangent(x, y);
      return a;
    },
    gap(p, at = 'x') {
      // With the gradient (the conditions on the gap also ask for ∇f or ∇²f at the point: one call).
      const f = gradAt(p, gx);
      if (!Number.isFinite(f)) return null;
      let err = 8 * EPS * (Math.abs(f) + Math.abs(opts.fstar));
      if (opts.noise) err += noiseAt(obj.value, p, f, () => ctx.evaluations++);
      const a: Approx = { v: f - opts.fstar, err };
      if (ctx.tangents) a.d = placed(at, Float64Array.from(gx));
      return a;
    },
    hessNorm(p, at = 'x') {
      const e = norms.at(p, ctx.tangents === true);
      if (!e) return null;
      const a: Approx = { ...e.a };
      if (ctx.tangents && e.v) {
        const d = thirdAlong(p, e.v);
        if (d) {
          if (e.sign < 0) for (let i = 0; i < n; i++) d[i] = -d[i];
          a.d = placed(at, d);
        }
      }
      return a;
    },
    gradient(x) {
      const g = new Float64Array(n);
      const f = gradAt(x, g);
      if (!Number.isFinite(f) || !finiteAll(g)) return null;
      return { g, f, err: gradScaleErr(n, nrm2(g), f, x) };
    },
    hessianDense(x) {
      if (n > denseMax || H.length !== n * n) return null;
      denseHessian(obj, x, H);
      ctx.evaluations += obj.hessian ? 1 : n;
      if (!finiteAll(H)) {
        if (H.some(isInf)) ctx.overflows++;
        return null;
      }
      let m = 0;
      for (let i = 0; i < H.length; i++) m = Math.max(m, Math.abs(H[i]));
      return { H: Float64Array.from(H), err: 16 * n * EPS * m + (obj.hvp || obj.hessian ? 0 : 1e-7 * m) };
    },
    hessianOp(x) {
      return (v, out) => hvp(x, v, out);
    },
    aim(x) {
      if (!opts.xstar) return null;
      const f = gradAt(x, gx);
      if (!Number.isFinite(f) || !finiteAll(gx)) return null;
      for (let i = 0; i < n; i++) gt[i] = x[i] - opts.xstar[i];
      const ip = dot(gx, gt);
      const g = nrm2(gx),
        r = nrm2(gt);
      const a: Approx = { v: ip, err: 16 * EPS * g * r + gradScaleErr(n, g, f, x) * r };
      if (ctx.tangents) {
        const d = new Float64Array(n);
        hvp(x, gt, d);
        for (let i = 0; i < n; i++) d[i] += gx[i];
        a.d = { x: d };
      }
      return a;
    },
  };
  const norms = hessianNorms(obj, hvp, ctx, { denseMax, lanczosTol: opts.lanczosTol, H });
  return ctx;
}
