/**
 * The runner of a check's tasks on tinypool worker threads (parallel.ts's checkParallel uses it):
 * the pool, the probe that proves a worker's objective and domain are this thread's to the bit,
 * the tasks run in this thread until then, and the hard time limit (a task past the deadline and
 * its grace is aborted, its worker terminated, the point it hung at read from a shared buffer).
 * Kept apart from parallel.ts so the public declarations never name tinypool's types (which need
 * @types/node).
 */
import { setMaxListeners } from 'node:events';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Tinypool from 'tinypool';
import { trace } from '../core/trace.ts';
import type { Fill, Runner } from '../conditions/check.ts';
import { localState } from '../conditions/run.ts';
import { parseDomain } from '../domains/parse.ts';
import { runTask, type Task, type TaskResult } from './tasks.ts';
import type { Probe, WorkerInit, WorkerMessage } from './worker.ts';

/**
 * A tinypool of `workers` threads. A worker that fails outside any task makes the pool emit
 * 'error'; without a listener that would end the process, so it is recorded instead (the run then
 * falls back to this thread, saying why).
 */
function newPool(workers: number, failed: (e: unknown) => void = () => {}): Tinypool {
  const p = new Tinypool({ filename: workerFile(), minThreads: workers, maxThreads: workers, isolateWorkers: false });
  p.on('error', failed);
  return p;
}

/** Workers started ahead of a run: they load the objective and answer the probe at the domain's centre. */
export interface WarmPool {
  pool: Tinypool;
  probes: Promise<Probe[]>;
}

/**
 * A pool whose workers load the objective ahead of the run and answer the probe at the centre of
 * the domain `at` describes, so the runner knows they are ready as soon as this thread looks.
 */
export function warmPool(spec: string, workers: number, at: NonNullable<WorkerMessage['probeAt']>): WarmPool {
  const p = newPool(workers);
  trace(`runner: ${workers} worker(s) started ahead`);
  const probes = Promise.all(
    Array.from({ length: workers }, () => p.run({ warm: spec, probeAt: at } satisfies WorkerMessage) as Promise<Probe>),
  );
  probes.catch(() => {});
  return { pool: p, probes };
}

/** Runs of this process (a worker rebuilds its state for each). */
let runs = 0;

/** Milliseconds of tasks run in this thread before workers are started (a smaller check ends first). */
const LOCAL_FIRST = 300;

/** Milliseconds the first batch waits for workers started ahead before running its tasks here. */
const WARM_WAIT = 300;

/** One worker per core. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** The length of the points a task evaluates (the buffer a worker publishes its current point in). */
function lenOf(t: Task): number {
  switch (t.kind) {
    case 'eval':
    case 'precise':
      return t.len;
    case 'dirs':
      return t.points[0]?.length ?? 0;
    case 'stationary':
    case 'fmin':
      return t.x0.length;
    case 'verify':
      return 0;
    default:
      return t.z0.length;
  }
}

/** Wait for p, or for ms milliseconds, whichever comes first. */
async function within(p: Promise<unknown> | null, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p, new Promise<void>((r) => (timer = setTimeout(r, Math.max(0, ms))))]);
  clearTimeout(timer);
}

/**
 * The worker module beside this one (in dist/, its one-file bundle). From the TypeScript sources (the tests, tsx), a one-line
 * bootstrap loads it through tsx's scoped loader (worker threads do not take --import).
 */
function workerFile(): string {
  if (!import.meta.url.endsWith('.ts')) {
    // The build's one-file bundle of worker.js and its imports (scripts/build.mjs): a worker starts sooner.
    const bundle = new URL('./worker.bundle.js', import.meta.url);
    return (existsSync(fileURLToPath(bundle)) ? bundle : new URL('./worker.js', import.meta.url)).href;
  }
  const worker = new URL('./worker.ts', import.meta.url).href;
  // tsx's ES-module API (its package.json maps "./esm/api" to this file for `import`).
  const root = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(join(root, 'dist', 'esm', 'api', 'index.mjs')).href;
  const code = `import { tsImport } from ${JSON.stringify(api)};
export default (await tsImport(${JSON.stringify(worker)}, ${JSON.stringify(worker)})).default;`;
  return `data:text/javascript,${encodeURIComponent(code)}`;
}

