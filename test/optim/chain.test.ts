/** The transform interface: explicit state per transform, applied in chain order. */
import { describe, expect, it } from 'vitest';
import { applyChain, initChain, stateless, type UpdateContext } from '../../src/optim/chain.ts';
import { momentum, normalize, scaleBy } from '../../src/optim/transform.ts';
import { constant } from '../../src/optim/schedules.ts';

const ctx = () => ({ t: 0, f: 0, gnorm: 0, gamma: NaN }) as unknown as UpdateContext;

describe('chains', () => {
  it('initChain returns one state per transform (undefined for stateless ones)', () => {
    const chain = [momentum(0.5), normalize(1), scaleBy(constant(2))];
    const states = initChain(chain, 3);
    expect(states).toHaveLength(3);
    expect(states[1]).toBeUndefined();
    expect((states[0] as { d: Float64Array }).d).toHaveLength(3);
  });
  it('order matters: normalise-then-scale has length γ, scale-then-normalise has length 1', () => {
    const a = Float64Array.from([3, 4]),
      b = Float64Array.from([3, 4]);
    const c1 = [normalize(1), scaleBy(constant(0.1))],
      c2 = [scaleBy(constant(0.1)), normalize(1)];
    applyChain(c1, initChain(c1, 2), a, ctx());
    applyChain(c2, initChain(c2, 2), b, ctx());
    expect(Math.hypot(a[0], a[1])).toBeCloseTo(0.1, 15);
    expect(Math.hypot(b[0], b[1])).toBeCloseTo(1, 15);
  });
  it('each transform gets its own state back, and two chains of the same transform do not share it', () => {
    const m = momentum(0.5);
    const chain = [m];
    const s1 = initChain(chain, 1),
      s2 = initChain(chain, 1);
    applyChain(chain, s1, Float64Array.from([2]), ctx());
    const u = Float64Array.from([4]);
    applyChain(chain, s1, u, ctx());
    expect(u[0]).toBe(3); // 0.5·2 + 0.5·4
    const v = Float64Array.from([4]);
    applyChain(chain, s2, v, ctx());
    expect(v[0]).toBe(4); // a fresh state: first update passes through
  });
  it('stateless wraps a pure update', () => {
    const t = stateless('double', (u) => u.forEach((x, i) => (u[i] = 2 * x)));
    const u = Float64Array.from([1, -2]);
    t.update(u, ctx(), t.init(2));
    expect(Array.from(u)).toEqual([2, -4]);
  });
});
