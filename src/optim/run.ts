/**
 * The optimizer loop: one method on one objective, seeded, recording f and ‖∇f‖ (of
 * the full objective) every K iterations. Stochastic methods draw their mini-batches
 * (without replacement within a batch) and the independent second batch from their
 * own streams of the run's seed, so the same seed gives the same run.
 */
import { Rng, type Seed } from '../core/rng.ts';
import { nrm2 } from '../core/vec.ts';
import { UsageError } from '../errors.ts';
import type { Objective } from '../objectives/objective.ts';
import type { MethodDef } from './methods.ts';
import type { UpdateContext } from './transform.ts';
import { boxStationarity, dimer, zoGradient, zoNegativeCurvature } from './curvature.ts';

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
  oracle: {
    gradients: number;
    samples: number;
    functionValues: number;
    communicated: number;
    curvatureSearches: number;
  };
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
  const sampled = plan.oracle === 'batch' || plan.oracle === 'spider';
  if (sampled && !fs)
    throw new UsageError(
      `method ${def.name} is stochastic, but ${obj.name} has no finite-sum structure (samples); use its full-batch counterpart`,
    );
  if (fs && sampled && (plan.batch > fs.n || plan.batch2 > fs.n || (plan.spiderBig ?? 0) > fs.n))
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
    gfull = new Float64Array(n),
    gaux = new Float64Array(n),
    xs = new Float64Array(n),
    xi = new Float64Array(n);
  const idx = new Int32Array(Math.max(plan.batch, plan.batch2, 1)),
    idx2 = new Int32Array(Math.max(plan.batch2, 1));
  const batches = rng.stream('batches'),
    batches2 = rng.stream('batches2'),
    perturbRng = rng.stream('perturb'),
    transformRng = rng.stream('transform');
  for (const tr of plan.chain) tr.init?.(n);
  const trace: TracePoint[] = [];
  const oracle = { gradients: 0, samples: 0, functionValues: 0, communicated: 0, curvatureSearches: 0 };
  let samples = 0;
  let status: OptimizeResult['status'] = 'done';
  let lastPerturb = -Infinity,
    perturbations = 0;
  const record = (t: number) => {
    const f = obj.grad(x, gfull);
    const p: TracePoint = { t, f, gradNorm: nrm2(gfull) };
    if (sampled) p.samples = samples;
    trace.push(p);
    return p;
  };
  let auxReady = false;
  const ctx: UpdateContext = {
    t: 0,
    f: NaN,
    gnorm: NaN,
    gamma: NaN,
    rng: transformRng,
    x,
    extraGradients: 0,
    gradAt: (at, out) => obj.grad(at, out),
    aux() {
      if (!auxReady) {
        if (!fs) throw new UsageError(`method ${def.name} needs an independent mini-batch: ${obj.name} has no samples`);
        fs.batchGrad(batches2.indicesWithout(fs.n, plan.batch2, idx2), plan.batch2, x, gaux);
        samples += plan.batch2;
        auxReady = true;
      }
      return gaux;
    },
  };
  // SPIDER state: the previous iterate and estimator.
  const xPrev = new Float64Array(n),
    v = new Float64Array(n),
    g2 = new Float64Array(n),
    zoScratch = new Float64Array(n);
  const idxBig = new Int32Array(Math.max(plan.spiderBig ?? 0, 1));
  let tDir = 0;
  const direction = (at: Float64Array): number => {
    switch (plan.oracle) {
      case 'full':
        oracle.gradients++;
        return obj.grad(at, g);
      case 'zo': {
        oracle.functionValues += zoGradient(obj, at, plan.zoMu ?? 1e-5, g, zoScratch) + 1;
        return obj.value(at);
      }
      case 'spider': {
        let f: number;
        if (tDir % (plan.spiderQ ?? 10) === 0) {
          const big = plan.spiderBig ?? 0;
          if (big > 0) {
            f = fs!.batchGrad(batches.indicesWithout(fs!.n, big, idxBig), big, at, v);
            samples += big;
          } else {
            f = obj.grad(at, v);
            oracle.gradients++;
            samples += fs!.n;
          }
        } else {
          // The same mini-batch at the current and the previous point.
          batches.indicesWithout(fs!.n, plan.batch, idx);
          f = fs!.batchGrad(idx, plan.batch, at, g);
          fs!.batchGrad(idx, plan.batch, xPrev, g2);
          for (let i = 0; i < n; i++) v[i] += g[i] - g2[i];
          samples += 2 * plan.batch;
        }
        xPrev.set(at);
        g.set(v);
        tDir++;
        return f;
      }
      default:
        samples += plan.batch;
        return fs!.batchGrad(batches.indicesWithout(fs!.n, plan.batch, idx), plan.batch, at, g);
    }
  };
  let lastNC = -Infinity;
  const ncTry = new Float64Array(n);
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
    let f = direction(x);
    let gn = nrm2(g);
    if (plan.perturb) {
      const P = plan.perturb;
      const measure = P.measure ? P.measure(gn) : gn;
      if (measure <= P.threshold && t - lastPerturb > P.every) {
        perturbRng.ball(xi, P.radius);
        for (let i = 0; i < n; i++) x[i] += P.scale * xi[i];
        lastPerturb = t;
        perturbations++;
        f = direction(x);
        gn = nrm2(g);
      }
    }
    // Projected methods measure stationarity by the gradient mapping, not ‖∇f‖.
    let stat = gn;
    if (plan.projectBox) {
      let gm = 0;
      for (let i = 0; i < n; i++)
        gm += (x[i] - Math.min(plan.projectBox[1], Math.max(plan.projectBox[0], x[i] - g[i]))) ** 2;
      stat = Math.sqrt(gm);
    }
    if (
      plan.negativeCurvature?.finder === 'feasible' &&
      stat <= plan.negativeCurvature.threshold &&
      t - lastNC > plan.negativeCurvature.every
    ) {
      const nc = plan.negativeCurvature;
      lastNC = t;
      oracle.curvatureSearches++;
      const s2 = boxStationarity(obj, x, plan.projectBox!);
      oracle.gradients += n + 1;
      if (s2.direction && s2.minCurvature < 0) {
        const len = Math.min(nc.step, s2.maxStep);
        for (let i = 0; i < n; i++)
          x[i] = Math.min(plan.projectBox![1], Math.max(plan.projectBox![0], x[i] + len * s2.direction[i]));
        f = direction(x);
        gn = nrm2(g);
      }
    } else if (
      plan.negativeCurvature &&
      plan.negativeCurvature.finder !== 'feasible' &&
      gn <= plan.negativeCurvature.threshold &&
      t - lastNC > plan.negativeCurvature.every
    ) {
      // Find the lowest-curvature direction and step along it downhill (the sign by f).
      const nc = plan.negativeCurvature;
      lastNC = t;
      oracle.curvatureSearches++;
      let dir: ArrayLike<number>, lam: number;
      if (nc.finder === 'dimer') {
        const d = dimer(obj, x, { seed: `${String(o.seed)}/${t}` });
        oracle.gradients += d.gradientCalls;
        dir = d.direction;
        lam = d.curvature;
      } else {
        const z = zoNegativeCurvature(obj, x, { mu: plan.zoMu, seed: `${String(o.seed)}/${t}` });
        oracle.functionValues += z.functionValues;
        dir = z.direction;
        lam = z.lambdaMin;
      }
      if (lam < 0) {
        let best = Infinity,
          bestS = 0;
        for (const sgn of [1, -1]) {
          for (let i = 0; i < n; i++) ncTry[i] = x[i] + sgn * nc.step * dir[i];
          const fv = obj.value(ncTry);
          oracle.functionValues++;
          if (fv < best) {
            best = fv;
            bestS = sgn;
          }
        }
        for (let i = 0; i < n; i++) x[i] += bestS * nc.step * dir[i];
        f = direction(x);
        gn = nrm2(g);
      }
    }
    if (plan.samRho !== undefined && gn > 0) {
      // SAM: the direction is the gradient at x + ρ·g/‖g‖.
      const s = plan.samRho / gn;
      for (let i = 0; i < n; i++) xs[i] = x[i] + s * g[i];
      f = direction(xs);
      gn = nrm2(g);
    }
    if (!Number.isFinite(f) || !Number.isFinite(gn)) {
      status = 'nonfinite';
      break;
    }
    u.set(g);
    ctx.t = t;
    ctx.f = f;
    ctx.gnorm = gn;
    ctx.gamma = NaN;
    auxReady = false;
    for (const tr of plan.chain) tr.update(u, ctx);
    for (let i = 0; i < n; i++) if (u[i] !== 0) oracle.communicated++;
    let xn = 0;
    const pb = plan.projectBox;
    for (let i = 0; i < n; i++) {
      x[i] -= u[i];
      if (pb) x[i] = Math.min(pb[1], Math.max(pb[0], x[i]));
      xn += x[i] * x[i];
    }
    if (!(xn < 1e300)) {
      status = xn === xn ? 'diverged' : 'nonfinite';
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
  oracle.samples = samples;
  oracle.gradients += ctx.extraGradients;
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
    oracle,
  };
  if (plan.perturb) res.perturbations = perturbations;
  return res;
}
