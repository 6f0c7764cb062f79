/**
 * The report's default run (experiments/descent-bound.ts): the (L0, L1) step with a pair from the
 * checked frontier, and the decrease the exponential descent lemma guarantees along it, which
 * the run's own values must respect.
 */
import { describe, expect, it } from 'vitest';
import { defaultRun } from '../../src/experiments/descent-bound.ts';
import { checkObjective } from '../../src/conditions/check.ts';
import { parseConditionSpec } from '../../src/conditions/spec.ts';
import type { CheckReport } from '../../src/conditions/result.ts';
import { exprObjective } from '../../src/objectives/expr.ts';
import { expm1MinusU } from '../../src/core/special.ts';

const withFrontier = (frontier: { L1: number; L0: number | string }[], fstar?: CheckReport['fstar']) =>
  ({ results: [{ condition: 'l0l1', estimate: { frontier } }], fstar }) as unknown as CheckReport;

describe('defaultRun', () => {
  it('without a finite frontier vertex with L0 > 0 there is no run, and a note says what to pass', () => {
    const obj = exprObjective('x^2').objective;
    for (const fr of [[], [{ L1: 0, L0: 0 }], [{ L1: 0, L0: 'unbounded' }]])
      expect(defaultRun(obj, withFrontier(fr), 10, 1, [-3, 3])).toEqual({
        note: 'no finite (L0, L1) with L0 > 0 was estimated, so no default run; pass --method',
      });
  });
  it('L1 = 0: gradient descent with γ = 1/L0 and the classic decrease g²/(2L0), tight on x² (one step to 0)', () => {
    const obj = exprObjective('x^2').objective;
    const r = defaultRun(obj, withFrontier([{ L1: 0, L0: 2 }], { value: 0, source: 'given' }), 5, 1, [-3, 3]);
    if ('note' in r) throw new Error(r.note);
    expect(r.result.method.name).toBe('gd');
    expect(r.result.method.params.gamma).toBe(0.5);
    expect(r.result.trace[1].f).toBe(0);
    expect(r.bound!.values[0]).toBe(r.result.trace[0].f);
    expect(r.bound!.values[1]).toBeCloseTo(0, 12);
    expect(r.fstar).toBe(0);
    expect(r.bound!.label).toBe('guaranteed decrease under (L0, L1) = (2, 0), exponential descent lemma');
  });
  it('L1 > 0: the smoothed-clipping step, the middle vertex of the frontier, the lemma’s decrease per step', () => {
    const obj = exprObjective('x^4').objective;
    const fr = [
      { L1: 0, L0: 108 },
      { L1: 1, L0: 16 },
      { L1: 2, L0: 4 },
      { L1: 4, L0: 1 },
    ];
    const r = defaultRun(obj, withFrontier(fr, { value: 0, source: 'estimated' }), 30, 2, [-3, 3]);
    if ('note' in r) throw new Error(r.note);
    expect(r.result.method.name).toBe('precond-gd');
    expect(r.result.method.params).toMatchObject({ gamma: 1, lambda: 1 / 16, kernel: 'smooth-clip' });
    expect(r.fstar).toBeUndefined(); // an estimated f* is not drawn
    const { trace } = r.result;
    for (let t = 0; t + 1 < trace.length; t++) {
      const g = trace[t].gradNorm,
        s = g / (16 + g);
      expect(r.bound!.values[t + 1]).toBeCloseTo(r.bound!.values[t] - g * (s - expm1MinusU(s) / s), 9);
    }
  });
  it('on a checked x⁴, the run never goes above the guaranteed values', () => {
    const obj = exprObjective('x^4').objective;
    const check = checkObjective(obj, [parseConditionSpec('l0l1')], { box: [-3, 3], seed: 1, samples: 400 });
    const r = defaultRun(obj, check, 60, 3, [-3, 3]);
    if ('note' in r) throw new Error(r.note);
    r.result.trace.forEach((p, t) => expect(p.f).toBeLessThanOrEqual(r.bound!.values[t] * (1 + 1e-12) + 1e-12));
    expect(r.result.trace.at(-1)!.f).toBeLessThan(r.result.trace[0].f);
  });
});
