/**
 * Claim decisions (conditions/verdict.ts) on hand-made evidence pools: a violation must exceed
 * both sides' error bounds and survive a precise re-evaluation; Lanczos samples must have their
 * upper ends below the claim jointly at 99.9 %; and the exit status a set of results maps to.
 */
import { describe, expect, it } from 'vitest';
import { checkExitCode, coverageOf, decideClaim, KRYLOV_CONFIDENCE, marginOf } from '../../src/conditions/verdict.ts';
import { Pool } from '../../src/conditions/pool.ts';
import type { ConditionDef, Sample } from '../../src/conditions/model.ts';
import type { Precise } from '../../src/conditions/refine.ts';
import type { ConditionResult } from '../../src/conditions/result.ts';
import type { Mode } from '../../src/conditions/spec.ts';
import type { KrylovBound } from '../../src/core/krylov.ts';

const s = (lhs: number, w: number, lhsErr = 0, wErr = 0): Sample => ({ lhs, w, lhsErr, wErr });
const DEF = { name: 'test' } as ConditionDef;
const claim = (A: number, B: number): Mode => ({ kind: 'claim', A, B });
const point = (pool: Pool) => (i: number) => ({ x: [...pool.z(i)], y: null });

/** A pool at z = 0, 1, ...; `precise` re-evaluates z to `again[z]` (or the same sample when absent). */
function setup(samples: Sample[], again: Record<number, Sample | null> = {}) {
  const pool = new Pool('point', 1);
  samples.forEach((x, i) => pool.add(Float64Array.of(i), x, 'uniform'));
  const calls: number[] = [];
  const precise: Precise = {
    how: 'bignumber-64',
    evaluate: (z) => {
      calls.push(z[0]);
      return z[0] in again ? again[z[0]] : samples[z[0]];
    },
  };
  return { pool, precise, calls };
}

describe('decideClaim', () => {
  it('holds when no sample exceeds A + B·w, with the closest margin', () => {
    const { pool, precise, calls } = setup([s(1, 1), s(2.5, 1), s(0, 10)]);
    const r = decideClaim(pool, DEF, claim(1, 2), precise, point(pool));
    expect(r).toEqual({ verdict: 'holds', dismissed: 0, margin: 0.5, confidence: undefined });
    expect(calls).toEqual([]);
  });

  it('fails with the re-checked sample as counterexample, its two sides and margin', () => {
    const { pool, precise } = setup([s(1, 1), s(4, 1), s(0, 10)]);
    const r = decideClaim(pool, DEF, claim(1, 2), precise, point(pool));
    expect(r.verdict).toBe('fails');
    if (r.verdict !== 'fails') return;
    expect(r.counterexample).toMatchObject({
      x: [1],
      y: null,
      lhs: 4,
      rhs: 3,
      w: 1,
      margin: 1,
      recheck: 'bignumber-64',
    });
    expect(r.counterexample.tolerance).toBeGreaterThan(0);
    expect(r.counterexample.tolerance).toBeLessThan(1e-10);
    expect(r.margin).toBe(-1);
  });

  it('a violation within the error bounds of both sides is no candidate', () => {
    // lhs 3.1 against rhs 1 + 2·1 = 3: within lhsErr 0.05 + B·wErr = 2·0.03: 0.1 < 0.11.
    const { pool, precise, calls } = setup([s(3.1, 1, 0.05, 0.03)]);
    const r = decideClaim(pool, DEF, claim(1, 2), precise, point(pool));
    expect(r.verdict).toBe('holds');
    expect(calls).toEqual([]);
    expect(r.margin).toBeCloseTo(-0.1, 14); // below zero only within the error bounds
  });

  it('a candidate the precise re-evaluation clears is dismissed, and the pool keeps the precise value', () => {
    const { pool, precise, calls } = setup([s(4, 1), s(1, 1)], { 0: s(2.9, 1) });
    const r = decideClaim(pool, DEF, claim(1, 2), precise, point(pool));
    expect(r).toMatchObject({ verdict: 'holds', dismissed: 1 });
    expect(calls).toEqual([0]);
    expect(pool.lhs[0]).toBe(2.9);
    expect(r.margin).toBeCloseTo(0.1, 14);
  });

  it('a candidate undefined on re-evaluation is dropped and dismissed', () => {
    const { pool, precise } = setup([s(4, 1), s(1, 1)], { 0: null });
    const r = decideClaim(pool, DEF, claim(1, 2), precise, point(pool));
    expect(r).toMatchObject({ verdict: 'holds', dismissed: 1, margin: 2 });
    expect(pool.isDropped(0)).toBe(true);
  });

  it('the clearest violation (relative to its own tolerance) is the counterexample', () => {
    // z = 0 exceeds by 10 with tolerance ~1; z = 1 by 0.5 with tolerance ~1e-12: z = 1 is clearer.
    const { pool, precise } = setup([s(13, 1, 1), s(3.5, 1)]);
    const r = decideClaim(pool, DEF, claim(1, 2), precise, point(pool));
    expect(r.verdict === 'fails' && r.counterexample.x).toEqual([1]);
  });

  it("the condition's own display of the two sides is used", () => {
    const def = { name: 'gpl', display: (x: Sample) => ({ lhs: 2 * x.lhs, rhs: 99 }) } as unknown as ConditionDef;
    const { pool, precise } = setup([s(4, 1)]);
    const r = decideClaim(pool, def, claim(1, 2), precise, point(pool));
    expect(r.verdict === 'fails' && [r.counterexample.lhs, r.counterexample.rhs]).toEqual([8, 99]);
  });

  describe('Lanczos samples', () => {
    const kb = (lower: number, spread: number, steps: number): KrylovBound => ({
      lower,
      thetaMax: lower,
      thetaMin: lower - spread,
      steps,
      n: 1000,
      exact: false,
    });
    it('holds with its joint confidence when every upper end is far below the claim', () => {
      const { pool, precise } = setup([{ ...s(1, 0), krylov: kb(1, 1, 200) }]);
      const r = decideClaim(pool, DEF, claim(3, 0), precise, point(pool));
      expect(r.verdict).toBe('holds');
      if (r.verdict !== 'holds') return;
      expect(r.confidence!).toBeGreaterThanOrEqual(KRYLOV_CONFIDENCE);
      expect(r.confidence!).toBeLessThanOrEqual(1);
    });
    it('an interval straddling the claim is re-evaluated; an exact norm below it then holds', () => {
      const { pool, precise, calls } = setup([{ ...s(1, 0), krylov: kb(1, 1, 4) }], { 0: s(1.2, 0) });
      const r = decideClaim(pool, DEF, claim(1.5, 0), precise, point(pool));
      expect(calls).toEqual([0]);
      expect(r).toMatchObject({ verdict: 'holds', margin: expect.closeTo(0.3, 14) });
    });
    it('an exact norm above the claim after re-evaluation fails', () => {
      const { pool, precise } = setup([{ ...s(1, 0), krylov: kb(1, 1, 4) }], { 0: s(1.7, 0) });
      expect(decideClaim(pool, DEF, claim(1.5, 0), precise, point(pool)).verdict).toBe('fails');
    });
    it('an interval that still straddles after re-evaluation leaves the claim undecided, with the interval', () => {
      const { pool, precise } = setup([{ ...s(1, 0), krylov: kb(1, 1, 4) }]);
      const r = decideClaim(pool, DEF, claim(1.5, 0), precise, point(pool));
      expect(r.verdict).toBe('undecided');
      if (r.verdict !== 'undecided') return;
      expect(r).toMatchObject({ at: 0, lower: 1, rhs: 1.5, count: 1 });
      expect(r.upper).toBeGreaterThan(1.5);
    });
  });
});

