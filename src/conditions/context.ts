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
 * in the error bound instead of in the estimate. The Hessian norm is exact (dense, Jacobi) up
 * to `denseMax` dimensions; above, Lanczos from a random start seeded by the point itself (so
 * the value is a function of the point, whatever the evaluation order) gives a certain lower
 * bound and a probabilistic upper bound (core/krylov.ts).
 */
import { normInterval, normIntervalMany, type NormResult } from '../core/krylov.ts';
import { symEigen } from '../core/symeig.ts';
import { gaussLegendre01 } from '../core/quad.ts';
import { Rng } from '../core/rng.ts';
import { dist, dot, nrm2 } from '../core/vec.ts';
import { denseHessian, hvpOf, type Objective } from '../objectives/objective.ts';
import { EPS, type Approx, type At, type EvalContext, type Tangent } from './model.ts';

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

function finiteAll(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}

/** Rounding bound of a computed gradient: relative to ‖∇f‖ and to the scale |f|/(1+‖x‖∞) of its terms. */
export function gradScaleErr(n: number, g: number, f: number, x: Float64Array): number {
  let xi = 0;
  for (let i = 0; i < x.length; i++) xi = Math.max(xi, Math.abs(x[i]));
  return 64 * EPS * (g + (Math.sqrt(n) * Math.abs(f)) / (1 + xi));
}

