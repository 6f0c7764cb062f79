/** The insgd-beta-sweep experiment in its quick mode. */
import { describe, expect, it } from 'vitest';
import { insgdBetaSweep } from '../../../src/experiments/published/insgd-beta-sweep.ts';
import { checkOutput } from './check.ts';

describe('insgd-beta-sweep', () => {
  it('sweeps the five β of the setting', () => {
    const o = insgdBetaSweep.run(2, true);
    checkOutput(o);
    expect((o.data.arms as { label: string }[]).map((a) => a.label)).toEqual([
      'β = 0.4',
      'β = 0.5',
      'β = 0.6667',
      'β = 0.8',
      'β = 1',
    ]);
  });
});