describe('marginOf', () => {
  it('is the smallest rhs − lhs over live samples', () => {
    const { pool } = setup([s(1, 1), s(2.5, 1), s(9, 0)]);
    expect(marginOf(pool, claim(1, 2))).toBe(-8);
    pool.drop(2);
    expect(marginOf(pool, claim(1, 2))).toBe(0.5);
  });
});

describe('coverageOf', () => {
  it('is the exact 95 % upper bound 1 − 0.05^{1/N} on the violating fraction, about 3/N', () => {
    for (const N of [1, 10, 300, 100_000]) {
      const c = coverageOf(N, 2 * N);
      expect(c.violatingFractionBelow).toBeCloseTo(1 - Math.pow(0.05, 1 / N), 15);
      // (1 − p)^N = 0.05 exactly at the bound.
      expect(Math.pow(1 - c.violatingFractionBelow, N)).toBeCloseTo(0.05, 10);
      expect(c.violatingFractionBelow).toBeLessThan(3 / N);
      expect(c).toMatchObject({ uniformSamples: N, evidence: 2 * N, confidence: 0.95 });
    }
    expect(coverageOf(300, 1000).statement).toMatch(
      /^no violation in 1000 evaluations \(300 of them uniform on the domain\): with 95 % confidence the claim fails on less than 0.99 % of/,
    );
  });
  it('without uniform samples it says nothing about the fraction', () => {
    const c = coverageOf(0, 50);
    expect(c.violatingFractionBelow).toBe(1);
    expect(c.statement).toMatch(/none of them uniform on the domain\): nothing is said/);
  });
});

describe('checkExitCode', () => {
  const r = (verdict: string, extra: Record<string, unknown> = {}) =>
    ({ verdict, asked: 'claim', ...extra }) as unknown as ConditionResult;
  it('1 if a claim fails, before anything else', () => {
    expect(checkExitCode({ results: [r('holds'), r('inconclusive', { cause: 'objective' }), r('fails')] })).toBe(1);
  });
  it('3 if the objective failed (undefined everywhere, overflow)', () => {
    expect(checkExitCode({ results: [r('holds'), r('inconclusive', { cause: 'objective' })] })).toBe(3);
    expect(
      checkExitCode({
        results: [r('inconclusive', { cause: 'time-limit' }), r('inconclusive', { cause: 'overflow' })],
      }),
    ).toBe(3);
  });
  it('5 if a claim is inconclusive for another reason; an inconclusive estimate or a usage cause is not', () => {
    expect(checkExitCode({ results: [r('inconclusive', { cause: 'tolerance' })] })).toBe(5);
    expect(checkExitCode({ results: [r('inconclusive', { cause: 'time-limit' })] })).toBe(5);
    expect(checkExitCode({ results: [r('inconclusive', { cause: 'time-limit', asked: 'estimate' })] })).toBe(0);
    expect(checkExitCode({ results: [r('inconclusive', { cause: 'usage' })] })).toBe(0);
  });
  it('0 otherwise', () => {
    expect(checkExitCode({ results: [r('holds'), r('estimated', { asked: 'estimate' })] })).toBe(0);
    expect(checkExitCode({ results: [] })).toBe(0);
  });
});
