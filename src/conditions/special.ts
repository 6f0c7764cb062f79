/**
 * The special points of a check and its f* (docs/theory.md §0.2.3): the objective's start and
 * minimiser, the stationary points in the domain, and f* given, known or estimated by multi-start
 * L-BFGS. Each L-BFGS run is a task (parallel/tasks.ts) the runner may put on a worker; check.ts
 * yields them in batches like the pools' tasks.
 */
import { Rng } from '../core/rng.ts';
import type { Domain } from '../domains/domain.ts';
import type { Objective } from '../objectives/objective.ts';
import { raiseIfFailed, type Task, type TaskResult } from '../parallel/tasks.ts';
import { fstarOfRuns, fstarStarts } from '../search/fstar.ts';
import { GRADIENT_NORM_DIM, findStationaryPoints, gradientNormStarts } from '../search/stationary.ts';
import type { CheckOptions, FstarInfo } from './result.ts';
import { pastDeadline } from './run.ts';

export type Steps<T> = Generator<Task[], T, TaskResult[]>;

/** Where f* comes from in a run: given, known to the objective, or to be estimated (when a condition needs it). */
export function fstarKnown(obj: Objective, opts: CheckOptions): FstarInfo | undefined {
  if (opts.fstar !== undefined) return { value: opts.fstar, source: 'given' };
  if (obj.fstar !== undefined) return { value: obj.fstar, source: 'objective' };
  return undefined;
}

const fminTasks = (x0s: Float64Array[]): Task[] => x0s.map((x0) => ({ kind: 'fmin', x0 }));

/** The estimate from the f* runs (in the order of their starts), with its note; its minimiser joins the special points. */
function fstarFromRuns(x0s: Float64Array[], res: TaskResult[], special: Float64Array[], notes: string[]): FstarInfo {
  const e = fstarOfRuns(
    x0s,
    res.map((r) => raiseIfFailed(r).fmin ?? null),
  );
  if (e.at) special.push(e.at);
  // Every start stopped by the time limit: no estimate (the conditions that need f* say so).
  if (!e.unbounded && e.at === null) notes.push('f* was not estimated: the time limit came first');
  else if (!e.unbounded)
    notes.push(`f* was estimated by multi-start L-BFGS as ${e.value}; pass --fstar if it is known`);
  return { value: e.value, source: 'estimated', unbounded: e.unbounded };
}

/** The special points known before any search: the objective's start and its minimiser (given or known). */
export function knownSpecial(obj: Objective, opts: CheckOptions): Float64Array[] {
  const special: Float64Array[] = [];
  if (obj.x0) special.push(obj.x0);
  const xstar = opts.xstar ?? obj.xstar;
  if (xstar) special.push(xstar);
  return special;
}

/** The starts of the high-dimensional stationary-point search (above GRADIENT_NORM_DIM), as tasks. */
export const stationaryTasks = (domain: Domain, opts: CheckOptions): Task[] =>
  gradientNormStarts(domain, new Rng(opts.seed, 'check/stationary'), 4).map((x0): Task => ({ kind: 'stationary', x0 }));

/** Stationary points found: added to the special points, and said in the notes. */
function addStationary(stationary: Float64Array[], special: Float64Array[], notes: string[]): Float64Array[] {
  special.push(...stationary);
  if (stationary.length > 0) notes.push(`${stationary.length} stationary point(s) found in the domain and probed`);
  return stationary;
}

/** The stationary points the tasks found, added to the special points (and said in the notes). */
export function stationaryFound(res: TaskResult[], special: Float64Array[], notes: string[]): Float64Array[] {
  return addStationary(
    res.map(raiseIfFailed).flatMap((r) => (r.point ? [r.point] : [])),
    special,
    notes,
  );
}

/** Tasks that go first in the first batch (the derivative check), and what to do with their results. */
export interface First {
  tasks: Task[];
  done(results: TaskResult[]): void;
}

/**
 * Special points every condition probes (the start, the minimiser, stationary points in the domain)
 * and f* (given, known, or estimated by multi-start L-BFGS from the special points and seeded starts
 * of the domain, search/fstar.ts). Each L-BFGS run is a task the runner may put on a worker (where the
 * time limit can stop it; a start it ended finds nothing). In high dimension the stationary-point
 * starts and the f* starts that do not depend on them go in one batch; the f* runs from the
 * stationary points follow. The runs are combined in the order of their starts, as one batch would.
 */
export function* specialAndFstar(
  obj: Objective,
  domain: Domain,
  opts: CheckOptions,
  needF: boolean,
  notes: string[],
  first?: First,
): Steps<{ special: Float64Array[]; fstar?: FstarInfo }> {
  const special = knownSpecial(obj, opts);
  const known = fstarKnown(obj, opts);
  const estimate = needF && !known;
  const fstarRng = () => new Rng(opts.seed, 'check/fstar');
  // A finite domain has no stationary points to find beyond its own points.
  if (!domain.finite && obj.dim > GRADIENT_NORM_DIM) {
    const base = special.slice();
    const seeded = estimate ? fstarStarts(obj, domain, fstarRng(), 8, []) : [];
    const sTasks = stationaryTasks(domain, opts);
    const pre = first?.tasks ?? [];
    const all = yield [...pre, ...sTasks, ...fminTasks(estimate ? [...base, ...seeded] : [])];
    first?.done(all.slice(0, pre.length));
    const res = all.slice(pre.length);
    const stationary = stationaryFound(res.slice(0, sTasks.length), special, notes);
    if (!estimate) return { special, fstar: known };
    const late = stationary.length > 0 ? yield fminTasks(stationary) : [];
    const early = res.slice(sTasks.length);
    const runs = [...early.slice(0, base.length), ...late, ...early.slice(base.length)];
    return { special, fstar: fstarFromRuns([...base, ...stationary, ...seeded], runs, special, notes) };
  }
  addStationary(
    domain.finite
      ? []
      : findStationaryPoints(obj, domain, new Rng(opts.seed, 'check/stationary'), obj.dim <= 3 ? 24 : 12, () =>
          pastDeadline(opts),
        ),
    special,
    notes,
  );
  if (!estimate) return { special, fstar: known };
  const x0s = fstarStarts(obj, domain, fstarRng(), 8, special);
  return { special, fstar: fstarFromRuns(x0s, yield fminTasks(x0s), special, notes) };
}

/** f* alone (a run at given points: no stationary points, no special points to start from). */
export function* fstarOf(
  obj: Objective,
  domain: Domain,
  opts: CheckOptions,
  need: boolean,
  notes: string[],
): Steps<FstarInfo | undefined> {
  const known = fstarKnown(obj, opts);
  if (known || !need) return known;
  const x0s = fstarStarts(obj, domain, new Rng(opts.seed, 'check/fstar'), 8, []);
  return fstarFromRuns(x0s, yield fminTasks(x0s), [], notes);
}
