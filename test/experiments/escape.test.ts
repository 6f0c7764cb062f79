/** `escape` recovers the ln d slope of perturbed GD, with tolerances that catch a wrong law. */
import { describe, expect, it } from 'vitest';
import { escapeTimes, saddleInfo } from '../../src/experiments/escape.ts';
import { makeBuiltin } from '../../src/objectives/spec.ts';
import { parseMethodSpec } from '../../src/optim/methods.ts';

describe('escape', () => {
  it('strict-saddle detection: quartic-saddle at 0 is strict with λmin = −γ; a minimum is not a saddle', () => {
    const obj = makeBuiltin('quartic-saddle', 'd=6&gamma=2');
    const s = saddleInfo(obj, new Float64Array(6));
    expect(s.strict).toBe(true);
    expect(s.lambdaMin).toBeCloseTo(-2, 10);
    expect(saddleInfo(obj, obj.xstar!).strict).toBe(false);
  });
  it('PGD on quartic-saddle: the median escape time grows like ln d with slope 1/(2 ln(1 + ηγ))', () => {
    const { def, params } = parseMethodSpec('pgd:gamma=0.1,r=0.001,gthres=0.0001,tthres=1000');
    const r = escapeTimes(def, params, {
      dims: [2, 10, 100, 1000, 10000],
      runs: 15,
      radius: 0.5,
      maxIters: 2000,
      seed: 1,
      make: (d) => makeBuiltin('quartic-saddle', `d=${d}`),
    });
    expect(r.predicted!.slope).toBeCloseTo(1 / (2 * Math.log(1.1)), 10);
    expect(Math.abs(r.fit!.slope - r.predicted!.slope)).toBeLessThan(0.15 * r.predicted!.slope);
    expect(r.consistent).toBe(true);
    // A step twice as large halves (roughly) the slope: the test would catch a wrong law.
    const fast = escapeTimes(
      def,
      { ...params, gamma: 0.2 },
      {
        dims: [2, 10, 100, 1000, 10000],
        runs: 15,
        radius: 0.5,
        maxIters: 2000,
        seed: 1,
        make: (d) => makeBuiltin('quartic-saddle', `d=${d}`),
      },
    );
    expect(fast.fit!.slope).toBeLessThan(0.7 * r.fit!.slope);
  });
});
