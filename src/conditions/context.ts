/**
 * The double-precision evaluation context: the primitives of EvalContext with
 * error bounds (theory.md §0.3). Gradient norms carry a rounding bound relative to
 * the scale of the terms they are summed from; Taylor residuals come from
 * Gauss–Legendre quadrature of gradient differences (10 vs 6 nodes bound the
 * quadrature error; both are exact for polynomial objectives of degree ≤ 12); gaps carry eps·(|f| + |f*|); the Hessian norm is exact
 * (dense, Jacobi) up to `denseMax` dimensions and a Lanczos lower bound above.
 */
import { lanczos, symNorm } from '../core/eig.ts';
import { gaussLegendre01 } from '../core/quad.ts';
import { Rng } from '../core/rng.ts';
import { dist, dot, nrm2 } from '../core/vec.ts';
import { denseHessian, hvpOf, type Objective } from '../objectives/objective.ts';
import { EPS, type EvalContext } from './conditions.ts';

export interface FloatContextOptions {
  fstar: number;
  xstar: Float64Array | null;
  /** Largest dimension for which the Hessian norm is computed exactly (default 40). */
  denseMax?: number;
  lanczosIter?: number;
}

export interface FloatContext extends EvalContext {
  /** True when every Hessian norm so far was exact. */
  hessExact: boolean;
  evaluations: number;
  /** Evaluations whose value or gradient overflowed to ±Infinity (not NaN: outside the domain). */
  overflows: number;
}

function finiteAll(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}

/** Rounding bound of a computed gradient: relative to ‖∇f‖ and to the scale |f|/(1+‖x‖∞) of its terms. */
function gradScaleErr(n: number, g: number, f: number, x: Float64Array): number {
  let xi = 0;
  for (let i = 0; i < x.length; i++) xi = Math.max(xi, Math.abs(x[i]));
  return 64 * EPS * (g + (Math.sqrt(n) * Math.abs(f)) / (1 + xi));
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
    xt = new Float64Array(n);
  const H = new Float64Array(n * n <= 1e6 ? n * n : 0);
  const denseMax = opts.denseMax ?? 40;
  const hv = hvpOf(obj);
  const lrng = new Rng(0, 'lanczos');
  let warm: Float64Array | null = null;
  const ctx: FloatContext = {
    n,
    hessExact: true,
    evaluations: 0,
    overflows: 0,
    gradNorm(x) {
      ctx.evaluations++;
      const f = obj.grad(x, gx);
      if (!Number.isFinite(f) || !finiteAll(gx)) return null;
      const g = nrm2(gx);
      return { v: g, err: gradScaleErr(n, g, f, x) };
    },
    gradDiff(x, y) {
      ctx.evaluations += 2;
      const fx = obj.grad(x, gx);
      const fy = obj.grad(y, gy);
      if (!Number.isFinite(fx) || !Number.isFinite(fy) || !finiteAll(gx) || !finiteAll(gy)) return null;
      for (let i = 0; i < n; i++) gt[i] = gx[i] - gy[i];
      const d = nrm2(gt);
      return { v: d, err: gradScaleErr(n, nrm2(gx), fx, x) + gradScaleErr(n, nrm2(gy), fy, y) + 4 * EPS * d };
    },
    taylor(x, y) {
      const fy = obj.grad(y, gy);
      ctx.evaluations++;
      if (!Number.isFinite(fy) || !finiteAll(gy)) return null;
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
      return { v: r20, err: Number.isFinite(err) ? err : Infinity };
    },
    gap(x) {
      ctx.evaluations++;
      const f = obj.value(x);
      if (!Number.isFinite(f)) return null;
      return { v: f - opts.fstar, err: 8 * EPS * (Math.abs(f) + Math.abs(opts.fstar)) };
    },
    hessNorm(x) {
      if (n <= denseMax && H.length === n * n) {
        denseHessian(obj, x, H);
        ctx.evaluations += obj.hessian ? 1 : n;
        if (!finiteAll(H)) {
          if (H.some(isInf)) ctx.overflows++;
          return null;
        }
        const norm = symNorm(H, n);
        return { v: norm, err: 16 * n * EPS * norm + (obj.hvp || obj.hessian ? 0 : 1e-7 * norm) };
      }
      const r = lanczos((v, out) => hv(x, v, out), n, {
        maxIter: opts.lanczosIter ?? 16,
        tol: 1e-5,
        rng: lrng,
        start: warm ?? undefined,
      });
      ctx.evaluations += r.iterations;
      if (!Number.isFinite(r.norm)) {
        if (isInf(r.norm)) ctx.overflows++;
        return null;
      }
      // Start the next Lanczos run from this dominant Ritz vector (nearby points share it).
      warm = Math.abs(r.lambdaMax) >= Math.abs(r.lambdaMin) ? r.vecMax : r.vecMin;
      if (!r.invariant) ctx.hessExact = false;
      return { v: r.norm, err: 16 * EPS * r.norm * n };
    },
    gradient(x) {
      ctx.evaluations++;
      const g = new Float64Array(n);
      const f = obj.grad(x, g);
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
      return (v, out) => {
        ctx.evaluations++;
        hv(x, v, out);
      };
    },
    aim(x) {
      if (!opts.xstar) return null;
      ctx.evaluations++;
      const f = obj.grad(x, gx);
      if (!Number.isFinite(f) || !finiteAll(gx)) return null;
      for (let i = 0; i < n; i++) gt[i] = x[i] - opts.xstar[i];
      const ip = dot(gx, gt);
      const g = nrm2(gx),
        r = nrm2(gt);
      return { v: ip, err: 16 * EPS * g * r + gradScaleErr(n, g, f, x) * r };
    },
  };
  return ctx;
}
