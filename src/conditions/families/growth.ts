/**
 * The growth condition of Bodard & Patrinos (Ass. 2.8; docs/theory.md §b5): for some R,
 *   ‖∇²f(x)‖_F ≤ p_R(‖x‖)  and  ‖∇f(x)‖ ≥ q_{R+1}(‖x‖),
 * polynomials of degree R and R + 1. It implies (L0,L1)-smoothness for every L1
 * (their Thm. 2.9) and the second-order anisotropic characterisation (Thm. 2.11).
 *
 * It is a statement about growth at infinity, so it is checked on spheres of growing
 * radius ρ_k (eight radii, doubling up to the box's half-width): on each, the smallest
 * gradient norm and the largest Frobenius Hessian norm are searched for (seeded
 * directions, then a local search warm-started from the previous sphere's worst
 * direction). Log–log slopes over the outer radii estimate the two degrees. The
 * decisive refutation is a path to infinity along which ‖∇f‖ stays bounded while the
 * Hessian grows (a non-compact set of stationary points, as in their Ex. 2.7).
 */
import { Rng } from '../../core/rng.ts';
import { linfit } from '../../core/stats.ts';
import { nrm2 } from '../../core/vec.ts';
import { denseHessian, hvpOf, type Objective } from '../../objectives/objective.ts';
import { maximize } from '../../search/local.ts';
import type { ConditionDef, CustomRunOptions, Params } from '../model.ts';
import type { ConditionResult, Counterexample, ResultBase } from '../result.ts';

function frobenius(obj: Objective, x: Float64Array, H: Float64Array): number {
  denseHessian(obj, x, H);
  let s = 0;
  for (const v of H) s += v * v;
  return Math.sqrt(s);
}

