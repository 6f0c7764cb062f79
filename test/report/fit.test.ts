/** The fit report: plots show the rows, the bound and the violating rows; the model is the fit's JSON with provenance. */
import { describe, expect, it } from 'vitest';
import { fitTable } from '../../src/fit/fit.ts';
import { tableOf } from '../../src/fit/table.ts';
import { fitText, renderFit } from '../../src/report/fit.ts';

const t = tableOf(
  'toy',
  ['step', 'grad_norm', 'local_smoothness'],
  {
    step: Float64Array.of(0, 1, 2, 3),
    grad_norm: Float64Array.of(1, 0.5, 0.2, 0.1),
    local_smoothness: Float64Array.of(3, 2, 1, 0.9),
  },
  4,
);
const prov = { tool: 'gensmooth', version: 'x', gitCommit: null, node: 'v20', command: ['gensmooth', 'fit', 'toy'] };

describe('fit report', () => {
  it('renders every condition with its plot, marks violating rows, and keeps the JSON numbers', () => {
    const rep = fitTable(
      t,
      [
        { name: 'lsmooth', params: { L: 2.5 } },
        { name: 'l0l1-alpha', params: {} },
      ],
      { seed: 1, bootstrap: 20 },
    );
    const files = renderFit(rep, t, prov);
    expect(Object.keys(files).sort()).toEqual([
      '1-lsmooth.svg',
      '2-l0l1-alpha.svg',
      'report.html',
      'report.json',
      'report.md',
    ]);
    expect(files['1-lsmooth.svg']).toContain('violating rows');
    expect(files['2-l0l1-alpha.svg']).toContain('frontier (upper hull)');
    const j = JSON.parse(files['report.json']);
    expect(j.results[0].counterexample.row).toBe(1);
    expect(j.provenance.command).toEqual(prov.command);
    expect(files['report.md']).toMatch(/\| lsmooth \| L=2.5 \| fails \|/);
    expect(files['report.html']).toContain('class="v-fails"');
    expect(fitText(rep)).toMatch(/1 violating row\(s\); worst: row 1 \(row 1, step 0\): 3 > 2.5/);
  });
});