/** A 32-bit hash of a point's bits (FNV-1a), to seed the point's own Lanczos start. */
export function pointHash(x: Float64Array): number {
  const u = new Uint32Array(x.buffer, x.byteOffset, x.length * 2);
  let h = 0x811c9dc5;
  for (let i = 0; i < u.length; i++) {
    h ^= u[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const keyOf = (x: Float64Array) => Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('latin1');

interface HessEntry {
  a: Approx;
  /** The eigenvector of the largest |λ| and its sign (for the gradient of the norm); dense: computed on demand. */
  v: Float64Array | null;
  sign: number;
}

export function floatContext(raw: Objective, opts: FloatContextOptions): FloatContext {
  const n = raw.dim;
  // Count overflows (±Infinity) apart from NaN: NaN is a point outside the domain, an
  // infinity is an objective too large for doubles there, which must not let a claim hold.
  const isInf = (v: number) => v === Infinity || v === -Infinity;
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
  const hessCache = new Map<string, HessEntry | null>();
  // Bounded memory: at most 20 000 points, and about 200 MB of keys and eigenvectors.
  const cacheMax = Math.max(64, Math.min(20_000, Math.floor(2e8 / (16 * n))));

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

  /** A Lanczos run's cache entry, and what computing it says about overflows and exactness. */
  const lanczosEntry = (r: NormResult) => {
    if (!Number.isFinite(r.bound.lower) || !Number.isFinite(r.bound.thetaMin))
      return { entry: null, overflow: isInf(r.bound.lower), inexact: false };
    const top = Math.abs(r.lambdaMax) >= Math.abs(r.lambdaMin);
    const entry: HessEntry = {
      a: { v: r.bound.lower, err: 16 * EPS * r.bound.lower * n, krylov: r.bound },
      v: top ? r.vecMax : r.vecMin,
      sign: Math.sign(top ? r.lambdaMax : r.lambdaMin) || 1,
    };
    return { entry, overflow: false, inexact: !r.bound.exact };
  };
  /** Norms computed ahead (prefetchHessNorms), charged to the evaluation that first uses them. */
  const pending = new Map<string, { calls: number; overflow: boolean; inexact: boolean }>();

  const hessAt = (x: Float64Array, needVector: boolean): HessEntry | null => {
    const key = keyOf(x);
    const owed = pending.get(key);
    if (owed) {
      pending.delete(key);
      ctx.evaluations += owed.calls;
      if (owed.overflow) ctx.overflows++;
      if (owed.inexact) ctx.hessExact = false;
    }
    const hit = hessCache.get(key);
    if (hit !== undefined && (hit === null || hit.v !== null || !needVector)) return hit;
    let entry: HessEntry | null;
    if (n <= denseMax && H.length === n * n) {
      denseHessian(obj, x, H);
      ctx.evaluations += obj.hessian ? 1 : n;
      if (!finiteAll(H)) {
        if (H.some(isInf)) ctx.overflows++;
        entry = null;
      } else {
        const { values, vectors } = symEigen(H, n, needVector);
        const top = Math.abs(values[n - 1]) >= Math.abs(values[0]) ? n - 1 : 0;
        const norm = Math.abs(values[top]);
        const v = needVector ? new Float64Array(n) : null;
        if (v) for (let i = 0; i < n; i++) v[i] = vectors[i * n + top];
        const err = 16 * n * EPS * norm + (obj.hvp || obj.hessian ? 0 : 1e-7 * norm);
        entry = { a: { v: norm, err }, v, sign: Math.sign(values[top]) || 1 };
      }
    } else {
      const rng = new Rng(pointHash(x), 'lanczos');
      // A structured operator forms its per-point work once (one call), then each product is one call.
      let op = (v: Float64Array, out: Float64Array) => hvp(x, v, out);
      if (obj.hessianAt) {
        const at = obj.hessianAt(x);
        ctx.evaluations++;
        op = (v, out) => {
          ctx.evaluations++;
          at(v, out);
        };
      }
      const e = lanczosEntry(normInterval(op, n, rng, ctx.lanczosSteps, opts.lanczosTol));
      if (e.overflow) ctx.overflows++;
      if (e.inexact) ctx.hessExact = false;
      entry = e.entry;
    }
    if (hessCache.size > cacheMax) hessCache.clear();
    hessCache.set(key, entry);
    return entry;
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

  /**
   * The objective's rounding noise at x, as in Moré & Wild's ECnoise: f at 12 equally spaced points
   * along a random direction, for three step sizes; the RMS of the sixth differences, scaled by
   * √((6!)²/12!) = 1/√924, estimates the noise's standard deviation (a smooth f contributes h⁶f⁽⁶⁾,
   * negligible at these steps), and four of those bound it.
   */
  const noiseAt = (x: Float64Array, f: number): number => {
    let xi = 0;
    for (let i = 0; i < n; i++) xi = Math.max(xi, Math.abs(x[i]));
    const rng = new Rng(pointHash(x), 'noise');
    const u = new Float64Array(n);
    const C = [1, -6, 15, -20, 15, -6, 1];
    const vals = new Float64Array(12);
    let sum = 0,
      count = 0;
    for (const scale of [1, 1 / Math.PI, 1 / Math.E]) {
      rng.sphere(u);
      const h = 1e-6 * scale * (1 + xi);
      for (let j = 0; j < 12; j++) {
        for (let i = 0; i < n; i++) xt[i] = x[i] + (j - 6) * h * u[i];
        vals[j] = j === 6 ? f : obj.value(xt);
        ctx.evaluations++;
        if (!Number.isFinite(vals[j])) return Infinity;
      }
      for (let j = 0; j + 6 < 12; j++) {
        let d6 = 0;
        for (let k = 0; k < 7; k++) d6 += C[k] * vals[j + k];
        sum += d6 * d6;
        count++;
      }
    }
    return (4 * Math.sqrt(sum / count)) / Math.sqrt(924);
  };

  const ctx: FloatContext = {
    n,
    tangents: false,
    hessExact: true,
    evaluations: 0,
    overflows: 0,
    lanczosSteps: opts.lanczosSteps ?? 16,
    clearCache() {
      hessCache.clear();
      pending.clear();
      for (const m of memo) m.set = false;
    },
    prefetchHessNorms(points) {
      if ((n <= denseMax && H.length === n * n) || !obj.hessianAtMany) return;
      const todo: Float64Array[] = [];
      const keys: string[] = [];
      for (const x of points) {
        const key = keyOf(x);
        if (hessCache.has(key) || keys.includes(key)) continue;
        todo.push(x);
        keys.push(key);
      }
      if (todo.length < 2 || hessCache.size + todo.length > cacheMax) return;
      const ops = obj.hessianAtMany(todo);
      const rs = normIntervalMany(
        ops,
        n,
        todo.map((x) => new Rng(pointHash(x), 'lanczos')),
        ctx.lanczosSteps,
        opts.lanczosTol,
      );
      rs.forEach((r, k) => {
        const e = lanczosEntry(r);
        hessCache.set(keys[k], e.entry);
        // What hessAt would have counted: the per-point setup and one call per product.
        pending.set(keys[k], { calls: 1 + r.iterations, overflow: e.overflow, inexact: e.inexact });
      });
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
      if (opts.noise) err += noiseAt(p, f);
      const a: Approx = { v: f - opts.fstar, err };
      if (ctx.tangents) a.d = placed(at, Float64Array.from(gx));
      return a;
    },
    hessNorm(p, at = 'x') {
      const e = hessAt(p, ctx.tangents === true);
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
  return ctx;
}
