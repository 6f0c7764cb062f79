/**
 * The checking engine: sample → search → re-check → verdict (design.md).
 *
 * 1. Special points: the known minimiser and start, stationary points found by
 *    Levenberg–Marquardt on ∇f = 0 from several starts (theory.md §0.2.3).
 * 2. f* when a condition needs it and it is not given: multi-start L-BFGS, and never
 *    above the smallest sampled value; reported as an estimate.
 * 3. The seeded sample set (generators/sampler.ts), then local maximisation of the
 *    statistic from the worst samples (theory.md §0.2.1). Every point the search
 *    evaluates joins the sample.
 * 4. Claims: a violation counts only if it exceeds the error bounds of lhs and rhs;
 *    the worst candidates are then re-checked (64-digit arithmetic for expr:
 *    objectives, a fresh double evaluation with error bounds otherwise), and only a
 *    re-checked one becomes the counterexample.
 * 5. Estimates: the tightest constant over every evaluated sample (theory.md §0.1),
 *    so an estimate is never above the truth beyond rounding; with two constants
 *    left out, the frontier (upper convex hull).
 */
import { parseParams, splitSpec } from '../core/params.ts';
import { Rng, type Seed } from '../core/rng.ts';
import { nrm2 } from '../core/vec.ts';
import { UsageError } from '../errors.ts';
import { sampleSet, type Box } from '../generators/sampler.ts';
import { denseHessian, hvpOf, type Objective } from '../objectives/objective.ts';
import { cholSolve, lbfgs, maximize } from '../search/local.ts';
import { type ConditionDef, type EvalContext, type Params, type Sample } from './conditions.ts';
import { CONDITIONS, CONTRACT_CONDITIONS_NAMES, findCondition } from './registry.ts';
import { floatContext } from './context.ts';
import { runGrowth } from './growth.ts';
import { preciseContext } from './precise.ts';

export interface ConditionSpec {
  name: string;
  params: Params;
}

export type Verdict = 'holds' | 'fails' | 'estimated' | 'inconclusive';

export interface Counterexample {
  x: number[];
  y: number[] | null;
  lhs: number;
  rhs: number;
  /** The weight w of the sample (‖∇f‖^α, the gap, ...), for plots. */
  w?: number;
  /** lhs − rhs after the re-check, and the error bound it exceeded. */
  margin: number;
  tolerance: number;
  recheck: 'bignumber-64' | 'float64-error-bounded';
}

export interface FrontierPoint {
  [param: string]: number | string;
}

export interface ConditionResult {
  condition: string;
  inequality: string;
  claimed: Params;
  verdict: Verdict;
  estimate: Record<string, number | string | FrontierPoint[]>;
  counterexample: Counterexample | null;
  evaluations: number;
  samples: number;
  /** Smallest rhs − lhs over the samples (holds), for how close the claim came. */
  margin?: number;
  /** The sample where the estimate is attained (estimates). */
  attainedAt?: { x: number[]; y: number[] | null };
  undefinedSamples: number;
  hessianNorm?: 'exact' | 'lanczos-lower-bound';
  dismissedCandidates?: number;
  /** Condition-specific evidence (e.g. the growth condition's radii and norms). */
  evidence?: Record<string, unknown>;
  reason?: string;
  /** Why a result is inconclusive: the objective failed, a parameter or input is missing, or f* is unknown. */
  cause?: 'objective' | 'usage' | 'fstar' | 'time-limit' | 'overflow';
  /** True when --time-limit stopped the sampling or the search before it was done. */
  partial?: boolean;
  /** Samples whose value or gradient overflowed (±Infinity). */
  overflowSamples?: number;
  /** (w, lhs) of the samples, thinned evenly, when CheckOptions.keepSamples asks for them (reports). */
  scatter?: { w: number[]; lhs: number[] };
  notes: string[];
}

