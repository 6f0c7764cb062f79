/**
 * The adversarial search on one evidence pool (docs/theory.md §0.2), after the initial sample:
 *
 * 1. structured starts in dimension ≥ 10 (search/structured.ts): coordinate- and
 *    direction-sparse points, and pairs built from them;
 * 2. the generic targets, the same whatever is asked of the pool: the frontier's slopes
 *    (lhs − B·w at B = 0 and at the first breakpoints) or, for conditions with only a B, the
 *    ratio lhs/w. So a claim's pool always contains what an estimate's pool would;
 * 3. each claim's own violation lhs − A − B·w, and each estimate's own statistic.
 *
 * Each target is climbed from the best samples by a derivative-free local search (Nelder–Mead
 * up to 12 dimensions, an evolution strategy above) and, where the condition gives gradients,
 * by projected gradient ascent in the full space (search/ascent.ts). Every evaluation joins the
 * pool. Budgets grow with the dimension; the pool records how many evaluations went where.
 */
import { lanczos } from '../core/eig.ts';
import type { Rng } from '../core/rng.ts';
import type { Domain, Origin } from '../domains/domain.ts';
import { ascend } from '../search/ascent.ts';
import { maximize } from '../search/local.ts';
import { centresOf, structuredPairs, structuredPoints } from '../search/structured.ts';
import { frontier } from './estimate.ts';
import type { EvalContext, Sample } from './model.ts';
import type { Pool } from './pool.ts';
import type { Mode } from './spec.ts';

export interface Target {
  kind: 'claim' | 'estA' | 'estB';
  A: number;
  B: number;
}

/** Evaluate z (with gradients when asked), add it to the pool; null when undefined or degenerate. */
export type Evaluate = (z: Float64Array, origin: Origin, tangents?: boolean) => Sample | null;

export interface SearchOptions {
  domain: Domain;
  kind: 'point' | 'pair';
  n: number;
  /** The condition can return gradients in z. */
  tangents: boolean;
  special: Float64Array[];
  rng: Rng;
  starts?: number;
  budget?: number;
  /** For the Hessian directions of the structured starts. */
  ctx: EvalContext;
}

/** The score a target's search maximises: relative violation for claims, the statistic itself otherwise. */
export function scoreOf(t: Target, s: Sample): number {
  switch (t.kind) {
    case 'claim':
      return (s.lhs - (t.A + t.B * s.w)) / (Math.abs(t.A) + Math.abs(t.B * s.w) + Math.abs(s.lhs) + 1e-300);
    case 'estA':
      return s.lhs - t.B * s.w;
    default:
      return s.w > 0 ? (s.lhs - t.A) / s.w : s.lhs > t.A ? Infinity : -Infinity;
  }
}

/** The ascent's objective (the raw statistic, not normalised) and its gradient in z. */
function ascentOf(t: Target, s: Sample): { score: number; grad: Float64Array | null } {
  const g = (a: number, b: number) => (s.dl && s.dw ? Float64Array.from(s.dl, (v, i) => a * v + b * s.dw![i]) : null);
  if (t.kind === 'claim') return { score: s.lhs - t.A - t.B * s.w, grad: g(1, -t.B) };
  if (t.kind === 'estA') return { score: s.lhs - t.B * s.w, grad: g(1, -t.B) };
  if (!(s.w > 0)) return { score: s.lhs > t.A ? Infinity : -Infinity, grad: null };
  return { score: (s.lhs - t.A) / s.w, grad: g(1 / s.w, -(s.lhs - t.A) / (s.w * s.w)) };
}

/** Indices of the k best samples by score, with distinct z. */
function topK(pool: Pool, score: (i: number) => number, k: number): number[] {
  const idx: number[] = [];
  const sc: number[] = [];
  for (let i = 0; i < pool.count; i++) {
    if (pool.isDropped(i)) continue;
    const v = score(i);
    if (!Number.isFinite(v)) continue;
    idx.push(i);
    sc[i] = v;
  }
  idx.sort((a, b) => sc[b] - sc[a]);
  const out: number[] = [];
  const same = (a: number, b: number) => {
    for (let j = 0; j < pool.len; j++) if (pool.Z[a * pool.len + j] !== pool.Z[b * pool.len + j]) return false;
    return true;
  };
  for (const i of idx) {
    if (out.length >= k) break;
    if (!out.some((j) => same(i, j))) out.push(i);
  }
  return out;
}

