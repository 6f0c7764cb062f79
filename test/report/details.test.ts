/** What report.md and report.html say about each result: the same sentences in both (issue 9, outputs). */
import { describe, expect, it } from 'vitest';
import { checkObjective } from '../../src/conditions/check.ts';
import { parseConditionSpec } from '../../src/conditions/spec.ts';
import { exprObjective } from '../../src/objectives/expr.ts';
import { parseMethodSpec } from '../../src/optim/methods.ts';
import { optimize } from '../../src/optim/run.ts';
import { buildReport, resultDetails } from '../../src/report/report.ts';

const PROV = { tool: 'gensmooth', version: 'test', gitCommit: null, node: 'test', command: ['check'] };

describe('report details', () => {
  const obj = exprObjective('x^4').objective;
  const check = checkObjective(obj, ['l0l1', 'l0l1:L0=16,L1=1', 'l0l1:L0=1,L1=1'].map(parseConditionSpec), {
    box: [-3, 3],
    seed: 1,
    samples: 300,
  });
  const { model, files } = buildReport(check, PROV);
  it('the frontier, the margin and coverage of a holds, and the counterexample are in both renderings', () => {
    const [frontier, holds, fails] = model.check.results.map(resultDetails);
    expect(frontier.join(' ')).toMatch(/Frontier \(tightest pairs\): \(L1 = 0, L0 = /);
    expect(holds.join(' ')).toMatch(/Closest margin rhs − lhs = /);
    expect(holds.join(' ')).toMatch(/with 95 % confidence/);
    expect(fails.join(' ')).toMatch(/Counterexample x = /);
    for (const line of [frontier[0], holds[1]]) {
      const key = line.slice(0, 40);
      expect(files['report.md']).toContain(key);
      expect(files['report.html']).toContain(key.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
    }
  });
  it('without f*, the trace plot draws f itself on a linear axis (no plunge to the run’s own minimum)', () => {
    const { def, params } = parseMethodSpec('gd:gamma=0.01');
    const result = optimize(obj, def, params, { iters: 50, seed: 1, x0: new Float64Array([1]), recordEvery: 1 });
    const svg = buildReport(check, PROV, { result }).files['optimizer-trace.svg'];
    expect(svg).toContain('f(x_t) (f* unknown)');
    expect(svg).not.toContain('min_t');
    const withF = buildReport(check, PROV, { result, fstar: 0 }).files['optimizer-trace.svg'];
    expect(withF).toContain('f(x_t) − f*');
  });
});
