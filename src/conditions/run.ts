/**
 * The evidence pools, filled: initial sample → structured starts → searches → shared
 * (docs/theory.md §0.2).
 *
 * A job is one statistic (a condition and its shape parameters) with every spec of the run that
 * asks about it. Its pool gets the domain's initial sample (the same points, or pairs, for every
 * condition of the run: seeded by their kind, and evaluated for every job of that kind in the same
 * unit of work, so a Hessian norm two conditions need is computed once), then the structured
 * starts, the generic searches (the same whatever is asked) and each spec's own searches
 * (searching.ts). After every job has run, the best samples of each job are evaluated in the
 * others of the same kind (`shared`), so a claim never ignores what another condition found.
 *
 * The filling is a generator of batches of independent tasks (parallel/tasks.ts): it yields a
 * batch, receives the results in task order and merges them into the pools in that order, then
 * decides the next batch from the pools. check.ts carries the tasks out in this thread (the
 * reference), or parallel/parallel.ts spreads each batch over worker threads. Same tasks, same
 * merge order: the same pools, whatever the number of workers. Deciding is results.ts's job.
 */
import { Rng } from '../core/rng.ts';
import type { Domain, Origin } from '../domains/domain.ts';
import type { Objective } from '../objectives/objective.ts';
import { raiseIfFailed, type Task, type TaskResult, type TaskState } from '../parallel/tasks.ts';
import { preciseFloat, type FloatContext } from './context.ts';
import type { ConditionDef, Params } from './model.ts';
import { Pool } from './pool.ts';
import type { Precise } from './refine.ts';
import type { CheckOptions, FstarInfo } from './result.ts';
import {
  ascentStarts,
  directionPoints,
  genericTargets,
  localStarts,
  scoreOf,
  structuredStarts,
  targetOf,
  type SearchOptions,
  type Target,
} from './searching.ts';
import type { Resolved } from './spec.ts';

export interface Env {
  obj: Objective;
  domain: Domain;
  opts: CheckOptions;
  ctx: FloatContext;
  /** The precise evaluation context of a statistic (created on first use). */
  precise(def: ConditionDef, shape: Params): Precise;
  special: Float64Array[];
  fstar?: FstarInfo;
  xstar: Float64Array | null;
}

export interface Job {
  key: string;
  def: ConditionDef;
  shape: Params;
  pool: Pool;
  specs: { index: number; r: Resolved }[];
  targets: Target[];
  partial: boolean;
  /** Objective and derivative calls made for this job. */
  calls: number;
  /** The point a worker was stopped at when the time limit passed (the objective did not return). */
  hung?: Float64Array;
}

/** Batches of tasks out, their results (in task order) in. */
export type Steps = Generator<Task[], void, TaskResult[]>;

/** Evaluations per task of a batch of points: fixed, so the units of work are the same for any worker count. */
export const CHUNK = 64;

const sameTarget = (a: Target, b: Target) => a.kind === b.kind && Object.is(a.A, b.A) && Object.is(a.B, b.B);

/** Group the resolved specs by statistic into jobs, in the order of first appearance. */
export function makeJobs(specs: { index: number; r: Resolved }[], env: Env): Job[] {
  const jobs: Job[] = [];
  for (const s of specs) {
    let job = jobs.find((j) => j.key === s.r.key);
    if (!job) {
      const def = s.r.def;
      job = {
        key: s.r.key,
        def,
        shape: s.r.shape,
        pool: new Pool(def.kind, env.obj.dim),
        specs: [],
        targets: [],
        partial: false,
        calls: 0,
      };
      jobs.push(job);
    }
    job.specs.push(s);
  }
  return jobs;
}

/** The task state of this thread: the run's own objective, context and domain. */
export function mainTaskState(env: Env, jobs: Job[]): TaskState {
  return {
    precise: preciseFloat(env.obj, env.fstar?.value ?? 0, env.xstar),
    obj: env.obj,
    ctx: env.ctx,
    domain: env.domain,
    jobs: new Map(jobs.map((j) => [j.key, { def: j.def, shape: j.shape }])),
    strict: env.opts.strict === true,
    deadline: env.opts.deadline,
  };
}

/**
 * This thread's task state for the run's fill as it is now: rebuilt when the fill's version changes
 * (the preamble's, with no jobs and f* unknown, then the pools').
 */
export function localState(f: { env: Env; jobs: Job[]; version: number }): () => TaskState {
  let version = -1;
  let st: TaskState | null = null;
  return () => {
    if (!st || version !== f.version) {
      st = mainTaskState(f.env, f.jobs);
      version = f.version;
    }
    return st;
  };
}

/** Points of length len in one flat array (how tasks carry them). */
export function packed(zs: Float64Array[], len: number): Float64Array {
  const flat = new Float64Array(zs.length * len);
  zs.forEach((z, k) => flat.set(z.subarray(0, len), k * len));
  return flat;
}

