/** The escape-dimension experiment in its quick mode. */
import { describe, expect, it } from 'vitest';
import { escapeDimension } from '../../../src/experiments/published/escape-dimension.ts';
import { checkOutput } from './check.ts';

describe('escape-dimension', () => {
  it('fits the ln d slope on each instance and pools the medians', () => {
    const o = escapeDimension.run(2, true);
    checkOutput(o);
    expect((o.data.pooled as { d: number }[]).map((x) => x.d)).toEqual([2, 10, 100, 1000]);
    expect(o.claims![0]).toMatchObject({ id: 'escape-log-d', instances: 3 });
  });
});
