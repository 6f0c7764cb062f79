/** gensmooth fit on the command line: the JSON of check, exit codes 0/1/2, the report directory. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureTrajectory } from '../../src/fit/measure.ts';
import { toCsv } from '../../src/fit/table.ts';
import { makeBuiltin } from '../../src/objectives/spec.ts';
import { runMain } from './run-main.ts';

const dir = mkdtempSync(join(tmpdir(), 'gs-fitcli-'));
const obj = makeBuiltin('mnist-mlp', 'n=20&hidden=4&pool=4');
const m = measureTrajectory(obj, { iters: 40, gamma: 0.5, batch: 5, seed: 1, hessian: true, lanczosIter: 10 });
const csv = join(dir, 'run.csv');
writeFileSync(csv, toCsv(m.columns, m.data, m.rows));
const Lmax = Math.max(...m.data.local_smoothness!);

describe('gensmooth fit', () => {
  it('estimates: exit 0, objective names the file, the exact maximum over the rows', async () => {
    const r = await runMain('fit', csv, '--condition', 'lsmooth', '--json', '--bootstrap', '100');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.objective).toBe(csv);
    expect(j.rows).toBe(40);
    expect(j.results[0]).toMatchObject({
      condition: 'lsmooth',
      verdict: 'estimated',
      estimate: { L: Lmax },
      samples: 40,
    });
    expect(j.results[0].bootstrap.intervals.L[1]).toBe(Lmax);
  });

  it('a failing claim: exit 1, the counterexample names its row and line', async () => {
    const r = await runMain('fit', csv, '--condition', `lsmooth:L=${Lmax / 2}`, '--json', '--bootstrap', '0');
    expect(r.code).toBe(1);
    const res = JSON.parse(r.out).results[0];
    expect(res.verdict).toBe('fails');
    const row = Array.from(m.data.local_smoothness!).indexOf(Lmax) + 1;
    expect(res.counterexample).toMatchObject({ row, where: `line ${row + 1}`, lhs: Lmax, rhs: Lmax / 2 });
    expect(res.violations.count).toBe(Array.from(m.data.local_smoothness!).filter((v) => v > Lmax / 2).length);
  });

  it('a JSON array of rows works the same, rows named by entry; gpl needs only grad_norm and loss_gap', async () => {
    const rows = [
      { step: 0, grad_norm: 2, loss_gap: 1 },
      { step: 1, grad_norm: 1, loss_gap: 0.8 },
      { step: 2, grad_norm: null, loss_gap: 0.1 },
    ];
    const p = join(dir, 'rows.json');
    writeFileSync(p, JSON.stringify(rows));
    const r = await runMain('fit', p, '--condition', 'gpl:mu=0.7', '--json', '--bootstrap', '0');
    expect(r.code).toBe(1);
    const res = JSON.parse(r.out).results[0];
    // ‖∇f‖²/(2μ) ≥ f − f*: row 2 needs μ ≤ 1/(2·0.8) = 0.625 < 0.7; row 3 has no gradient norm.
    expect(res.skippedRows).toBe(1);
    expect(res.estimate.tightest_mu).toBe(0.625);
    expect(res.counterexample).toMatchObject({ row: 2, where: 'entry 2', step: 1 });
  });

  it('--out writes report.json, .md, .html and a plot per condition; text output lists the conditions', async () => {
    const out = join(dir, 'rep');
    const r = await runMain('fit', csv, '--fstar', '0', '--bootstrap', '50', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^.*run\.csv \(40 rows/);
    for (const c of ['lsmooth', 'l0l1', 'l0l1-alpha', 'curvature-gap', 'gpl']) expect(r.out).toContain(`${c}`);
    const files = readdirSync(out).sort();
    expect(files).toEqual([
      '1-lsmooth.svg',
      '2-l0l1.svg',
      '3-l0l1-alpha.svg',
      '4-curvature-gap.svg',
      '5-gpl.svg',
      'report.html',
      'report.json',
      'report.md',
    ]);
    const rep = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(rep.kind).toBe('fit');
    expect(rep.results[1].columns).toEqual({ lhs: 'hess_norm_lower', w: 'grad_norm' });
    expect(rep.results[1].lowerBound).toBe(true);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('![curvature-gap](4-curvature-gap.svg)');
  });

  it.each([
    [['fit', '/nonexistent/m.csv'], /cannot read \/nonexistent\/m.csv: no such file/],
    [['fit'], /takes one FILE/],
    [['fit', 'CSV:empty'], /is empty: write a header line/],
    [['fit', 'CSV:step,grad_norm\n0,x\n'], /line 2, column grad_norm: "x" is not a finite number/],
    [['fit', 'CSV:step,grad_norm\n0,1\n', '--condition', 'lsmooth'], /lsmooth needs a local_smoothness column/],
    [['fit', 'CSV:step,loss\n0,1\n'], /determine none of lsmooth, l0l1, l0l1-alpha, curvature-gap, gpl/],
    [['fit', 'CSV:step,grad_norm\n0,1\n', '--condition', 'descent'], /needs the objective itself/],
    [['fit', 'CSV:grad_norm\n1\n', '--condition', 'nope'], /unknown condition "nope"/],
  ])('bad input %j exits 2 with the fix in one line', async (argv, msg) => {
    const args = argv.map((a, i) => {
      if (!a.startsWith('CSV:')) return a;
      const p = join(dir, `bad-${i}-${Math.abs(a.length)}.csv`);
      writeFileSync(p, a === 'CSV:empty' ? '' : a.slice(4));
      return p;
    });
    const r = await runMain(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});
