/** gensmooth fit's statistics: exact over the rows of a file gensmooth wrote itself, claims name every violating row. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fc, test } from '../fc.ts';
import { defaultFitSpecs, exactB, fitCondition, fitTable, frontierPairAt } from '../../src/fit/fit.ts';
import { measureTrajectory } from '../../src/fit/measure.ts';
import { readTable, tableOf, toCsv } from '../../src/fit/table.ts';
import { makeBuiltin } from '../../src/objectives/spec.ts';
import { parseConditionSpec } from '../../src/conditions/spec.ts';

const spec = parseConditionSpec;
const max = (xs: ArrayLike<number>) => Math.max(...Array.from(xs));

// SGD on a small network, measured at every step (exact Hessian norms: dimension 26), written as CSV and read back.
const obj = makeBuiltin('mlp', 'n=20&in=3&hidden=4&out=2&loss=mse&seed=2');
const m = measureTrajectory(obj, { iters: 120, gamma: 0.1, batch: 5, seed: 3, hessian: true });
const dir = mkdtempSync(join(tmpdir(), 'gs-fit-'));
const file = join(dir, 'run.csv');
writeFileSync(file, toCsv(m.columns, m.data, m.rows));
const table = readTable(file);
const L = m.data.local_smoothness!,
  g = m.data.grad_norm!,
  h = m.data.hess_norm!,
  f = m.data.loss!;

describe('fit on a file gensmooth wrote', () => {
  it('each estimate is the exact maximum over the rows', () => {
    const o = { seed: 1, bootstrap: 0, fstar: 0 };
    expect(fitCondition(table, spec('lsmooth'), o).estimate.L).toBe(max(L));
    expect(fitCondition(table, spec('l0l1:L1=0.5'), o).estimate.L0).toBe(max(Array.from(h, (v, i) => v - 0.5 * g[i])));
    expect(fitCondition(table, spec('l0l1-alpha:L0=0.2'), o).estimate.L1).toBe(
      max(Array.from(L, (v, i) => (v - 0.2) / g[i])),
    );
    expect(fitCondition(table, spec('curvature-gap:K0=0.3'), o).estimate.K1).toBe(
      max(Array.from(h, (v, i) => (v - 0.3) / f[i])),
    );
    // gpl: the largest μ with ‖∇f‖²/(2μ) ≥ f − f* on every row is min over rows of ‖∇f‖²/(2(f − f*)).
    const mu = fitCondition(table, spec('gpl'), o).estimate.mu as number;
    expect(mu).toBe(1 / (2 * max(Array.from(f, (v, i) => v / Math.pow(g[i], 2)))));
  });

  it('the frontier: every breakpoint (L1, L0) is tight, L0 = max over rows of lhs − L1·w', () => {
    const r = fitCondition(table, spec('l0l1'), { seed: 1, bootstrap: 0 });
    const fr = r.estimate.frontier as { L0: number; L1: number }[];
    expect(fr.length).toBeGreaterThan(1);
    for (const p of fr) expect(p.L0).toBeCloseTo(Math.max(0, max(Array.from(h, (v, i) => v - p.L1 * g[i]))), 12);
    expect(r.estimate.L0_at_L1_0).toBe(max(h));
    expect(r.estimate.L1_at_L0_0).toBe(max(Array.from(h, (v, i) => v / g[i])));
    // The pair tightest at a weight is the frontier point minimising L0 + L1·w.
    const w = 0.3;
    const best = frontierPairAt(r, w)!;
    for (const p of fr) expect(best.A + best.B * w).toBeLessThanOrEqual(p.L0 + p.L1 * w);
  });

  it('a claim at the estimate holds; just below it fails, and every violating row is named', () => {
    const o = { seed: 1, bootstrap: 200 };
    const at = fitCondition(table, { name: 'lsmooth', params: { L: max(L) } }, o);
    expect(at.verdict).toBe('holds');
    expect(at.margin).toBe(0);
    const c = 0.9 * max(L);
    const r = fitCondition(table, { name: 'lsmooth', params: { L: c } }, o);
    expect(r.verdict).toBe('fails');
    const bad = Array.from(L, (v, i) => (v > c ? i + 1 : 0)).filter((i) => i > 0);
    expect(r.violations!.count).toBe(bad.length);
    expect(r.violations!.rows.map((q) => q.row)).toEqual(bad);
    expect(r.violations!.rows[0].where).toBe(`line ${bad[0] + 1}`);
    expect(r.violations!.rows[0].step).toBe(bad[0] - 1);
    expect(r.counterexample!.lhs).toBe(max(L));
    expect(r.counterexample!.row).toBe(Array.from(L).indexOf(max(L)) + 1);
    // A resample that misses every violating row would hold: the share that fails is below 1 when few rows decide.
    expect(r.bootstrap!.failingShare).toBeGreaterThan(0);
    expect(r.bootstrap!.failingShare).toBeLessThanOrEqual(1);
  });

  it('bootstrap intervals replay with the seed and, for a maximum, run from the bulk up to the largest row', () => {
    const a = fitCondition(table, spec('lsmooth'), { seed: 7, bootstrap: 300 });
    const b = fitCondition(table, spec('lsmooth'), { seed: 7, bootstrap: 300 });
    const sorted = Array.from(L).sort((x, y) => y - x);
    const c = fitCondition(table, spec('lsmooth'), { seed: 8, bootstrap: 300 });
    expect(a.bootstrap).toEqual(b.bootstrap);
    // Quantiles of a maximum are order statistics (they often coincide across seeds); the share of resamples
    // that contain the one violating row (about 1 − 1/e) shows the draws differ.
    const share = (seed: number) =>
      fitCondition(table, { name: 'lsmooth', params: { L: sorted[1] } }, { seed, bootstrap: 300 }).bootstrap!
        .failingShare!;
    expect(share(7)).toBe(share(7));
    expect(share(7)).not.toBe(share(8));
    expect(Math.abs(share(7) - (1 - 1 / Math.E))).toBeLessThan(0.1);
    expect(c.bootstrap!.resamples).toBe(300);
    const [lo, hi] = a.bootstrap!.intervals.L;
    expect(hi).toBe(sorted[0]);
    expect(lo).toBeLessThanOrEqual(hi);
    expect(lo).toBeGreaterThanOrEqual(sorted[5]);
    // Dropping the deciding rows one by one gives the next largest values.
    expect(a.sensitivity!.map((s) => s.estimate)).toEqual(sorted.slice(1, 4));
  });

  it('defaults: every condition the columns determine; gap conditions only with a gap', () => {
    expect(defaultFitSpecs(table).map((s) => s.name)).toEqual(['lsmooth', 'l0l1', 'l0l1-alpha']);
    expect(defaultFitSpecs(table, 0).map((s) => s.name)).toEqual([
      'lsmooth',
      'l0l1',
      'l0l1-alpha',
      'curvature-gap',
      'gpl',
    ]);
    const rep = fitTable(table, defaultFitSpecs(table, 0), { seed: 1, bootstrap: 50, fstar: 0 });
    expect(rep.objective).toBe(file);
    expect(rep.rows).toBe(120);
    expect(rep.results.every((r) => r.verdict === 'estimated')).toBe(true);
  });
});

describe('fit on arbitrary tables (brute force)', () => {
  const row = fc.record({
    g: fc.double({ min: 0, max: 100, noNaN: true }),
    l: fc.double({ min: 0, max: 100, noNaN: true }),
  });
  test.prop([fc.array(row, { minLength: 1, maxLength: 40 }), fc.double({ min: 0, max: 10, noNaN: true })])(
    'tightest L0 at L1 and L1 at L0 equal the brute-force maxima',
    (rows, c) => {
      const t = tableOf(
        'gen',
        ['grad_norm', 'local_smoothness'],
        { grad_norm: Float64Array.from(rows, (r) => r.g), local_smoothness: Float64Array.from(rows, (r) => r.l) },
        rows.length,
      );
      const o = { seed: 1, bootstrap: 0 };
      const a = fitCondition(t, { name: 'l0l1-alpha', params: { L1: c } }, o).estimate.L0;
      expect(a).toBe(Math.max(0, ...rows.map((r) => r.l - c * r.g)));
      const b = fitCondition(t, { name: 'l0l1-alpha', params: { L0: c } }, o).estimate.L1;
      const brute = Math.max(...rows.map((r) => (r.g > 0 ? (r.l - c) / r.g : r.l > c ? Infinity : -Infinity)));
      expect(b).toBe(brute === Infinity ? 'unbounded' : Math.max(brute, 0));
      expect(
        exactB(
          rows.map((r) => ({ lhs: r.l, w: r.g, lhsErr: 0, wErr: 0 })),
          c,
        ).B,
      ).toBe(brute);
    },
  );

  it('gpl: a row with zero gradient norm and a positive gap forces μ = 0; all gaps zero leaves μ unbounded', () => {
    const t = (g: number[], gap: number[]) =>
      tableOf(
        'gen',
        ['grad_norm', 'loss_gap'],
        { grad_norm: Float64Array.from(g), loss_gap: Float64Array.from(gap) },
        g.length,
      );
    const o = { seed: 1, bootstrap: 0 };
    const r = fitCondition(t([1, 0], [0.1, 0.2]), spec('gpl'), o);
    expect(r.estimate.mu).toBe(0);
    expect(r.attainedAt!.row).toBe(2);
    expect(fitCondition(t([1, 2], [0, 0]), spec('gpl'), o).estimate.mu).toBe('unbounded');
    expect(fitCondition(t([2], [0.5]), spec('gpl'), o).estimate.mu).toBe(4);
  });
});
