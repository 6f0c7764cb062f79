/**
 * Views of a comparison: one plot (per arm the median over instances on the results'
 * grid, with the order-statistic band) and one table (value at each checkpoint, samples
 * to the target, and wall time when it was measured). Both read only the results, so a
 * saved results file re-plots without re-running.
 */
import type { PlotSpec, Series } from '../report/svg.ts';
import type { Comparison } from './compare.ts';
import { fmt4, fmtInterval, medianInterval } from './summary.ts';

export const PALETTE = ['#3465a4', '#cc0000', '#4e9a06', '#f57900', '#75507b', '#c4a000', '#555753', '#06989a'];

export interface PlotOptions {
  title: string;
  xlabel?: string;
  ylabel?: string;
  logx?: boolean;
  logy?: boolean;
  /** Subtract this from every value (e.g. a reference minimum on a log axis). */
  shift?: number;
  legend?: 'tl' | 'bl';
  /** Dashed lines for arms whose label matches. */
  dashed?: (label: string) => boolean;
}

/** Median over instances and its band, per arm, against samples. */
export function comparisonPlot(c: Comparison, o: PlotOptions): PlotSpec {
  const xs = c.grid.samples;
  const keep = xs.map((x) => !o.logx || x > 0);
  const shift = o.shift ?? 0;
  const series: Series[] = Object.entries(c.grid.values).map(([label, runs], a) => {
    const ivs = xs.map((_x, k) => medianInterval(runs.map((r) => r[k] - shift)));
    const x = xs.filter((_v, k) => keep[k]);
    const pick = (f: (iv: (typeof ivs)[number]) => number) => ivs.filter((_v, k) => keep[k]).map(f);
    return {
      label: c.seeds.length > 1 ? `${label} (median, band over ${c.seeds.length})` : label,
      x,
      y: pick((iv) => iv.median),
      kind: 'line' as const,
      color: PALETTE[a % PALETTE.length],
      dashed: o.dashed?.(label),
      ...(c.seeds.length > 1 ? { band: { lo: pick((iv) => iv.lo), hi: pick((iv) => iv.hi) } } : {}),
    };
  });
  return {
    title: o.title,
    xlabel: o.xlabel ?? c.axis,
    ylabel: o.ylabel ?? (shift ? `${c.metric} − ${fmt4(shift)}` : c.metric),
    logx: o.logx,
    logy: o.logy,
    legend: o.legend,
    series,
  };
}

/** The table as rows of cells: arm, value at each checkpoint, samples to target (reached/instances), wall time. */
export function comparisonRows(c: Comparison, wallSeconds?: number[][]): string[][] {
  const head = [
    'method',
    ...c.checkpoints.map((cp) => `${c.metric} at ${fmt4(cp)}`),
    'samples to target (reached)',
    ...(wallSeconds ? ['wall s per run'] : []),
  ];
  const rows = c.arms.map((a, i) => [
    a.label,
    ...a.summary.atCheckpoints.map((iv) => fmtInterval(iv)),
    `${fmtInterval(a.summary.toTarget)} (${a.summary.reached}/${c.seeds.length})`,
    ...(wallSeconds ? [fmt4(medianInterval(wallSeconds[i]).median)] : []),
  ]);
  return [head, ...rows];
}

/** A Markdown table. */
export function markdownTable(rows: string[][]): string {
  const [h, ...r] = rows;
  return [`| ${h.join(' | ')} |`, `|${h.map(() => '---').join('|')}|`, ...r.map((x) => `| ${x.join(' | ')} |`)].join(
    '\n',
  );
}

/** A plain-text table, columns padded. */
export function textTable(rows: string[][]): string {
  const w = rows[0].map((_c, j) => Math.max(...rows.map((r) => [...r[j]].length)));
  return rows.map((r) => r.map((cell, j) => cell + ' '.repeat(w[j] - [...cell].length)).join('  ')).join('\n');
}

/** What the table means, in one line (medians and intervals over instances, the targets). */
export function tableNote(c: Comparison): string {
  const t = c.targets;
  const same = t.every((v) => v === t[0]);
  const iv = c.seeds.length >= 6 ? '≥ 95 % order-statistic interval' : 'range';
  return (
    `median [${iv}] over ${c.seeds.length} instance(s) (seeds ${c.seeds.join(', ')}); target ${c.metric} ` +
    `${same ? fmt4(t[0]) : `per instance ${t.map(fmt4).join(', ')}`}; budget ${fmt4(c.budget)} ${c.axis}`
  );
}
