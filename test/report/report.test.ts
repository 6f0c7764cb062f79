/** buildReport (report/report.ts): the model and every file of the directory, from one check and an optional run. */
import { describe, expect, it } from 'vitest';
import * as report from '../../src/report/report.ts';
import { buildReport } from '../../src/report/report.ts';
import { upperHull } from '../../src/core/hull.ts';
import { resultDetails } from '../../src/report/text.ts';
import { checkReport, PROV, run } from './fixture.ts';

describe('buildReport', () => {
  it('one .svg per plot, then report.json, report.md and report.html', () => {
    const { files } = buildReport(checkReport(), PROV, run(0));
    expect(Object.keys(files)).toEqual([
      '1-l0l1.svg',
      '2-l0l1.svg',
      '3-gpl.svg',
      'optimizer-trace.svg',
      'report.json',
      'report.md',
      'report.html',
    ]);
    for (const [name, text] of Object.entries(files)) {
      expect(text.endsWith('\n'), name).toBe(true);
      if (name.endsWith('.svg')) expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    }
    expect(Object.keys(buildReport(checkReport(), PROV).files)).not.toContain('optimizer-trace.svg');
  });
  it('report.json is the model: scatter samples go to the plots only, non-finite numbers become strings', () => {
    const check = checkReport();
    const { model, files } = buildReport(check, PROV, run(0));
    const j = JSON.parse(files['report.json']);
    expect(j.check.results.some((r: object) => 'scatter' in r)).toBe(false);
    expect(check.results[0].scatter).toBeDefined(); // the input is not modified
    expect(j.check.results[3].estimate.frontier).toEqual([{ L1: 0, L0: 'Infinity' }]);
    expect(files['report.json']).toBe(
      JSON.stringify(model, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2) + '\n',
    );
    expect(model.run!.result.steps).toBe(4);
    expect([model.objective, model.dim, model.seed, model.box, model.notes]).toEqual([
      'expr:x^4',
      1,
      7,
      [-3, 3],
      ['top-level note'],
    ]);
  });
  it('is a function of its input: the same report twice gives the same bytes', () => {
    const a = buildReport(checkReport(), PROV, run(0)).files,
      b = buildReport(checkReport(), PROV, run(0)).files;
    expect(b).toEqual(a);
  });
  it('keeps the exports it had before the split by role (model.ts, text.ts, plots.ts, markdown.ts, html.ts)', () => {
    expect(report.upperHull).toBe(upperHull);
    expect(report.resultDetails).toBe(resultDetails);
    expect(report.SCHEMA_VERSION).toBe(1);
    expect(Object.keys(report).sort()).toEqual(['SCHEMA_VERSION', 'buildReport', 'resultDetails', 'upperHull']);
  });
});
