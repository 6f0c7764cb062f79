/**
 * Checking conditions on one objective (the `check` command, `report`, the API and the vitest
 * matcher): validate → derivatives → special points and f* → one evidence pool per statistic,
 * filled (run.ts) and shared → each spec decided or estimated (results.ts).
 */
import { Rng } from '../core/rng.ts';
import { trace } from '../core/trace.ts';
import { boxDomain } from '../domains/box.ts';
import type { Domain } from '../domains/domain.ts';
import { ObjectiveError, fmtPoint } from '../errors.ts';
import type { Objective } from '../objectives/objective.ts';
import { verifyObjective, type VerifyResult } from '../objectives/verify.ts';
import { fstarOfRuns, fstarStarts } from '../search/fstar.ts';
import { GRADIENT_NORM_DIM, findStationaryPoints, gradientNormStarts } from '../search/stationary.ts';
import { evaluateAt } from './at.ts';
import { floatContext } from './context.ts';
import type { ConditionDef, EvalContext, Params } from './model.ts';
import { preciseContext } from './precise.ts';
import type { Precise } from './refine.ts';
import { resultFor } from './results.ts';
import type { CheckOptions, CheckReport, ConditionResult, ConditionSpec, FstarInfo } from './result.ts';
import { runTask, type Task, type TaskResult, type TaskState } from '../parallel/tasks.ts';
import { fillPools, mainTaskState, makeJobs, pastDeadline, type Env, type Job } from './run.ts';
import { baseResult, checkSampleBudget, resolveSpec, specProblem, type Resolved } from './spec.ts';

/** The objective's derivatives disagree with its values: nothing it says about curvature can be trusted. */
export class DerivativeError extends ObjectiveError {
  constructor(
    message: string,
    readonly verify: VerifyResult,
  ) {
    super(message);
  }
}

const full = (v: number) => String(v);

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

/**
 * The quick derivative check's gradient test runs along every coordinate up to this dimension and
 * along 32 random directions above (a wrong component shows along almost every direction; `verify`
 * itself goes coordinate by coordinate up to 200).
 */
const CHECK_COORDINATE_MAX = 32;

/** The quick derivative check that runs before any condition (unless --no-verify). */
export function checkDerivatives(
  obj: Objective,
  domain: Domain,
  seed: CheckOptions['seed'],
  strict = false,
): VerifyResult | null {
  const n = obj.dim;
  // A few seeded points of the domain where f is defined (the start first, when it is inside).
  const candidates = domain.starts(new Rng(seed, 'check/derivatives'), 16);
  if (obj.x0 && domain.contains(obj.x0)) candidates.unshift(Float64Array.from(obj.x0));
  const points = candidates.filter((x) => Number.isFinite(obj.value(x))).slice(0, n > 1000 ? 2 : 3);
  if (points.length === 0) return null;
  const v = verifyObjective(obj, {
    seed,
    at: points,
    coordinateMax: CHECK_COORDINATE_MAX,
    // Only the verdict is kept: a passing step is not refined for a sharper error.
    retryFailuresOnly: true,
    directions: n > 1000 ? 16 : 32,
    strict,
  });
  if (v.verdict === 'mismatch') {
    const bad = !v.gradient.ok ? v.gradient : v.hvp!;
    const what = !v.gradient.ok ? 'gradient' : 'Hessian-vector product';
    const w = bad.worst;
    const where = w ? ` at x = ${fmtPoint(w.x)}` : '';
    const numbers = w
      ? `: ${what === 'gradient' ? `the directional derivative${w.direction !== undefined && n <= CHECK_COORDINATE_MAX ? ` along x${w.direction + 1}` : ''} is ${full(w.analytic)} by grad() and ${full(w.finiteDifference)} by finite differences of value()` : `‖∇²f·v‖ is ${full(w.analytic)} by hvp() and ${full(w.finiteDifference)} by differences of grad()`} (difference ${full(Math.abs(w.analytic - w.finiteDifference))}, finite-difference error about ${full(w.fdErrorEstimate)})`
      : '';
    throw new DerivativeError(
      `${obj.name}: ${bad.diagnosis ?? `the ${what} does not match finite differences`}${where}${numbers}. Fix the objective, or pass --no-verify to check the conditions anyway`,
      v,
    );
  }
  return v;
}

type Steps<T> = Generator<Task[], T, TaskResult[]>;

/** A preamble task's failure, raised as the pools' are (run.ts merge). */
function raised(r: TaskResult): TaskResult {
  if (r.error) throw r.error.objective ? new ObjectiveError(r.error.message) : new Error(r.error.message);
  return r;
}

/** Where f* comes from in a run: given, known to the objective, or to be estimated (when a condition needs it). */
function fstarKnown(obj: Objective, opts: CheckOptions): FstarInfo | undefined {
  if (opts.fstar !== undefined) return { value: opts.fstar, source: 'given' };
  if (obj.fstar !== undefined) return { value: obj.fstar, source: 'objective' };
  return undefined;
}

const fminTasks = (x0s: Float64Array[]): Task[] => x0s.map((x0) => ({ kind: 'fmin', x0 }));

