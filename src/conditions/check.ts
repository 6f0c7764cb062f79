/**
 * Checking conditions on one objective (the `check` command, `report`, the API and the vitest
 * matcher): validate → derivatives → special points and f* → one evidence pool per statistic,
 * filled (run.ts) and shared → each spec decided or estimated (results.ts).
 */
import { trace } from '../core/trace.ts';
import { boxDomain } from '../domains/box.ts';
import type { Domain } from '../domains/domain.ts';
import { fmtPoint } from '../errors.ts';
import { checkDerivatives, raiseMismatch } from './derivatives.ts';
import type { VerifyResult } from '../objectives/verify.ts';
export { DerivativeError, checkDerivatives } from './derivatives.ts';
import type { Objective } from '../objectives/objective.ts';
import { GRADIENT_NORM_DIM } from '../search/stationary.ts';
import {
  type First,
  type Steps,
  fstarKnown,
  fstarOf,
  knownSpecial,
  specialAndFstar,
  stationaryFound,
  stationaryTasks,
} from './special.ts';
import { evaluateAt } from './at.ts';
import { floatContext, preciseFloat } from './context.ts';
import type { ConditionDef, EvalContext, Params, Sample } from './model.ts';
import { pointKey } from './hessnorm.ts';
import { preciseContext } from './precise.ts';
import type { Precise } from './refine.ts';
import { resultFor } from './results.ts';
import type { CheckOptions, CheckReport, ConditionResult, ConditionSpec, FstarInfo } from './result.ts';
import { raiseIfFailed, runTask, type Task, type TaskResult, type TaskState } from '../parallel/tasks.ts';
import { fillPools, localState, makeJobs, packed, type Env, type Job } from './run.ts';
import { baseResult, checkSampleBudget, resolveSpec, specProblem, type Resolved } from './spec.ts';

/**
 * The check's Lanczos runs stop when the norm has converged to this relative residual (context.ts),
 * unless a claim rests on Hessian norms: its `holds` needs every sample's probabilistic upper end
 * below the claim (verdict.ts), and that end needs the steps (16 products certify even a loose claim
 * over thousands of samples; 8 cannot certify one sample at the joint 99.9 %).
 */
export const LANCZOS_TOL = 1e-5;

/** The Lanczos tolerance of a run: none when one of its claims is on a Hessian condition. */
export function lanczosTolFor(specs: { r: Resolved }[]): number | undefined {
  return specs.some(({ r }) => r.def.needsHessian && r.mode.kind === 'claim') ? undefined : LANCZOS_TOL;
}

/** The precise context of a run: 64 digits from the symbolic form, else error-bounded doubles with the noise measured. */
function preciseFactory(obj: Objective, fstar: number, xstar: Float64Array | null) {
  let ctx: EvalContext | null = null;
  const how: Precise['how'] = obj.symbolic ? 'bignumber-64' : 'float64-error-bounded';
  const float = preciseFloat(obj, fstar, xstar);
  // Built on the first re-evaluation only: a claim with no candidate never pays for the 64-digit instance.
  const get = () => (ctx ??= obj.symbolic ? preciseContext(obj.symbolic, fstar, xstar) : float());
  return (def: ConditionDef, shape: Params): Precise => ({ evaluate: (z) => def.evaluate(get(), z, shape), how });
}

function inconclusiveUsage(r: Resolved, reason: string, cause: 'usage' | 'fstar', domain: Domain): ConditionResult {
  const base = baseResult(r, domain.describe(), { evaluations: 0, samples: 0, undefinedSamples: 0 });
  return { ...base, verdict: 'inconclusive', counterexample: null, cause, reason };
}

/** Where a worker was stopped inside the objective (parallel/parallel.ts). */
function hungText(z: Float64Array, n: number, kind: 'point' | 'pair'): string {
  const at =
    kind === 'pair' ? `x = ${fmtPoint(z.subarray(0, n))}, y = ${fmtPoint(z.subarray(n))}` : `x = ${fmtPoint(z)}`;
  return `did not return at ${at} before the time limit, and its worker was terminated`;
}

