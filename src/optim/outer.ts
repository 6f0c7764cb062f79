/**
 * Outer steps: what a method does around the chain of transforms. Perturbation (Jin et
 * al.; Bodard & Patrinos), a negative-curvature step (Dimer rotation, zeroth-order
 * Lanczos, or a feasible direction in a box, docs/theory.md §g4), SAM's shifted direction, and
 * the projection onto a box are values with explicit state, as transforms are (optax
 * treats SAM and noise the same way). `before` runs after the oracle's direction at x_t
 * and may move x or ask the oracle again; `after` runs on x_{t+1} = x_t − u.
 */
import type { Rng, Seed } from '../core/rng.ts';
import type { Objective } from '../objectives/objective.ts';
import { boxStationarity, dimer, zoNegativeCurvature } from './curvature.ts';
import type { OracleCounts } from './oracle.ts';

/** The loop's view at iteration t, once the oracle has answered at x_t. */
export interface StepEnv {
  obj: Objective;
  seed: Seed;
  t: number;
  /** The iterate (a step may move it). */
  x: Float64Array;
  /** The direction the chain will transform, its f and norm as the oracle saw them. */
  g: Float64Array;
  f: number;
  gn: number;
  /** Ask the oracle again at `at` (sets g, f and gn). */
  query(at: Float64Array): void;
  /** The run's perturbation stream. */
  rng: Rng;
  counts: OracleCounts;
}

export interface OuterStep<S = unknown> {
  name: string;
  init(n: number): S;
  before?(e: StepEnv, state: S): void;
  after?(x: Float64Array, state: S): void;
  /** Fields this step adds to the run's result (e.g. the number of perturbations). */
  summary?(state: S): { perturbations?: number };
}

export interface PerturbationRule {
  /** Perturb when the gradient norm (or the method's stationarity measure) is at most this. */
  threshold: number;
  /** and at least this many iterations passed since the last perturbation. */
  every: number;
  /** Radius of the uniform ball. */
  radius: number;
  /** Multiply ξ by this (Bodard & Patrinos add γξ). */
  scale: number;
  /** Stationarity measure at x from ‖∇f‖ (default: ‖∇f‖ itself). */
  measure?: (gnorm: number) => number;
}

export interface PerturbationState {
  last: number;
  count: number;
  xi: Float64Array;
}

/** x ← x + scale·ξ, ξ ~ U(B(0, r)), when the measure is small and `every` iterations passed. */
export const perturbation = (P: PerturbationRule): OuterStep<PerturbationState> => ({
  name: `perturb(r=${P.radius})`,
  init: (n) => ({ last: -Infinity, count: 0, xi: new Float64Array(n) }),
  before(e, s) {
    const measure = P.measure ? P.measure(e.gn) : e.gn;
    if (measure <= P.threshold && e.t - s.last > P.every) {
      e.rng.ball(s.xi, P.radius);
      for (let i = 0; i < e.x.length; i++) e.x[i] += P.scale * s.xi[i];
      s.last = e.t;
      s.count++;
      e.query(e.x);
    }
  },
  summary: (s) => ({ perturbations: s.count }),
});

export interface CurvatureRule {
  /** Search when the direction's norm (or the gradient mapping, in a box) is at most this. */
  threshold: number;
  /** Step length along the direction found. */
  step: number;
  /** and at least this many iterations passed since the last search. */
  every: number;
}

export interface CurvatureState {
  last: number;
  trial: Float64Array;
}

/**
 * Find the lowest-curvature direction at x (Dimer rotation with gradients, or zeroth-order
 * Lanczos with function values and difference step μ) and, when it is negative, step by
 * `step` along it in the sign that lowers f.
 */
export const negativeCurvature = (
  finder: 'dimer' | 'zo',
  R: CurvatureRule,
  mu?: number,
): OuterStep<CurvatureState> => ({
  name: `negative-curvature(${finder})`,
  init: (n) => ({ last: -Infinity, trial: new Float64Array(n) }),
  before(e, s) {
    if (!(e.gn <= R.threshold && e.t - s.last > R.every)) return;
    const { obj, x } = e,
      n = x.length;
    s.last = e.t;
    e.counts.curvatureSearches++;
    let dir: ArrayLike<number>, lam: number;
    if (finder === 'dimer') {
      const d = dimer(obj, x, { seed: `${String(e.seed)}/${e.t}` });
      e.counts.gradients += d.gradientCalls;
      dir = d.direction;
      lam = d.curvature;
    } else {
      const z = zoNegativeCurvature(obj, x, { mu, seed: `${String(e.seed)}/${e.t}` });
      e.counts.functionValues += z.functionValues;
      dir = z.direction;
      lam = z.lambdaMin;
    }
    if (lam < 0) {
      let best = Infinity,
        bestS = 0;
      for (const sgn of [1, -1]) {
        for (let i = 0; i < n; i++) s.trial[i] = x[i] + sgn * R.step * dir[i];
        const fv = obj.value(s.trial);
        e.counts.functionValues++;
        if (fv < best) {
          best = fv;
          bestS = sgn;
        }
      }
      for (let i = 0; i < n; i++) x[i] += bestS * R.step * dir[i];
      e.query(x);
    }
  },
});

/**
 * In the box [lo, hi]^n (Mokhtari, Ozdaglar & Jadbabaie 2018): when the gradient mapping
 * ‖x − Π(x − g)‖ is small, a step along a feasible direction of negative curvature,
 * shortened to stay in the box.
 */
export const feasibleNegativeCurvature = (box: [number, number], R: CurvatureRule): OuterStep<{ last: number }> => ({
  name: 'negative-curvature(feasible)',
  init: () => ({ last: -Infinity }),
  before(e, s) {
    const { x, g } = e,
      n = x.length;
    // Projected methods measure stationarity by the gradient mapping, not ‖∇f‖.
    let gm = 0;
    for (let i = 0; i < n; i++) gm += (x[i] - Math.min(box[1], Math.max(box[0], x[i] - g[i]))) ** 2;
    if (!(Math.sqrt(gm) <= R.threshold && e.t - s.last > R.every)) return;
    s.last = e.t;
    e.counts.curvatureSearches++;
    const s2 = boxStationarity(e.obj, x, box);
    e.counts.gradients += n + 1;
    if (s2.direction && s2.minCurvature < 0) {
      const len = Math.min(R.step, s2.maxStep);
      for (let i = 0; i < n; i++) x[i] = Math.min(box[1], Math.max(box[0], x[i] + len * s2.direction[i]));
      e.query(x);
    }
  },
});

/** Sharpness-aware minimisation: the direction is the oracle's at x + ρ·g/‖g‖. */
export const sam = (rho: number): OuterStep<Float64Array> => ({
  name: `sam(ρ=${rho})`,
  init: (n) => new Float64Array(n),
  before(e, xs) {
    if (!(e.gn > 0)) return;
    const s = rho / e.gn;
    for (let i = 0; i < xs.length; i++) xs[i] = e.x[i] + s * e.g[i];
    e.query(xs);
  },
});

/** Project every iterate onto the box [lo, hi]^n (projected methods). */
export const projection = (box: [number, number]): OuterStep<void> => ({
  name: `project[${box[0]}, ${box[1]}]`,
  init: () => undefined,
  after(x) {
    for (let i = 0; i < x.length; i++) x[i] = Math.min(box[1], Math.max(box[0], x[i]));
  },
});