/** The estimate from the f* runs (in the order of their starts), with its note; its minimiser joins the special points. */
function fstarFromRuns(x0s: Float64Array[], res: TaskResult[], special: Float64Array[], notes: string[]): FstarInfo {
  const e = fstarOfRuns(
    x0s,
    res.map((r) => raised(r).fmin ?? null),
  );
  if (e.at) special.push(e.at);
  // Every start stopped by the time limit: no estimate (the conditions that need f* say so).
  if (!e.unbounded && e.at === null) notes.push('f* was not estimated: the time limit came first');
  else if (!e.unbounded)
    notes.push(`f* was estimated by multi-start L-BFGS as ${e.value}; pass --fstar if it is known`);
  return { value: e.value, source: 'estimated', unbounded: e.unbounded };
}

/**
 * Special points every condition probes (the start, the minimiser, stationary points in the domain)
 * and f* (given, known, or estimated by multi-start L-BFGS from the special points and seeded starts
 * of the domain, search/fstar.ts). Each L-BFGS run is a task the runner may put on a worker (where the
 * time limit can stop it; a start it ended finds nothing). In high dimension the stationary-point
 * starts and the f* starts that do not depend on them go in one batch; the f* runs from the
 * stationary points follow. The runs are combined in the order of their starts, as one batch would.
 */
/** The special points known before any search: the objective's start and its minimiser (given or known). */
function knownSpecial(obj: Objective, opts: CheckOptions): Float64Array[] {
  const special: Float64Array[] = [];
  if (obj.x0) special.push(obj.x0);
  const xstar = opts.xstar ?? obj.xstar;
  if (xstar) special.push(xstar);
  return special;
}

/** The starts of the high-dimensional stationary-point search (above GRADIENT_NORM_DIM), as tasks. */
const stationaryTasks = (domain: Domain, opts: CheckOptions): Task[] =>
  gradientNormStarts(domain, new Rng(opts.seed, 'check/stationary'), 4).map((x0): Task => ({ kind: 'stationary', x0 }));

/** The stationary points the tasks found, added to the special points (and said in the notes). */
function stationaryFound(res: TaskResult[], special: Float64Array[], notes: string[]): Float64Array[] {
  const stationary = res.map(raised).flatMap((r) => (r.point ? [r.point] : []));
  special.push(...stationary);
  if (stationary.length > 0) notes.push(`${stationary.length} stationary point(s) found in the domain and probed`);
  return stationary;
}

function* specialAndFstar(
  obj: Objective,
  domain: Domain,
  opts: CheckOptions,
  needF: boolean,
  notes: string[],
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
    const res = yield [...sTasks, ...fminTasks(estimate ? [...base, ...seeded] : [])];
    const stationary = stationaryFound(res.slice(0, sTasks.length), special, notes);
    if (!estimate) return { special, fstar: known };
    const late = stationary.length > 0 ? yield fminTasks(stationary) : [];
    const early = res.slice(sTasks.length);
    const runs = [...early.slice(0, base.length), ...late, ...early.slice(base.length)];
    return { special, fstar: fstarFromRuns([...base, ...stationary, ...seeded], runs, special, notes) };
  }
  const stationary = domain.finite
    ? []
    : findStationaryPoints(obj, domain, new Rng(opts.seed, 'check/stationary'), obj.dim <= 3 ? 24 : 12, () =>
        pastDeadline(opts),
      );
  special.push(...stationary);
  if (stationary.length > 0) notes.push(`${stationary.length} stationary point(s) found in the domain and probed`);
  if (!estimate) return { special, fstar: known };
  const x0s = fstarStarts(obj, domain, fstarRng(), 8, special);
  return { special, fstar: fstarFromRuns(x0s, yield fminTasks(x0s), special, notes) };
}

/** f* alone (a run at given points: no stationary points, no special points to start from). */
function* fstarOf(
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

/** The precise context of a run: 64 digits from the symbolic form, else error-bounded doubles with the noise measured. */
function preciseFactory(obj: Objective, fstar: number, xstar: Float64Array | null) {
  let ctx: EvalContext | null = null;
  const how: Precise['how'] = obj.symbolic ? 'bignumber-64' : 'float64-error-bounded';
  // Built on the first re-evaluation only: a claim with no candidate never pays for the 64-digit instance.
  const get = () =>
    (ctx ??= obj.symbolic
      ? preciseContext(obj.symbolic, fstar, xstar)
      : floatContext(obj, { fstar, xstar, denseMax: 200, lanczosSteps: 200, noise: true }));
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
  let fill: Fill | null = null;
  let st: TaskState | null = null;
  let version = -1;
  const g = checkSteps(obj, specs, opts, (f) => (fill = f));
  let r = g.next();
  while (!r.done) {
    if (fill!.version !== version) {
      st = mainTaskState(fill!.env, fill!.jobs);
      version = fill!.version;
    }
    r = g.next(r.value.map((t) => runTask(st!, t)));
  }
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
  trace('check: derivative check');
  const derivatives = opts.noVerify ? null : checkDerivatives(obj, domain, opts.seed, opts.strict);
  trace('check: derivative check done');
  if (!opts.noVerify && !derivatives)
    notes.push('the derivative check found no point of the domain where f is defined');
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
    ({ special, fstar } = yield* specialAndFstar(obj, domain, opts, needF, notes));
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
    ? { tasks: stationaryTasks(domain, opts), done: (res: TaskResult[]) => void stationaryFound(res, special, notes) }
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
  for (const job of jobs) for (const s of job.specs) results[s.index] = withHung(resultFor(job, s.r, env), job, n);
  const hung = jobs.find((j) => j.hung);
  if (hung) notes.push(`the objective ${hungText(hung.hung!, n, hung.def.kind)}`);
  return report(results as ConditionResult[], fstar);
}
