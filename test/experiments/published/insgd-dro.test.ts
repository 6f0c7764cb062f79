/** The insgd-dro experiment in its quick mode. */
import { describe, expect, it } from 'vitest';
import { insgdDro } from '../../../src/experiments/published/insgd-dro.ts';
import { checkOutput } from './check.ts';

describe('insgd-dro', () => {
  it('says the data are synthetic', () => {
    const o = insgdDro.run(2, true);
    checkOutput(o);
    expect(o.setting.join(' ')).toMatch(/SYNTHETIC/);
  });
});
