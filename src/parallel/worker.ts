/**
 * A worker thread of a parallel check (parallel.ts): rebuilds the objective from its spec
 * string (builtin:, expr:, a module path), the domain from its spec and the evaluation context
 * from the run's f*, x* and options, once per run, then carries out tasks (tasks.ts).
 */
import { floatContext, preciseFloat } from '../conditions/context.ts';
import { findCondition } from '../conditions/registry.ts';
import type { Params } from '../conditions/model.ts';
import type { Seed } from '../core/rng.ts';
import type { Domain } from '../domains/domain.ts';
import { parseDomain } from '../domains/parse.ts';
import type { Objective } from '../objectives/objective.ts';
import { resolveObjective } from '../objectives/spec.ts';
import { runTask, type Task, type TaskResult, type TaskState } from './tasks.ts';

/** What a worker needs to rebuild the run's state: plain data. */
export interface WorkerInit {
  /** Identifies the run (a worker rebuilds its state when it changes). */
  key: string;
  objective: string;
  domain: string;
  /** What the domain was built with besides its spec (domains/parse.ts DomainContext). */
  seed: Seed;
  center: number[] | null;
  fstar: number;
  xstar: number[] | null;
  /** The run's Lanczos tolerance (check.ts lanczosTolFor; none: every step). */
  lanczosTol?: number;
  strict: boolean;
  jobs: { key: string; name: string; shape: Params }[];
  /** The deadline as a wall-clock time (Date.now() milliseconds): threads have their own performance.now(). */
  deadlineEpoch?: number;
}

export interface WorkerMessage {
  /** Only load the objective (a run about to need the workers, while its main thread prepares). */
  warm?: string;
  /** With warm: also build this domain and answer the probe at its centre (the runner need not ask again). */
  probeAt?: { domain: string; seed: Seed; center: number[] | null };
  init?: WorkerInit;
  /** No task: report what was built (the runner compares it with the main thread's objective). */
  task?: Task;
  /** Where the point being evaluated is published (1 + length of z doubles). */
  current?: SharedArrayBuffer;
}

export interface Probe {
  name: string;
  dim: number;
  /** f and ∇f at the domain's centre: the rebuilt objective must agree with the main thread's to the bit. */
  f: number;
  g: number[];
}

let built: { key: string; state: Promise<TaskState> } | null = null;
const objectives = new Map<string, Promise<Objective>>();
const objectiveOf = (spec: string) => {
  let o = objectives.get(spec);
  if (!o) objectives.set(spec, (o = resolveObjective(spec)));
  return o;
};

async function build(init: WorkerInit): Promise<TaskState> {
  const obj = await objectiveOf(init.objective);
  const domain = parseDomain(init.domain, {
    obj,
    seed: init.seed,
    center: init.center ? Float64Array.from(init.center) : undefined,
  });
  const ctx = floatContext(obj, {
    fstar: init.fstar,
    xstar: init.xstar ? Float64Array.from(init.xstar) : null,
    lanczosTol: init.lanczosTol,
  });
  const jobs = new Map(
    init.jobs.map((j) => {
      const def = findCondition(j.name);
      if (!def) throw new Error(`worker: unknown condition ${j.name}`);
      return [j.key, { def, shape: j.shape }] as const;
    }),
  );
  const deadline = init.deadlineEpoch !== undefined ? init.deadlineEpoch - Date.now() + performance.now() : undefined;
  const precise = preciseFloat(obj, init.fstar, init.xstar ? Float64Array.from(init.xstar) : null);
  return { obj, ctx, domain, jobs, strict: init.strict, deadline, precise };
}

/** The probe: what the runner compares with its own objective (name, dimension, f and ∇f at the domain's centre). */
function probe(obj: Objective, domain: Domain): Probe {
  const c = domain.centre();
  const g = new Float64Array(obj.dim);
  const f = obj.grad(c, g);
  return { name: obj.name, dim: obj.dim, f, g: Array.from(g) };
}

export default async function work(msg: WorkerMessage): Promise<TaskResult | Probe | null> {
  if (msg.warm !== undefined) {
    const obj = await objectiveOf(msg.warm);
    if (!msg.probeAt) return null;
    const { domain, seed, center } = msg.probeAt;
    return probe(obj, parseDomain(domain, { obj, seed, center: center ? Float64Array.from(center) : undefined }));
  }
  if (!msg.init) throw new Error('worker: a message needs init or warm');
  if (!built || built.key !== msg.init.key) built = { key: msg.init.key, state: build(msg.init) };
  const st = await built.state;
  if (!msg.task) return probe(st.obj, st.domain);
  st.current = msg.current ? new Float64Array(msg.current) : undefined;
  return runTask(st, msg.task);
}
