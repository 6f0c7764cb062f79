/** The method block: typed parameters, defaults, the step-size rule, the default oracle. */
import { describe, expect, it } from 'vitest';
import { parseParams } from '../../src/core/params.ts';
import { batchP, choice, gammaP, int, method, num } from '../../src/optim/method.ts';
import { scaleBy } from '../../src/optim/transform.ts';

const toy = method({
  name: 'toy',
  update: 'x − γ·k·g',
  params: [
    gammaP,
    int('k', 'a whole factor', { default: 2, min: 1 }),
    choice('mode', 'a choice', ['a', 'b'], 'b'),
    batchP,
  ],
  stochastic: true,
  chain: (p, s) => [scaleBy(() => s({ t: 0, f: 0, gnorm: 0 }) * p.k * (p.mode === 'a' ? 1 : -1))],
});

describe('method()', () => {
  it('appends the step-size rule parameters and keeps the declaration order', () => {
    expect(toy.params.map((p) => p.name)).toEqual(['gamma', 'k', 'mode', 'batch', 'schedule', 'warmup', 'K0', 'K1']);
    expect(toy.params.find((p) => p.name === 'mode')!.choices).toEqual(['a', 'b']);
    expect(toy.stochastic).toBe(true);
  });
  it('builds from a parsed record; defaults fill what an API caller left out', () => {
    const plan = toy.build(parseParams('toy', 'gamma=0.5', toy.params, { defaults: true }), {});
    expect(plan.oracle.name).toBe('batch(1)');
    expect(plan.batch).toBe(1);
    expect(plan.steps).toEqual([]);
    const u = Float64Array.from([1]);
    plan.chain[0].update(u, { t: 0, f: 0, gnorm: 0 } as never, undefined);
    expect(u[0]).toBe(-1); // 0.5·2·(−1)
    const bare = toy.build({ gamma: 0.5, mode: 'a' }, {});
    const v = Float64Array.from([1]);
    bare.chain[0].update(v, { t: 0, f: 0, gnorm: 0 } as never, undefined);
    expect(v[0]).toBe(1);
  });
  it('gap and Polyak rules need f*; with it, the rule is built', () => {
    const gd = method({ name: 'g', update: '', params: [gammaP], chain: (_p, s) => [scaleBy(s)] });
    expect(() => gd.build({ gamma: 1, schedule: 'polyak' }, {})).toThrow(/needs f\*/);
    const plan = gd.build({ gamma: 1, schedule: 'gap', K0: 2, K1: 1 }, { fstar: 0 });
    expect(plan.step({ t: 0, f: 3, gnorm: 1 })).toBe(1 / 5);
    expect(plan.oracle.name).toBe('full');
  });
  it('num() declarations parse with their bounds', () => {
    const p = num('eta', 'a step', { positive: true });
    expect(() => parseParams('m', 'eta=0', [p])).toThrow(/eta must be > 0/);
  });
});
