/**
 * Precise re-evaluation (conditions/refine.ts): a sample is re-evaluated once, undefined ones are
 * dropped, Lanczos lower bounds only rise, and refineUntilStable re-evaluates the top 1, 2, 4, ...
 * samples until the one the estimate rests on has been re-evaluated.
 */
import { describe, expect, it } from 'vitest';
import { Pool } from '../../src/conditions/pool.ts';
import { preciseEvaluator, refineSample, refineUntilStable, type Precise } from '../../src/conditions/refine.ts';
import type { ConditionDef, EvalContext, Sample } from '../../src/conditions/model.ts';
import type { KrylovBound } from '../../src/core/krylov.ts';

const s = (lhs: number, w = 1): Sample => ({ lhs, w, lhsErr: 0, wErr: 0 });
const kb = (lower: number): KrylovBound => ({ lower, thetaMax: lower, thetaMin: 0, steps: 3, n: 50, exact: false });

/** A pool with lhs = 10, 9, ..., 1 at z = 0, 1, ..., 9. */
function tenSamples(): Pool {
  const p = new Pool('point', 1);
  for (let i = 0; i < 10; i++) p.add(Float64Array.of(i), s(10 - i), 'uniform');
  return p;
}
/** Indices of the k largest live lhs, largest first (how an estimate ranks its decisive samples). */
const rankedBy = (p: Pool) => (k: number) =>
  [...Array(p.count).keys()]
    .filter((i) => !p.isDropped(i))
    .sort((a, b) => p.lhs[b] - p.lhs[a])
    .slice(0, k);

/** Re-evaluates z < `cancelled` to lhs 0.5 (their double values were cancellation), others unchanged; counts calls. */
function precise(cancelled: number): Precise & { calls: number[] } {
  const calls: number[] = [];
  return {
    how: 'float64-error-bounded',
    calls,
    evaluate(z) {
      calls.push(z[0]);
      return z[0] < cancelled ? s(0.5) : s(10 - z[0]);
    },
  };
}

describe('refineSample', () => {
  it('re-evaluates once, keeps the precise values and marks the sample verified', () => {
    const p = tenSamples();
    const pr = precise(3);
    expect(refineSample(p, 0, pr)).toBe(true);
    expect(p.lhs[0]).toBe(0.5);
    expect(p.verified.has(0)).toBe(true);
    expect(refineSample(p, 0, pr)).toBe(true);
    expect(pr.calls).toEqual([0]);
  });
  it('drops a sample that is undefined when evaluated precisely, and says so', () => {
    const p = tenSamples();
    const undef: Precise = { how: 'bignumber-64', evaluate: (z) => (z[0] === 2 ? null : s(NaN)) };
    expect(refineSample(p, 2, undef)).toBe(false);
    expect(p.isDropped(2)).toBe(true);
    expect(refineSample(p, 2, undef)).toBe(false);
    expect(refineSample(p, 3, undef)).toBe(false); // NaN is undefined too
    expect(p.isDropped(3)).toBe(true);
  });
  it('of two Lanczos runs, the larger certain lower bound is kept', () => {
    const p = new Pool('point', 1);
    p.add(Float64Array.of(0), { ...s(4), krylov: kb(4) }, 'uniform');
    p.add(Float64Array.of(1), { ...s(4), krylov: kb(4) }, 'uniform');
    const pr: Precise = {
      how: 'float64-error-bounded',
      evaluate: (z) => ({ ...s(z[0] === 0 ? 3 : 6), krylov: kb(z[0] === 0 ? 3 : 6) }),
    };
    refineSample(p, 0, pr);
    refineSample(p, 1, pr);
    expect(p.lhs[0]).toBe(4);
    expect(p.krylov.get(0)!.lower).toBe(4);
    expect(p.lhs[1]).toBe(6);
    expect(p.krylov.get(1)!.lower).toBe(6);
  });
});

