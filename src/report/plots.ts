/** The report's plots: each condition's samples in the (w, lhs) plane (gpl: its PŁ ratio), and the optimizer trace. */
import type { ConditionResult } from '../conditions/result.ts';
import { upperHull } from '../core/hull.ts';
import type { RunSection } from './model.ts';
import { plotSvg, type Series } from './svg.ts';
import { fmt } from './text.ts';

const COLORS = {
  samples: '#3465a4',
  frontier: '#f57900',
  claimed: '#4e9a06',
  counter: '#cc0000',
  trace: '#3465a4',
  bound: '#cc0000',
};
const W_LABEL: Record<string, [string, string]> = {
  l0l1: ['‖∇f(x)‖^α', '‖∇²f(x)‖'],
  'l0l1-alpha': ['‖∇f(y)‖^α', '‖∇f(x) − ∇f(y)‖/‖x − y‖'],
  'l0l1-sym': ['max on [x, y] of ‖∇f‖^α', '‖∇f(x) − ∇f(y)‖/‖x − y‖'],
  descent: ['‖∇f(y)‖^α', '2(f(x) − f(y) − ⟨∇f(y), x − y⟩)/‖x − y‖²'],
  'curvature-gap': ['f(x) − f*', '‖∇²f(x)‖'],
  'l0l1-norm': ['‖∇f(x)‖_*', 'sup ‖∇²f(x)v‖_*'],
};

/** The plots of one condition result (empty when it has nothing to draw). */
export function conditionPlots(r: ConditionResult, idx: number): { file: string; title: string; svg: string }[] {
  if (!r.scatter || r.scatter.w.length === 0) return [];
  const { w, lhs } = r.scatter;
  const name = `${idx + 1}-${r.condition}`;
  const claimedText = Object.entries(r.claimed)
    .map(([k, v]) => `${k}=${fmt(v)}`)
    .join(', ');
  if (r.condition === 'gpl') {
    // PŁ ratio ‖∇f‖^ρ/(2(f − f*)) against the gap, with μ (estimated or claimed).
    const x: number[] = [],
      y: number[] = [];
    for (let i = 0; i < w.length; i++)
      if (lhs[i] > 0) {
        x.push(lhs[i]);
        y.push(w[i] / (2 * lhs[i]));
      }
    const series: Series[] = [{ label: 'samples', x, y, kind: 'points', color: COLORS.samples }];
    const xs = [Math.min(...x), Math.max(...x)];
    if (typeof r.estimate.mu === 'number')
      series.push({
        label: `estimated μ = ${fmt(r.estimate.mu)}`,
        x: xs,
        y: [r.estimate.mu, r.estimate.mu],
        kind: 'line',
        color: COLORS.frontier,
      });
    if (typeof r.claimed.mu === 'number')
      series.push({
        label: `claimed μ = ${fmt(r.claimed.mu)}`,
        x: xs,
        y: [r.claimed.mu, r.claimed.mu],
        kind: 'line',
        color: COLORS.claimed,
        dashed: true,
      });
    if (r.counterexample && r.counterexample.w !== undefined && r.counterexample.lhs > 0) {
      series.push({
        label: 'counterexample',
        x: [r.counterexample.lhs],
        y: [r.counterexample.w / (2 * r.counterexample.lhs)],
        kind: 'points',
        color: COLORS.counter,
        marker: 'cross',
      });
    }
    return [
      {
        file: `${name}.svg`,
        title: `gpl ${claimedText}: PŁ ratio against the gap`,
        svg: plotSvg({
          title: `PŁ ratio ‖∇f‖^ρ/(2(f − f*)) against the gap (${claimedText})`,
          xlabel: 'f(x) − f*',
          ylabel: '‖∇f(x)‖^ρ / (2(f(x) − f*))',
          logx: true,
          logy: true,
          series,
        }),
      },
    ];
  }
  const labels = W_LABEL[r.condition];
  if (!labels || w.every((v) => v === 0)) return [];
  const series: Series[] = [{ label: 'samples', x: w, y: lhs, kind: 'points', color: COLORS.samples }];
  const hull = upperHull(w, lhs);
  if (hull.x.length > 1)
    series.push({ label: 'frontier (upper hull)', x: hull.x, y: hull.y, kind: 'line', color: COLORS.frontier });
  const A = r.claimed.L0 ?? r.claimed.K0,
    B = r.claimed.L1 ?? r.claimed.K1;
  if (typeof A === 'number' && typeof B === 'number') {
    const wmin = Math.max(Math.min(...w.filter((v) => v > 0)), 1e-300),
      wmax = Math.max(...w);
    const xs = Array.from({ length: 60 }, (_, k) => wmin * (wmax / wmin) ** (k / 59));
    series.push({
      label: `claimed ${claimedText}`,
      x: xs,
      y: xs.map((v) => A + B * v),
      kind: 'line',
      color: COLORS.claimed,
      dashed: true,
    });
  }
  if (r.counterexample && r.counterexample.w !== undefined)
    series.push({
      label: 'counterexample',
      x: [r.counterexample.w],
      y: [r.counterexample.lhs],
      kind: 'points',
      color: COLORS.counter,
      marker: 'cross',
    });
  return [
    {
      file: `${name}.svg`,
      title: `${r.condition} ${claimedText}`,
      svg: plotSvg({
        title: `${r.condition}: ${labels[1]} against ${labels[0]}`,
        xlabel: labels[0],
        ylabel: labels[1],
        logx: true,
        logy: true,
        series,
      }),
    },
  ];
}

/** The optimizer run: f − f* on log axes when f* is known, f on a linear axis otherwise. */
export function tracePlot(run: RunSection): { file: string; title: string; svg: string } {
  const tr = run.result.trace;
  // With f* known, f − f* on a log axis; without it, f itself on a linear axis (subtracting the
  // run's own minimum would draw a plunge to zero at the best iterate that is not in the data).
  const known = run.fstar !== undefined;
  const shift = known ? run.fstar! : 0;
  const ylabel = known ? 'f(x_t) − f*' : 'f(x_t) (f* unknown)';
  const series: Series[] = [
    {
      label: `${run.result.method.name}`,
      x: tr.map((p) => Math.max(p.t, 1)),
      y: tr.map((p) => p.f - shift),
      kind: 'line',
      color: COLORS.trace,
    },
  ];
  if (run.bound)
    series.push({
      label: run.bound.label,
      x: tr.map((p) => Math.max(p.t, 1)),
      y: run.bound.values.map((v) => v - shift),
      kind: 'line',
      color: COLORS.bound,
      dashed: true,
    });
  return {
    file: 'optimizer-trace.svg',
    title: 'optimizer trace',
    svg: plotSvg({
      title: `${run.result.method.name} on ${run.result.objective}`,
      xlabel: 'iteration t',
      ylabel,
      logx: true,
      logy: known,
      series,
      legend: known ? 'bl' : 'tl',
    }),
  };
}
