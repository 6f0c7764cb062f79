/** The clipping-mnist experiment in its quick mode. */
import { describe, expect, it } from 'vitest';
import { clippingMnist } from '../../../src/experiments/published/clipping-mnist.ts';
import { checkOutput } from './check.ts';

describe('clipping-mnist', () => {
  it('runs the four arms on real digits', () => {
    const o = clippingMnist.run(2, true);
    checkOutput(o);
    expect((o.data.finals as unknown[]).length).toBe(4);
  });
});
