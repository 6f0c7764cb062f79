/** The report model (report/model.ts): what report.json holds, under its schema version. */
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type ReportModel } from '../../src/report/model.ts';
import { buildReport } from '../../src/report/report.ts';
import { checkReport, PROV, run } from './fixture.ts';

describe('ReportModel', () => {
  it('schema version 1, with every field of the model and nothing else', () => {
    expect(SCHEMA_VERSION).toBe(1);
    const j = JSON.parse(buildReport(checkReport(), PROV, run(0)).files['report.json']) as ReportModel;
    expect(Object.keys(j).sort()).toEqual(
      ['box', 'check', 'dim', 'notes', 'objective', 'plots', 'provenance', 'run', 'schemaVersion', 'seed'].sort(),
    );
    expect(j.schemaVersion).toBe(SCHEMA_VERSION);
    expect(j.provenance).toEqual(PROV);
    expect(j.plots).toEqual([
      { file: '1-l0l1.svg', title: 'l0l1 L0=16, L1=1, alpha=1', condition: 'l0l1', result: 0 },
      { file: '2-l0l1.svg', title: 'l0l1 L0=1, L1=1, alpha=1', condition: 'l0l1', result: 1 },
      { file: '3-gpl.svg', title: 'gpl rho=2: PŁ ratio against the gap', condition: 'gpl', result: 2 },
      { file: 'optimizer-trace.svg', title: 'optimizer trace' },
    ]);
  });
});
