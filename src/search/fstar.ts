/** f* when it is not given: the infimum estimated by multi-start L-BFGS. */
import type { Box } from '../core/box.ts';
import type { Rng } from '../core/rng.ts';
import type { Objective } from '../objectives/objective.ts';
import { lbfgs } from './local.ts';

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
