/** The nsgd-bias experiment in its quick mode. */
import { describe, expect, it } from 'vitest';
import { nsgdBias } from '../../../src/experiments/published/nsgd-bias.ts';
import { checkOutput } from './check.ts';

describe('nsgd-bias', () => {
  it('the exact cosine of NSGD is below 1 for β > 0 and 1 at β = 0; both claims hold', () => {
    const o = nsgdBias.run(2, true);
    checkOutput(o);
    const cos = o.data.cosineNSGD as number[];
    expect(cos[0]).toBeCloseTo(1, 14);
    expect(cos[20]).toBeLessThan(0.99);
    expect(o.claims!.map((c) => c.verdict)).toEqual(['holds', 'holds']);
  });
});
