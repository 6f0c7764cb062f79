/** The warmup-mlp experiment in its quick mode. */
import { describe, expect, it } from 'vitest';
import { warmupMlp } from '../../../src/experiments/published/warmup-mlp.ts';
import { checkOutput } from './check.ts';

describe('warmup-mlp', () => {
  it('fits (K0, K1) that bound every trajectory point, on each instance', () => {
    const o = warmupMlp.run(2, true);
    checkOutput(o);
    const { trajectory, perInstance } = o.data as {
      trajectory: { gap: number[]; curvature: number[] };
      perInstance: { K0: number; K1: number }[];
    };
    const { K0, K1 } = perInstance[0];
    trajectory.gap.forEach((g, i) => expect(trajectory.curvature[i]).toBeLessThanOrEqual(K0 + K1 * g + 1e-9));
    expect(o.claims!.map((c) => c.instances)).toEqual([3, 3]);
  });
});