/** The worker's state, as data, for the fill as it is now. */
function initOf(f: Fill, key: string, spec: string, deadline: number | undefined): WorkerInit {
  const { env, jobs } = f;
  return {
    key,
    objective: spec,
    domain: env.domain.spec,
    seed: env.opts.seed,
    center: env.opts.domainCenter ? Array.from(env.opts.domainCenter) : null,
    fstar: env.fstar?.value ?? 0,
    xstar: env.xstar ? Array.from(env.xstar) : null,
    lanczosTol: f.lanczosTol,
    strict: env.opts.strict === true,
    jobs: jobs.map((j) => ({ key: j.key, name: j.def.name, shape: j.shape })),
    deadlineEpoch: deadline !== undefined ? deadline - performance.now() + Date.now() : undefined,
  };
}

export const serial = (f: Fill, note?: string): Runner => {
  const st = localState(f);
  return { run: (tasks) => tasks.map((t) => runTask(st(), t)), close: () => {}, note };
};

function sameDomain(f: Fill): boolean {
  try {
    const d = parseDomain(f.env.domain.spec, {
      obj: f.env.obj,
      seed: f.env.opts.seed,
      center: f.env.opts.domainCenter,
    });
    const a = f.env.domain;
    return (
      JSON.stringify(d.describe()) === JSON.stringify(a.describe()) &&
      d.lo.every((v, i) => Object.is(v, a.lo[i])) &&
      d.hi.every((v, i) => Object.is(v, a.hi[i]))
    );
  } catch {
    return false;
  }
}

/**
 * A runner that spreads tasks over `workers` threads, for an objective named by `spec`. Falls back
 * to this thread (saying why in the notes) when the domain or the objective cannot be rebuilt
 * identically from their specs.
 */
