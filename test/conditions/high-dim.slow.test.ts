/**
 * The search in dimension ≥ 10 on analytic cases whose worst point lives on a thin structured
 * set (docs/theory.md §0.2): separable objectives Σ g(x_i) and their rotations Σ g((Qx)_i)
 * (an orthogonal Q keeps every Euclidean constant), where the worst case has one active
 * coordinate, or one active rotated direction, that uniform samples never visit. Claims 3 %
 * below the truth must fail on every seed, the tight claims must hold, and the estimates must
 * be within 5 % below the truth.
 */
import { describe, expect, it } from 'vitest';
import { checkObjective } from '../../src/conditions/check.ts';
import { floatContext } from '../../src/conditions/context.ts';
import { findCondition } from '../../src/conditions/registry.ts';
import { parseConditionSpec } from '../../src/conditions/spec.ts';
import { boxDomain } from '../../src/domains/box.ts';
import { Rng } from '../../src/core/rng.ts';
import type { Objective } from '../../src/objectives/objective.ts';
import { COSH, QUARTIC, orthogonal, separable } from '../fixtures/separable.ts';

function run(obj: Objective, specs: string[], box: [number, number], seed: number) {
  return checkObjective(obj, specs.map(parseConditionSpec), { box, seed, samples: 2000 });
}

/** The largest statistic over n uniform samples alone: what sampling without a search would report. */
function uniformOnly(obj: Objective, cond: string, B: number, box: [number, number], count: number): number {
  const def = findCondition(cond)!;
  const ctx = floatContext(obj, { fstar: 0, xstar: null });
  const d = boxDomain(obj.dim, new Array(obj.dim).fill(box[0]), new Array(obj.dim).fill(box[1]));
  let best = -Infinity;
  for (const { z } of d.initial(new Rng(1, 'u'), def.kind, count, []).filter((s) => s.origin === 'uniform')) {
    const s = def.evaluate(ctx, z, { alpha: 1 });
    if (s) best = Math.max(best, s.lhs - B * s.w);
  }
  return best;
}

const CASES: {
  name: string;
  make: () => Objective;
  condition: string;
  /** The claimed other constant and the truth of the estimated one. */
  given: string;
  truth: number;
  estimate: string;
  claim: (v: number) => string;
  box: [number, number];
  B: number;
  /** Seeds to run (the rotated case costs a dense Q per product: one seed). */
  seeds?: number[];
}[] = [
  {
    name: 'Σ ¼x_i⁴, d = 100: (L0, L1 = 1) needs L0 = 4 at x = 2e_i',
    make: () => separable(100, QUARTIC),
    condition: 'l0l1',
    given: 'L1=1',
    truth: 4,
    estimate: 'L0',
    claim: (v) => `l0l1:L0=${v},L1=1`,
    box: [-3, 3],
    B: 1,
  },
  {
    name: 'Σ ¼(Qx)_i⁴ with Q orthogonal, d = 100: the same L0 = 4, at x = 2q_i',
    make: () => separable(100, QUARTIC, orthogonal(100, 7)),
    seeds: [1],
    condition: 'l0l1',
    given: 'L1=1',
    truth: 4,
    estimate: 'L0',
    claim: (v) => `l0l1:L0=${v},L1=1`,
    box: [-3, 3],
    B: 1,
  },
  {
    name: 'Σ cosh x_i − 1, d = 100: curvature-gap with K1 = 0.5 needs K0 = (cosh 3 + 1)/2 at x = 3e_i',
    make: () => separable(100, COSH),
    condition: 'curvature-gap',
    given: 'K1=0.5',
    truth: (Math.cosh(3) + 1) / 2,
    estimate: 'K0',
    claim: (v) => `curvature-gap:K0=${v},K1=0.5`,
    box: [-3, 3],
    B: 0.5,
  },
  {
    name: 'Σ ¼x_i⁴ on [−1, 1]^100: lsmooth needs L = 3 along one coordinate at a face',
    make: () => separable(100, QUARTIC),
    condition: 'lsmooth',
    given: '',
    truth: 3,
    estimate: 'L',
    claim: (v) => `lsmooth:L=${v}`,
    box: [-1, 1],
    B: 0,
  },
];

describe('structured violations in high dimension', () => {
  for (const c of CASES) {
    it(c.name, { timeout: 300_000 }, () => {
      const obj = c.make();
      // Uniform samples alone miss the worst case by far.
      if (c.condition !== 'lsmooth')
        expect(uniformOnly(obj, c.condition, c.B, c.box, 2000)).toBeLessThan(0.5 * c.truth);
      for (const seed of c.seeds ?? [1, 2, 3]) {
        const spec = c.given ? `${c.condition}:${c.given}` : c.condition;
        const r = run(obj, [spec, c.claim(0.97 * c.truth), c.claim(c.truth * (1 + 1e-9))], c.box, seed);
        const est = r.results[0].estimate[c.estimate] as number;
        expect(est).toBeLessThanOrEqual(c.truth * (1 + 1e-9));
        expect(est).toBeGreaterThan(0.95 * c.truth);
        expect(r.results[1].verdict).toBe('fails');
        expect(r.results[2].verdict).toBe('holds');
      }
    });
  }
  it('Σ ¼x_i⁴ in d = 1000: a claim 3 % below L0 = 4 fails, and the estimate is within 5 %', () => {
    const r = run(separable(1000, QUARTIC), ['l0l1:L1=1', 'l0l1:L0=3.88,L1=1'], [-3, 3], 1);
    expect(r.results[0].estimate.L0 as number).toBeGreaterThan(3.8);
    expect(r.results[0].estimate.L0 as number).toBeLessThanOrEqual(4 * (1 + 1e-9));
    expect(r.results[1].verdict).toBe('fails');
  });
});

describe('phase retrieval, d = 100: a Hessian whose norm grows towards a corner of the box', () => {
  // ‖∇²f‖ reaches 5449 at least (the largest lsmooth estimate below; the l0l1 check finds points
  // with ‖∇²f‖ above 9000), and it is largest at corners, which a ray from the centre along an
  // eigenvector does not reach: the structured starts include the box's support corner along each
  // direction. Before, the lsmooth estimate was 1812, 2072, 5300 and 5239 at seeds 1 to 4, so a claim
  // of L = 3000 held on two seeds.
  for (const seed of [1, 2, 3])
    it(`seed ${seed}: lsmooth:L=3000 fails and the estimate is above 4500`, async () => {
      const { makeBuiltin } = await import('../../src/objectives/spec.ts');
      const r = run(makeBuiltin('phase-retrieval', ''), ['lsmooth', 'lsmooth:L=3000'], [-3, 3], seed);
      expect(r.results[1].verdict).toBe('fails');
      expect(r.results[0].estimate.L as number).toBeGreaterThan(4500);
    });
});
