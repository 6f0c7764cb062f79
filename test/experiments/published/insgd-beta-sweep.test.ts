/** The insgd-beta-sweep experiment in its quick mode. */
import { describe, expect, it } from 'vitest';
import { insgdBetaSweep } from '../../../src/experiments/published/insgd-beta-sweep.ts';
import { checkOutput } from './check.ts';

describe('insgd-beta-sweep', () => {
  it("sweeps the paper's five β in both readings", () => {
    const o = insgdBetaSweep.run(2, true);
    checkOutput(o);
    const r = (o.data.readings as Record<string, { arms: { label: string }[] }>)['paper-text'];
    expect(r.arms.map((a) => a.label)).toEqual(['β = 1', 'β = 4/5', 'β = 2/3', 'β = 7/10', 'β = 13/20']);
    expect(o.claims!.every((c) => c.id === 'beta-two-thirds' && c.evidence.cells === 3)).toBe(true);
  });
});