/** The bounding box of z's space (x's domain, twice for pairs). */
function boundsOfZ(o: SearchOptions) {
  const lo = o.kind === 'pair' ? Float64Array.from([...o.domain.lo, ...o.domain.lo]) : o.domain.lo;
  const hi = o.kind === 'pair' ? Float64Array.from([...o.domain.hi, ...o.domain.hi]) : o.domain.hi;
  const n = o.n;
  const project = (z: Float64Array) => {
    if (o.kind === 'point') o.domain.project(z);
    else {
      o.domain.project(z.subarray(0, n));
      o.domain.project(z.subarray(n, 2 * n));
    }
  };
  return { lo, hi, project };
}

/** Phase 1: structured starts (dimension ≥ 10). */
export function structuredPhase(pool: Pool, evaluate: Evaluate, o: SearchOptions): void {
  if (o.n < 10) return;
  const centres = centresOf(o.domain, o.special);
  // Directions: the extreme eigenvectors of the Hessian at the centres and at the two samples with the largest lhs.
  const dirs: Float64Array[] = [];
  const at: Float64Array[] = [...centres];
  for (const i of topK(pool, (i) => pool.lhs[i], 2)) at.push(pool.z(i).subarray(0, o.n));
  for (const x of at) {
    const op = o.ctx.hessianOp(x);
    const r = lanczos(op, o.n, { maxIter: 12, tol: 1e-6, rng: o.rng.stream('directions') });
    for (const v of [r.vecMax, r.vecMin]) if (v.every(Number.isFinite) && v.some((t) => t !== 0)) dirs.push(v);
  }
  const pts = structuredPoints(o.domain, centres, dirs, o.rng.stream('structured'), Math.min(16 * o.n, 512));
  if (o.kind === 'point') for (const p of pts) evaluate(p.x, 'structured');
  else for (const z of structuredPairs(o.domain, pts, 384)) evaluate(z, 'structured');
}

/** The targets every pool is searched for, whatever is asked of it (phase 2). */
export function genericTargets(pool: Pool, hasA: boolean, hasB: boolean): Target[] {
  if (!hasB) return [{ kind: 'estA', A: NaN, B: 0 }];
  if (!hasA) return [{ kind: 'estB', A: 0, B: NaN }];
  const fr = frontier(pool).filter((p) => Number.isFinite(p.B));
  return [0, ...fr.slice(1, 4).map((p) => p.B)].map((B) => ({ kind: 'estA' as const, A: NaN, B }));
}

/** The target of a resolved spec's mode (phase 3); frontiers are covered by the generic targets. */
export function targetOf(mode: Mode): Target | null {
  if (mode.kind === 'frontier') return null;
  return { kind: mode.kind, A: mode.A, B: mode.B };
}

/** Climb one target from the pool's best samples. */
export function searchTarget(pool: Pool, evaluate: Evaluate, o: SearchOptions, t: Target): void {
  const { lo, hi, project } = boundsOfZ(o);
  const len = pool.len;
  const highDim = o.n >= 10;
  const starts = o.starts ?? 6;
  const budget = o.budget ?? (len <= 12 ? Math.min(400, 60 + 40 * len) : 150);
  const srng = o.rng.stream('search');
  const byScore = (i: number) => scoreOf(t, pool.sample(i));
  for (const i of topK(pool, byScore, highDim ? Math.min(starts, 4) : starts)) {
    maximize(
      (z) => {
        const s = evaluate(z, 'local');
        return s ? scoreOf(t, s) : -Infinity;
      },
      pool.z(i),
      lo,
      hi,
      budget,
      srng,
      0.02 * o.domain.width,
      project,
    );
  }
  if (!o.tangents) return;
  // Gradient ascent from the best samples, and in high dimension from the best structured starts.
  const from = topK(pool, byScore, 4);
  if (highDim) {
    const structured = topK(pool, (i) => (pool.originOf(i) === 'structured' ? byScore(i) : -Infinity), 4);
    for (const i of structured) if (!from.includes(i)) from.push(i);
  }
  const iters = highDim ? 40 + Math.ceil(Math.sqrt(o.n)) : 40;
  for (const i of from) {
    ascend(
      (z) => {
        const s = evaluate(z, 'ascent', true);
        return s ? ascentOf(t, s) : null;
      },
      pool.z(i),
      { iters, budget: 3 * iters, width: o.domain.width, project },
    );
  }
}