/** Merge results into the pools of the jobs each task was for, in task order. */
function merge(owners: Job[][], results: TaskResult[], env: Env): void {
  results.forEach((res, k) => {
    const jobs = owners[k];
    for (const rec of res.records) {
      const job = jobs[rec.j];
      job.pool.add(rec.z, rec.s, rec.origin);
      job.calls += rec.calls;
    }
    env.ctx.overflows += res.overflows;
    if (!res.hessExact) env.ctx.hessExact = false;
    if (res.timeUp) for (const j of jobs) j.partial = true;
    if (res.hung) for (const j of jobs) j.hung ??= res.hung;
    raiseIfFailed(res);
  });
}

function* batch(tasks: Task[], owners: Job[][], env: Env): Steps {
  if (tasks.length === 0) return;
  const res = yield tasks;
  merge(owners, res, env);
}

/** Evaluation tasks for zs (each evaluated in every job given), CHUNK points a task. */
function evalTasks(jobs: Job[], zs: Float64Array[], origins: Origin[]): { tasks: Task[]; owners: Job[][] } {
  const tasks: Task[] = [];
  const len = jobs[0].pool.len;
  for (let i = 0; i < zs.length; i += CHUNK) {
    const zsTask = packed(zs.slice(i, i + CHUNK), len);
    tasks.push({ kind: 'eval', jobs: jobs.map((j) => j.key), zs: zsTask, len, origins: origins.slice(i, i + CHUNK) });
  }
  return { tasks, owners: tasks.map(() => jobs) };
}

function searchOptions(job: Job, env: Env, rng: Rng): SearchOptions {
  return {
    domain: env.domain,
    kind: job.def.kind,
    n: env.obj.dim,
    tangents: job.def.tangents === true,
    special: env.special,
    rng,
    starts: env.opts.searchStarts,
    budget: env.opts.searchBudget,
  };
}

/** The targets a spec adds to its pool's search: a claim its own violation and, for two constants, the tightest A at its B. */
function specTargets(r: Resolved): Target[] {
  const t = targetOf(r.mode);
  if (!t) return [];
  if (t.kind === 'claim' && r.def.A && r.def.B) return [{ kind: 'estA', A: NaN, B: t.B }, t];
  return [t];
}

/** The run's time limit has passed (never without one). */
export const pastDeadline = (opts: { deadline?: number }): boolean =>
  opts.deadline !== undefined && performance.now() > opts.deadline;

const late = (env: Env) => pastDeadline(env.opts);

/** One job's structured starts and searches (after the initial sample). A deadline marks it partial. */
function* searchJob(job: Job, env: Env): Steps {
  const kind = job.def.kind;
  const seed = env.opts.seed;
  const n = env.obj.dim;
  const o = searchOptions(job, env, new Rng(seed, `check/${job.key}`));
  const stop = () => {
    if (!job.partial && late(env)) job.partial = true;
    return job.partial;
  };
  if (n >= 10) {
    const so = { ...o, rng: new Rng(seed, `check/structured/${kind}`) };
    const { centres, at } = directionPoints(job.pool, so);
    const [r] = yield [{ kind: 'dirs', points: at, rng: { seed, name: `check/structured/${kind}/directions` } }];
    merge([[job]], [r], env);
    if (stop()) return;
    const zs = structuredStarts(so, centres, r.dirs ?? []);
    const e = evalTasks([job], zs, new Array<Origin>(zs.length).fill('structured'));
    yield* batch(e.tasks, e.owners, env);
  }
  if (stop()) return;
  const generic = genericTargets(job.pool, job.def.A !== null, job.def.B !== null);
  const targets: Target[] = [];
  for (const t of [...generic, ...job.specs.flatMap((s) => specTargets(s.r))])
    if (!targets.some((u) => sameTarget(u, t))) targets.push(t);
  job.targets = targets;
  for (const t of targets) {
    const to = { ...o, rng: o.rng.stream(`search/${t.kind}/${t.A}/${t.B}`) };
    const local: Task[] = localStarts(job.pool, to, t).map((s) => ({
      kind: 'maximize',
      job: job.key,
      target: t,
      z0: s.z0,
      budget: s.budget,
      step: s.step,
      rng: { seed: s.rng.seed, name: s.rng.name },
    }));
    yield* batch(
      local,
      local.map(() => [job]),
      env,
    );
    if (stop()) return;
    const ascents: Task[] = ascentStarts(job.pool, to, t).map((s) => ({
      kind: 'ascend',
      job: job.key,
      target: t,
      z0: s.z0,
      iters: s.iters,
      budget: 3 * s.iters,
    }));
    yield* batch(
      ascents,
      ascents.map(() => [job]),
      env,
    );
    if (stop()) return;
  }
}

