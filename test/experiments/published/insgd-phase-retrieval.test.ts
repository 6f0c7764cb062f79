/** The insgd-phase-retrieval experiment in its quick mode. */
import { describe, expect, it } from 'vitest';
import { insgdPhaseRetrieval } from '../../../src/experiments/published/insgd-phase-retrieval.ts';
import { checkOutput } from './check.ts';

describe('insgd-phase-retrieval', () => {
  it('compares the four methods at equal per-sample gradients', () => {
    const o = insgdPhaseRetrieval.run(2, true);
    checkOutput(o);
    const finals = o.data.finals as { label: string; samples: number }[];
    expect(finals.map((f) => f.label).sort()).toEqual(['I-NSGD', 'NSGD', 'SGD', 'clipped SGD']);
    const s = finals.map((f) => f.samples);
    expect(Math.max(...s) - Math.min(...s)).toBeLessThanOrEqual(72);
  });
});
