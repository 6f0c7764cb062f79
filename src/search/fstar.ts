/** f* when it is not given: the infimum estimated by multi-start L-BFGS. */
import type { Box } from '../core/box.ts';
import type { Domain } from '../domains/domain.ts';
import { asDomain } from './stationary.ts';
import type { Rng } from '../core/rng.ts';
import type { Objective } from '../objectives/objective.ts';
import { lbfgs } from './local.ts';

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
): { value: number; unbounded: boolean; at: Float64Array | null } {
  let best = Infinity;
  let at: Float64Array | null = null;
  const x0s = [...extra];
  x0s.push(...asDomain(obj.dim, where).starts(rng, starts));
  for (const x0 of x0s) {
    if (stop?.() && at !== null) break;
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