/** Each job's best samples (per target, the four best that are not uniform draws). */
function bestOf(j: Job): Float64Array[] {
  const zs: Float64Array[] = [];
  for (const t of j.targets) {
    const idx: number[] = [];
    for (let i = 0; i < j.pool.count; i++) if (!j.pool.isDropped(i)) idx.push(i);
    const sc = idx.map((i) => scoreOf(t, j.pool.sample(i)));
    const order = idx.map((_, k) => k).sort((a, b) => sc[b] - sc[a]);
    for (const k of order.slice(0, 4)) if (j.pool.originOf(idx[k]) !== 'uniform') zs.push(j.pool.z(idx[k]));
  }
  return zs;
}

/**
 * Tasks that run with the first part of the initial sample (the stationary-point search, check.ts),
 * and what to do with their results before the part at the special points is drawn.
 */
export interface Preamble {
  tasks: Task[];
  done(results: TaskResult[]): void;
}

/**
 * The initial sample drawn in two parts (Domain.initialParts): the free part of every kind evaluated
 * in one batch with the preamble's tasks, then the part at the special points the preamble added.
 * The pools get the same samples in the same order as from Domain.initial.
 */
function* initialInParts(jobs: Job[], env: Env, pre: Preamble): Steps {
  const seed = env.opts.seed;
  const kinds = (['point', 'pair'] as const)
    .map((kind) => ({ kind, same: jobs.filter((j) => j.def.kind === kind) }))
    .filter((k) => k.same.length > 0);
  const parts = kinds.map(({ kind, same }) => {
    const p = env.domain.initialParts!(new Rng(seed, `check/samples/${kind}`), kind, env.opts.samples, () => late(env));
    if (late(env)) for (const j of same) j.partial = true;
    // Whole tasks only: the free part's last CHUNK-incomplete task goes with the rest, so the tasks
    // (and the per-task caches that count evaluations) are those of the sample drawn whole.
    const k = p.free.length - (p.free.length % CHUNK);
    const head = p.free.slice(0, k);
    return {
      same,
      p,
      tail: p.free.slice(k),
      e: evalTasks(
        same,
        head.map((d) => d.z),
        head.map((d) => d.origin),
      ),
    };
  });
  const res = yield [...pre.tasks, ...parts.flatMap((k) => k.e.tasks)];
  pre.done(res.slice(0, pre.tasks.length));
  merge(
    parts.flatMap((k) => k.e.owners),
    res.slice(pre.tasks.length),
    env,
  );
  for (const { same, p, tail } of parts) {
    const anchored = [...tail, ...p.anchored(env.special)];
    if (late(env)) for (const j of same) j.partial = true;
    const e = evalTasks(
      same,
      anchored.map((d) => d.z),
      anchored.map((d) => d.origin),
    );
    yield* batch(e.tasks, e.owners, env);
  }
}

/** Fill every job's pool: the initial samples by kind, each job's search, then the shared samples. */
export function* fillPools(
  jobs: Job[],
  env: Env,
  progress?: (done: number, name: string) => void,
  pre?: Preamble,
): Steps {
  const seed = env.opts.seed;
  if (pre) yield* initialInParts(jobs, env, pre);
  for (const kind of pre ? [] : (['point', 'pair'] as const)) {
    const same = jobs.filter((j) => j.def.kind === kind);
    if (same.length === 0) continue;
    // The draw itself stops at the time limit (a million pairs take seconds): the jobs are then partial.
    const initial = env.domain.initial(
      new Rng(seed, `check/samples/${kind}`),
      kind,
      env.opts.samples,
      env.special,
      () => late(env),
    );
    if (late(env)) for (const j of same) j.partial = true;
    const e = evalTasks(
      same,
      initial.map((d) => d.z),
      initial.map((d) => d.origin),
    );
    yield* batch(e.tasks, e.owners, env);
  }
  for (const [k, job] of jobs.entries()) {
    // A finite domain (a trajectory, a file of points) has been evaluated whole: nothing to search.
    if (!job.partial && job.pool.count > 0 && !env.domain.finite) yield* searchJob(job, env);
    progress?.(k + 1, job.def.name);
  }
  // The best samples of each job, taken before any is shared, evaluated in the other jobs of the same kind.
  const best = new Map(jobs.map((j) => [j, bestOf(j)]));
  for (const j of jobs) {
    if (j.partial) continue;
    if (late(env)) {
      j.partial = true;
      continue;
    }
    const zs = jobs.filter((k) => k !== j && k.def.kind === j.def.kind).flatMap((k) => best.get(k)!);
    if (zs.length === 0) continue;
    const e = evalTasks([j], zs, new Array<Origin>(zs.length).fill('shared'));
    yield* batch(e.tasks, e.owners, env);
  }
}