/** A result whose job had a worker stopped inside the objective says where. */
function withHung(r: ConditionResult, job: Job, n: number): ConditionResult {
  if (!job.hung) return r;
  const text = hungText(job.hung, n, job.def.kind);
  r.notes.push(`the objective ${text} (while evaluating ${job.def.name})`);
  if (r.verdict === 'inconclusive') r.reason += ` (the objective ${text})`;
  return r;
}

/** The points a round of re-evaluation needs that are not yet known (refine.ts Precise.ahead). */
class Ahead extends Error {
  constructor(readonly zs: Float64Array[]) {
    super('re-evaluations ahead');
  }
}

/** Points per precise task (a re-evaluation at d = 100 takes about 8 ms: a dense Hessian, its eigenvalues, the noise). */
const PRECISE_CHUNK = 8;

const copy = (s: Sample): Sample => (s.krylov ? { ...s, krylov: { ...s.krylov } } : { ...s });

/**
 * A spec decided or estimated (results.ts), its rounds of re-evaluation carried out as tasks (on the
 * workers when there are workers): each round's points are asked for ahead (Precise.ahead); when some
 * are not known yet, the attempt is undone (the pool restored), they are evaluated as a batch, and the
 * decision is made again, the known points now answered from the cache. The samples are those of the
 * re-check in this thread (the same context, a function of the point), so the result is too. The
 * 64-digit re-check of expr: objectives stays in this thread.
 */
function* decided(job: Job, r: Resolved, env: Env): Steps<ConditionResult> {
  if (env.obj.symbolic) return resultFor(job, r, env);
  const local = env.precise(job.def, job.shape);
  const known = new Map<string, Sample | null | 'here'>();
  const precise: Precise = {
    how: local.how,
    ahead(zs) {
      const miss = zs.filter((z) => !known.has(pointKey(z)));
      if (miss.length > 0) throw new Ahead(miss);
    },
    evaluate(z) {
      const v = known.get(pointKey(z));
      return v === undefined || v === 'here' ? local.evaluate(z) : v && copy(v);
    },
  };
  const mine: Env = { ...env, precise: () => precise };
  for (;;) {
    const restore = job.pool.snapshot();
    try {
      return resultFor(job, r, mine);
    } catch (e) {
      if (!(e instanceof Ahead)) throw e;
      restore();
      const len = job.pool.len;
      const tasks: Task[] = [];
      for (let i = 0; i < e.zs.length; i += PRECISE_CHUNK)
        tasks.push({ kind: 'precise', job: job.key, zs: packed(e.zs.slice(i, i + PRECISE_CHUNK), len), len });
      const res = yield tasks;
      res.forEach((t, k) => {
        raiseIfFailed(t);
        // A task the time limit stopped: its points are re-evaluated here when asked for.
        e.zs
          .slice(k * PRECISE_CHUNK, (k + 1) * PRECISE_CHUNK)
          .forEach((z, i) => known.set(pointKey(z), t.precise ? t.precise[i] : 'here'));
      });
    }
  }
}

/** The contract's `box` field: [lo, hi] for a box with one interval, per-coordinate bounds otherwise. */
function boxOf(domain: Domain): CheckReport['box'] {
  const d = domain.describe();
  return typeof d.lo === 'number' ? [d.lo, d.hi as number] : { lo: Array.from(domain.lo), hi: Array.from(domain.hi) };
}

/** The run's domain: the one given, else the box of `opts.box`. */
export function domainOf(obj: Objective, opts: CheckOptions): Domain {
  const n = obj.dim;
  return opts.domain ?? boxDomain(n, new Array(n).fill(opts.box[0]), new Array(n).fill(opts.box[1]));
}

export type CheckRunOptions = CheckOptions & { progress?: (done: number, total: number, name: string) => void };

/** The pools about to be filled: what a runner of their tasks needs (parallel/parallel.ts). */
export interface Fill {
  env: Env;
  jobs: Job[];
  /** The run's Lanczos tolerance (lanczosTolFor). */
  lanczosTol?: number;
  /**
   * 0 for the preamble (stationary points and f*: no jobs, f* unknown), 1 once the pools are set
   * up; a runner rebuilds its task state when it changes.
   */
  version: number;
}

