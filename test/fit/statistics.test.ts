/** Which columns each condition reads, and the one-line fix when a table lacks them. */
import { describe, expect, it } from 'vitest';
import { findCondition } from '../../src/conditions/registry.ts';
import { UsageError } from '../../src/errors.ts';
import { rowStatistics } from '../../src/fit/statistics.ts';
import { parseTable } from '../../src/fit/table.ts';

const stats = (csv: string, name: string, shape: Record<string, number> = {}, fstar?: number) =>
  rowStatistics(parseTable(csv, 'm.csv'), findCondition(name)!, shape, fstar);

describe('row statistics', () => {
  it('maps columns to (lhs, w): the secant form, the Hessian form, the gap from --fstar, exponents', () => {
    const csv = 'step,loss,grad_norm,hess_norm,local_smoothness\n0,3,2,5,4\n1,1.5,,2,\n';
    const a = stats(csv, 'l0l1-alpha', { alpha: 1 });
    expect([a.lhs, a.w, a.skipped]).toEqual(['local_smoothness', 'grad_norm', 1]);
    expect(a.samples).toEqual([{ lhs: 4, w: 2, lhsErr: 0, wErr: 0 }]);
    const b = stats(csv, 'l0l1', { alpha: 0.5 });
    expect(b.samples[0]).toEqual({ lhs: 5, w: Math.sqrt(2), lhsErr: 0, wErr: 0 });
    const c = stats(csv, 'curvature-gap', {}, 1);
    expect(c.samples.map((s) => [s.lhs, s.w])).toEqual([
      [5, 2],
      [2, 0.5],
    ]);
    expect(c.lowerBound).toBe(false);
    const d = stats(csv, 'gpl', { rho: 2 }, 1);
    expect(d.samples).toEqual([{ lhs: 2, w: 4, lhsErr: 0, wErr: 0 }]);
    // alpha = 0: 0^0 = 1, as in the check engine.
    expect(stats('grad_norm,local_smoothness\n0,1\n', 'l0l1-alpha', { alpha: 0 }).samples[0].w).toBe(1);
  });

  it('hess_norm_lower and the secant are lower bounds, said so in the notes', () => {
    const lower = stats('grad_norm,hess_norm_lower,loss_gap\n1,2,0.5\n', 'curvature-gap');
    expect(lower.lowerBound).toBe(true);
    expect(lower.notes.join(' ')).toMatch(/lower bounds/);
    const secant = stats('local_smoothness,loss_gap\n1,0.5\n', 'curvature-gap');
    expect([secant.lhs, secant.lowerBound]).toEqual(['local_smoothness', true]);
  });

  it.each([
    ['step,grad_norm\n0,1\n', 'lsmooth', undefined, /lsmooth needs a local_smoothness column/],
    [
      'step,grad_norm,local_smoothness\n0,1,2\n',
      'l0l1',
      undefined,
      /hess_norm or hess_norm_lower column.*use --condition l0l1-alpha/,
    ],
    [
      'step,local_smoothness\n0,1\n',
      'l0l1-alpha',
      undefined,
      /needs a grad_norm column; m.csv has columns step, local_smoothness/,
    ],
    ['grad_norm,hess_norm\n1,1\n', 'gpl', undefined, /a loss_gap column, or a loss column and --fstar F/],
    ['grad_norm,hess_norm\n1,1\n', 'curvature-gap', 0, /with --fstar, a loss column/],
    [
      'loss,grad_norm,hess_norm\n0.1,1,1\n0.05,1,1\n',
      'gpl',
      0.08,
      /line 3 has loss 0.05 below --fstar 0.08.*pass --fstar 0.05 or lower/,
    ],
    ['grad_norm\n1\n', 'descent', undefined, /needs the objective itself/],
  ])('%j for %s: exit 2 with the fix', (csv, name, fstar, msg) => {
    const shape = { alpha: 1, rho: 2 };
    expect(() => stats(csv, name, shape, fstar)).toThrow(UsageError);
    expect(() => stats(csv, name, shape, fstar)).toThrow(msg);
  });
});
