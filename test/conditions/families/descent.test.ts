/**
 * Descent lemmas (conditions/families/descent.ts): the (L0, L1) descent inequality of I-NSGD Lemma 1 and
 * the exponential one of docs/theory.md §a4.2, on cases where they are equalities.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../../properties/helpers.ts';
import type { CheckReport } from '../../../src/conditions/result.ts';

/** These cases were written with the box as the third argument and 1500 samples. */
const checkBox = (objective: string, conditions: string[], box: [number, number] = [-3, 3]) =>
  check(objective, conditions, { box, samples: 1500 });
const v = (r: CheckReport) => r.results.map((x) => x.verdict);

describe('descent lemma (I-NSGD Lemma 1)', () => {
  it('Lemma 1 fails for x⁴ with (L0, L1) = (4, 2), which satisfies the Hessian form', async () => {
    const r = await check('expr:x^4', ['l0l1:L0=4,L1=2', 'descent:L0=4,L1=2']);
    expect(r.results[0].verdict).toBe('holds');
    expect(r.results[1].verdict).toBe('fails');
  });
  it('the descent lemma holds for a quadratic with L0 = its curvature (equality), fails below', async () => {
    const r = await check('expr:1.5*x1^2 + 0.5*x2^2', ['descent:L0=3,L1=0', 'descent:L0=2.9,L1=0']);
    expect(r.results.map((x) => x.verdict)).toEqual(['holds', 'fails']);
  });
});

describe('exponential descent lemma (docs/theory.md §a4.2)', () => {
  it('eˣ with (L0, L1) = (0, 1) is an equality for y > x and holds; L1 = 0.99 fails; the estimate of L0 is 0', async () => {
    const r = await checkBox('expr:exp(x)', ['descent-exp:L0=0,L1=1', 'descent-exp:L0=0,L1=0.99', 'descent-exp:L1=1']);
    expect(v(r)).toEqual(['holds', 'fails', 'estimated']);
    expect(r.results[2].estimate.L0).toBe(0);
  });
  it('needs L1', async () => {
    const r = await checkBox('expr:exp(x)', ['descent-exp']);
    expect(r.results[0].verdict).toBe('inconclusive');
    expect(r.results[0].reason).toMatch(/needs L1/);
  });
});