export function workerRunner(
  f: Fill,
  spec: string,
  workers: number,
  o: { wait?: boolean; warm?: WarmPool } = {},
): Runner & { stats: { local: number; remote: number } } {
  const { env } = f;
  const n = env.obj.dim;
  // A finite domain (a trajectory, a file of points) is evaluated once, without searches: in this
  // thread, whatever the worker count (rebuilding it in a worker would re-run the trajectory).
  if (env.domain.finite) return { ...serial(f), stats: { local: 0, remote: 0 } };
  if (!sameDomain(f))
    return {
      ...serial(
        f,
        `the domain ${env.domain.spec} cannot be rebuilt from its spec in a worker: the run used one thread`,
      ),
      stats: { local: 0, remote: 0 },
    };
  const deadline = env.opts.deadline;
  // What a worker builds its state from, for the fill as it is now: the preamble's (no jobs yet,
  // f* unknown), then the pools' (a new key: the worker rebuilds).
  const base = `${process.pid}/${performance.timeOrigin}/${++runs}`;
  let initVersion = -1;
  let initNow: WorkerInit | null = null;
  const current = (): WorkerInit => {
    if (initNow && initVersion === f.version) return initNow;
    initVersion = f.version;
    return (initNow = initOf(f, `${base}/${f.version}`, spec, deadline));
  };
  // Workers start when the run has shown it is worth them (LOCAL_FIRST of work here), or at once
  // with a time limit (tasks must then run where they can be stopped).
  let pool: Tinypool | null = null;
  let probes: Promise<void> | null = null;
  let ready: boolean | null = null;
  let note: string | undefined;
  // Tasks of a time-limited run ran in this thread after the workers failed: nothing could stop them.
  let soft = false;
  const start = () => {
    if (pool) return;
    const c = env.domain.centre();
    const g = new Float64Array(n);
    const f0 = env.obj.grad(c, g);
    const failed = (e: unknown) => {
      ready = false;
      if (!closing)
        note ??= `a worker failed (${e instanceof Error ? e.message : String(e)}): the run used one thread from then on`;
    };
    const p = o.warm?.pool ?? newPool(workers, failed);
    if (o.warm) p.on('error', failed);
    pool = p;
    probes = (
      o.warm?.probes ??
      Promise.all(Array.from({ length: workers }, () => p.run({ init: current() } satisfies WorkerMessage)))
    )
      .then((ps: Probe[]) => {
        const same = ps.every(
          (q) =>
            q.name === env.obj.name && q.dim === n && Object.is(q.f, f0) && q.g.every((v, i) => Object.is(v, g[i])),
        );
        ready = same;
        trace(`runner: workers answered the probe (${same ? 'same objective' : 'mismatch'})`);
        if (!same)
          note = `${spec} rebuilt in a worker does not agree with this thread's objective (value or gradient at the centre): the run used one thread`;
      })
      .catch((e: unknown) => {
        ready = false;
        // Workers stopped because the run ended before they were needed: nothing to say.
        if (closing) return;
        note = `the workers could not load ${spec} (${e instanceof Error ? e.message : String(e)}): the run used one thread`;
      });
  };
  if (deadline !== undefined || o.wait || o.warm) start();
  let spentHere = 0;
  let waited = false;
  let closing = false;
  const local = localState(f);
  const grace = deadline !== undefined ? 1000 + 0.02 * Math.max(0, deadline - performance.now()) : 0;
  const timeUp = (): TaskResult => ({ records: [], overflows: 0, hessExact: true, timeUp: true });
  const late = () => deadline !== undefined && performance.now() > deadline;
  // Two turns of the event loop: tinypool posts a queued message to a worker that came online in the
  // first, and a worker's answer is received in the second (measured: one turn leaves the probe unread).
  const yieldLoop = async () => {
    for (let k = 0; k < 2; k++) await new Promise<void>((r) => setImmediate(r));
  };
  const stats = { local: 0, remote: 0 };
  const here = (t: Task) => {
    stats.local++;
    const t0 = performance.now();
    const r = runTask(local(), t);
    spentHere += performance.now() - t0;
    trace(() => `runner: ${t.kind} task here, ${(performance.now() - t0).toFixed(1)} ms`);
    if (spentHere > LOCAL_FIRST) start();
    return r;
  };

  const remote = async (tasks: Task[]): Promise<TaskResult[]> => {
    const ctl = new AbortController();
    setMaxListeners(tasks.length + 10, ctl.signal);
    const bufs = tasks.map((t) => new SharedArrayBuffer(8 * (1 + lenOf(t))));
    const out: (TaskResult | undefined)[] = tasks.map(() => undefined);
    const errors: unknown[] = [];
    const all = Promise.all(
      tasks.map((task, k) =>
        (
          pool!.run({ init: current(), task, current: bufs[k] } satisfies WorkerMessage, {
            signal: deadline !== undefined ? ctl.signal : null,
          }) as Promise<TaskResult>
        )
          .then((r) => void (out[k] = r))
          .catch((e: unknown) => void (ctl.signal.aborted ? undefined : errors.push(e))),
      ),
    );
    if (deadline !== undefined) {
      await within(all, deadline - performance.now() + grace);
      ctl.abort();
    }
    await all;
    if (errors.length > 0) throw errors[0];
    return out.map((r, k) => {
      if (r) return r;
      const cur = new Float64Array(bufs[k]);
      const res = timeUp();
      if (cur[0] > 0) res.hung = cur.slice(1, 1 + cur[0]);
      return res;
    });
  };

  return {
    async run(tasks) {
      trace(() => `runner: batch of ${tasks.length} ${tasks[0]?.kind} task(s)${ready ? '' : ', workers not ready'}`);
      if (late()) return tasks.map(timeUp);
      const results: TaskResult[] = [];
      // Until the workers are ready, one task at a time here (never with a time limit: nothing could stop it).
      while (results.length < tasks.length && ready === null) {
        if (o.wait) await probes;
        else if (deadline !== undefined) {
          // Even a probe that never returns (the objective hangs at the centre) ends at the limit.
          await within(probes, deadline - performance.now() + grace);
          if (ready === null) {
            note = `the workers had not loaded ${spec} and answered at the domain's centre by the time limit: nothing was evaluated`;
            return tasks.map(timeUp);
          }
        } else if (o.warm && !waited) {
          // Workers started ahead are loading: a long task here would hold this thread (and the
          // dispatch to them) past the moment they are ready, so wait for them a while first.
          waited = true;
          await within(probes, WARM_WAIT);
        } else {
          results.push(here(tasks[results.length]));
          await yieldLoop();
        }
      }
      const rest = tasks.slice(results.length);
      if (rest.length === 0) return results;
      if (ready) {
        stats.remote += rest.length;
        const out = [...results, ...(await remote(rest))];
        trace(`runner: batch done (${results.length} here, ${rest.length} on workers)`);
        return out;
      }
      // No workers (they failed to load or disagreed): this thread, where a time limit cannot stop a
      // hanging objective; the note says so.
      if (deadline !== undefined) soft = true;
      return [...results, ...rest.map(here)];
    },
    async close() {
      closing = true;
      // A pool made ahead of the run is destroyed by its maker (checkParallel).
      if (!o.warm) await (pool as Tinypool | null)?.destroy();
    },
    get note() {
      return note && soft ? `${note}; the time limit was not hard` : note;
    },
    stats,
  };
}
