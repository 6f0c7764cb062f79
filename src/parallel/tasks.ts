/**
 * The units of work a check's evidence pools are filled with, as plain data, and the one
 * function that carries them out (`runTask`), in the main thread (the serial path, the
 * reference) or in a worker (parallel.ts): a batch of evaluations, one local search from one
 * start, one gradient ascent from one start, the Hessian directions of the structured starts.
 *
 * A task's result is a pure function of the task: every evaluation is a function of z (the
 * Lanczos start is seeded by the point's own hash), each search has its own random stream, and
 * the Hessian-norm cache is emptied at the start of every task, so the objective calls a task
 * counts never depend on what ran before it in the same thread. The caller merges the records
 * into the pools in task order, so the pools (and the JSON) are the same whatever the number of
 * workers.
 */
import { lanczos } from '../core/eig.ts';
import { Rng, type Seed } from '../core/rng.ts';
import type { Domain, Origin } from '../domains/domain.ts';
import { ObjectiveError, fmtPoint } from '../errors.ts';
import type { FloatContext } from '../conditions/context.ts';
import type { ConditionDef, EvalContext, Params, Sample } from '../conditions/model.ts';
import { ascentOf, boundsOfZ, scoreOf, type Target } from '../conditions/searching.ts';
import type { Objective } from '../objectives/objective.ts';
import { ascend } from '../search/ascent.ts';
import { maximize } from '../search/local.ts';
import { fstarFrom, type FstarRun } from '../search/fstar.ts';
import { stationaryFrom } from '../search/stationary.ts';
import { derivativeCheck } from '../conditions/derivatives.ts';
import type { VerifyResult } from '../objectives/verify.ts';

/** A fresh random stream, as data: `new Rng(seed, name)`. */
export interface RngRef {
  seed: Seed;
  name: string;
}

export type Task =
  /** Evaluate every z (len numbers each) in each of the listed jobs (of one kind), in that order. */
  | { kind: 'eval'; jobs: string[]; zs: Float64Array; len: number; origins: Origin[] }
  /** Nelder–Mead / (1+1)-ES on a target's score from z0 (search/local.ts). */
  | { kind: 'maximize'; job: string; target: Target; z0: Float64Array; budget: number; step: number; rng: RngRef }
  /** Projected gradient ascent on a target from z0 (search/ascent.ts). */
  | { kind: 'ascend'; job: string; target: Target; z0: Float64Array; iters: number; budget: number }
  /** The extreme Hessian eigenvectors at points (the structured starts' directions). */
  | { kind: 'dirs'; points: Float64Array[]; rng: RngRef }
  /** One start of the high-dimensional stationary-point search (search/stationary.ts). */
  | { kind: 'stationary'; x0: Float64Array }
  /** One start of the f* search (search/fstar.ts). */
  | { kind: 'fmin'; x0: Float64Array }
  /** The re-check's evaluations of a job's samples (refine.ts), in the precise double context. */
  | { kind: 'precise'; job: string; zs: Float64Array; len: number }
  /** The quick derivative check (conditions/derivatives.ts), its mismatch returned. */
  | { kind: 'verify'; seed: Seed; strict: boolean };

/** One evaluation: the job (index into the task's job list), z, the sample (null: undefined), where it came from. */
export interface EvalRecord {
  j: number;
  z: Float64Array;
  s: Sample | null;
  origin: Origin;
  /** Objective calls it cost. */
  calls: number;
}

export interface TaskResult {
  records: EvalRecord[];
  /** Evaluations that overflowed (context.ts) and whether every Hessian norm was exact. */
  overflows: number;
  hessExact: boolean;
  /** The deadline passed: the task stopped early (its records so far are kept). */
  timeUp: boolean;
  /** An objective error (strict mode, a throwing objective) ended the task. */
  error?: { objective: boolean; message: string };
  dirs?: Float64Array[];
  /** A stationary task's point (null: none from this start). */
  point?: Float64Array | null;
  /** An f* task's run. */
  fmin?: FstarRun;
  /** A precise task's samples, in the order of its points (null: undefined there). */
  precise?: (Sample | null)[];
  /** A verify task's result (null: no point of the domain where f is defined). */
  verify?: VerifyResult | null;
  /** The point being evaluated when the worker was stopped at the time limit (parallel.ts). */
  hung?: Float64Array;
}

