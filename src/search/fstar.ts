/** f* when it is not given: the infimum estimated by multi-start L-BFGS. */
import type { Box } from '../core/box.ts';
import type { Domain } from '../domains/domain.ts';
import { asDomain } from './stationary.ts';
import type { Rng } from '../core/rng.ts';
import type { Objective } from '../objectives/objective.ts';
import { lbfgs } from './local.ts';

export interface FstarEstimate {
  value: number;
  unbounded: boolean;
  at: Float64Array | null;
}

/** One start of the f* search: where L-BFGS ended, and f at the start itself. */
export interface FstarRun {
  unbounded: boolean;
  f: number;
  x: Float64Array;
  f0: number;
}

/** The starts: the extra points given, then seeded starts of the domain. */
export function fstarStarts(
  obj: Objective,
  where: Box | Domain,
  rng: Rng,
  starts: number,
  extra: Float64Array[],
): Float64Array[] {
  return [...extra, ...asDomain(obj.dim, where).starts(rng, starts)];
}

/** L-BFGS (unconstrained) from x0. */
export function fstarFrom(obj: Objective, x0: Float64Array): FstarRun {
  const r = lbfgs(obj, x0, 300);
  return { unbounded: r.unbounded, f: r.f, x: r.x, f0: r.unbounded ? NaN : obj.value(x0) };
}

/**
 * The estimate from the runs, in the order of their starts (a run missing, e.g. stopped by the
 * time limit, is skipped): unbounded at the first run that ran away, else never above the smallest
 * value seen.
 */
export function fstarOfRuns(x0s: Float64Array[], runs: (FstarRun | null)[]): FstarEstimate {
  let best = Infinity;
  let at: Float64Array | null = null;
  for (let k = 0; k < runs.length; k++) {
    const r = runs[k];
    if (!r) continue;
    if (r.unbounded) return { value: -Infinity, unbounded: true, at: null };
    if (Number.isFinite(r.f) && r.f < best) {
      best = r.f;
      at = r.x;
    }
    if (Number.isFinite(r.f0) && r.f0 < best) {
      best = r.f0;
      at = x0s[k];
    }
  }
  return { value: best, unbounded: false, at };
}

/**
 * f*: multi-start L-BFGS (unconstrained), never above the smallest value seen. `stop` (a time
 * limit) is asked before each start and ends the search with the best so far.
 */
export function estimateFstar(
  obj: Objective,
  where: Box | Domain,
  rng: Rng,
  starts: number,
  extra: Float64Array[],
  stop?: () => boolean,
): FstarEstimate {
  const x0s = fstarStarts(obj, where, rng, starts, extra);
  const runs: FstarRun[] = [];
  for (const x0 of x0s) {
    if (stop?.() && fstarOfRuns(x0s, runs).at !== null) break;
    const r = fstarFrom(obj, x0);
    runs.push(r);
    if (r.unbounded) break;
  }
  return fstarOfRuns(x0s, runs);
}
