/**
 * The result union (conditions/result.ts), as fast-check's RunDetails is: a counterexample only
 * on `fails`, a cause and a reason only on `inconclusive`; checked on real results of every
 * verdict, and at the type level (tsc --noEmit type-checks the tests).
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { check } from '../../properties/helpers.ts';
import type { ConditionResult, Counterexample } from '../../src/conditions/result.ts';

describe('ConditionResult', () => {
  it('every verdict carries exactly the fields it may', async () => {
    const r = await check('expr:x^2', ['lsmooth:L=2', 'lsmooth:L=1.9', 'lsmooth', 'descent-exp'], { samples: 200 });
    expect(r.results.map((x) => x.verdict)).toEqual(['holds', 'fails', 'estimated', 'inconclusive']);
    for (const x of r.results) {
      if (x.verdict === 'fails') {
        expect(x.counterexample.x).toHaveLength(1);
        expect(x.counterexample.lhs).toBeGreaterThan(x.counterexample.rhs);
      } else expect(x.counterexample).toBeNull();
      if (x.verdict === 'inconclusive') {
        expect(x.cause).toBe('usage');
        expect(x.reason).toMatch(/needs L1/);
      } else {
        expect(x.cause).toBeUndefined();
        expect(x.reason).toBeUndefined();
      }
    }
    // Every result says what was asked and where.
    expect(r.results.map((x) => x.asked)).toEqual(['claim', 'claim', 'estimate', 'estimate']);
    for (const x of r.results) expect(x.domain).toEqual({ kind: 'box', lo: -3, hi: 3 });
  });
  it('narrows on the verdict at the type level', () => {
    type Fails = Extract<ConditionResult, { verdict: 'fails' }>;
    type Holds = Extract<ConditionResult, { verdict: 'holds' }>;
    type Inconclusive = Extract<ConditionResult, { verdict: 'inconclusive' }>;
    expectTypeOf<Fails['counterexample']>().toEqualTypeOf<Counterexample>();
    expectTypeOf<Holds['counterexample']>().toEqualTypeOf<null>();
    expectTypeOf<Holds['cause']>().toEqualTypeOf<undefined>();
    expectTypeOf<Inconclusive['reason']>().toEqualTypeOf<string>();
  });
});