export interface TaskJob {
  def: ConditionDef;
  shape: Params;
}

/** What a thread needs to run tasks: the objective, its context, the domain, the jobs by key. */
export interface TaskState {
  obj: Objective;
  ctx: FloatContext;
  domain: Domain;
  jobs: Map<string, TaskJob>;
  strict: boolean;
  /** performance.now() of this thread at which tasks stop. */
  deadline?: number;
  /** Where the point being evaluated is published (parallel.ts names it when a worker hangs). */
  current?: Float64Array;
  /** The re-check's context (context.ts PRECISE_FLOAT), built on first use (for precise tasks). */
  precise?: () => EvalContext;
}

class TimeUp extends Error {}

/** A task's failure raised in the thread that merges it, as it was raised in the task (ObjectiveError or not). */
export function raiseIfFailed(r: TaskResult): TaskResult {
  if (r.error) throw r.error.objective ? new ObjectiveError(r.error.message) : new Error(r.error.message);
  return r;
}

/** Where the point about to be evaluated is published (parallel.ts names it if the objective hangs there). */
function publish(st: TaskState, z: Float64Array): void {
  if (st.current && st.current.length >= z.length + 1) {
    st.current.set(z, 1);
    st.current[0] = z.length;
  }
}

/** Past the deadline: the task stops (checked before each expensive step). */
function checkDeadline(st: TaskState): void {
  if (st.deadline !== undefined && performance.now() > st.deadline) throw new TimeUp();
}

function isDiagonal(z: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (z[i] !== z[n + i]) return false;
  return true;
}

/** Strip a sample to what the pool keeps (no gradients). */
function kept(s: Sample): Sample {
  const out: Sample = { lhs: s.lhs, w: s.w, lhsErr: s.lhsErr, wErr: s.wErr };
  if (s.krylov) out.krylov = s.krylov;
  return out;
}

