/** The spectrum report: the density on a log axis with λmin and λmax marked, and the model as JSON. */
import { describe, expect, it } from 'vitest';
import { operatorSpectrum } from '../../src/curvature/spectrum.ts';
import { densitySvg, renderSpectrum, spectrumText, type SpectrumModel } from '../../src/report/spectrum.ts';

describe('spectrum report', () => {
  it('files, the marks of λmin and λmax, and the numbers in the text', () => {
    const d = [-1, 2, 2, 3];
    const s = operatorSpectrum((v, o) => v.forEach((x, i) => (o[i] = d[i] * x)), 4, { seed: 1, probes: 4 });
    const m: SpectrumModel = {
      ...s,
      hvp: 'exact',
      schemaVersion: 1,
      kind: 'spectrum',
      provenance: { tool: 'gensmooth', version: 'x', gitCommit: null, node: 'v20', command: ['gensmooth', 'spectrum'] },
      objective: 'diag',
      dim: 4,
      seed: 1,
      at: { source: 'given', norm: 0, x: [0, 0, 0, 0] },
    };
    const files = renderSpectrum(m);
    expect(Object.keys(files).sort()).toEqual(['density.svg', 'report.html', 'report.json', 'report.md']);
    expect(densitySvg(m)).toContain('λmin = -1');
    expect(densitySvg(m)).toContain('λmax = 3');
    expect(JSON.parse(files['report.json']).trace.value).toBe(6);
    expect(spectrumText(m)).toMatch(/trace = 6, 95 % interval \[6, 6\]/);
  });
});
