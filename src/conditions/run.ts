/**
 * One evidence pool, filled: validate → sample → search (docs/theory.md §0.2).
 *
 * A job is one statistic (a condition and its shape parameters) with every spec of the run that
 * asks about it. Its pool gets the domain's initial sample (the same points, or pairs, for every
 * condition of the run: seeded by their kind), then the structured starts, the generic searches
 * (the same whatever is asked) and each spec's own searches (searching.ts). After every job has
 * run, the best samples of each job are evaluated in the others of the same kind (`shared`), so a
 * claim never ignores what another condition of the run found. Deciding is results.ts's job.
 */
import { Rng } from '../core/rng.ts';
import type { Domain, Origin } from '../domains/domain.ts';
import { ObjectiveError, fmtPoint } from '../errors.ts';
import type { Objective } from '../objectives/objective.ts';
import type { FloatContext } from './context.ts';
import type { ConditionDef, Params } from './model.ts';
import { Pool } from './pool.ts';
import type { Precise } from './refine.ts';
import type { CheckOptions, FstarInfo } from './result.ts';
import {
  genericTargets,
  scoreOf,
  searchTarget,
  structuredPhase,
  targetOf,
  type Evaluate,
  type SearchOptions,
  type Target,
} from './searching.ts';
import type { Resolved } from './spec.ts';

/** Thrown inside the sampling and search loops when the deadline has passed. */
export class TimeUp extends Error {}

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
  evaluate: Evaluate;
}

function isDiagonal(z: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (z[i] !== z[n + i]) return false;
  return true;
}

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
        evaluate: () => null,
      };
      job.evaluate = evaluatorFor(job, env);
      jobs.push(job);
    }
    job.specs.push(s);
  }
  return jobs;
}

/** Evaluate z for the job's statistic and keep it in its pool (deadline, strict mode, degenerate pairs). */
function evaluatorFor(job: Job, env: Env): Evaluate {
  const { def, shape, pool } = job;
  const n = env.obj.dim;
  const deadline = env.opts.deadline;
  let calls = 0;
  return (z: Float64Array, origin: Origin, tangents = false) => {
    if (deadline !== undefined && (++calls & 15) === 0 && performance.now() > deadline) throw new TimeUp();
    // A pair with x = y carries no information (the search can collapse onto one).
    if (def.kind === 'pair' && isDiagonal(z, n)) return null;
    // A point outside a domain that projection cannot enforce (a sublevel set) is not evaluated.
    const admits = env.domain.admits;
    if (admits && !(admits(z.subarray(0, n)) && (def.kind === 'point' || admits(z.subarray(n, 2 * n))))) return null;
    const before = env.ctx.evaluations;
    env.ctx.tangents = tangents && def.tangents === true;
    let s;
    try {
      s = def.evaluate(env.ctx, z, shape);
    } finally {
      env.ctx.tangents = false;
      job.calls += env.ctx.evaluations - before;
    }
    if (s === null || !Number.isFinite(s.lhs) || !Number.isFinite(s.w)) {
      if (env.opts.strict) {
        const where =
          def.kind === 'pair'
            ? `x = ${fmtPoint(z.subarray(0, n))}, y = ${fmtPoint(z.subarray(n))}`
            : `x = ${fmtPoint(z)}`;
        throw new ObjectiveError(
          `${env.obj.name}: ${def.name} is undefined (the objective or a derivative is NaN or ±∞) at ${where}; --strict makes this an error (without it such points are counted and skipped)`,
        );
      }
      pool.add(z, null, origin);
      return null;
    }
    pool.add(z, s, origin);
    return s;
  };
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
    ctx: env.ctx,
  };
}

/** The targets a spec adds to its pool's search: a claim its own violation and, for two constants, the tightest A at its B. */
function specTargets(r: Resolved): Target[] {
  const t = targetOf(r.mode);
  if (!t) return [];
  if (t.kind === 'claim' && r.def.A && r.def.B) return [{ kind: 'estA', A: NaN, B: t.B }, t];
  return [t];
}

/** Fill one job's pool. A deadline marks it partial; what was evaluated stays. */
export function runJob(job: Job, env: Env): void {
  const kind = job.def.kind;
  const seed = env.opts.seed;
  const o = searchOptions(job, env, new Rng(seed, `check/${job.key}`));
  try {
    const initial = env.domain.initial(new Rng(seed, `check/samples/${kind}`), kind, env.opts.samples, env.special);
    for (const d of initial) job.evaluate(d.z, d.origin);
    // A finite domain (a trajectory, a file of points) has been evaluated whole: nothing to search.
    if (job.pool.count === 0 || env.domain.finite) return;
    structuredPhase(job.pool, job.evaluate, { ...o, rng: new Rng(seed, `check/structured/${kind}`) });
    const generic = genericTargets(job.pool, job.def.A !== null, job.def.B !== null);
    const targets: Target[] = [];
    for (const t of [...generic, ...job.specs.flatMap((s) => specTargets(s.r))])
      if (!targets.some((u) => sameTarget(u, t))) targets.push(t);
    job.targets = targets;
    for (const t of targets)
      searchTarget(job.pool, job.evaluate, { ...o, rng: o.rng.stream(`search/${t.kind}/${t.A}/${t.B}`) }, t);
  } catch (e) {
    if (!(e instanceof TimeUp)) throw e;
    job.partial = true;
  }
}

/** Evaluate each job's best samples (per target) in the other jobs of the same kind. */
export function shareAcross(jobs: Job[]): void {
  const best = new Map<Job, Float64Array[]>();
  for (const j of jobs) {
    const zs: Float64Array[] = [];
    for (const t of j.targets) {
      const idx: number[] = [];
      for (let i = 0; i < j.pool.count; i++) if (!j.pool.isDropped(i)) idx.push(i);
      const sc = idx.map((i) => scoreOf(t, j.pool.sample(i)));
      const order = idx.map((_, k) => k).sort((a, b) => sc[b] - sc[a]);
      for (const k of order.slice(0, 4)) if (j.pool.originOf(idx[k]) !== 'uniform') zs.push(j.pool.z(idx[k]));
    }
    best.set(j, zs);
  }
  for (const j of jobs) {
    if (j.partial) continue;
    try {
      for (const k of jobs)
        if (k !== j && k.def.kind === j.def.kind) for (const z of best.get(k)!) j.evaluate(z, 'shared');
    } catch (e) {
      if (!(e instanceof TimeUp)) throw e;
      j.partial = true;
    }
  }
}
