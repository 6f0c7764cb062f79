/**
 * The I-NSGD estimator claim (docs/theory.md §f), tested by Monte Carlo at a point.
 *
 * Estimators of the direction of ∇F, F = (1/n) Σ f_i, from mini-batches drawn
 * uniformly with replacement:
 *   nsgd:  m = g_B / ‖g_B‖^β                 (biased in direction and scale)
 *   insg:  m = g_B / ‖g_B'‖^β, B' ⫫ B        (I-NSGD eq. 12: E m = E[‖g_B'‖^−β]·∇F)
 * Claim: "unbiased up to a positive scale", E m = c·∇F with c > 0, i.e. the component
 * of E m orthogonal to ∇F is zero.
 *
 * Test: project each draw onto k ≤ 20 orthonormal directions orthogonal to
 * u = ∇F/‖∇F‖ (all of u⊥ when d ≤ 21), and test the mean of the projections with
 * Hotelling's T² (χ²_k for large N). The sample doubles (×4) from 10⁴ draws until the
 * test rejects at level α/looks (Bonferroni over the looks), or the upper confidence
 * bound on the relative orthogonal bias ‖b⊥‖/⟨E m, u⟩ falls below the resolution, or
 * the budget ends, and the result says which. For insg the scale is also checked:
 * ⟨m̄, u⟩/‖∇F‖ against mean h^−β (delta-method interval for their ratio, should hold 1).
 */
import { Rng, type Seed } from '../core/rng.ts';
import { chi2Survival, normalQuantile } from '../core/special.ts';
import { dot, nrm2 } from '../core/vec.ts';
import { cholSolve } from '../core/linalg.ts';
import type { Objective } from '../objectives/objective.ts';

export interface EstimatorTestOptions {
  estimator: 'nsgd' | 'insg';
  beta: number;
  batch: number;
  batch2: number;
  seed: Seed;
  /** Maximum number of draws (default 1e6). */
  budget?: number;
  /** Family-wise significance level (default 1e-4). */
  alpha?: number;
  /** 'holds' is decisive once the relative orthogonal bias is below this with confidence (default 0.01). */
  resolution?: number;
  /** Directions of u⊥ to test (default min(d − 1, 20)). */
  directions?: number;
}

export interface EstimatorTestResult {
  estimator: 'nsgd' | 'insg';
  claim: string;
  verdict: 'holds' | 'fails' | 'inconclusive';
  decisive: boolean;
  stoppedBecause: 'rejected' | 'resolution-reached' | 'budget-exhausted' | 'infinite-moment';
  draws: number;
  looks: number;
  beta: number;
  batch: number;
  batch2: number;
  gradNorm: number;
  /** ⟨m̄, u⟩ and the orthogonal part's norm (over the tested directions). */
  parallelMean: number;
  orthogonalNorm: number;
  relativeBias: { estimate: number; upper: number };
  cosine: number;
  hotelling: { T2: number; df: number; pValue: number; level: number };
  scale?: { observed: number; predicted: number; ratio: number; ci: [number, number] };
  zeroNormDraws: number;
  reason?: string;
}

/** Orthonormal basis of k directions orthogonal to u (coordinate axes if k = d − 1, else random). */
function orthoDirections(u: Float64Array, k: number, rng: Rng): Float64Array[] {
  const d = u.length;
  const out: Float64Array[] = [];
  let axis = 0;
  while (out.length < k) {
    const v = new Float64Array(d);
    if (k >= d - 1 && axis < d) v[axis++] = 1;
    else rng.fillNormal(v);
    for (const w of [u, ...out]) {
      const c = dot(v, w);
      for (let i = 0; i < d; i++) v[i] -= c * w[i];
    }
    const nv = nrm2(v);
    if (nv < 1e-8) continue;
    for (let i = 0; i < d; i++) v[i] /= nv;
    out.push(v);
  }
  return out;
}

