/**
 * Several conditions on one objective (the `check` command and the API): special
 * points and f* found once and shared, then each condition run (run.ts).
 */
import { Rng } from '../core/rng.ts';
import type { Objective } from '../objectives/objective.ts';
import { estimateFstar } from '../search/fstar.ts';
import { findStationaryPoints } from '../search/stationary.ts';
import { findCondition } from './registry.ts';
import { runCondition } from './run.ts';
import { checkSampleBudget } from './spec.ts';
import type { CheckOptions, CheckReport, ConditionSpec, FstarInfo } from './result.ts';

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
