/** The comparison's plot (median and band per arm) and table. */
import { describe, expect, it } from 'vitest';
import { compare } from '../../src/experiments/compare.ts';
import {
  comparisonPlot,
  comparisonRows,
  markdownTable,
  tableNote,
  textTable,
} from '../../src/experiments/compare-view.ts';
import { makeBuiltin } from '../../src/objectives/spec.ts';
import { plotSvg } from '../../src/report/svg.ts';

const { result, wallSeconds } = compare({
  objective: (k) => makeBuiltin('logistic', `n=30&d=3&seed=${k}`),
  objectiveSpec: 'logistic',
  arms: [
    { label: 'a', spec: 'sgd:gamma=0.1,batch=3' },
    { label: 'b', spec: 'sgd:gamma=1,batch=3' },
  ],
  seeds: [1, 2, 3, 4, 5, 6],
  budget: 300,
});

describe('views', () => {
  it('one line per arm at the grid, its band containing the median, drawn as a polygon', () => {
    const spec = comparisonPlot(result, { title: 't', logy: true });
    expect(spec.series).toHaveLength(2);
    for (const s of spec.series) {
      expect(s.x[0]).toBe(0);
      s.y.forEach((m, k) => {
        expect(s.band!.lo[k]).toBeLessThanOrEqual(m);
        expect(m).toBeLessThanOrEqual(s.band!.hi[k]);
      });
    }
    expect(plotSvg(spec)).toMatch(/fill-opacity="0.18"/);
    // log x drops the zero column
    expect(comparisonPlot(result, { title: 't', logx: true }).series[0].x[0]).toBeGreaterThan(0);
  });
  it('the table: a header, one row per arm, wall time only when measured', () => {
    const rows = comparisonRows(result, wallSeconds);
    expect(rows).toHaveLength(3);
    expect(rows[0].at(-1)).toBe('wall s per run');
    expect(comparisonRows(result)[0]).not.toContain('wall s per run');
    expect(markdownTable(rows).split('\n')[1]).toMatch(/^\|---/);
    expect(textTable(rows).split('\n')).toHaveLength(3);
    expect(tableNote(result)).toMatch(/≥ 95 % order-statistic interval\] over 6 instance/);
  });
});