export function testEstimator(obj: Objective, x: Float64Array, o: EstimatorTestOptions): EstimatorTestResult {
  const fs = obj.finiteSum;
  if (!fs) throw new Error('the objective has no finite-sum structure');
  const d = obj.dim;
  const budget = o.budget ?? 1e6;
  const alpha = o.alpha ?? 1e-4;
  const resolution = o.resolution ?? 0.01;
  const rng = new Rng(o.seed, `estimator/${o.estimator}`);
  const full = new Float64Array(d);
  obj.grad(x, full);
  const gn = nrm2(full);
  const claim = `E[${o.estimator === 'nsgd' ? 'g_B/‖g_B‖^β' : "g_B/‖g_B'‖^β"}] = c·∇F(x) with c > 0`;
  const base = { estimator: o.estimator, claim, beta: o.beta, batch: o.batch, batch2: o.batch2, gradNorm: gn };
  if (!(gn > 0)) {
    return {
      ...base,
      verdict: 'inconclusive',
      decisive: false,
      stoppedBecause: 'budget-exhausted',
      draws: 0,
      looks: 0,
      parallelMean: NaN,
      orthogonalNorm: NaN,
      relativeBias: { estimate: NaN, upper: NaN },
      cosine: NaN,
      hotelling: { T2: NaN, df: 0, pValue: NaN, level: alpha },
      zeroNormDraws: 0,
      reason: '∇F(x) = 0: every direction is parallel to it; pick a point with a nonzero gradient',
    };
  }
  const u = Float64Array.from(full, (v) => v / gn);
  const k = Math.max(1, Math.min(o.directions ?? 20, d - 1));
  const Q = d > 1 ? orthoDirections(u, k, rng.stream('directions')) : [];
  const kk = Q.length;
  const idx = new Int32Array(Math.max(o.batch, o.batch2));
  const gB = new Float64Array(d),
    gB2 = new Float64Array(d);
  const bs = rng.stream('batches');
  // Running sums.
  let N = 0,
    sa = 0,
    saa = 0,
    sh = 0,
    shh = 0,
    sah = 0,
    zeros = 0;
  const sp = new Float64Array(kk),
    spp = new Float64Array(kk * kk),
    p = new Float64Array(kk);
  let looks = 0;
  let next = 1e4;
  const maxLooks = Math.max(1, Math.ceil(Math.log(Math.max(budget, 1e4) / 1e4) / Math.log(4)) + 1);
  const level = alpha / maxLooks;
  let result: Omit<EstimatorTestResult, keyof typeof base | 'claim'> | null = null;
  const summarise = (final: boolean) => {
    looks++;
    const mean = (s: number) => s / N;
    const a = mean(sa);
    const pbar = Float64Array.from(sp, (s) => s / N);
    const S = new Float64Array(kk * kk);
    for (let i = 0; i < kk; i++)
      for (let j = 0; j < kk; j++) S[i * kk + j] = (spp[i * kk + j] - N * pbar[i] * pbar[j]) / (N - 1);
    const sol = Float64Array.from(pbar);
    let T2 = 0;
    if (kk > 0 && cholSolve(S, kk, sol)) T2 = N * dot(pbar, sol, kk);
    const pValue = kk > 0 ? chi2Survival(T2, kk) : 1;
    const orth = nrm2(pbar);
    const z = normalQuantile(1 - level / (2 * Math.max(kk, 1)));
    // Upper bound on ‖b⊥‖ from per-direction intervals, lower bound on the parallel mean.
    let up2 = 0;
    for (let i = 0; i < kk; i++) up2 += (Math.abs(pbar[i]) + z * Math.sqrt(Math.max(S[i * kk + i], 0) / N)) ** 2;
    const sA = Math.sqrt(Math.max((saa - N * a * a) / (N - 1), 0));
    const aLow = a - (z * sA) / Math.sqrt(N);
    const relUpper = aLow > 0 ? Math.sqrt(up2) / aLow : Infinity;
    const rejected = pValue < level;
    const resolved = !rejected && relUpper < resolution;
    let scale: EstimatorTestResult['scale'];
    if (o.estimator === 'insg') {
      // ŝ = ā/‖∇F‖ against ĉ = mean h^−β; ratio CI by the delta method.
      const hbar = mean(sh);
      const sHH = (shh - N * hbar * hbar) / (N - 1),
        sAA = (saa - N * a * a) / (N - 1),
        sAH = (sah - N * a * hbar) / (N - 1);
      const r = a / gn / hbar;
      const varR =
        (sAA / (gn * gn) / (hbar * hbar) + (r * r * sHH) / (hbar * hbar) - (2 * r * sAH) / gn / (hbar * hbar)) / N;
      const half = z * Math.sqrt(Math.max(varR, 0));
      scale = { observed: a / gn, predicted: hbar, ratio: r, ci: [r - half, r + half] };
    }
    if (rejected || resolved || final) {
      result = {
        verdict: rejected ? 'fails' : 'holds',
        decisive: rejected || resolved,
        stoppedBecause: rejected ? 'rejected' : resolved ? 'resolution-reached' : 'budget-exhausted',
        draws: N,
        looks,
        parallelMean: a,
        orthogonalNorm: orth,
        relativeBias: { estimate: orth / Math.abs(a), upper: relUpper },
        cosine: a / Math.hypot(a, orth),
        hotelling: { T2, df: kk, pValue, level },
        scale,
        zeroNormDraws: zeros,
      };
    }
  };
  const inv = (h: number) => Math.pow(h, -o.beta);
  while (result === null) {
    fs.batchGrad(bs.indicesWith(fs.n, o.batch, idx), o.batch, x, gB);
    const nB = nrm2(gB);
    let h: number;
    if (o.estimator === 'nsgd') h = nB;
    else {
      fs.batchGrad(bs.indicesWith(fs.n, o.batch2, idx), o.batch2, x, gB2);
      h = nrm2(gB2);
    }
    if (h === 0) {
      // E‖g‖^−β is infinite when a batch gradient can vanish (docs/theory.md §f2 pitfalls).
      zeros++;
      {
        return {
          ...base,
          verdict: 'inconclusive',
          decisive: false,
          stoppedBecause: 'infinite-moment',
          draws: N,
          looks,
          parallelMean: NaN,
          orthogonalNorm: NaN,
          relativeBias: { estimate: NaN, upper: NaN },
          cosine: NaN,
          hotelling: { T2: NaN, df: kk, pValue: NaN, level },
          zeroNormDraws: zeros,
          reason: 'a mini-batch gradient was exactly zero, so E‖g‖^−β is infinite and the estimator has no mean',
        };
      }
    }
    const w = inv(h);
    const a = dot(gB, u) * w;
    for (let j = 0; j < kk; j++) p[j] = dot(gB, Q[j]) * w;
    N++;
    sa += a;
    saa += a * a;
    sh += w;
    shh += w * w;
    sah += a * w;
    for (let i = 0; i < kk; i++) {
      sp[i] += p[i];
      for (let j = 0; j < kk; j++) spp[i * kk + j] += p[i] * p[j];
    }
    if (N >= next || N >= budget) {
      summarise(N >= budget);
      next *= 4;
    }
  }
  return { ...base, ...(result as Omit<EstimatorTestResult, keyof typeof base | 'claim'>) };
}
