/**
 * What the I-NSGD reproductions share: the instances (data seeds), the two readings of
 * each method (the paper's text with gensmooth's definitions, and the rules of the
 * authors' public scripts with the text's numbers), the scripts' starts, the DRO objective
 * Ψ(w) = min_η L(w, η) that their DRO figure plots, and one comparison per reading through
 * experiments/compare.ts.
 */
import type { Seed } from '../../core/rng.ts';
import { Rng } from '../../core/rng.ts';
import { nrm2 } from '../../core/vec.ts';
import type { Objective } from '../../objectives/objective.ts';
import { droChi2Data } from '../../objectives/builtin/dro-chi2.ts';
import { makeBuiltin } from '../../objectives/spec.ts';
import type { PlotSpec } from '../../report/svg.ts';
import type { Reading } from '../claims.ts';
import { compare, slim, type CompareArm, type Comparison } from '../compare.ts';
import { comparisonPlot, comparisonRows } from '../compare-view.ts';

/** The two readings of the I-NSGD experiments. */
export type InsgdReading = Exclude<Reading, 'third-party-code'>;
export const READINGS: InsgdReading[] = ['paper-text', 'authors-code'];
export const B23 = '0.6666666666666666';

/** Instances: 9 data seeds from the run's seed (3 in quick mode). */
export function instances(seed: Seed, quick: boolean): number[] {
  const base = typeof seed === 'number' ? seed : 1;
  return Array.from({ length: quick ? 3 : 9 }, (_, i) => base + i);
}

/** The §4.1 instance with data seed k (d = 100, m = 3000, the paper's distributions). */
export const prObjective = (k: number) => makeBuiltin('phase-retrieval', `d=100&m=3000&seed=${k}`);

/** x ← x − γ·s·g/(s‖g‖)^β with the full gradient g, `steps` times: the scripts' normalised-GD start. */
function ngdSteps(obj: Objective, x: Float64Array, gamma: number, beta: number, scale: number, steps: number) {
  const g = new Float64Array(x.length);
  for (let k = 0; k < steps; k++) {
    obj.grad(x, g);
    const c = (gamma * scale) / Math.pow(scale * nrm2(g), beta);
    for (let i = 0; i < x.length; i++) x[i] -= c * g[i];
  }
  return x;
}

/** The phase-retrieval script's start: one 2/3-normalised GD step (γ = 0.1, its half gradient) from z0. */
export const prCodeStart = (obj: Objective): Float64Array =>
  ngdSteps(obj, Float64Array.from(obj.x0!), 0.1, 2 / 3, 0.5, 1);

/** The DRO script's start: w ~ N(0, 1), η = 0.1, then 30 normalised GD steps with γ = 0.2 (β = 1). */
export function droCodeStart(obj: Objective, seed: number): Float64Array {
  const x = new Rng(seed, 'dro-code-start').fillNormal(new Float64Array(obj.dim));
  x[obj.dim - 1] = 0.1;
  return ngdSteps(obj, x, 0.2, 1, 1, 30);
}

/**
 * Ψ(w) = min_η L(w, η), exactly, from the losses ℓ_i(w) = ½(y_i − x_iᵀw)² + 0.1·Σ ln(1 + |w_j|):
 * ∂_η L = 1 − (1/2n)·Σ((ℓ_i − η)/λ + 2)₊ is piecewise linear and increasing, so with the
 * k largest losses active η = (Σ_{i≤k} ℓ_i + 2λ(k − n))/k, the k consistent with it.
 * (The script minimises over η by gradient steps from η_t and plots the smallest value seen.)
 */