describe('refineUntilStable', () => {
  it('rounds of 1, 2, 4 samples clear a cluster of three cancelled samples at the top', () => {
    const p = tenSamples();
    const pr = precise(3);
    // Round k = 1: z = 0 (→ 0.5). k = 2: the top is now z = 1, 2 (→ 0.5). k = 4: z = 3, 4, 5, 6, unchanged;
    // the top (z = 3) is verified, so it stops after 7 re-evaluations.
    expect(refineUntilStable(p, rankedBy(p), pr)).toBe(7);
    expect(pr.calls).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(rankedBy(p)(1)).toEqual([3]);
    expect(p.lhs[3]).toBe(7);
  });
  it('stops at once when the attaining sample is already verified, and spends nothing', () => {
    const p = tenSamples();
    p.verified.add(0);
    const pr = precise(3);
    expect(refineUntilStable(p, rankedBy(p), pr)).toBe(0);
    expect(pr.calls).toEqual([]);
  });
  it('spends at most max re-evaluations', () => {
    const p = tenSamples();
    const pr = precise(10); // everything was cancelled: the estimate never settles on a verified sample
    expect(refineUntilStable(p, rankedBy(p), pr, 5)).toBe(5);
    expect(pr.calls.length).toBe(5);
  });
  it('dropped samples leave the ranking, and the next one is re-evaluated', () => {
    const p = tenSamples();
    const pr: Precise = { how: 'float64-error-bounded', evaluate: (z) => (z[0] === 0 ? null : s(10 - z[0])) };
    expect(refineUntilStable(p, rankedBy(p), pr)).toBe(3); // z = 0 (dropped), then z = 1, 2
    expect(p.isDropped(0)).toBe(true);
    expect(rankedBy(p)(1)).toEqual([1]);
  });
});

describe('preciseEvaluator', () => {
  it('evaluates the condition in the given context with its shape parameters', () => {
    const seen: unknown[] = [];
    const def = {
      evaluate: (ctx: EvalContext, z: Float64Array, shape: Record<string, number | string>) => {
        seen.push([ctx.n, z[0], shape.alpha]);
        return s(z[0] * 2);
      },
    } as unknown as ConditionDef;
    const ctx = { n: 1 } as EvalContext;
    const pr = preciseEvaluator(def, { alpha: 0.5 }, ctx, 'bignumber-64');
    expect(pr.how).toBe('bignumber-64');
    expect(pr.evaluate(Float64Array.of(3))).toEqual(s(6));
    expect(seen).toEqual([[1, 3, 0.5]]);
  });
});

describe('re-evaluation rounds told ahead (check.ts evaluates them as tasks)', () => {
  it('each round announces exactly the points it then re-evaluates, in order, before the first of them', () => {
    const p = tenSamples();
    const log: string[] = [];
    const pr: Precise = {
      how: 'float64-error-bounded',
      ahead: (zs) => log.push(`ahead ${zs.map((z) => z[0]).join(',')}`),
      evaluate: (z) => (log.push(`eval ${z[0]}`), z[0] < 3 ? s(0.5) : s(10 - z[0])),
    };
    refineUntilStable(p, rankedBy(p), pr);
    // Rounds of the top 1, 2, 4: z = 0 (re-evaluated to 0.5); then 1, 2 (both to 0.5); then 3, 4, 5, 6,
    // after which the leader (z = 3) is verified.
    expect(log).toEqual([
      'ahead 0',
      'eval 0',
      'ahead 1,2',
      'eval 1',
      'eval 2',
      'ahead 3,4,5,6',
      'eval 3',
      'eval 4',
      'eval 5',
      'eval 6',
    ]);
  });
  it('a round that throws from ahead changes nothing that a restored snapshot does not undo', () => {
    const p = tenSamples();
    p.krylov.set(5, kb(4));
    const before = JSON.stringify([Array.from(p.lhs.subarray(0, 10)), [...p.verified], [...p.krylov]]);
    let n = 0;
    const pr: Precise = {
      how: 'float64-error-bounded',
      ahead: () => {
        if (++n === 3) throw new Error('pending');
      },
      evaluate: (z) => s(0.25 * z[0]),
    };
    const restore = p.snapshot();
    expect(() => refineUntilStable(p, rankedBy(p), pr)).toThrow('pending');
    expect(p.verified.size).toBeGreaterThan(0);
    restore();
    expect(JSON.stringify([Array.from(p.lhs.subarray(0, 10)), [...p.verified], [...p.krylov]])).toBe(before);
  });
});
