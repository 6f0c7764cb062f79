/**
 * Measurements along a run, in the columns `gensmooth fit` reads (docs/fit.md), taken
 * the way a training loop in another framework would take them: GD or SGD steps
 * x_{t+1} = x_t − γ·d_t (d_t the full or mini-batch gradient, optionally clipped to norm
 * c), and at every `every`-th step, with full gradients,
 *   loss = f(x_t), grad_norm = ‖∇f(x_t)‖,
 *   local_smoothness = ‖∇f(x_{t+1}) − ∇f(x_t)‖/‖x_{t+1} − x_t‖ (Zhang et al.'s smoothness
 *   between consecutive iterates),
 *   hess_norm = ‖∇²f(x_t)‖ (dense eigensolve up to dimension `denseMax`), else
 *   hess_norm_lower (a Lanczos Ritz value: a lower bound).
 * Mini-batches are drawn without replacement within a batch from the run's seed.
 */
import { jacobiEigen, lanczos } from '../core/eig.ts';
import { Rng, type Seed } from '../core/rng.ts';
import { dist, nrm2 } from '../core/vec.ts';
import { UsageError } from '../errors.ts';
import { denseHessian, hvpOf, type Objective } from '../objectives/objective.ts';
import type { Column } from './table.ts';

export interface MeasureOptions {
  iters: number;
  gamma: number;
  /** Mini-batch size (0 or absent: full gradients, i.e. GD). */
  batch?: number;
  /** Clip each step's direction to this norm (Zhang et al.'s clipped SGD). */
  clip?: number;
  /** Measure at every `every`-th step (default 1). */
  every?: number;
  seed: Seed;
  x0?: Float64Array;
  /** Also the Hessian norm at each measured point. */
  hessian?: boolean;
  /** Largest dimension with an exact (dense) Hessian norm (default 40); Lanczos above. */
  denseMax?: number;
  lanczosIter?: number;
  /**
   * Also the secant to the midpoint of each step, ‖∇f(x_t + d/2) − ∇f(x_t)‖/‖d/2‖ (the authors' code of
   * Zhang et al.).
   */
  midpoint?: boolean;
}

export interface Measurements {
  columns: Column[];
  data: Partial<Record<Column, Float64Array>>;
  rows: number;
  /** Midpoint secants (when asked for), row by row. */
  midpoint?: Float64Array;
  /** Final iterate and loss. */
  x: Float64Array;
  status: 'done' | 'nonfinite';
  fullGradients: number;
  hvps: number;
}

export function measureTrajectory(obj: Objective, o: MeasureOptions): Measurements {
  const n = obj.dim;
  const every = Math.max(1, o.every ?? 1);
  const fs = obj.finiteSum;
  const batch = o.batch ?? 0;
  if (batch > 0 && !fs) throw new UsageError(`${obj.name} has no samples: SGD needs a finite sum`);
  if (fs && batch > fs.n) throw new UsageError(`batch ${batch} exceeds the ${fs.n} samples of ${obj.name}`);
  const rng = new Rng(o.seed, 'measure');
  const batches = rng.stream('batches');
  const idx = new Int32Array(Math.max(batch, 1));
  const x = Float64Array.from(o.x0 ?? obj.x0 ?? new Float64Array(n));
  const x1 = new Float64Array(n),
    xm = new Float64Array(n),
    g0 = new Float64Array(n),
    g1 = new Float64Array(n),
    gm = new Float64Array(n),
    d = new Float64Array(n);
  const m = Math.floor((o.iters - 1) / every) + 1;
  const cols: Column[] = ['step', 'loss', 'grad_norm', 'local_smoothness'];
  if (o.hessian) cols.push(n <= (o.denseMax ?? 40) ? 'hess_norm' : 'hess_norm_lower');
  const data: Partial<Record<Column, Float64Array>> = {};
  for (const c of cols) data[c] = new Float64Array(m).fill(NaN);
  const mid = o.midpoint ? new Float64Array(m).fill(NaN) : undefined;
  const hv = o.hessian ? hvpOf(obj) : null;
  const H = o.hessian && n <= (o.denseMax ?? 40) ? new Float64Array(n * n) : null;
  let fullGradients = 0,
    hvps = 0,
    rows = 0,
    status: Measurements['status'] = 'done';
  let gReady = false;
  for (let t = 0; t < o.iters; t++) {
    const measured = t % every === 0;
    let f = NaN;
    if (measured && !gReady) {
      f = obj.grad(x, g0);
      fullGradients++;
    } else if (measured) f = obj.value(x);
    // The step's direction.
    if (batch > 0) fs!.batchGrad(batches.indicesWithout(fs!.n, batch, idx), batch, x, d);
    else if (measured) d.set(g0);
    else {
      obj.grad(x, d);
      fullGradients++;
    }
    const dn = o.clip !== undefined ? nrm2(d) : 0;
    const scale = o.clip !== undefined && dn > o.clip ? o.clip / dn : 1;
    for (let i = 0; i < n; i++) x1[i] = x[i] - o.gamma * scale * d[i];
    if (measured) {
      const r = rows++;
      data.step![r] = t;
      data.loss![r] = f;
      data.grad_norm![r] = nrm2(g0);
      obj.grad(x1, g1);
      fullGradients++;
      const h = dist(x1, x);
      data.local_smoothness![r] = h > 0 ? dist(g1, g0) / h : NaN;
      if (mid) {
        for (let i = 0; i < n; i++) xm[i] = 0.5 * (x[i] + x1[i]);
        obj.grad(xm, gm);
        fullGradients++;
        mid[r] = h > 0 ? dist(gm, g0) / (0.5 * h) : NaN;
      }
      if (H) {
        denseHessian(obj, x, H);
        const ev = jacobiEigen(H, n).values;
        data.hess_norm![r] = Math.max(Math.abs(ev[0]), Math.abs(ev[n - 1]));
      } else if (hv) {
        const xc = Float64Array.from(x);
        const lz = lanczos(
          (v, out) => {
            hvps++;
            hv(xc, v, out);
          },
          n,
          { maxIter: o.lanczosIter ?? 30, tol: 1e-6, rng: rng.stream(`lanczos/${t}`) },
        );
        data.hess_norm_lower![r] = lz.norm;
      }
      if (![f, data.grad_norm![r]].every(Number.isFinite)) {
        status = 'nonfinite';
        break;
      }
      // The next step's gradient is the one just computed, when it is measured too.
      if (every === 1) {
        g0.set(g1);
        gReady = true;
      }
    }
    x.set(x1);
  }
  for (const c of cols) data[c] = data[c]!.subarray(0, rows);
  return {
    columns: cols,
    data,
    rows,
    midpoint: mid?.subarray(0, rows),
    x,
    status,
    fullGradients,
    hvps,
  };
}