export function droPsi(data: { X: Float64Array; y: Float64Array }, w: ArrayLike<number>, lambda = 0.01): number {
  const n = data.y.length,
    d = data.X.length / n;
  let reg = 0;
  for (let j = 0; j < d; j++) reg += Math.log1p(Math.abs(w[j]));
  reg *= 0.1;
  const l = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const o = i * d;
    for (let j = 0; j < d; j++) s += data.X[o + j] * w[j];
    const e = data.y[i] - s;
    l[i] = 0.5 * e * e + reg;
  }
  l.sort().reverse();
  let s = 0,
    eta = NaN;
  for (let k = 1; k <= n; k++) {
    s += l[k - 1];
    const e = (s + 2 * lambda * (k - n)) / k;
    // Consistent when the k-th loss is active and the next one is not.
    if (l[k - 1] - e + 2 * lambda > 0 && (k === n || l[k] - e + 2 * lambda <= 0)) {
      eta = e;
      break;
    }
  }
  let v = 0;
  for (let i = 0; i < n; i++) {
    const t = Math.max((l[i] - eta) / lambda + 2, 0);
    v += lambda * (0.25 * t * t - 1);
  }
  return v / n + eta;
}

const droData = new WeakMap<Objective, { X: Float64Array; y: Float64Array }>();
/** The eq. 19 objective on synthetic data of the script's shape (2313 training rows, 34 features), data seed k. */
export function droObjective(k: number): Objective {
  const obj = makeBuiltin('dro-chi2', `n=2313&d=34&lambda=0.01&seed=${k}`);
  droData.set(obj, droChi2Data(2313, 34, k));
  return obj;
}
/** Ψ as a comparison metric (for objectives made by droObjective). */
export const droMetric = {
  name: 'Ψ(w) = min_η L(w, η)',
  of: (obj: Objective, x: Float64Array) => droPsi(droData.get(obj)!, x),
};

export interface ReadingRun {
  reading: Reading;
  comparison: Comparison;
  plot: { file: string; spec: PlotSpec };
}

/** One comparison per reading, with its plot (the paper's axes: linear samples up to the horizon). */
export function runReadings(o: {
  name: string;
  title: string;
  objective: (k: number) => Objective;
  objectiveSpec: string;
  arms: Record<InsgdReading, CompareArm[]>;
  seeds: number[];
  budget: number;
  recordEvery: number;
  metric?: { name: string; of(obj: Objective, x: Float64Array): number };
  logy: boolean;
  ylabel: string;
}): ReadingRun[] {
  const cache = new Map<number, Objective>();
  const objective = (k: number) => {
    if (!cache.has(k)) cache.set(k, o.objective(k));
    return cache.get(k)!;
  };
  return READINGS.map((reading) => {
    const { result } = compare({
      objective,
      objectiveSpec: o.objectiveSpec,
      arms: o.arms[reading],
      seeds: o.seeds,
      budget: o.budget,
      recordEvery: o.recordEvery,
      metric: o.metric,
    });
    return {
      reading,
      comparison: result,
      plot: {
        file: `${o.name}-${reading}.svg`,
        spec: comparisonPlot(result, {
          title: `${o.title} (${reading})`,
          xlabel: 'per-sample gradients (sample complexity)',
          ylabel: o.ylabel,
          logy: o.logy,
          legend: o.logy ? 'bl' : 'tl',
        }),
      },
    };
  });
}

/** The table of one reading as observed sentences. */
export function observedRows(r: ReadingRun): string[] {
  const [head, ...rows] = comparisonRows(r.comparison);
  return rows.map(
    (row) =>
      `${r.reading}, ${row[0]}: ${row
        .slice(1)
        .map((c, j) => `${head[j + 1]} ${c}`)
        .join('; ')}`,
  );
}

/** What a report keeps of the readings (checkpoints, targets, per-instance values, the grid). */
export const readingsData = (rs: ReadingRun[]) => Object.fromEntries(rs.map((r) => [r.reading, slim(r.comparison)]));

