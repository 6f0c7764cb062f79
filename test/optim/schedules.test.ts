/** Step-size rules against their formulas. */
import { describe, expect, it } from 'vitest';
import { constant, gapAdaptive, linearWarmup, polyak } from '../../src/optim/schedules.ts';

const at = (t: number, f = 0, gnorm = 0) => ({ t, f, gnorm });

describe('schedules', () => {
  it('constant and linear warm-up', () => {
    expect(constant(0.3)(at(99))).toBe(0.3);
    expect([0, 1, 2, 3, 4, 10].map((t) => linearWarmup(2, 4)(at(t)))).toEqual([0.5, 1, 1.5, 2, 2, 2]);
    expect(linearWarmup(2, 0)(at(0))).toBe(2);
  });
  it('the gap rule c/(K0 + K1·max(f − f*, 0))', () => {
    expect(gapAdaptive(2, 3, 1, 0.5)(at(0, 4))).toBe(0.5 / 11);
    expect(gapAdaptive(2, 3, 1)(at(0, 0))).toBe(0.5); // below f*: the gap counts as 0
  });
  it("Polyak's θ(f − f*)/‖g‖², capped, and 0 at a zero gradient", () => {
    expect(polyak(1, 1)(at(0, 3, 2))).toBe(0.5);
    expect(polyak(1, 0.5, 0.1)(at(0, 3, 2))).toBe(0.1);
    expect(polyak(1)(at(0, 3, 0))).toBe(0);
  });
});
