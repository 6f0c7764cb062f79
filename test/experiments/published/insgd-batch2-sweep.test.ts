/** The insgd-batch2-sweep experiment in its quick mode. */
import { describe, expect, it } from 'vitest';
import { insgdBatch2Sweep } from '../../../src/experiments/published/insgd-batch2-sweep.ts';
import { checkOutput } from './check.ts';

describe('insgd-batch2-sweep', () => {
  it("sweeps |B'| ∈ {4, …, 64} at an equal budget", () => {
    const o = insgdBatch2Sweep.run(2, true);
    checkOutput(o);
    const r = (o.data.readings as Record<string, { budget: number; arms: { label: string }[] }>)['authors-code'];
    expect(r.arms.map((a) => a.label)).toEqual(["|B'| = 4", "|B'| = 8", "|B'| = 16", "|B'| = 32", "|B'| = 64"]);
    expect(r.budget).toBe(6750);
  });
});
