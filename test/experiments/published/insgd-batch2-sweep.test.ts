/** The insgd-batch2-sweep experiment in its quick mode. */
import { describe, expect, it } from 'vitest';
import { insgdBatch2Sweep } from '../../../src/experiments/published/insgd-batch2-sweep.ts';
import { checkOutput } from './check.ts';

describe('insgd-batch2-sweep', () => {
  it("spends an equal budget on each |B'| and compares no claim", () => {
    const o = insgdBatch2Sweep.run(2, true);
    checkOutput(o);
    expect(o.agreesWithPaper).toBeNull();
    const arms = o.data.arms as { iters: number; spec: string }[];
    for (const a of arms)
      expect(a.iters * (64 + Number(/batch2=(\d+)/.exec(a.spec)![1]))).toBeLessThanOrEqual(64 * 300);
  });
});
