/** The escape-dimension experiment in its quick mode. */
import { describe, expect, it } from 'vitest';
import { escapeDimension } from '../../../src/experiments/published/escape-dimension.ts';
import { checkOutput } from './check.ts';

describe('escape-dimension', () => {
  it('reports a median escape time per dimension', () => {
    const o = escapeDimension.run(2, true);
    checkOutput(o);
    expect((o.data.dims as { d: number }[]).map((x) => x.d)).toEqual([2, 10, 100, 1000]);
  });
});