export interface CheckOptions {
  box: Box;
  seed: Seed;
  samples: number;
  fstar?: number;
  xstar?: Float64Array;
  /** Local searches from the worst samples (default 6) and their budget each. */
  searchStarts?: number;
  searchBudget?: number;
  /** Keep up to this many (w, lhs) pairs per condition for plots (reports); default none. */
  keepSamples?: number;
  /** Stop sampling and searching at this time (performance.now() milliseconds); the result is marked partial. */
  deadline?: number;
}

export interface FstarInfo {
  value: number;
  source: 'given' | 'objective' | 'estimated';
  unbounded?: boolean;
}

export interface CheckReport {
  objective: string;
  dim: number;
  seed: Seed;
  box: Box;
  fstar?: FstarInfo;
  results: ConditionResult[];
  notes: string[];
}

/** Parse "NAME" or "NAME:k=v,k=v" against the condition table. */
export function parseConditionSpec(spec: string): ConditionSpec {
  const { name, rest } = splitSpec(spec);
  const def = findCondition(name);
  if (!def)
    throw new UsageError(`unknown condition "${name}" (conditions: ${CONDITIONS.map((c) => c.name).join(', ')})`);
  return { name, params: parseParams(`condition ${name}`, rest, def.params) };
}

/** Stationary points in (or near) the box: Levenberg–Marquardt on ∇f(x) = 0 (small n). */
export function findStationaryPoints(obj: Objective, box: Box, rng: Rng, starts: number): Float64Array[] {
  const n = obj.dim;
  if (n > 40) return stationaryByGradientNorm(obj, box, rng, Math.min(starts, 4));
  const H = new Float64Array(n * n),
    M = new Float64Array(n * n),
    g = new Float64Array(n),
    g2 = new Float64Array(n),
    p = new Float64Array(n),
    xt = new Float64Array(n);
  const found: Float64Array[] = [];
  for (let s = 0; s < starts; s++) {
    const x = rng.fillUniform(new Float64Array(n), box[0], box[1]);
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
    const inside = x.every((v) => v >= box[0] - 1e-9 * (box[1] - box[0]) && v <= box[1] + 1e-9 * (box[1] - box[0]));
    const scale = Math.abs(f) + 1;
    if (inside && gn <= 1e-6 * scale) {
      for (let i = 0; i < n; i++) x[i] = Math.min(box[1], Math.max(box[0], x[i]));
      if (!found.some((y) => y.every((v, i) => Math.abs(v - x[i]) <= 1e-7 * (1 + Math.abs(v))))) found.push(x);
    }
  }
  return found;
}

/**
 * Stationary points in high dimension: L-BFGS on φ(x) = ½‖∇f(x)‖², whose gradient is
 * ∇²f(x)∇f(x) (one Hessian-vector product), from the box centre and seeded starts.
 */
function stationaryByGradientNorm(obj: Objective, box: Box, rng: Rng, starts: number): Float64Array[] {
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
  const found: Float64Array[] = [];
  const x0s: Float64Array[] = [new Float64Array(n).fill(0.5 * (box[0] + box[1]))];
  for (let s = 1; s < starts; s++) x0s.push(rng.fillUniform(new Float64Array(n), box[0], box[1]));
  for (const x0 of x0s) {
    const f0 = obj.grad(x0, g);
    const g0 = nrm2(g);
    const r = lbfgs(phi, x0, 200);
    if (r.unbounded || !Number.isFinite(r.f)) continue;
    const gn = Math.sqrt(2 * r.f);
    const inside = r.x.every((v) => v >= box[0] && v <= box[1]);
    if (inside && gn <= 1e-6 * Math.max(g0, Math.abs(f0), 1)) found.push(r.x);
  }
  return found;
}

