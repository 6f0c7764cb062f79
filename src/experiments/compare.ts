/**
 * Several methods × several instances in one call (what benchopt users expect): every
 * arm runs on every seed to the same budget of per-sample gradients, recorded densely; the
 * comparison then reads the value each arm had at fixed sample counts (checkpoints), the
 * samples each needed to reach a target, and summarises both over instances by medians
 * with order-statistic intervals. A seed is an instance: with an objective spec that
 * contains `{seed}`, the data change with it too (data seeds); the run's mini-batches
 * always do. The results (grid values per run, checkpoints, targets) can be re-plotted
 * without re-running; wall time is measured but kept out of them (same seed, same bytes).
 */
import type { Objective } from '../objectives/objective.ts';
import { parseMethodSpec } from '../optim/methods.ts';
import { optimize } from '../optim/run.ts';
import { medianInterval, type Interval } from './summary.ts';

export interface CompareArm {
  label: string;
  /** Method spec, NAME:k=v,... */
  spec: string;
  /** The start on an instance (default: the objective's own, or a seeded one). */
  start?: (obj: Objective, seed: number) => Float64Array;
}

export interface CompareOptions {
  /** The objective of instance `seed`. */
  objective: (seed: number) => Objective;
  /** How the objective was named (for the results). */
  objectiveSpec: string;
  arms: CompareArm[];
  seeds: number[];
  /** Per-sample gradients each run may spend (iterations when the objective is not a finite sum). */
  budget: number;
  /** Record every K iterations (default 1: every iteration). */
  recordEvery?: number;
  /** What is recorded and compared (default f, the full objective). */
  metric?: { name: string; of(obj: Objective, x: Float64Array): number };
  /** Sample counts at which the arms are compared (default: 4 evenly spaced up to the budget). */
  checkpoints?: number[];
  /** The target of instance `seed` from every arm's records there (default: the median of the arms' best values). */
  target?: number | ((perArm: { samples: number[]; values: number[] }[]) => number);
  /** Points of the re-plottable grid (default 60). */
  gridPoints?: number;
}

export interface RunRecord {
  seed: number;
  status: string;
  steps: number;
  /** Every record: cost so far and the metric. */
  samples: number[];
  values: number[];
}

export interface ArmResult {
  label: string;
  spec: string;
  runs: RunRecord[];
  /** Per instance: the value at each checkpoint (Infinity when not finite). */
  atCheckpoints: number[][];
  /** Per instance: samples to reach that instance's target, or null. */
  toTarget: (number | null)[];
  /** Over instances: the median with its interval at each checkpoint, and of samples to target (unreached = ∞). */
  summary: { atCheckpoints: Interval[]; toTarget: Interval; reached: number };
}

export interface Comparison {
  kind: 'comparison';
  objective: string;
  metric: string;
  /** 'per-sample gradients' on a finite sum, 'iterations' otherwise. */
  axis: string;
  budget: number;
  seeds: number[];
  checkpoints: number[];
  /** Per instance. */
  targets: number[];
  /** Per checkpoint, per instance: the label of the arm with the lowest value (null when none is finite). */
  leaders: (string | null)[][];
  arms: ArmResult[];
  /** The re-plottable grid: sample counts, then per arm and instance the value there (6 significant digits). */
  grid: { samples: number[]; values: Record<string, number[][]> };
}

/** The value at sample count c: the last record at or before c (a step function of the records). */
export function valueAt(samples: number[], values: number[], c: number): number {
  let v = NaN;
  for (let i = 0; i < samples.length && samples[i] <= c; i++) v = values[i];
  return Number.isFinite(v) ? v : Infinity;
}

/** Samples at the first record whose value is at most the target, or null. */
export function samplesTo(samples: number[], values: number[], target: number): number | null {
  for (let i = 0; i < samples.length; i++) if (values[i] <= target) return samples[i];
  return null;
}

/** Per checkpoint and instance, the arm with the lowest value (first in order among exact ties). */
export function leadersOf(labels: string[], at: number[][][]): (string | null)[][] {
  const nc = at[0]?.[0]?.length ?? 0,
    ns = at[0]?.length ?? 0;
  const out: (string | null)[][] = [];
  for (let c = 0; c < nc; c++) {
    const row: (string | null)[] = [];
    for (let s = 0; s < ns; s++) {
      let best: string | null = null,
        bv = Infinity;
      for (let a = 0; a < labels.length; a++)
        if (at[a][s][c] < bv) {
          bv = at[a][s][c];
          best = labels[a];
        }
      row.push(best);
    }
    out.push(row);
  }
  return out;
}