/** Carries out the batches of tasks of a run: in this thread, or spread over workers. */
export interface Runner {
  run(tasks: Task[]): TaskResult[] | Promise<TaskResult[]>;
  close(): void | Promise<void>;
  /** Said in the report's notes (how the run was carried out, when it matters). */
  note?: string;
}

/** Run several conditions on one objective, sharing special points, f* and evidence (in this thread: the reference). */
export function checkObjective(obj: Objective, specs: ConditionSpec[], opts: CheckRunOptions): CheckReport {
  let st: (() => TaskState) | null = null;
  const g = checkSteps(obj, specs, opts, (f) => (st = localState(f)));
  let r = g.next();
  while (!r.done) r = g.next(r.value.map((t) => runTask(st!(), t)));
  return r.value;
}

/**
 * The same check, its tasks carried out by the runner `runnerFor` makes once the pools are set up
 * (parallel/parallel.ts spreads them over worker threads); the report is the same byte for byte.
 */
export async function checkObjectiveWith(
  obj: Objective,
  specs: ConditionSpec[],
  opts: CheckRunOptions,
  runnerFor: (f: Fill) => Runner | Promise<Runner>,
): Promise<CheckReport> {
  let fill: Fill | null = null;
  const g = checkSteps(obj, specs, opts, (f) => (fill = f));
  let r = g.next();
  if (r.done) return r.value;
  const runner = await runnerFor(fill!);
  try {
    while (!r.done) r = g.next(await runner.run(r.value));
  } finally {
    await runner.close();
  }
  if (runner.note) r.value.notes.push(runner.note);
  return r.value;
}

