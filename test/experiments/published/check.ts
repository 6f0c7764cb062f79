/** What every reproduced experiment's output must carry (shared by the published/ tests). */
import { expect } from 'vitest';
import type { ExperimentOutput } from '../../../src/report/experiment.ts';
import { renderExperiment } from '../../../src/report/experiment.ts';

const prov = { tool: 'gensmooth', version: 'test', gitCommit: null, node: 'v20', command: ['gensmooth'] };

/** The setting and observations are stated, each plot renders, and the report formats are complete. */
export function checkOutput(o: ExperimentOutput): Record<string, string> {
  expect(o.setting.length).toBeGreaterThan(0);
  expect(o.observed.length).toBeGreaterThan(0);
  const { model, files } = renderExperiment(o, prov, 2);
  expect(Object.keys(files)).toEqual(expect.arrayContaining(['report.json', 'report.md', 'report.html']));
  for (const p of model.plots) expect(files[p.file]).toMatch(/^<svg/);
  expect(JSON.parse(files['report.json']).kind).toBe('experiment');
  return files;
}
