/** Claims as data: the verdict rule, and verdicts that follow their evidence (and flip when it changes). */
import { describe, expect, it } from 'vitest';
import {
  agreesFromClaims,
  fastestClaim,
  fastestPerInstance,
  leadsClaim,
  perInstanceClaim,
  verdictOf,
  withinClaim,
} from '../../src/experiments/claims.ts';
import type { Comparison } from '../../src/experiments/compare.ts';

/** A comparison of two arms on n instances, built by hand (leaders and samples to target given). */
function fake(leaders: (string | null)[][], toTarget: Record<string, (number | null)[]>): Comparison {
  const n = leaders[0].length;
  const iv = { median: 1, lo: 1, hi: 1, coverage: 1 };
  return {
    kind: 'comparison',
    objective: 'x',
    metric: 'f',
    axis: 'per-sample gradients',
    budget: 100,
    seeds: Array.from({ length: n }, (_, i) => i + 1),
    checkpoints: leaders.map((_r, k) => 25 * (k + 1)),
    targets: Array(n).fill(0),
    leaders,
    arms: Object.entries(toTarget).map(([label, t]) => ({
      label,
      spec: label,
      runs: [],
      atCheckpoints: [],
      toTarget: t,
      summary: { atCheckpoints: leaders.map(() => iv), toTarget: iv, reached: t.filter((v) => v !== null).length },
    })),
    grid: { samples: [], values: {} },
  };
}
const meta = { id: 'c', statement: 's', reading: 'paper-text' as const };

describe('the verdict rule', () => {
  it('holds at ≥ 2/3 of the cells, not supported below 1/3, mixed between', () => {
    expect(verdictOf(6, 9)).toBe('holds');
    expect(verdictOf(5, 9)).toBe('mixed');
    expect(verdictOf(3, 9)).toBe('mixed');
    expect(verdictOf(2, 9)).toBe('not supported');
    expect(verdictOf(0, 0)).toBe('mixed');
  });
});

describe('claims from comparisons', () => {
  const A = 'A',
    B = 'B';
  it('leadsClaim counts (checkpoint, instance) cells; changing who leads flips the verdict', () => {
    const rows = [Array(9).fill(A), Array(9).fill(A)];
    const c = leadsClaim(fake(rows, { A: Array(9).fill(1), B: Array(9).fill(2) }), A, meta);
    expect(c).toMatchObject({ verdict: 'holds', instances: 9, evidence: { support: 18, cells: 18 } });
    // The same comparison with B leading everywhere: the claim that A leads is not supported.
    const flipped = leadsClaim(fake([Array(9).fill(B), Array(9).fill(B)], { A: [], B: [] }), A, meta);
    expect(flipped.verdict).toBe('not supported');
    // Half and half: mixed.
    const half = [Array(9).fill(A), Array(9).fill(B)];
    expect(leadsClaim(fake(half, { A: [], B: [] }), A, meta).verdict).toBe('mixed');
    expect(leadsClaim(fake(half, { A: [], B: [] }), [A, B], meta).verdict).toBe('holds');
  });
  it('fastestClaim: the fewest samples to target per instance (unreached never wins)', () => {
    const t = { A: [10, 10, 10, null, 10, 10], B: [20, 5, 20, 20, 20, 20] };
    const c = fake([Array(6).fill(A)], t);
    expect(fastestPerInstance(c)).toEqual([A, B, A, B, A, A]);
    expect(fastestClaim(c, [A], meta)).toMatchObject({ verdict: 'holds', evidence: { support: 4, cells: 6 } });
    // A fastest on 2 of 6 instances (exactly 1/3): mixed; on none: not supported.
    const worse = fake([Array(6).fill(A)], { A: [10, 10, 30, null, 30, 10], B: t.B });
    expect(fastestClaim(worse, [A], meta).verdict).toBe('mixed');
    const worst = fake([Array(6).fill(A)], { A: [30, 10, 30, null, 30, 30], B: t.B });
    expect(fastestClaim(worst, [A], meta).verdict).toBe('not supported');
  });
  it('withinClaim: within a factor of the fastest, per instance', () => {
    const c = fake([Array(3).fill(A)], { A: [12, 30, null], B: [10, 10, 10] });
    const w = withinClaim(c, 'A', 1.25, meta);
    expect(w.evidence.within).toEqual([true, false, false]);
    expect(w.verdict).toBe('mixed');
    expect(() => withinClaim(c, 'C', 2, meta)).toThrow(/no arm/);
  });
  it('perInstanceClaim and the single flag agreesWithPaper', () => {
    const yes = perInstanceClaim([true, true, false], { ...meta, metric: 'm', summary: 's' });
    const no = perInstanceClaim([false, false, false], { ...meta, id: 'd', metric: 'm', summary: 's' });
    expect(yes.verdict).toBe('holds');
    expect(agreesFromClaims([yes])).toBe(true);
    expect(agreesFromClaims([yes, no])).toBe(false);
    // The same claim in another reading that holds is enough.
    expect(agreesFromClaims([no, { ...yes, id: 'd', reading: 'authors-code' }, yes])).toBe(true);
    expect(agreesFromClaims([])).toBeNull();
  });
});