/** The four methods of each paper figure, in both readings (labels shared, so claims name them once). */
export function methodArms(problem: 'pr' | 'dro', reading: InsgdReading): CompareArm[] {
  const start = reading === 'authors-code' ? (problem === 'pr' ? prCodeStart : droCodeStart) : undefined;
  const specs =
    problem === 'pr'
      ? reading === 'paper-text'
        ? [
            'sgd:gamma=0.00005,batch=64',
            `nsgd:gamma=0.25,beta=${B23},batch=64`,
            'clipped-sgd:gamma=0.25,clip=45,batch=64',
            `insgd:gamma=0.5,beta=${B23},L1=1,delta=15,batch=64,batch2=8`,
          ]
        : [
            'sgd:gamma=0.000025,batch=64',
            'nsgd:gamma=0.25,beta=1,batch=64',
            'clipped-sgd-code:gamma=0.25,p=1,delta=15,G=45,scale=0.5,batch=64',
            `insgd-code:gamma=0.5,beta=${B23},delta=15,G=45,scale=0.5,batch=64,batch2=8`,
          ]
      : reading === 'paper-text'
        ? [
            'sgd:gamma=0.00004,batch=128',
            `nsgd:gamma=0.05,beta=${B23},batch=128`,
            'clipped-sgd:gamma=0.18,clip=60,batch=128',
            `insgd:gamma=0.28,beta=${B23},L1=1,delta=45,batch=128,batch2=16`,
          ]
        : [
            'sgd:gamma=0.00004,batch=128',
            `nsgd:gamma=0.05,beta=${B23},batch=128`,
            `clipped-sgd-code:gamma=0.18,p=${B23},delta=45,G=60,batch=128`,
            `insgd-code:gamma=0.28,beta=${B23},delta=45,G=60,batch=128,batch2=16`,
          ];
  return ['SGD', 'NSGD', 'clipped SGD', 'I-NSGD'].map((label, i) => ({ label, spec: specs[i], start }));
}

/** I-NSGD alone with β and |B'| varied, everything else as in methodArms. */
export function insgdArm(problem: 'pr' | 'dro', reading: InsgdReading, label: string, beta: string, batch2: number) {
  const start = reading === 'authors-code' ? (problem === 'pr' ? prCodeStart : droCodeStart) : undefined;
  const spec =
    problem === 'pr'
      ? reading === 'paper-text'
        ? `insgd:gamma=0.5,beta=${beta},L1=1,delta=15,batch=64,batch2=${batch2}`
        : `insgd-code:gamma=0.5,beta=${beta},delta=15,G=45,scale=0.5,batch=64,batch2=${batch2}`
      : reading === 'paper-text'
        ? `insgd:gamma=0.28,beta=${beta},L1=1,delta=45,batch=128,batch2=${batch2}`
        : `insgd-code:gamma=0.28,beta=${beta},delta=45,G=60,batch=128,batch2=${batch2}`;
  return { label, spec, start };
}

/** The β grids of Figures 2 and 3 (middle), as labels and spec values. */
export const PR_BETAS: [string, string][] = [
  ['β = 1', '1'],
  ['β = 4/5', '0.8'],
  ['β = 2/3', B23],
  ['β = 7/10', '0.7'],
  ['β = 13/20', '0.65'],
];
export const DRO_BETAS: [string, string][] = [
  ['β = 1', '1'],
  ['β = 4/5', '0.8'],
  ['β = 7/10', '0.7'],
  ['β = 2/3', B23],
];

/**
 * The horizons of the scripts' figures: 2.7·10⁴ (phase retrieval: ten full gradients) and
 * 1.28·10⁵ (DRO: 1000 SGD steps).
 */
export const PR_HORIZON = 27000;
export const DRO_HORIZON = 128000;

/** What both readings mean, for the setting. */
export const READING_NOTE =
  "two readings side by side: paper-text uses the text's rules with gensmooth's definitions (exact ∇f, " +
  "eq. 13 with L1 = 1 inside h, clipped SGD γ·min(1, c/‖g‖)·g, the objective's own start); authors-code " +
  "uses the text's numbers in the rules of the authors' public scripts (I-NSGD h = max{G², 2‖g_B'‖ + δ} " +
  "with step γ/h^β, clipped SGD γ/max{‖g‖ + δ, G²}^p·g, NSGD's β as in each script, their gradient " +
  'scale and their normalised-GD start)';
