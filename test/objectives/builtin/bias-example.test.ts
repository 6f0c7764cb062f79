/**
 * builtin:nsgd-bias-example (docs/theory.md §f2): two linear samples whose normalised mean is
 * nearly orthogonal to ∇F, while independent normalisation is unbiased up to a positive factor.
 */
import { describe, expect, it } from 'vitest';
import { makeBuiltin } from '../../../src/objectives/spec.ts';
import { catchesWrongGradient, finiteSumConsistent, passesVerify } from './shared.ts';

describe('bias-example', () => {
  passesVerify('nsgd-bias-example');
  catchesWrongGradient('nsgd-bias-example');
  finiteSumConsistent('nsgd-bias-example');
  const obj = makeBuiltin('nsgd-bias-example');
  const g = [0, 1].map((i) => {
    const out = new Float64Array(2);
    obj.finiteSum!.sampleGrad(i, new Float64Array(2), out);
    return [...out];
  });
  it('per-sample gradients (3, 0) and (−1, 0.1); ∇F = (1, 0.05) everywhere', () => {
    expect(g).toEqual([
      [3, 0],
      [-1, 0.1],
    ]);
    const out = new Float64Array(2);
    obj.grad(Float64Array.of(7, -3), out);
    expect([...out]).toEqual([1, 0.05]);
    expect(obj.value(Float64Array.of(2, 10))).toBeCloseTo(0.5 * (6 + (-2 + 1)), 14);
  });
  it('E[g/‖g‖] = (0.0025, 0.0498) has cosine 0.0996 with ∇F; E[g/‖g′‖] = 0.664·∇F', () => {
    const n = g.map((v) => Math.hypot(...v));
    const biased = [0, 1].map((j) => (g[0][j] / n[0] + g[1][j] / n[1]) / 2);
    expect(biased[0]).toBeCloseTo(0.0025, 4);
    expect(biased[1]).toBeCloseTo(0.0498, 4);
    const cos = (biased[0] * 1 + biased[1] * 0.05) / (Math.hypot(...biased) * Math.hypot(1, 0.05));
    expect(cos).toBeCloseTo(0.0996, 4);
    // Independent batches: E[g]·E[1/‖g′‖] = ∇F·(1/3 + 1/√1.01)/2.
    expect((1 / n[0] + 1 / n[1]) / 2).toBeCloseTo(0.664, 3);
  });
  it('is unbounded below (an estimator example, not a minimisation problem)', () => {
    expect(obj.value(Float64Array.of(-1e6, 0))).toBe(-1e6);
    expect(obj.fstar).toBeUndefined();
  });
});
