/** The insgd-phase-retrieval experiment in its quick mode. */
import { describe, expect, it } from 'vitest';
import { insgdPhaseRetrieval } from '../../../src/experiments/published/insgd-phase-retrieval.ts';
import { checkOutput } from './check.ts';

describe('insgd-phase-retrieval', () => {
  it('judges the claim in both readings on 3 instances (quick), with four equal-sample checkpoints', () => {
    const o = insgdPhaseRetrieval.run(2, true);
    checkOutput(o);
    expect(o.claims!.map((c) => [c.id, c.reading, c.instances])).toEqual([
      ['insgd-leads', 'paper-text', 3],
      ['insgd-leads', 'authors-code', 3],
    ]);
    const r = (o.data.readings as Record<string, { checkpoints: number[]; arms: { label: string; spec: string }[] }>)[
      'authors-code'
    ];
    expect(r.checkpoints).toEqual([1688, 3375, 5063, 6750]);
    expect(r.arms.map((a) => a.spec)).toContain(
      'insgd-code:gamma=0.5,beta=0.6666666666666666,delta=15,G=45,scale=0.5,batch=64,batch2=8',
    );
  });
});
