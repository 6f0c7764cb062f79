/**
 * The optimizer loop: one method on one objective, seeded, recording f and ‖∇f‖ (of
 * the full objective) every K iterations. The loop knows nothing of any method: it asks
 * the method's oracle for a direction, lets its outer steps act (perturbation, negative
 * curvature, SAM), applies its chain of transforms, steps, and lets the outer steps act
 * again (projection). Stochastic methods draw their mini-batches (without replacement
 * within a batch) and the independent second batch from their own streams of the run's
 * seed, so the same seed gives the same run.
 */
import { Rng, type Seed } from '../core/rng.ts';
import { nrm2 } from '../core/vec.ts';
import { UsageError } from '../errors.ts';
import type { Objective } from '../objectives/objective.ts';
import { applyChain, initChain, type UpdateContext } from './chain.ts';
import type { MethodDef } from './method.ts';
import { emptyCounts, independentBatch, type OracleCounts, type OracleEnv } from './oracle.ts';
import type { StepEnv } from './outer.ts';

export interface TracePoint {
  t: number;
  f: number;
  gradNorm: number;
  /** Per-sample gradients used so far (stochastic methods). */
  samples?: number;
}

export interface OptimizeOptions {
  iters: number;
  x0?: Float64Array;
  seed: Seed;
  recordEvery?: number;
  fstar?: number;
  /** Box for a seeded start when neither --x0 nor the objective's start is given. */
  box?: [number, number];
  /**
   * Stop once the run has spent this many per-sample gradients (what a stochastic oracle
   * draws, the independent batch included; a full-batch step counts as n on a finite sum
   * and 1 otherwise): equal budgets for methods with different costs per step.
   */
  maxSamples?: number;
  /** Stop early when this returns true (checked after every step on the full objective's f when recording, else never). */
  stopWhen?: (x: Float64Array, t: number) => boolean;
}

export interface OptimizeResult {
  objective: string;
  dim: number;
  seed: Seed;
  method: { name: string; params: Record<string, number | string> };
  iters: number;
  trace: TracePoint[];
  x: number[];
  status: 'done' | 'diverged' | 'nonfinite' | 'stopped';
  /** Iterations actually taken (< iters when stopped early). */
  steps: number;
  perturbations?: number;
  /** What the run spent, excluding the trace records: full gradients, per-sample gradients, function values, numbers communicated (compressed methods), negative-curvature searches. */
  oracle: OracleCounts;
}

