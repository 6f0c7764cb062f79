/**
 * L-smoothness (conditions/families/lipschitz.ts) on quadratics with known constants: tight claims hold,
 * claims just below fail with a re-checked counterexample, estimates equal the truth.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../../properties/helpers.ts';

const num = (v: unknown) => v as number;

describe('L-smoothness', () => {
  it('x² with L = 2 holds (equality everywhere) and L = 1.9 fails with a 64-digit re-checked counterexample', async () => {
    const r = await check('expr:x^2', ['lsmooth:L=2', 'lsmooth:L=1.9', 'lsmooth']);
    expect(r.results[0].verdict).toBe('holds');
    expect(r.results[1].verdict).toBe('fails');
    const c = r.results[1].counterexample!;
    expect(c.recheck).toBe('bignumber-64');
    expect(c.lhs).toBeCloseTo(2, 12);
    expect(c.rhs).toBe(1.9);
    expect(c.y).not.toBeNull();
    expect(num(r.results[2].estimate.L)).toBeCloseTo(2, 9);
  });
  it('a tight claim on a built-in (no symbolic form) holds: quartic-saddle is not L-smooth, but its quadratic part is', async () => {
    const r = await check('expr:0.5*x1^2 - 0.5*x2^2 + 3*x1*x2', ['lsmooth:L=3.1622776601683795', 'lsmooth:L=3.16']);
    expect(r.results[0].verdict).toBe('holds'); // ‖[[1,3],[3,-1]]‖ = √10
    expect(r.results[1].verdict).toBe('fails');
  });
});
