/** The ball domain samples, projects and searches only inside itself (src/domains/ball.ts). */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { Rng } from '../../src/core/rng.ts';
import { ballDomain } from '../../src/domains/ball.ts';
import { checkObjective } from '../../src/conditions/check.ts';
import { parseConditionSpec } from '../../src/conditions/spec.ts';
import { separable, QUARTIC, orthogonal } from '../fixtures/separable.ts';

const real = (a: number, b: number) => fc.double({ min: a, max: b, noNaN: true, noDefaultInfinity: true });

describe('ball:R', () => {
  test.prop([
    fc.integer({ min: 1, max: 12 }),
    real(0.1, 5),
    fc.array(real(-3, 3), { minLength: 12, maxLength: 12 }),
    fc.constantFrom('point', 'pair'),
  ])('every initial sample, start and projected point lies in the ball', (n, R, c, kind) => {
    const centre = Float64Array.from(c.slice(0, n));
    const d = ballDomain(centre, R);
    const inside = (x: ArrayLike<number>) => Math.hypot(...Array.from(x, (v, i) => v - centre[i])) <= R * (1 + 1e-12);
    for (const { z } of d.initial(new Rng(1, 't'), kind as 'point' | 'pair', 60, [centre])) {
      expect(inside(z.subarray(0, n))).toBe(true);
      if (kind === 'pair') expect(inside(z.subarray(n))).toBe(true);
    }
    for (const x of d.starts(new Rng(2, 's'), 10)) expect(inside(x)).toBe(true);
    const far = Float64Array.from(centre, (v) => v + 10 * R);
    d.project(far);
    expect(inside(far)).toBe(true);
    expect(Math.hypot(...Array.from(far, (v, i) => v - centre[i]))).toBeCloseTo(R, 10);
  });
  it('its uniform samples are uniform: the fraction within radius R/2 is 2^(−n)', () => {
    const d = ballDomain(new Float64Array(3), 2);
    const pts = d.initial(new Rng(3, 'u'), 'point', 20000, []).filter((s) => s.origin === 'uniform');
    const frac = pts.filter(({ z }) => Math.hypot(z[0], z[1], z[2]) <= 1).length / pts.length;
    expect(Math.abs(frac - 1 / 8)).toBeLessThan(4 * Math.sqrt(((1 / 8) * (7 / 8)) / pts.length));
  });
  it('is rotation-invariant: the rotated quartic has the constants of the separable one on a ball (d = 20)', () => {
    const spec = [parseConditionSpec('l0l1:L1=1')];
    const opts = {
      box: [-3, 3] as [number, number],
      seed: 1,
      samples: 1000,
      domain: ballDomain(new Float64Array(20), 2.5),
    };
    const a = checkObjective(separable(20, QUARTIC), spec, opts).results[0].estimate.L0 as number;
    const b = checkObjective(separable(20, QUARTIC, orthogonal(20, 3)), spec, opts).results[0].estimate.L0 as number;
    // sup over the ball of 3t² − t³ at t = 2: 4, reached at x = 2e_i (and 2q_i).
    for (const v of [a, b]) {
      expect(v).toBeLessThanOrEqual(4 * (1 + 1e-9));
      expect(v).toBeGreaterThan(3.8);
    }
  });
});