/** f*: multi-start L-BFGS (unconstrained), never above the smallest value seen. */
export function estimateFstar(
  obj: Objective,
  box: Box,
  rng: Rng,
  starts: number,
  extra: Float64Array[],
): { value: number; unbounded: boolean; at: Float64Array | null } {
  let best = Infinity;
  let at: Float64Array | null = null;
  const x0s = [...extra];
  for (let s = 0; s < starts; s++) x0s.push(rng.fillUniform(new Float64Array(obj.dim), box[0], box[1]));
  for (const x0 of x0s) {
    const r = lbfgs(obj, x0, 300);
    if (r.unbounded) return { value: -Infinity, unbounded: true, at: null };
    if (Number.isFinite(r.f) && r.f < best) {
      best = r.f;
      at = r.x;
    }
    const f0 = obj.value(x0);
    if (Number.isFinite(f0) && f0 < best) {
      best = f0;
      at = x0;
    }
  }
  return { value: best, unbounded: false, at };
}

interface Mode {
  kind: 'claim' | 'estA' | 'estB' | 'frontier';
  A: number;
  B: number;
}

function modeOf(def: ConditionDef, claimed: Params): Mode {
  const hasA = def.A === null || def.A.param in claimed;
  const hasB = def.B === null || def.B.param in claimed;
  const A = def.A === null ? 0 : hasA ? def.A.to(claimed[def.A.param] as number) : NaN;
  const B = def.B === null ? 0 : hasB ? def.B.to(claimed[def.B.param] as number) : NaN;
  if (hasA && hasB) return { kind: 'claim', A, B };
  if (!hasA && hasB) return { kind: 'estA', A, B };
  if (hasA && !hasB) return { kind: 'estB', A, B };
  return { kind: 'frontier', A, B };
}

const tolOf = (s: Sample, A: number, B: number) =>
  s.lhsErr + Math.abs(B) * s.wErr + 1e-12 * (Math.abs(s.lhs) + Math.abs(A) + Math.abs(B * s.w)) + 1e-300;

/**
 * Tightest B for a given A: max_i (lhs_i − A)/w_i over samples with w_i > 0, using
 * each sample's lower error bound, so rounding never inflates it. Infinity when a
 * sample with w = 0 (within its error) already exceeds A, or when the supremum runs
 * beyond 1e10 times the natural scale max lhs / max w: that only happens as samples
 * approach a point where w vanishes and lhs does not (a stationary point for the
 * gradient forms, a minimiser for the gap forms), where the true supremum is +∞.
 */
function tightB(S: Sample[], A: number): { B: number; i: number } {
  let B = -Infinity,
    at = -1,
    lmax = 0,
    wmax = 0;
  for (let i = 0; i < S.length; i++) {
    const s = S[i];
    lmax = Math.max(lmax, Math.abs(s.lhs));
    wmax = Math.max(wmax, s.w);
    if (s.w <= s.wErr) {
      if (s.lhs - A > s.lhsErr + 1e-12 * (Math.abs(s.lhs) + Math.abs(A))) return { B: Infinity, i };
      continue;
    }
    const excess = s.lhs - A;
    const b = excess >= 0 ? (excess - s.lhsErr) / (s.w + s.wErr) : excess / (s.w - s.wErr);
    if (b > B) {
      B = b;
      at = i;
    }
  }
  if (wmax > 0 && B > (1e10 * Math.max(lmax + Math.abs(A), 1e-300)) / wmax) return { B: Infinity, i: at };
  return { B, i: at };
}

/** Tightest A for a given B: max_i (lhs_i − B·w_i), each at its lower error bound. */
function tightA(S: Sample[], B: number): { A: number; i: number } {
  let A = -Infinity,
    at = -1;
  for (let i = 0; i < S.length; i++) {
    const s = S[i];
    const a = s.lhs - B * s.w - (s.lhsErr + Math.abs(B) * s.wErr);
    if (a > A) {
      A = a;
      at = i;
    }
  }
  return { A, i: at };
}

