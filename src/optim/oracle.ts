/**
 * Gradient oracles: where a method's direction comes from. Each is a value with explicit
 * state (as transforms are), so the loop asks "the direction at x" without knowing which
 * oracle answers: the full gradient, a mini-batch drawn without replacement, the SPIDER
 * recursive estimator, or coordinate-wise central differences of f (function values
 * only, docs/theory.md §g4). Every oracle counts what it spends in the run's counters.
 */
import type { Rng } from '../core/rng.ts';
import type { FiniteSum, Objective } from '../objectives/objective.ts';
import { zoGradient } from './curvature.ts';

/** What a run spent, excluding the trace records (see OptimizeResult.oracle). */
export interface OracleCounts {
  gradients: number;
  samples: number;
  functionValues: number;
  communicated: number;
  curvatureSearches: number;
}

export const emptyCounts = (): OracleCounts => ({
  gradients: 0,
  samples: 0,
  functionValues: 0,
  communicated: 0,
  curvatureSearches: 0,
});

/** What an oracle may use: the objective, its samples, the run's batch stream and counters. */
export interface OracleEnv {
  obj: Objective;
  /** The objective's finite sum (present whenever a stochastic oracle runs). */
  fs: FiniteSum | undefined;
  /** The run's stream of mini-batches (common random numbers across methods). */
  batches: Rng;
  counts: OracleCounts;
}

export interface Oracle<S = unknown> {
  name: string;
  /** Draws mini-batches, so it needs a finite sum, and its trace records count samples. */
  stochastic: boolean;
  /** The largest batch it draws besides its mini-batch (checked against the number of samples). */
  largest: number;
  init(n: number, env: OracleEnv): S;
  /** The direction at `at` into g; returns f at `at` as the oracle sees it. */
  direction(at: Float64Array, g: Float64Array, env: OracleEnv, state: S): number;
}

/** ∇f(x), one gradient. */
export const fullGradient = (): Oracle<void> => ({
  name: 'full',
  stochastic: false,
  largest: 0,
  init: () => undefined,
  direction(at, g, env) {
    env.counts.gradients++;
    return env.obj.grad(at, g);
  },
});

/** g_B(x): the mean gradient over |B| samples drawn without replacement. */
export const miniBatch = (batch: number): Oracle<Int32Array> => ({
  name: `batch(${batch})`,
  stochastic: true,
  largest: 0,
  init: () => new Int32Array(Math.max(batch, 1)),
  direction(at, g, env, idx) {
    const fs = env.fs!;
    env.counts.samples += batch;
    return fs.batchGrad(env.batches.indicesWithout(fs.n, batch, idx), batch, at, g);
  },
});

/** The SPIDER estimator's memory: the previous point, the estimate, scratch, calls so far. */
export interface SpiderState {
  xPrev: Float64Array;
  v: Float64Array;
  g2: Float64Array;
  idx: Int32Array;
  idxBig: Int32Array;
  calls: number;
}

/**
 * SPIDER/SpiderBoost: v_t = g_B(x_t) − g_B(x_{t−1}) + v_{t−1} with the same mini-batch at
 * both points, refreshed every q calls by a batch of `big` samples (0: the full gradient).
 */
export const spider = (batch: number, q: number, big: number): Oracle<SpiderState> => ({
  name: `spider(${batch}, q=${q}, big=${big})`,
  stochastic: true,
  largest: big,
  init: (n) => ({
    xPrev: new Float64Array(n),
    v: new Float64Array(n),
    g2: new Float64Array(n),
    idx: new Int32Array(Math.max(batch, 1)),
    idxBig: new Int32Array(Math.max(big, 1)),
    calls: 0,
  }),
  direction(at, g, env, s) {
    const fs = env.fs!;
    const { v, g2, xPrev } = s;
    let f: number;
    if (s.calls % q === 0) {
      if (big > 0) {
        f = fs.batchGrad(env.batches.indicesWithout(fs.n, big, s.idxBig), big, at, v);
        env.counts.samples += big;
      } else {
        f = env.obj.grad(at, v);
        env.counts.gradients++;
        env.counts.samples += fs.n;
      }
    } else {
      // The same mini-batch at the current and the previous point.
      env.batches.indicesWithout(fs.n, batch, s.idx);
      f = fs.batchGrad(s.idx, batch, at, g);
      fs.batchGrad(s.idx, batch, xPrev, g2);
      for (let i = 0; i < v.length; i++) v[i] += g[i] - g2[i];
      env.counts.samples += 2 * batch;
    }
    xPrev.set(at);
    g.set(v);
    s.calls++;
    return f;
  },
});

/** ĝ_i = (f(x + μe_i) − f(x − μe_i))/(2μ), with f(x) itself: 2n + 1 function values. */
export const zerothOrder = (mu: number): Oracle<Float64Array> => ({
  name: `zo(μ=${mu})`,
  stochastic: false,
  largest: 0,
  init: (n) => new Float64Array(n),
  direction(at, g, env, scratch) {
    env.counts.functionValues += zoGradient(env.obj, at, mu, g, scratch) + 1;
    return env.obj.value(at);
  },
});

/**
 * The independent second mini-batch g_{B'} of I-NSG and I-NSGD (drawn from its own stream,
 * at most once per iteration: `reset` before each step, `get` when a transform asks).
 */
export function independentBatch(
  env: OracleEnv,
  batch2: number,
  stream: Rng,
  x: Float64Array,
  onMissing: () => never,
): { get(): Float64Array; reset(): void } {
  const idx = new Int32Array(Math.max(batch2, 1)),
    out = new Float64Array(x.length);
  let ready = false;
  return {
    get() {
      if (!ready) {
        const fs = env.fs ?? onMissing();
        fs.batchGrad(stream.indicesWithout(fs.n, batch2, idx), batch2, x, out);
        env.counts.samples += batch2;
        ready = true;
      }
      return out;
    },
    reset() {
      ready = false;
    },
  };
}