export function optimize(
  obj: Objective,
  def: MethodDef,
  params: Record<string, number | string>,
  o: OptimizeOptions,
): OptimizeResult {
  const n = obj.dim;
  const plan = def.build(params, { fstar: o.fstar ?? obj.fstar });
  const fs = obj.finiteSum;
  const { oracle, chain, steps } = plan;
  if (oracle.stochastic && !fs)
    throw new UsageError(
      `method ${def.name} is stochastic, but ${obj.name} has no finite-sum structure (samples); use its ` +
        `full-batch counterpart`,
    );
  if (fs && oracle.stochastic && (plan.batch > fs.n || plan.batch2 > fs.n || oracle.largest > fs.n))
    throw new UsageError(
      `method ${def.name}: batch sizes (${plan.batch}, ${plan.batch2}) exceed the ${fs.n} samples of ${obj.name}`,
    );
  // One stream family for every method: with the same seed, methods see the same
  // mini-batches (common random numbers), which makes comparisons sharper.
  const rng = new Rng(o.seed, 'optimize');
  const x = o.x0
    ? Float64Array.from(o.x0)
    : obj.x0
      ? Float64Array.from(obj.x0)
      : rng.stream('x0').fillUniform(new Float64Array(n), ...(o.box ?? [-3, 3]));
  if (x.length !== n) throw new UsageError(`the start has ${x.length} entries but ${obj.name} has dimension ${n}`);
  const iters = o.iters;
  const every = o.recordEvery ?? Math.max(1, Math.ceil(iters / 1000));
  const g = new Float64Array(n),
    u = new Float64Array(n),
    gfull = new Float64Array(n);
  const counts = emptyCounts();
  const env: OracleEnv = { obj, fs, batches: rng.stream('batches'), counts };
  const aux = independentBatch(env, plan.batch2, rng.stream('batches2'), x, () => {
    throw new UsageError(`method ${def.name} needs an independent mini-batch: ${obj.name} has no samples`);
  });
  const perturbRng = rng.stream('perturb'),
    transformRng = rng.stream('transform');
  const states = initChain(chain, n);
  const oracleState = oracle.init(n, env);
  const stepStates = steps.map((s) => s.init(n));
  const trace: TracePoint[] = [];
  let status: OptimizeResult['status'] = 'done';
  const record = (t: number) => {
    const f = obj.grad(x, gfull);
    const p: TracePoint = { t, f, gradNorm: nrm2(gfull) };
    if (oracle.stochastic) p.samples = counts.samples;
    trace.push(p);
    return p;
  };
  const ctx: UpdateContext = {
    t: 0,
    f: NaN,
    gnorm: NaN,
    gamma: NaN,
    rng: transformRng,
    x,
    extraGradients: 0,
    gradAt: (at, out) => obj.grad(at, out),
    aux: aux.get,
  };
  const se: StepEnv = {
    obj,
    seed: o.seed,
    t: 0,
    x,
    g,
    f: NaN,
    gn: NaN,
    query(at) {
      se.f = oracle.direction(at, g, env, oracleState);
      se.gn = nrm2(g);
    },
    rng: perturbRng,
    counts,
  };
  const spent = (steps: number) => (oracle.stochastic ? counts.samples : steps * (fs?.n ?? 1));
  let t = 0;
  for (; t < iters; t++) {
    if (t % every === 0) {
      const p = record(t);
      if (!Number.isFinite(p.f) || !Number.isFinite(p.gradNorm)) {
        status = 'nonfinite';
        break;
      }
      if (o.stopWhen && o.stopWhen(x, t)) {
        status = 'stopped';
        break;
      }
    }
    se.t = t;
    se.query(x);
    for (let k = 0; k < steps.length; k++) steps[k].before?.(se, stepStates[k]);
    if (!Number.isFinite(se.f) || !Number.isFinite(se.gn)) {
      status = 'nonfinite';
      break;
    }
    u.set(g);
    ctx.t = t;
    ctx.f = se.f;
    ctx.gnorm = se.gn;
    ctx.gamma = NaN;
    aux.reset();
    applyChain(chain, states, u, ctx);
    for (let i = 0; i < n; i++) if (u[i] !== 0) counts.communicated++;
    for (let i = 0; i < n; i++) x[i] -= u[i];
    for (let k = 0; k < steps.length; k++) steps[k].after?.(x, stepStates[k]);
    let xn = 0;
    for (let i = 0; i < n; i++) xn += x[i] * x[i];
    if (!(xn < 1e300)) {
      status = xn === xn ? 'diverged' : 'nonfinite';
      t++;
      break;
    }
    if (o.maxSamples !== undefined && spent(t + 1) >= o.maxSamples) {
      t++;
      break;
    }
  }
  if (status === 'done' || status === 'diverged' || status === 'nonfinite') {
    const last = trace[trace.length - 1];
    if (!last || last.t !== t) {
      const p = record(t);
      if (status === 'done' && (!Number.isFinite(p.f) || !Number.isFinite(p.gradNorm))) status = 'nonfinite';
    }
  }
  counts.gradients += ctx.extraGradients;
  const res: OptimizeResult = {
    objective: obj.name,
    dim: n,
    seed: o.seed,
    method: { name: def.name, params },
    iters,
    trace,
    x: Array.from(x),
    status,
    steps: t,
    oracle: counts,
  };
  for (let k = 0; k < steps.length; k++) Object.assign(res, steps[k].summary?.(stepStates[k]));
  return res;
}