/**
 * The frontier B ↦ Â(B) = max_i (lhs_i − B·w_i) for B ≥ 0 (theory.md §0.1), as its
 * breakpoints: the vertices of the upper convex hull of the points (w_i, lhs_i) met
 * as B grows, down to A = 0 (constants are ≥ 0). When a sample has w = 0 the
 * frontier ends at the breakpoint where it reaches that sample's lhs and stays flat
 * beyond it (the report then gives the other constant at 0 as "unbounded").
 */
export function frontier(S: Sample[]): { B: number; A: number }[] {
  if (S.length === 0) return [];
  let cur = 0;
  for (let i = 1; i < S.length; i++) {
    if (S[i].lhs > S[cur].lhs || (S[i].lhs === S[cur].lhs && S[i].w < S[cur].w)) cur = i;
  }
  const pts: { B: number; A: number }[] = [{ B: 0, A: S[cur].lhs }];
  let B = 0;
  for (let guard = 0; guard < S.length; guard++) {
    const v = S[cur];
    let next = -1,
      nextB = Infinity;
    for (let j = 0; j < S.length; j++) {
      const s = S[j];
      if (s.w >= v.w) continue;
      const b = (v.lhs - s.lhs) / (v.w - s.w);
      if (b < nextB || (b === nextB && next >= 0 && s.w < S[next].w)) {
        nextB = b;
        next = j;
      }
    }
    const A0 = v.lhs - B * v.w;
    // Where the current piece reaches A = 0.
    const bZero = v.w > 0 ? v.lhs / v.w : Infinity;
    if (next < 0 || nextB >= bZero) {
      // Either the piece reaches A = 0, or the last vertex has w = 0 and the
      // frontier stays flat at its lhs for every larger B (no extra point needed).
      if (Number.isFinite(bZero) && A0 > 0) pts.push({ B: bZero, A: 0 });
      break;
    }
    if (nextB > B) pts.push({ B: nextB, A: v.lhs - nextB * v.w });
    B = Math.max(B, nextB);
    cur = next;
  }
  return pts;
}

/** Thrown inside the sampling and search loops when the deadline has passed. */
class TimeUp extends Error {}

function isDiagonal(z: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (z[i] !== z[n + i]) return false;
  return true;
}

/**
 * At most `max` breakpoints of a frontier. Â(B) is convex, so the chord between two
 * kept breakpoints lies above it: the thinned frontier still gives valid (if slightly
 * looser) constants everywhere, and it is exact at every kept breakpoint.
 */
export function thinFrontier(all: { B: number; A: number }[], max = 24): { B: number; A: number }[] {
  // Breakpoints closer than rounding are one breakpoint (keep the later: it is exact there too).
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-300);
  const pts = all.filter((p, i) => i === all.length - 1 || !(close(p.B, all[i + 1].B) && close(p.A, all[i + 1].A)));
  if (pts.length <= max) return pts;
  const keep = new Set<number>([0, pts.length - 1, pts.length - 2]);
  // Spread the rest evenly in A (the drop from Â(0) to the end).
  const a0 = pts[0].A,
    a1 = pts[pts.length - 1].A;
  for (let k = 1; k < max - 1; k++) {
    const target = a0 + ((a1 - a0) * k) / (max - 1);
    let best = 0;
    for (let i = 0; i < pts.length; i++) if (Math.abs(pts[i].A - target) < Math.abs(pts[best].A - target)) best = i;
    keep.add(best);
  }
  return [...keep].sort((a, b) => a - b).map((i) => pts[i]);
}

/** Conditions that are not a pointwise inequality run their own procedure. */
const CUSTOM_RUNNERS: Record<
  string,
  (obj: Objective, claimed: Params, opts: RunOptions, base: ConditionResult) => ConditionResult
> = { growth: runGrowth };

export interface RunOptions extends CheckOptions {
  fstarInfo?: FstarInfo;
  special: Float64Array[];
}

