/** The stateless scalings against hand-computed values. */
import { describe, expect, it } from 'vitest';
import type { UpdateContext } from '../../src/optim/chain.ts';
import { constant, linearWarmup } from '../../src/optim/schedules.ts';
import {
  clipByNorm,
  insgdScale,
  normalize,
  normalizeIndependent,
  precondition,
  scaleBy,
} from '../../src/optim/transform.ts';

const ctx = (aux?: number[], t = 0): UpdateContext =>
  ({ t, f: 0, gnorm: 0, gamma: NaN, aux: () => Float64Array.from(aux ?? []) }) as unknown as UpdateContext;
const apply = (tr: { update(u: Float64Array, c: UpdateContext, s: void): void }, u: number[], c = ctx()) => {
  const v = Float64Array.from(u);
  tr.update(v, c);
  return Array.from(v);
};

describe('scalings', () => {
  it('normalize(β): u/‖u‖^β; a zero vector stays zero', () => {
    const [a, b] = apply(normalize(0.5), [3, 4]);
    expect(a).toBeCloseTo(3 / Math.sqrt(5), 15);
    expect(b).toBeCloseTo(4 / Math.sqrt(5), 15);
    expect(apply(normalize(1), [0, 0])).toEqual([0, 0]);
  });
  it("normalizeIndependent(β) divides by the independent batch's norm, not u's", () => {
    expect(apply(normalizeIndependent(1), [3, 4], ctx([0, 2]))).toEqual([1.5, 2]);
  });
  it('insgdScale: u/h^β with h = max{1, (4L1γ)^{1/β}(2‖g′‖ + δ)} and γ from the step rule', () => {
    const gamma = 0.3,
      beta = 0.5,
      L1 = 2,
      delta = 1;
    const h = Math.max(1, (4 * L1 * gamma) ** (1 / beta) * (2 * 5 + delta));
    const r = apply(insgdScale(beta, L1, delta, constant(gamma)), [1, -1], ctx([3, 4]));
    expect(r[0]).toBeCloseTo(1 / h ** beta, 15);
    // h floors at 1: tiny γ leaves u unchanged.
    expect(apply(insgdScale(beta, L1, delta, constant(1e-9)), [1, -1], ctx([3, 4]))).toEqual([1, -1]);
  });
  it('clipByNorm: unchanged below the threshold, length c above', () => {
    expect(apply(clipByNorm(10), [3, 4])).toEqual([3, 4]);
    const r = apply(clipByNorm(1), [3, 4]);
    expect(Math.hypot(r[0], r[1])).toBeCloseTo(1, 15);
  });
  it('precondition with the quadratic kernel is λu; with smooth-clip λu/(1 + λ‖u‖)', () => {
    expect(apply(precondition('quadratic', 2), [3, 4])).toEqual([6, 8]);
    const r = apply(precondition('smooth-clip', 2), [3, 4]);
    expect(r[0]).toBeCloseTo((2 * 3) / (1 + 2 * 5), 14);
    expect(() => precondition('nope', 1)).toThrow(/unknown kernel/);
  });
  it('scaleBy multiplies by the rule at t and records γ_t in the context', () => {
    const c = ctx(undefined, 1);
    expect(apply(scaleBy(linearWarmup(1, 4)), [2], c)).toEqual([1]);
    expect(c.gamma).toBe(0.5);
  });
});
