/** The shared comparison: leaders at decades of samples, tail means, ranking, and its plot. */
import { describe, expect, it } from 'vitest';
import { makeBuiltin } from '../../../src/objectives/spec.ts';
import { compareMethods, fmt, runArms, tail } from '../../../src/experiments/published/arms.ts';

const obj = makeBuiltin('logistic', 'n=40&d=3&seed=2');
const arms = [
  { label: 'tiny step', spec: 'sgd:gamma=0.001,batch=4', iters: 500 },
  { label: 'good step', spec: 'sgd:gamma=0.5,batch=4', iters: 500 },
];

describe('arms', () => {
  it('runArms records about 200 points per arm', () => {
    const runs = runArms(obj, arms, 1);
    expect(runs[0].run.trace.length).toBeGreaterThanOrEqual(200);
    expect(tail(runs[1].run)).toBeLessThan(tail(runs[0].run));
  });
  it('compareMethods ranks the good step first and agrees when it is the claimed winner', () => {
    const o = compareMethods('x', 'x', obj, arms, 1, ['s'], 'good step');
    expect(o.agreesWithPaper).toBe(true);
    expect(o.observed.at(-1)).toBe('ranking, best first: good step < tiny step');
    expect(compareMethods('x', 'x', obj, arms, 1, ['s'], 'tiny step').agreesWithPaper).toBe(false);
    expect(o.plots[0].spec.series).toHaveLength(2);
  });
  it('fmt keeps four significant digits', () => {
    expect(fmt(2 / 3)).toBe('0.6667');
    expect(fmt(12345)).toBe('12350');
  });
});
