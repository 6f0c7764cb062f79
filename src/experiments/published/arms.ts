/**
 * What the reproduced experiments share: arms (a label, a method spec, an iteration
 * budget), running them on one seed, the comparison of methods by loss against
 * per-sample gradients (leaders at each decade, tail means, a ranking) and its plot.
 */
import type { Seed } from '../../core/rng.ts';
import type { Objective } from '../../objectives/objective.ts';
import { parseMethodSpec } from '../../optim/methods.ts';
import { optimize, type OptimizeResult } from '../../optim/run.ts';
import type { ExperimentOutput } from '../../report/experiment.ts';
import type { Series } from '../../report/svg.ts';

export const PALETTE = ['#3465a4', '#cc0000', '#4e9a06', '#f57900', '#75507b', '#c4a000', '#555753'];

export interface Arm {
  label: string;
  spec: string;
  iters: number;
}

/** Run each arm and return the traces (records every `every` iterations). */
export function runArms(obj: Objective, arms: Arm[], seed: Seed, points = 200): { arm: Arm; run: OptimizeResult }[] {
  return arms.map((arm) => {
    const { def, params } = parseMethodSpec(arm.spec);
    return {
      arm,
      run: optimize(obj, def, params, {
        iters: arm.iters,
        seed,
        recordEvery: Math.max(1, Math.floor(arm.iters / points)),
      }),
    };
  });
}

export const tail = (r: OptimizeResult) => {
  const last = r.trace.slice(-Math.max(1, Math.floor(r.trace.length / 20)));
  return last.reduce((s, p) => s + p.f, 0) / last.length;
};
export const fmt = (v: number) => Number(v.toPrecision(4)).toString();

export function lossVsSamples(runs: { arm: Arm; run: OptimizeResult }[], shift: number): Series[] {
  return runs.map(({ arm, run }, i) => ({
    label: arm.label,
    x: run.trace.map((p) => Math.max(p.samples ?? p.t, 1)),
    y: run.trace.map((p) => p.f - shift),
    kind: 'line' as const,
    color: PALETTE[i % PALETTE.length],
  }));
}

/** A lower reference for f (for log plots): the best value any arm reached, minus a margin. */
export function floorOf(runs: { run: OptimizeResult }[]): number {
  const best = Math.min(...runs.flatMap(({ run }) => run.trace.map((p) => p.f)));
  return best - 1e-3 * Math.max(1, Math.abs(best));
}

export function compareMethods(
  name: string,
  title: string,
  obj: Objective,
  arms: Arm[],
  seed: Seed,
  setting: string[],
  claimWinner: string | null,
): ExperimentOutput {
  const runs = runArms(obj, arms, seed);
  const finals = runs.map(({ arm, run }) => ({
    label: arm.label,
    final: tail(run),
    samples: run.trace[run.trace.length - 1].samples ?? run.steps,
    status: run.status,
  }));
  const ranked = [...finals].sort((a, b) =>
    Number.isNaN(a.final) ? 1 : Number.isNaN(b.final) ? -1 : a.final - b.final,
  );
  const floor = floorOf(runs);
  // Who leads at each decade of per-sample gradients (the loss at the last record before it).
  const maxS = Math.max(...runs.map(({ run }) => run.trace[run.trace.length - 1].samples ?? run.steps));
  const leaders: string[] = [];
  for (let c = 1e3; c <= maxS; c *= 10) {
    let best = '',
      bf = Infinity;
    for (const { arm, run } of runs) {
      const before = run.trace.filter((p) => (p.samples ?? p.t) <= c);
      const f = before.length ? before[before.length - 1].f : NaN;
      if (f < bf) {
        bf = f;
        best = arm.label;
      }
    }
    if (best) leaders.push(`${c.toExponential(0)}: ${best}`);
  }
  const observed = [
    ...(leaders.length ? [`lowest loss at each decade of per-sample gradients: ${leaders.join(', ')}`] : []),
    `final loss (mean of the last 5 % of records) at ${ranked[0].samples} per-sample gradients or more: ` +
      `${ranked.map((f) => `${f.label} ${fmt(f.final)}${f.status !== 'done' ? ` (${f.status})` : ''}`).join(', ')}`,
    `ranking, best first: ${ranked.map((f) => f.label).join(' < ')}`,
  ];
  return {
    name,
    title,
    setting,
    observed,
    agreesWithPaper: claimWinner === null ? null : ranked[0].label === claimWinner,
    data: { finals, arms: arms.map((a) => ({ label: a.label, spec: a.spec, iters: a.iters })) },
    plots: [
      {
        file: 'loss-vs-samples.svg',
        spec: {
          title,
          xlabel: 'per-sample gradients',
          ylabel: 'f(x) − (best f − margin)',
          logx: true,
          logy: true,
          series: lossVsSamples(runs, floor),
        },
      },
    ],
  };
}

export interface ExperimentDef {
  name: string;
  title: string;
  run(seed: Seed, quick: boolean): ExperimentOutput;
}

/** β = 2/3 of the I-NSGD paper, and its spelling in method specs (the shortest round trip). */
export const beta = 2 / 3;
export const BETA = '0.6666666666666666';
