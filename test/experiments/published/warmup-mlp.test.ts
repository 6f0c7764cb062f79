/** The warmup-mlp experiment in its quick mode. */
import { describe, expect, it } from 'vitest';
import { warmupMlp } from '../../../src/experiments/published/warmup-mlp.ts';
import { checkOutput } from './check.ts';

describe('warmup-mlp', () => {
  it('fits (K0, K1) that bound every trajectory point', () => {
    const o = warmupMlp.run(2, true);
    checkOutput(o);
    const { K0, K1, trajectory } = o.data as {
      K0: number;
      K1: number;
      trajectory: { gap: number[]; curvature: number[] };
    };
    trajectory.gap.forEach((g, i) => expect(trajectory.curvature[i]).toBeLessThanOrEqual(K0 + K1 * g + 1e-9));
  });
});