function* checkSteps(
  obj: Objective,
  specs: ConditionSpec[],
  opts: CheckRunOptions,
  started: (f: Fill) => void,
): Generator<Task[], CheckReport, TaskResult[]> {
  const n = obj.dim;
  const domain = domainOf(obj, opts);
  checkSampleBudget(n, opts.samples, specs);
  const notes: string[] = [];
  const noPoint = 'the derivative check found no point of the domain where f is defined';
  // Above 40 dimensions the derivative check is a task in the first batch (on a worker, beside the
  // stationary-point starts: derivatives.ts); its mismatch is raised before that batch is used.
  const late = !opts.noVerify && !opts.at && !domain.finite && n > GRADIENT_NORM_DIM;
  let derivatives: VerifyResult | null = null;
  if (!opts.noVerify && !late) {
    trace('check: derivative check');
    derivatives = checkDerivatives(obj, domain, opts.seed, opts.strict);
    trace('check: derivative check done');
    if (!derivatives) notes.push(noPoint);
  }
  const first: First | undefined = late
    ? {
        tasks: [{ kind: 'verify', seed: opts.seed, strict: opts.strict === true }],
        done([r]) {
          raiseIfFailed(r);
          if (r.timeUp) return void notes.push('the derivative check did not finish before the time limit');
          derivatives = r.verify ?? null;
          raiseMismatch(obj, derivatives);
          if (!derivatives) notes.push(noPoint);
        },
      }
    : undefined;
  const resolved = specs.map((s, index) => ({ index, r: resolveSpec(s) }));
  const xstar = opts.xstar ?? obj.xstar ?? null;
  const report = (results: ConditionResult[], fstar?: FstarInfo): CheckReport => ({
    objective: obj.name,
    dim: n,
    seed: opts.seed,
    box: boxOf(domain),
    domain: { spec: domain.spec, ...domain.describe() },
    fstar,
    derivatives: derivatives && { verdict: derivatives.verdict, points: derivatives.gradient.points },
    results,
    notes,
  });
  const needF = resolved.some(({ r }) => r.def.needsFstar);
  // The runner's first fill: the preamble's tasks (stationary points, f*) need only the objective and
  // the domain; the pools' fill replaces it below.
  const fill: Fill = {
    env: {
      obj,
      domain,
      opts,
      ctx: floatContext(obj, { fstar: 0, xstar }),
      precise: preciseFactory(obj, 0, xstar),
      special: [],
      fstar: undefined,
      xstar,
    },
    jobs: [],
    version: 0,
  };
  started(fill);
  if (opts.at) {
    const fstar = yield* fstarOf(obj, domain, opts, needF, notes);
    return report(
      resolved.map(({ r }) => evaluateAt(obj, r, opts.at!, fstar, xstar, domain)),
      fstar,
    );
  }
  const known = fstarKnown(obj, opts);
  // Above 40 dimensions, in a domain that draws its initial sample in two parts, and with f* known or
  // not needed, the stationary-point search shares its batch with the part of the initial sample that
  // does not depend on it (run.ts fillPools); otherwise the special points and f* come first.
  const overlap = !domain.finite && n > GRADIENT_NORM_DIM && domain.initialParts !== undefined && !(needF && !known);
  let special: Float64Array[], fstar: FstarInfo | undefined;
  if (overlap) {
    special = knownSpecial(obj, opts);
    fstar = known;
  } else {
    ({ special, fstar } = yield* specialAndFstar(obj, domain, opts, needF, notes, first));
    trace('check: special points and f* found');
  }
  const results: (ConditionResult | null)[] = resolved.map(() => null);
  const pooled: { index: number; r: Resolved }[] = [];
  // Conditions with their own run (growth) need the special points: they run after the pools.
  const ownRuns: { index: number; r: Resolved }[] = [];
  for (const s of resolved) {
    const { r } = s;
    const problem = specProblem(r, obj, opts.xstar);
    if (problem) results[s.index] = inconclusiveUsage(r, problem, 'usage', domain);
    else if (r.def.needsFstar && (!fstar || !Number.isFinite(fstar.value)))
      results[s.index] = inconclusiveUsage(
        r,
        fstar?.unbounded
          ? 'f appears unbounded below (the minimiser ran away), so f − f* is undefined; pass --fstar if f* is finite'
          : 'f* could not be determined; pass --fstar',
        'fstar',
        domain,
      );
    else if (r.def.run) ownRuns.push(s);
    else pooled.push(s);
  }
  const ctx = floatContext(obj, { fstar: fstar?.value ?? 0, xstar, lanczosTol: lanczosTolFor(pooled) });
  const env: Env = {
    obj,
    domain,
    opts,
    ctx,
    precise: preciseFactory(obj, fstar?.value ?? 0, xstar),
    special,
    fstar,
    xstar,
  };
  const jobs = makeJobs(pooled, env);
  const pre = overlap
    ? {
        tasks: [...(first?.tasks ?? []), ...stationaryTasks(domain, opts)],
        done: (res: TaskResult[]) => {
          const k = first?.tasks.length ?? 0;
          first?.done(res.slice(0, k));
          stationaryFound(res.slice(k), special, notes);
        },
      }
    : undefined;
  if (jobs.length > 0) {
    Object.assign(fill, { env, jobs, lanczosTol: lanczosTolFor(pooled), version: 1 });
    opts.progress?.(0, jobs.length, jobs[0].def.name);
    yield* fillPools(jobs, env, (k, name) => opts.progress?.(k, jobs.length, name), pre);
  } else if (pre) pre.done(yield pre.tasks);
  for (const { index, r } of ownRuns) {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { verdict, counterexample, cause, reason, ...base } = inconclusiveUsage(r, '', 'usage', domain);
    results[index] = r.def.run!(obj, r.claimed, { box: [domain.lo[0], domain.hi[0]], seed: opts.seed, special }, base);
  }
  trace('check: pools filled');
  if (domain.notes) notes.push(...domain.notes);
  for (const job of jobs) for (const s of job.specs) results[s.index] = withHung(yield* decided(job, s.r, env), job, n);
  trace('check: results decided');
  const hung = jobs.find((j) => j.hung);
  if (hung) notes.push(`the objective ${hungText(hung.hung!, n, hung.def.kind)}`);
  return report(results as ConditionResult[], fstar);
}