/** Check or estimate one condition. */
export function runCondition(obj: Objective, spec: ConditionSpec, opts: RunOptions): ConditionResult {
  const def = findCondition(spec.name)!;
  const n = obj.dim;
  const claimed: Params = {};
  for (const p of def.params) {
    if (p.name in spec.params) claimed[p.name] = spec.params[p.name];
    else if (p.default !== undefined) claimed[p.name] = p.default;
  }
  const shape: Params = {};
  for (const p of def.params) if (p.role === 'shape') shape[p.name] = claimed[p.name];
  const mode = modeOf(def, claimed);
  const base: ConditionResult = {
    condition: def.name,
    inequality: def.inequality,
    claimed,
    verdict: 'inconclusive',
    estimate: {},
    counterexample: null,
    evaluations: 0,
    samples: 0,
    undefinedSamples: 0,
    notes: [],
  };
  const custom = CUSTOM_RUNNERS[def.name];
  if (custom) return custom(obj, claimed, opts, base);
  const missing = (def.requires ?? []).filter((p) => !(p in claimed));
  if (missing.length > 0) {
    return {
      ...base,
      cause: 'usage',
      reason: `${def.name} needs ${missing.join(' and ')} (write ${def.name}:${missing.map((m) => `${m}=...`).join(',')})`,
    };
  }
  if (def.maxDim !== undefined && n > def.maxDim) {
    return {
      ...base,
      cause: 'usage',
      reason: `${def.name} is evaluated up to dimension ${def.maxDim} (dense Hessians); this objective has ${n}`,
    };
  }
  const xstar = opts.xstar ?? obj.xstar ?? null;
  if (def.needsXstar && !xstar) {
    return { ...base, cause: 'usage', reason: `${def.name} needs a minimiser: pass --xstar X1,...,X${n}` };
  }
  const fs = opts.fstarInfo;
  if (def.needsFstar && (!fs || !Number.isFinite(fs.value))) {
    return {
      ...base,
      cause: 'fstar',
      reason: fs?.unbounded
        ? 'f appears unbounded below (the minimiser ran away), so f − f* is undefined; pass --fstar if f* is finite'
        : 'f* could not be determined; pass --fstar',
    };
  }
  if (def.needsHessian && obj.smoothness === 'C1')
    base.notes.push(
      'the objective is only C¹: the Hessian is evaluated where it exists (piecewise), kinks can be missed',
    );
  const ctx = floatContext(obj, { fstar: fs?.value ?? 0, xstar });
  const rng = new Rng(opts.seed, `check/${def.name}`);
  const zs = sampleSet(rng.stream('samples'), {
    n,
    box: opts.box,
    count: opts.samples,
    kind: def.kind,
    special: opts.special,
  });
  const S: Sample[] = [];
  const Z: Float64Array[] = [];
  let undef = 0;
  let partial = false;
  let calls = 0;
  const evalAt = (z: Float64Array): Sample | null => {
    if (opts.deadline !== undefined && (++calls & 31) === 0 && performance.now() > opts.deadline) throw new TimeUp();
    // A pair with x = y carries no information (the search can collapse onto one).
    if (def.kind === 'pair' && isDiagonal(z, n)) return null;
    const s = def.evaluate(ctx, z, shape);
    if (s === null || !Number.isFinite(s.lhs) || !Number.isFinite(s.w)) {
      undef++;
      return null;
    }
    S.push(s);
    Z.push(Float64Array.from(z));
    return s;
  };
  try {
    for (const z of zs) evalAt(z);
  } catch (e) {
    if (!(e instanceof TimeUp)) throw e;
    partial = true;
  }
  if (S.length === 0) {
    if (partial)
      return {
        ...base,
        partial,
        cause: 'time-limit',
        evaluations: ctx.evaluations,
        reason: 'the time limit ended the run before any sample was evaluated',
      };
    return {
      ...base,
      cause: 'objective',
      evaluations: ctx.evaluations,
      undefinedSamples: undef,
      reason: `the objective is undefined (non-finite) at all ${zs.length} sampled ${def.kind === 'pair' ? 'pairs' : 'points'} of the box [${opts.box.join(', ')}]`,
    };
  }
  // Statistics to maximise, per mode.
  const stat = (s: Sample, B: number): number => {
    switch (mode.kind) {
      case 'claim':
        return (
          (s.lhs - (mode.A + mode.B * s.w)) / (Math.abs(mode.A) + Math.abs(mode.B * s.w) + Math.abs(s.lhs) + 1e-300)
        );
      case 'estA':
        return s.lhs - mode.B * s.w;
      case 'estB':
        return s.w > 0 ? (s.lhs - mode.A) / s.w : s.lhs > mode.A ? Infinity : -Infinity;
      default:
        return s.lhs - B * s.w;
    }
  };
  const searchFrom = (slopes: number[]) => {
    const starts = opts.searchStarts ?? 6;
    // Nelder–Mead converges in a few hundred evaluations up to 12 dimensions; above,
    // the evolution strategy gets a fixed budget per start.
    const budget = opts.searchBudget ?? (Z[0].length <= 12 ? Math.min(400, 60 + 40 * Z[0].length) : 150);
    const lo = new Float64Array(Z[0].length).fill(opts.box[0]);
    const hi = new Float64Array(Z[0].length).fill(opts.box[1]);
    const srng = rng.stream('search');
    for (const B of slopes) {
      const scores = S.map((s) => stat(s, B));
      const order = scores
        .map((_, i) => i)
        .filter((i) => Number.isFinite(scores[i]))
        .sort((a, b) => scores[b] - scores[a]);
      for (const i of order.slice(0, starts)) {
        maximize(
          (z) => {
            const s = evalAt(z);
            return s ? stat(s, B) : -Infinity;
          },
          Z[i],
          lo,
          hi,
          budget,
          srng,
          0.02 * (opts.box[1] - opts.box[0]),
        );
      }
    }
  };
  const guardTime = (f: () => void) => {
    try {
      f();
    } catch (e) {
      if (!(e instanceof TimeUp)) throw e;
      partial = true;
    }
  };
  if (mode.kind === 'frontier') {
    const f0 = frontier(S).filter((p) => Number.isFinite(p.B));
    const slopes = [0, ...f0.slice(1, 4).map((p) => p.B)];
    if (!partial) guardTime(() => searchFrom(slopes));
  } else if (!partial) guardTime(() => searchFrom([0]));

  const res: ConditionResult = {
    ...base,
    samples: S.length,
    undefinedSamples: undef,
    evaluations: ctx.evaluations,
    hessianNorm: def.needsHessian ? (ctx.hessExact ? 'exact' : 'lanczos-lower-bound') : undefined,
  };
  if (opts.keepSamples && opts.keepSamples > 0) {
    const step = Math.max(1, Math.ceil(S.length / opts.keepSamples));
    const kept = S.filter((_, i) => i % step === 0);
    res.scatter = { w: kept.map((q) => q.w), lhs: kept.map((q) => q.lhs) };
  }
  if (partial) {
    res.partial = true;
    res.notes.push(
      `the time limit stopped the run after ${S.length} evaluated samples (${zs.length} planned, plus the adversarial search): the result covers only what was searched`,
    );
  }
  if (ctx.overflows > 0) {
    res.overflowSamples = ctx.overflows;
    res.notes.push(
      `${ctx.overflows} evaluations overflowed (±Infinity): the objective exceeds the double range on part of the box`,
    );
  }
  if (def.needsHessian && !ctx.hessExact)
    res.notes.push(
      `dimension ${n} > 40: ‖∇²f‖ is a Lanczos lower bound, so estimates may be low and a 'holds' is weaker (a 'fails' stays valid)`,
    );
  if (undef > 0)
    res.notes.push(`${undef} samples were outside the domain or overflowed (non-finite values) and were skipped`);
  const pt = (i: number) => ({
    x: Array.from(Z[i].subarray(0, n)),
    y: def.kind === 'pair' ? Array.from(Z[i].subarray(n)) : null,
  });
  const nameA = def.A?.param,
    nameB = def.B?.param;

  if (mode.kind === 'claim') {
    // Candidates beyond their error bounds, the clearest first: by how many times the
    // violation exceeds its own tolerance, so the counterexample is one that no
    // rounding could explain, not merely the largest relative one.
    const cand: number[] = [];
    const clear: number[] = [];
    let margin = Infinity;
    for (let i = 0; i < S.length; i++) {
      const s = S[i];
      const v = s.lhs - (mode.A + mode.B * s.w);
      margin = Math.min(margin, -v);
      const tol = tolOf(s, mode.A, mode.B);
      if (v > tol) {
        cand.push(i);
        clear[i] = (v - tol) / tol;
      }
    }
    cand.sort((a, b) => clear[b] - clear[a]);
    const precise: EvalContext = obj.symbolic
      ? preciseContext(obj.symbolic, fs?.value ?? 0, xstar)
      : floatContext(obj, { fstar: fs?.value ?? 0, xstar, denseMax: 200, lanczosIter: 200 });
    const how = obj.symbolic ? 'bignumber-64' : 'float64-error-bounded';
    let dismissed = 0;
    for (const i of cand.slice(0, 8)) {
      const s = def.evaluate(precise, Z[i], shape);
      if (!s) {
        dismissed++;
        continue;
      }
      const v = s.lhs - (mode.A + mode.B * s.w);
      const tol = tolOf(s, mode.A, mode.B);
      if (v > tol) {
        const shown = def.display ? def.display(s, mode.A, mode.B) : { lhs: s.lhs, rhs: mode.A + mode.B * s.w };
        res.verdict = 'fails';
        res.counterexample = {
          ...pt(i),
          lhs: shown.lhs,
          rhs: shown.rhs,
          w: s.w,
          margin: v,
          tolerance: tol,
          recheck: how,
        };
        break;
      }
      dismissed++;
    }
    if (res.verdict !== 'fails' && (partial || ctx.overflows > 0)) {
      // No violation among what was searched, but that was not everything: never 'holds'.
      res.verdict = 'inconclusive';
      res.cause = partial ? 'time-limit' : 'overflow';
      res.reason = partial
        ? `no violation in the ${S.length} samples evaluated before the time limit; the planned search did not finish`
        : `no violation where the objective is finite, but it overflowed at ${ctx.overflows} evaluations: shrink --box to where f is representable`;
      res.margin = margin;
    } else if (res.verdict !== 'fails') {
      res.verdict = 'holds';
      res.margin = margin;
      if (dismissed > 0) res.dismissedCandidates = dismissed;
      if (dismissed > 0)
        res.notes.push(`${dismissed} apparent violation(s) were within rounding error after the re-check (${how})`);
    }
    res.evaluations = ctx.evaluations;
    return res;
  }
  res.verdict = 'estimated';
  if (mode.kind === 'estA') {
    const { A, i } = tightA(S, mode.B);
    res.estimate[nameA!] = def.A!.from(Math.max(A, 0));
    if (A < 0)
      res.notes.push(
        `every sample satisfies the inequality with ${nameA} = 0 (tightest value over the samples ${A.toPrecision(6)} < 0)`,
      );
    res.attainedAt = pt(i);
  } else if (mode.kind === 'estB') {
    const { B, i } = tightB(S, mode.A);
    const val = def.B!.from(Number.isFinite(B) ? (def.B!.tight === 'smallest' ? Math.max(B, 0) : B) : B);
    res.estimate[nameB!] = Number.isFinite(B) ? val : 'unbounded';
    if (!Number.isFinite(B) && B > 0)
      res.notes.push(
        `a sample with ${def.kind === 'pair' ? 'w' : 'zero weight'} = 0 exceeds ${nameA ?? 'the bound'} = ${def.A ? claimed[nameA!] : 0}: no finite ${nameB} works`,
      );
    if (i >= 0) res.attainedAt = pt(i);
  } else {
    const fr = thinFrontier(frontier(S));
    res.estimate.frontier = fr.map((p) => ({ [nameB!]: def.B!.from(p.B), [nameA!]: def.A!.from(p.A) }));
    res.estimate[`${nameA}_at_${nameB}_0`] = fr[0].A;
    const tb = tightB(S, 0);
    res.estimate[`${nameB}_at_${nameA}_0`] = Number.isFinite(tb.B) ? Math.max(tb.B, 0) : 'unbounded';
  }
  res.evaluations = ctx.evaluations;
  return res;
}

