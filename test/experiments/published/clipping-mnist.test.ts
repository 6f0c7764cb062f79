/** The clipping-mnist experiment in its quick mode. */
import { describe, expect, it } from 'vitest';
import { clippingMnist } from '../../../src/experiments/published/clipping-mnist.ts';
import { checkOutput } from './check.ts';

describe('clipping-mnist', () => {
  it('runs the four arms on real digits, on 3 digit slices', () => {
    const o = clippingMnist.run(2, true);
    checkOutput(o);
    const c = o.data.comparison as { seeds: number[]; arms: unknown[] };
    expect(c.arms).toHaveLength(4);
    expect(c.seeds).toEqual([2, 3, 4]);
  });
});
