/** The insgd-dro experiment in its quick mode. */
import { describe, expect, it } from 'vitest';
import { insgdDro } from '../../../src/experiments/published/insgd-dro.ts';
import { checkOutput } from './check.ts';

describe('insgd-dro', () => {
  it('says the data are synthetic and judges three claims in two readings on Ψ', () => {
    const o = insgdDro.run(2, true);
    checkOutput(o);
    expect(o.setting.join(' ')).toMatch(/SYNTHETIC/);
    expect(o.claims!.map((c) => c.id)).toEqual([
      'insgd-leads',
      'insgd-leads',
      'beta-two-thirds',
      'beta-two-thirds',
      'batch2-little-effect',
      'batch2-little-effect',
    ]);
    expect((o.data.methods as Record<string, { metric: string }>)['paper-text'].metric).toMatch(/min_η/);
  });
});
