/** warmup-curvature-mnist (quick): (K0, K1) bound the measured curvature, the two steps are what they claim. */
import { describe, expect, it } from 'vitest';
import { warmupCurvatureMnist } from '../../../src/experiments/published/warmup-curvature-mnist.ts';

interface Case {
  K0: number;
  K1: number;
  target: number;
  trajectory: { gap: number[]; curvature: number[] };
  arms: { spec: string; iterationsToTarget: number | null; final: number }[];
}

describe('warmup-curvature-mnist (quick)', () => {
  const out = warmupCurvatureMnist.run(2, true);
  const data = out.data as Record<'ce' | 'mse', Case>;
  it('both losses: K0 + K1(f − f*) bounds every measured curvature, and the fixed step is 1/(K0 + K1Δ0)', () => {
    for (const loss of ['ce', 'mse'] as const) {
      const c = data[loss];
      expect(c.K0).toBeGreaterThan(0);
      c.trajectory.gap.forEach((gap, i) =>
        expect(c.trajectory.curvature[i]).toBeLessThanOrEqual((c.K0 + c.K1 * gap) * (1 + 1e-12)),
      );
      const fixed = Number(/gamma=([^,]+)/.exec(c.arms[0].spec)![1]);
      expect(fixed).toBeCloseTo(1 / (c.K0 + c.K1 * c.trajectory.gap[0]), 12);
      expect(c.arms[1].spec).toBe(`gd:gamma=1,schedule=gap,K0=${c.K0},K1=${c.K1}`);
      expect(c.target).toBeGreaterThanOrEqual(0.1 * c.trajectory.gap[0]);
    }
    const faster = (c: Case) =>
      c.arms[1].iterationsToTarget !== null &&
      (c.arms[0].iterationsToTarget === null || c.arms[1].iterationsToTarget < c.arms[0].iterationsToTarget);
    expect(out.agreesWithPaper).toBe(faster(data.ce) && faster(data.mse));
  });
});