export function runTask(st: TaskState, task: Task): TaskResult {
  const { ctx } = st;
  const n = st.obj.dim;
  ctx.clearCache();
  // A task reports its own overflows and exactness, which the caller merges into the run's context;
  // in this thread that context is the run's own, so they are put back as they were (finally below)
  // and counted once, as a worker's are.
  const over0 = ctx.overflows;
  const exact0 = ctx.hessExact;
  ctx.hessExact = true;
  const records: EvalRecord[] = [];
  let count = 0;
  const evaluate = (job: TaskJob, j: number, z: Float64Array, origin: Origin, tangents: boolean): Sample | null => {
    if (st.deadline !== undefined && (++count & 15) === 0 && performance.now() > st.deadline) throw new TimeUp();
    const { def, shape } = job;
    if (def.kind === 'pair' && isDiagonal(z, n)) return null;
    // Published before anything calls the objective at z (admits does), so a hang there is named.
    publish(st, z);
    // A point outside a domain that projection cannot enforce (a sublevel set) is not evaluated.
    const admits = st.domain.admits;
    if (admits && !(admits(z.subarray(0, n)) && (def.kind === 'point' || admits(z.subarray(n, 2 * n))))) return null;
    const before = ctx.evaluations;
    ctx.tangents = tangents && def.tangents === true;
    let s: Sample | null;
    try {
      s = def.evaluate(ctx, z, shape);
    } finally {
      ctx.tangents = false;
    }
    const calls = ctx.evaluations - before;
    if (s === null || !Number.isFinite(s.lhs) || !Number.isFinite(s.w)) {
      if (st.strict) {
        const where =
          def.kind === 'pair'
            ? `x = ${fmtPoint(z.subarray(0, n))}, y = ${fmtPoint(z.subarray(n))}`
            : `x = ${fmtPoint(z)}`;
        throw new ObjectiveError(
          `${st.obj.name}: ${def.name} is undefined (the objective or a derivative is NaN or ±∞) at ${where}; --strict makes this an error (without it such points are counted and skipped)`,
        );
      }
      records.push({ j, z: Float64Array.from(z), s: null, origin, calls });
      return null;
    }
    records.push({ j, z: Float64Array.from(z), s: kept(s), origin, calls });
    return s;
  };
  const done = (extra: Partial<TaskResult> = {}): TaskResult => ({
    records,
    overflows: ctx.overflows - over0,
    hessExact: ctx.hessExact,
    timeUp: false,
    ...extra,
  });
  try {
    switch (task.kind) {
      case 'eval': {
        const jobs = task.jobs.map((k) => st.jobs.get(k)!);
        // Hessian norms the point conditions will ask for, computed together (same values, same counts).
        if (jobs.some((j) => j.def.kind === 'point' && j.def.needsHessian)) {
          const xs: Float64Array[] = [];
          for (let i = 0; i * task.len < task.zs.length; i++)
            xs.push(task.zs.subarray(i * task.len, (i + 1) * task.len));
          ctx.prefetchHessNorms(xs);
        }
        for (let i = 0; i * task.len < task.zs.length; i++) {
          const z = task.zs.subarray(i * task.len, (i + 1) * task.len);
          for (let j = 0; j < jobs.length; j++) evaluate(jobs[j], j, z, task.origins[i], false);
        }
        return done();
      }
      case 'maximize': {
        const job = st.jobs.get(task.job)!;
        const { lo, hi, project } = boundsOfZ(st.domain, job.def.kind, n);
        const rng = new Rng(task.rng.seed, task.rng.name);
        maximize(
          (z) => {
            const s = evaluate(job, 0, z, 'local', false);
            return s ? scoreOf(task.target, s) : -Infinity;
          },
          task.z0,
          lo,
          hi,
          task.budget,
          rng,
          task.step,
          project,
        );
        return done();
      }
      case 'ascend': {
        const job = st.jobs.get(task.job)!;
        const { project } = boundsOfZ(st.domain, job.def.kind, n);
        ascend(
          (z) => {
            const s = evaluate(job, 0, z, 'ascent', true);
            return s ? ascentOf(task.target, s) : null;
          },
          task.z0,
          { iters: task.iters, budget: task.budget, width: st.domain.width, project },
        );
        return done();
      }
      case 'dirs': {
        const dirs: Float64Array[] = [];
        for (const x of task.points) {
          checkDeadline(st);
          publish(st, x);
          const r = lanczos(ctx.hessianOp(x), n, {
            maxIter: 12,
            tol: 1e-6,
            rng: new Rng(task.rng.seed, task.rng.name),
          });
          for (const v of [r.vecMax, r.vecMin]) if (v.every(Number.isFinite) && v.some((t) => t !== 0)) dirs.push(v);
        }
        return done({ dirs });
      }
      case 'stationary':
        return done({ point: stationaryFrom(st.obj, st.domain, task.x0) });
      case 'fmin':
        return done({ fmin: fstarFrom(st.obj, task.x0) });
      case 'verify':
        return done({ verify: derivativeCheck(st.obj, st.domain, task.seed, task.strict) });
      case 'precise': {
        const { def, shape } = st.jobs.get(task.job)!;
        if (!st.precise) throw new Error('precise task: this task state has no precise context');
        const ctx = st.precise();
        const out: (Sample | null)[] = [];
        for (let i = 0; i * task.len < task.zs.length; i++) {
          checkDeadline(st);
          const z = task.zs.subarray(i * task.len, (i + 1) * task.len);
          publish(st, z);
          const s = def.evaluate(ctx, z, shape);
          out.push(s && kept(s));
        }
        return done({ precise: out });
      }
    }
  } catch (e) {
    if (e instanceof TimeUp) return done({ timeUp: true });
    if (e instanceof ObjectiveError) return done({ error: { objective: true, message: e.message } });
    throw e;
  } finally {
    ctx.overflows = over0;
    ctx.hessExact = exact0;
  }
}
