/** Experiment reports: claims in report.json, a claims table and tally in Markdown and HTML. */
import { describe, expect, it } from 'vitest';
import { renderExperiment, type Claim, type ExperimentOutput } from '../../src/report/experiment.ts';

const prov = {
  tool: 'gensmooth',
  version: 't',
  gitCommit: null,
  node: 'v20',
  command: ['gensmooth', 'experiment', 'x'],
};
const claim = (id: string, reading: Claim['reading'], verdict: Claim['verdict']): Claim => ({
  id,
  statement: `statement of ${id} | with a pipe`,
  reading,
  metric: 'm',
  verdict,
  instances: 9,
  evidence: { summary: `evidence of ${id}`, support: 9, cells: 9 },
});
const out = (claims?: Claim[]): ExperimentOutput => ({
  name: 'x',
  title: 'X <b>',
  setting: ['s'],
  observed: ['o'],
  agreesWithPaper: null,
  claims,
  data: {},
  plots: [],
});

describe('renderExperiment', () => {
  it('report.json carries the claims (an empty list when there are none)', () => {
    expect(JSON.parse(renderExperiment(out(), prov, 1).files['report.json']).claims).toEqual([]);
    const c = [claim('a', 'paper-text', 'holds')];
    expect(renderExperiment(out(c), prov, 1).model.claims).toEqual(c);
  });
  it('the header tallies each claim by its best reading; the table escapes pipes', () => {
    const { files } = renderExperiment(
      out([
        claim('a', 'paper-text', 'not supported'),
        claim('a', 'authors-code', 'holds'),
        claim('b', 'paper-text', 'mixed'),
        claim('c', 'paper-text', 'not supported'),
      ]),
      prov,
      1,
    );
    expect(files['report.md']).toContain('1 of 3 claims hold in at least one reading, 1 mixed, 1 not supported');
    expect(files['report.md']).toContain('| a | authors-code | **holds** | 9 | statement of a \\| with a pipe |');
    expect(files['report.md']).toContain('- **b** (paper-text): mixed. Metric: m. Evidence: evidence of b.');
    expect(files['report.html']).toContain('<td><b>not supported</b></td>');
    expect(files['report.html']).toContain('X &lt;b&gt;');
  });
  it('without claims the old verdict line stays', () => {
    expect(renderExperiment(out(), prov, 1).files['report.md']).toContain('seed 1: not comparable.');
  });
});