export function runGrowth(obj: Objective, claimed: Params, opts: CustomRunOptions, base: ResultBase): ConditionResult {
  const n = obj.dim;
  if (n > 200)
    return {
      ...base,
      verdict: 'inconclusive',
      counterexample: null,
      cause: 'usage',
      reason: `growth needs Frobenius Hessian norms (n Hessian-vector products); dimension ${n} > 200`,
    };
  const rho = Math.max(Math.abs(opts.box[0]), Math.abs(opts.box[1]));
  const K = 8;
  const radii = Array.from({ length: K }, (_, k) => rho * 2 ** -(K - 1 - k));
  const rng = new Rng(opts.seed, 'check/growth');
  const H = new Float64Array(n * n),
    g = new Float64Array(n),
    x = new Float64Array(n);
  let evaluations = 0;
  const at = (dir: Float64Array, r: number) => {
    const nd = nrm2(dir);
    for (let i = 0; i < n; i++) x[i] = (r * dir[i]) / (nd || 1);
    return x;
  };
  const gradAt = (dir: Float64Array, r: number) => {
    evaluations++;
    const f = obj.grad(at(dir, r), g);
    return Number.isFinite(f) ? nrm2(g) : NaN;
  };
  const hessAt = (dir: Float64Array, r: number) => {
    evaluations += n;
    return frobenius(obj, at(dir, r), H);
  };
  const special = (opts.special ?? []).filter((s) => nrm2(s) > 0);
  const hv = hvpOf(obj);
  const sphereDescent = (start: Float64Array, r: number): { g: number; dir: Float64Array } => {
    const y = Float64Array.from(at(start, r));
    const gy = new Float64Array(n),
      Hg = new Float64Array(n),
      cand = new Float64Array(n);
    const phi = (p: Float64Array) => {
      evaluations++;
      const f = obj.grad(p, gy);
      return Number.isFinite(f) ? nrm2(gy) : NaN;
    };
    let cur = phi(y);
    let step = 0.1 * r;
    for (let it = 0; it < 60 && Number.isFinite(cur) && cur > 0; it++) {
      obj.grad(y, gy);
      hv(y, gy, Hg);
      evaluations++;
      // Project out the radial component.
      let c = 0;
      for (let i = 0; i < n; i++) c += Hg[i] * y[i];
      c /= r * r;
      let tn = 0;
      for (let i = 0; i < n; i++) {
        Hg[i] -= c * y[i];
        tn += Hg[i] * Hg[i];
      }
      tn = Math.sqrt(tn);
      if (!(tn > 0)) break;
      let accepted = false;
      for (let bt = 0; bt < 12; bt++) {
        for (let i = 0; i < n; i++) cand[i] = y[i] - (step / tn) * Hg[i];
        const cn = nrm2(cand);
        for (let i = 0; i < n; i++) cand[i] *= r / cn;
        const v = phi(cand);
        if (v < cur) {
          y.set(cand);
          cur = v;
          step *= 1.5;
          accepted = true;
          break;
        }
        step *= 0.3;
      }
      if (!accepted) break;
    }
    return { g: cur, dir: Float64Array.from(y, (v) => v / r) };
  };
  const nDir = Math.max(64, 8 * n);
  const dirs = Array.from({ length: nDir }, () => rng.stream('directions').sphere(new Float64Array(n)));
  const lo = new Float64Array(n).fill(-2),
    hi = new Float64Array(n).fill(2);
  const minG: number[] = [],
    maxH: number[] = [],
    argG: number[][] = [];
  let warmG: Float64Array | null = null,
    warmH: Float64Array | null = null;
  const srng = rng.stream('search');
  for (const r of radii) {
    let bg = Infinity,
      bgDir = dirs[0],
      bh = -Infinity,
      bhDir = dirs[0];
    for (const d of [...dirs, ...(warmG ? [warmG] : []), ...(warmH ? [warmH] : [])]) {
      const gv = gradAt(d, r);
      if (gv < bg) {
        bg = gv;
        bgDir = d;
      }
      const hv = hessAt(d, r);
      if (hv > bh) {
        bh = hv;
        bhDir = d;
      }
    }
    const budget = n <= 6 ? 300 : 150;
    const rg = maximize((d) => -gradAt(d, r), Float64Array.from(bgDir), lo, hi, budget, srng, 0.05);
    if (-rg.value < bg) {
      bg = -rg.value;
      bgDir = rg.z;
    }
    // Gradient descent of ½‖∇f‖² on the sphere (its gradient ∇²f·∇f, one HVP, projected on the
    // tangent space), from the best direction so far and from the special points' directions:
    // a path of (near-)stationary points to infinity, the refutation, is found this way in any dimension.
    for (const start of [bgDir, ...special.map((s) => Float64Array.from(s))]) {
      if (!(nrm2(start) > 0)) continue;
      const d = sphereDescent(start, r);
      if (d.g < bg) {
        bg = d.g;
        bgDir = d.dir;
      }
    }
    const rh = maximize((d) => hessAt(d, r), Float64Array.from(bhDir), lo, hi, budget, srng, 0.05);
    if (rh.value > bh) {
      bh = rh.value;
      bhDir = rh.z;
    }
    warmG = Float64Array.from(bgDir);
    warmH = Float64Array.from(bhDir);
    minG.push(bg);
    maxH.push(bh);
    argG.push(Array.from(at(bgDir, r)));
  }
  const outer = radii.map((r, k) => k).filter((k) => k >= K / 2);
  const slope = (ys: number[]) => {
    const pts = outer.filter((k) => ys[k] > 0 && Number.isFinite(ys[k]));
    if (pts.length < 2) return -Infinity;
    return linfit(
      pts.map((k) => Math.log(radii[k])),
      pts.map((k) => Math.log(ys[k])),
    ).slope;
  };
  const sg = slope(minG),
    sh = slope(maxH);
  const evidence = {
    radii,
    minGradNorm: minG,
    maxHessianFrobenius: maxH,
    gradientDegree: sg,
    hessianDegree: sh,
    pointsOfMinGradient: argG,
  };
  const common: ResultBase = { ...base, evaluations, samples: K * nDir, evidence, notes: [...base.notes] };
  // A bounded (or vanishing) smallest gradient on spheres whose Hessians grow refutes it.
  const gBounded = !(sg > 0.5) || minG[K - 1] <= 1e-8 * Math.max(1, maxH[K - 1] * radii[K - 1]);
  const hGrows = sh > 0.5 && maxH[K - 1] > 4 * maxH[K / 2];
  const R = claimed.R as number | undefined;
  const refutation = (lhs: number, rhs: number): Counterexample => ({
    x: argG[K - 1],
    y: null,
    lhs,
    rhs,
    margin: NaN,
    tolerance: NaN,
    recheck: 'float64-error-bounded',
  });
  if (R !== undefined) {
    const ok = sh <= R + 0.25 && sg >= R + 1 - 0.25 && !gBounded;
    if (ok) return { ...common, verdict: 'holds', counterexample: null };
    common.notes.push(
      `on spheres up to radius ${radii[K - 1]}: Hessian degree ≈ ${sh.toFixed(2)} (claimed ≤ ${R}), gradient degree ≈ ${sg.toFixed(2)} (needed ≥ ${R + 1}); the point is the smallest gradient on the largest sphere`,
    );
    return { ...common, verdict: 'fails', counterexample: refutation(minG[K - 1], NaN) };
  }
  const estimate = {
    hessianDegree: sh,
    gradientDegree: sg,
    R: Number.isFinite(sh) ? Math.max(0, Math.ceil(sh - 0.25)) : 'unbounded',
  };
  if (gBounded && hGrows) {
    common.notes.push(
      'the smallest gradient norm stays bounded on spheres where the Hessian grows: Assumption 2.8 fails for every R (a non-compact set of near-stationary points)',
    );
    return { ...common, estimate, verdict: 'fails', counterexample: refutation(maxH[K - 1], minG[K - 1]) };
  }
  if (sg >= sh + 1 - 0.25)
    common.notes.push(
      `consistent with Assumption 2.8 with R = ${estimate.R}: the gradient grows one degree faster than the Hessian`,
    );
  else
    common.notes.push(
      'the gradient does not grow one degree faster than the Hessian on these spheres: Assumption 2.8 is not supported',
    );
  return { ...common, estimate, verdict: 'estimated', counterexample: null };
}

export const GROWTH_CONDITION: ConditionDef = {
  name: 'growth',
  family: 'growth',
  inequality:
    '‖∇²f(x)‖_F ≤ p_R(‖x‖) and ‖∇f(x)‖ ≥ q_{R+1}(‖x‖) (Bodard & Patrinos Ass. 2.8), on spheres up to the box half-width',
  kind: 'point',
  params: [
    {
      name: 'R',
      doc: 'claimed degree of the Hessian bound (the gradient then needs degree R + 1)',
      role: 'shape',
      min: 0,
    },
  ],
  A: null,
  B: null,
  evaluate: () => null,
  run: runGrowth,
  references: 'Bodard & Patrinos (NeurIPS 2025) Ass. 2.8, Thm. 2.9, 2.11; docs/theory.md §b5',
};