const sig = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : v);

export function compare(o: CompareOptions): { result: Comparison; wallSeconds: number[][] } {
  const specs = o.arms.map((a) => ({ arm: a, ...parseMethodSpec(a.spec) }));
  const runs: RunRecord[][] = o.arms.map(() => []);
  const wall: number[][] = o.arms.map(() => []);
  let axis = 'iterations';
  for (const seed of o.seeds) {
    const obj = o.objective(seed);
    const n = obj.finiteSum?.n;
    if (n !== undefined) axis = 'per-sample gradients';
    specs.forEach(({ arm, def, params }, a) => {
      const values: number[] = [];
      const metric = o.metric;
      const t0 = performance.now();
      const r = optimize(obj, def, params, {
        iters: Number.MAX_SAFE_INTEGER,
        maxSamples: o.budget,
        seed,
        x0: arm.start?.(obj, seed),
        recordEvery: o.recordEvery ?? 1,
        // The observer sees every recorded iterate (the metric of the full objective there).
        stopWhen: metric
          ? (x) => {
              values.push(metric.of(obj, x));
              return false;
            }
          : undefined,
      });
      wall[a].push((performance.now() - t0) / 1000);
      const cost = (p: { t: number; samples?: number }) => p.samples ?? p.t * (n ?? 1);
      const samples = r.trace.map(cost);
      // The final record follows the last step and is not seen by the observer.
      if (metric) {
        while (values.length < r.trace.length) values.push(metric.of(obj, Float64Array.from(r.x)));
      } else for (const p of r.trace) values.push(p.f);
      runs[a].push({ seed, status: r.status, steps: r.steps, samples, values });
    });
  }
  const checkpoints = o.checkpoints ?? [1, 2, 3, 4].map((k) => Math.round((k * o.budget) / 4));
  const targets = o.seeds.map((_s, i) => {
    const per = runs.map((rs) => ({ samples: rs[i].samples, values: rs[i].values }));
    if (typeof o.target === 'number') return o.target;
    if (o.target) return o.target(per);
    const bests = per.map((p) => Math.min(...p.values.filter((v) => Number.isFinite(v))));
    return medianInterval(bests).median;
  });
  const at = runs.map((rs) => rs.map((r) => checkpoints.map((c) => valueAt(r.samples, r.values, c))));
  const toTarget = runs.map((rs) => rs.map((r, i) => samplesTo(r.samples, r.values, targets[i])));
  const labels = o.arms.map((a) => a.label);
  const gp = o.gridPoints ?? 60;
  const gridS = Array.from({ length: gp + 1 }, (_, k) => Math.round((k * o.budget) / gp));
  const grid: Record<string, number[][]> = {};
  runs.forEach((rs, a) => {
    grid[labels[a]] = rs.map((r) => gridS.map((c) => sig(valueAt(r.samples, r.values, c))));
  });
  const arms: ArmResult[] = o.arms.map((arm, a) => ({
    label: arm.label,
    spec: arm.spec,
    runs: runs[a],
    atCheckpoints: at[a],
    toTarget: toTarget[a],
    summary: {
      atCheckpoints: checkpoints.map((_c, k) => medianInterval(at[a].map((v) => v[k]))),
      toTarget: medianInterval(toTarget[a].map((v) => v ?? Infinity)),
      reached: toTarget[a].filter((v) => v !== null).length,
    },
  }));
  return {
    result: {
      kind: 'comparison',
      objective: o.objectiveSpec,
      metric: o.metric?.name ?? 'f',
      axis,
      budget: o.budget,
      seeds: o.seeds,
      checkpoints,
      targets,
      leaders: leadersOf(labels, at),
      arms,
      grid: { samples: gridS, values: grid },
    },
    wallSeconds: wall,
  };
}

/** The comparison without the full records (what a report keeps; the grid still re-plots it). */
export function slim(c: Comparison): Omit<Comparison, 'arms'> & { arms: Omit<ArmResult, 'runs'>[] } {
  return {
    ...c,
    arms: c.arms.map((a) => ({
      label: a.label,
      spec: a.spec,
      status: a.runs.map((r) => r.status),
      atCheckpoints: a.atCheckpoints,
      toTarget: a.toTarget,
      summary: a.summary,
    })),
  };
}