/**
 * Samples are kept (point or pair coordinates) for the search and the counterexample:
 * samples × vector length is bounded so that memory stays bounded (about 400 MB).
 */
export const SAMPLE_BUDGET = 5e7;

export function checkSampleBudget(dim: number, samples: number, specs: ConditionSpec[]): void {
  const pairs = specs.some((s) => findCondition(s.name)?.kind === 'pair');
  const len = (pairs ? 2 : 1) * dim;
  if (samples * len > SAMPLE_BUDGET) {
    throw new UsageError(
      `--samples ${samples} with ${pairs ? 'pairs' : 'points'} of dimension ${dim} would keep ${samples * len} numbers (limit ${SAMPLE_BUDGET}): use --samples ${Math.max(1, Math.floor(SAMPLE_BUDGET / len))} or fewer`,
    );
  }
}

/** Run several conditions on one objective, sharing special points and f*. */
export function checkObjective(
  obj: Objective,
  specs: ConditionSpec[],
  opts: CheckOptions & { progress?: (done: number, total: number, name: string) => void },
): CheckReport {
  checkSampleBudget(obj.dim, opts.samples, specs);
  const rng = new Rng(opts.seed, 'check');
  const notes: string[] = [];
  const special: Float64Array[] = [];
  if (obj.x0) special.push(obj.x0);
  const xstar = opts.xstar ?? obj.xstar;
  if (xstar) special.push(xstar);
  const stationary = findStationaryPoints(obj, opts.box, rng.stream('stationary'), obj.dim <= 3 ? 24 : 12);
  special.push(...stationary);
  if (stationary.length > 0) notes.push(`${stationary.length} stationary point(s) found in the box and probed`);
  let fstarInfo: FstarInfo | undefined;
  const needF = specs.some((s) => findCondition(s.name)!.needsFstar);
  if (opts.fstar !== undefined) fstarInfo = { value: opts.fstar, source: 'given' };
  else if (obj.fstar !== undefined) fstarInfo = { value: obj.fstar, source: 'objective' };
  else if (needF) {
    const e = estimateFstar(obj, opts.box, rng.stream('fstar'), 8, special);
    fstarInfo = { value: e.value, source: 'estimated', unbounded: e.unbounded };
    if (e.at) special.push(e.at);
    if (!e.unbounded) notes.push(`f* was estimated by multi-start L-BFGS as ${e.value}; pass --fstar if it is known`);
  }
  const results = specs.map((s, i) => {
    opts.progress?.(i, specs.length, s.name);
    const r = runCondition(obj, s, { ...opts, fstarInfo, special });
    opts.progress?.(i + 1, specs.length, s.name);
    return r;
  });
  return { objective: obj.name, dim: obj.dim, seed: opts.seed, box: opts.box, fstar: fstarInfo, results, notes };
}

/** The contract's conditions that apply (aiming only with a minimiser), all constants estimated. */
export function defaultSpecs(obj: Objective, xstar?: Float64Array): ConditionSpec[] {
  return CONDITIONS.filter(
    (c) => CONTRACT_CONDITIONS_NAMES.includes(c.name) && (!c.needsXstar || xstar || obj.xstar),
  ).map((c) => ({ name: c.name, params: {} }));
}
