/** report.md (report/markdown.ts) on a hand-made report: every part in its place, cells escaped, the replay quoted. */
import { describe, expect, it } from 'vitest';
import { markdown } from '../../src/report/markdown.ts';
import { buildReport } from '../../src/report/report.ts';
import { checkReport, PROV, run } from './fixture.ts';

const md = (withRun = true) => markdown(buildReport(checkReport(), PROV, withRun ? run(0) : undefined).model);

describe('markdown', () => {
  it('opens with the objective, the dimension, the domain and the seed, then the summary table', () => {
    const L = md().split('\n');
    expect(L.slice(0, 6)).toEqual([
      '# Assumption report: `expr:x^4`',
      '',
      'Dimension 1, box [-3, 3]^1, seed 7.',
      '',
      '| condition | claimed | verdict | estimate | counterexample / reason |',
      '|---|---|---|---|---|',
    ]);
    expect(L[6]).toBe('| l0l1 | L0=16, L1=1, alpha=1 | holds | — |  |');
    // A | in a cell is escaped, so the table keeps five columns.
    expect(L[9]).toBe('| descent-exp | — | inconclusive | — | condition descent-exp needs L1 (write a\\|b) |');
  });
  it('a section per result with its inequality, bold verdict, notes and plots', () => {
    const s = md();
    expect(s).toContain(
      '## l0l1 (L0=1, L1=1, alpha=1)\n\n‖∇²f(x)‖ ≤ L0 + L1·‖∇f(x)‖^alpha (Hessian form)\n\nVerdict **fails**',
    );
    expect(s).toContain('- a note | with a pipe <and> an angle\n\n![l0l1 L0=1, L1=1, alpha=1](2-l0l1.svg)');
    expect(s).toContain('## descent-exp\n\n');
    expect(s).toContain('![gpl rho=2: PŁ ratio against the gap](3-gpl.svg)');
  });
  it('the run: method, iterations, status, first and last f and ‖∇f‖, the bound and the trace', () => {
    const s = md();
    expect(s).toContain('## Optimizer run\n\n`gd` gamma=0.1: 4 iterations, status done, f = 1 → 0.2, ‖∇f‖ = 2 → 0.4.');
    expect(s).toContain('Dashed: Theorem 1 bound.\n\n![optimizer trace](optimizer-trace.svg)');
    expect(md(false)).not.toContain('Optimizer run');
  });
  it('ends with the notes, the replay command quoted for a POSIX shell, and the provenance', () => {
    expect(
      md().endsWith(
        [
          '## Notes',
          '',
          '- top-level note',
          '',
          '## Replay',
          '',
          '```sh',
          "gensmooth report 'expr:x^4' --condition l0l1:L0=1,L1=1 --out 'my dir'",
          '```',
          '',
          'gensmooth 9.9.9, git unknown, Node v20.0.0, report schema 1.',
          '',
        ].join('\n'),
      ),
    ).toBe(true);
  });
});
