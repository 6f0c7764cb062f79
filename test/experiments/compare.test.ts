/** Methods × seeds to one budget: equal spending, step-function reads, leaders, targets, determinism. */
import { describe, expect, it } from 'vitest';
import { compare, leadersOf, samplesTo, slim, valueAt } from '../../src/experiments/compare.ts';
import { makeBuiltin } from '../../src/objectives/spec.ts';
import { exprObjective } from '../../src/objectives/expr.ts';

const objective = (k: number) => makeBuiltin('logistic', `n=40&d=3&seed=${k}`);
const arms = [
  { label: 'slow', spec: 'sgd:gamma=0.01,batch=4' },
  { label: 'fast', spec: 'sgd:gamma=1,batch=4' },
  { label: 'insg', spec: 'insg:gamma=0.5,beta=1,batch=4,batch2=4' },
];
const run = (seeds = [1, 2, 3]) =>
  compare({ objective, objectiveSpec: 'logistic?seed={seed}', arms, seeds, budget: 400, checkpoints: [100, 400] });

describe('reading records', () => {
  it('valueAt is the last record at or before c (∞ when not finite); samplesTo the first at or below the target', () => {
    expect(valueAt([0, 10, 20], [5, 3, NaN], 15)).toBe(3);
    expect(valueAt([0, 10, 20], [5, 3, NaN], 25)).toBe(Infinity);
    expect(valueAt([10], [1], 5)).toBe(Infinity);
    expect(samplesTo([0, 10, 20], [5, 3, 1], 3)).toBe(10);
    expect(samplesTo([0, 10], [5, 4], 3)).toBeNull();
  });
  it('leadersOf: per checkpoint and instance the lowest value, null when none is finite', () => {
    const at = [
      [[1, Infinity]], // arm a, one instance, two checkpoints
      [[2, Infinity]],
    ];
    expect(leadersOf(['a', 'b'], at)).toEqual([['a'], [null]]);
  });
});

describe('compare', () => {
  it('every arm spends the budget (within one step) on every instance, recorded densely', () => {
    const { result } = run();
    for (const a of result.arms)
      for (const r of a.runs) {
        const last = r.samples[r.samples.length - 1];
        expect(last).toBeGreaterThanOrEqual(400);
        expect(last).toBeLessThan(400 + 8);
        expect(r.samples.length).toBeGreaterThan(50);
      }
    expect(result.axis).toBe('per-sample gradients');
    expect(result.leaders).toHaveLength(2);
    expect(result.grid.values.fast).toHaveLength(3);
  });
  it('the large step leads and reaches the default target (the median of the arms’ best values) first', () => {
    const { result } = run();
    expect(result.leaders[1]).toEqual(['fast', 'fast', 'fast']);
    const fast = result.arms[1];
    expect(fast.summary.reached).toBe(3);
    expect(result.arms[0].summary.reached).toBe(0);
  });
  it('the same seeds give the same results, byte for byte; other seeds other results', () => {
    const a = JSON.stringify(slim(run().result)),
      b = JSON.stringify(slim(run().result)),
      c = JSON.stringify(slim(run([4, 5, 6]).result));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
  it('a metric replaces f in the records; full-batch methods count n per step; without samples the axis is iterations', () => {
    const { result } = compare({
      objective,
      objectiveSpec: 'x',
      arms: [{ label: 'gd', spec: 'gd:gamma=0.5' }],
      seeds: [1],
      budget: 200,
      metric: { name: '2f', of: (o, x) => 2 * o.value(x) },
    });
    const r = result.arms[0].runs[0];
    expect(r.samples[1]).toBe(40);
    expect(r.samples.at(-1)).toBe(200);
    const obj = objective(1);
    expect(r.values[0]).toBeCloseTo(2 * obj.value(obj.x0 ? Float64Array.from(obj.x0) : new Float64Array(3)), 10);
    const q = compare({
      objective: () => exprObjective('x^2').objective,
      objectiveSpec: 'expr:x^2',
      arms: [{ label: 'gd', spec: 'gd:gamma=0.1', start: () => Float64Array.from([1]) }],
      seeds: [1],
      budget: 10,
    }).result;
    expect(q.axis).toBe('iterations');
    expect(q.arms[0].runs[0].values[10]).toBeCloseTo(0.8 ** 20, 14);
  });
});
