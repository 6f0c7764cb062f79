/**
 * Spreading a check's tasks over worker threads (tinypool), one per core by default.
 *
 * The workers rebuild the objective from its spec string (worker.ts) and are started when the
 * pools are set up; until they have answered a probe (the objective's name, dimension, value and
 * gradient at the domain's centre, which must equal this thread's to the bit), tasks run in this
 * thread, so a small check is over before the workers would have paid for themselves. Results are
 * merged in task order (conditions/run.ts): the report is the same for any number of workers.
 *
 * The time limit is hard here: a task still running past the deadline (plus a grace period for
 * the worker's own deadline checks, made every 16 evaluations) is aborted, which terminates its
 * worker, even inside an objective that never returns; the point it was evaluating is read from
 * a shared buffer the worker writes before each evaluation, and the result names it. With a time
 * limit, no task runs in this thread, where nothing could stop it. What the aborted task had
 * evaluated is lost; everything else is kept and the results are marked partial (runner.ts).
 */
import { checkObjective, checkObjectiveWith, domainOf, type CheckRunOptions } from '../conditions/check.ts';
import type { CheckReport, ConditionSpec } from '../conditions/result.ts';
import type { Objective } from '../objectives/objective.ts';
import { defaultWorkers, serial, warmPool, workerRunner } from './runner.ts';

/** Check an objective named by its spec string, its tasks spread over `opts.workers` threads (0: this thread). */
export async function checkParallel(
  obj: Objective,
  specs: ConditionSpec[],
  opts: CheckRunOptions,
): Promise<CheckReport> {
  const workers = opts.workers ?? defaultWorkers();
  if (workers === 0) return checkObjective(obj, specs, opts);
  const spec = opts.objectiveSpec;
  if (!spec)
    return checkObjectiveWith(obj, specs, opts, (f) =>
      serial(
        f,
        'workers need an objective named by a spec string (builtin:, expr:, a module path): the run used one thread',
      ),
    );
  // An objective whose gradient takes more than 20 µs makes a run of seconds: its workers start now
  // and load it while this thread checks the derivatives and finds the special points.
  const warm =
    gradientMicros(obj, opts) > 20
      ? warmPool(spec, workers, {
          domain: domainOf(obj, opts).spec,
          seed: opts.seed,
          center: opts.domainCenter ? Array.from(opts.domainCenter) : null,
        })
      : undefined;
  try {
    return await checkObjectiveWith(obj, specs, opts, (f) => workerRunner(f, spec, workers, { warm }));
  } finally {
    // Also when no runner took it (a run without pools, a domain the workers cannot rebuild).
    await warm?.pool.destroy().catch(() => {});
  }
}

/** The fastest of three gradients at the centre of the check's domain, in microseconds. */
function gradientMicros(obj: Objective, opts: CheckRunOptions): number {
  const x = opts.domain ? opts.domain.centre() : new Float64Array(obj.dim).fill((opts.box[0] + opts.box[1]) / 2);
  const g = new Float64Array(obj.dim);
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    obj.grad(x, g);
    best = Math.min(best, performance.now() - t0);
  }
  return 1000 * best;
}
