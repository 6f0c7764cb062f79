/** The sublevel domain: hit-and-run stays in {f ≤ F}, and known constants come out (src/domains/sublevel.ts). */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.ts';
import { boxDomain } from '../../src/domains/box.ts';
import { ballDomain } from '../../src/domains/ball.ts';
import { sublevelDomain } from '../../src/domains/sublevel.ts';
import { checkObjective } from '../../src/conditions/check.ts';
import { parseConditionSpec } from '../../src/conditions/spec.ts';
import { exprObjective } from '../../src/objectives/expr.ts';
import { UsageError } from '../../src/errors.ts';

const box = (n: number, lo: number, hi: number) => boxDomain(n, new Array(n).fill(lo), new Array(n).fill(hi));

describe('sublevel:F', () => {
  it('every sample, pair end and start is in the set, and the chain covers it', () => {
    const obj = exprObjective('x1^2 + 3*x2^2 + x1*x2').objective;
    const d = sublevelDomain(obj, 1, box(2, -3, 3), { rng: new Rng(1, 'sl') });
    const pts = d.initial(new Rng(2, 'i'), 'point', 3000, []);
    for (const { z } of pts) expect(obj.value(z)).toBeLessThanOrEqual(1);
    for (const { z } of d.initial(new Rng(3, 'i'), 'pair', 500, [])) {
      expect(obj.value(z.subarray(0, 2))).toBeLessThanOrEqual(1);
      expect(obj.value(z.subarray(2))).toBeLessThanOrEqual(1);
    }
    // The set is an ellipse of area π/√(det) with det = 1·3 − ¼ = 2.75: the chain's mean of x1 is 0
    // and it reaches close to the boundary (max f ≈ 1).
    const mean = pts.reduce((s, { z }) => s + z[0], 0) / pts.length;
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(Math.max(...pts.map(({ z }) => obj.value(z)))).toBeGreaterThan(0.95);
    expect(d.notes!.join(' ')).toMatch(/hit-and-run/);
    for (const x of d.starts(new Rng(4, 's'), 20)) expect(d.contains(x)).toBe(true);
  });
  it('x² + x⁴ ≤ 2 is |x| ≤ 1, so lsmooth is 2 + 12·1 = 14', () => {
    const obj = exprObjective('x^2 + x^4').objective;
    const r = checkObjective(obj, [parseConditionSpec('lsmooth'), parseConditionSpec('lsmooth:L=13.5')], {
      box: [-3, 3],
      seed: 1,
      samples: 1000,
      domain: sublevelDomain(obj, 2, box(1, -3, 3), { rng: new Rng(1, 'sl') }),
    });
    expect(r.results[0].estimate.L as number).toBeLessThanOrEqual(14 * (1 + 1e-9));
    expect(r.results[0].estimate.L as number).toBeGreaterThan(14 * 0.97);
    expect(r.results[1].verdict).toBe('fails');
    // Every point the check evaluated, the search's included, was in the set.
    expect(Math.abs(r.results[1].counterexample!.x[0])).toBeLessThanOrEqual(1);
  });
  it('inside a ball, in dimension 30, it stays inside both', () => {
    const obj = exprObjective(Array.from({ length: 30 }, (_, i) => `x${i + 1}^4`).join(' + ')).objective;
    const d = sublevelDomain(obj, 0.5, ballDomain(new Float64Array(30), 1), { rng: new Rng(1, 'sl') });
    for (const { z } of d.initial(new Rng(5, 'i'), 'point', 300, [])) {
      expect(obj.value(z)).toBeLessThanOrEqual(0.5);
      expect(Math.hypot(...z)).toBeLessThanOrEqual(1 + 1e-12);
    }
  });
  it('a level below the minimum is an empty domain: a usage error that says how low f gets', () => {
    const obj = exprObjective('x^2 + 1').objective;
    expect(() => sublevelDomain(obj, 0.5, box(1, -3, 3), { rng: new Rng(1, 'sl') })).toThrowError(UsageError);
    expect(() => sublevelDomain(obj, 0.5, box(1, -3, 3), { rng: new Rng(1, 'sl') })).toThrowError(
      /lowest f found .* is 1/,
    );
  });
});

describe('sublevel: the initial sample stopped early (a time limit)', () => {
  it('a shorter chain gives a prefix of the full sample, inside the set; stopped at once, none', () => {
    const obj = exprObjective('x1^2 + x2^4').objective;
    const d = sublevelDomain(obj, 1, box(2, -3, 3), { rng: new Rng(1, 'sl') });
    const full = d.initial(new Rng(4, 's'), 'point', 500, []);
    let asked = 0;
    const cut = d.initial(new Rng(4, 's'), 'point', 500, [], () => ++asked > 3);
    expect(cut.length).toBeLessThan(full.length);
    expect(cut.length).toBeGreaterThan(100);
    cut.forEach((s, i) => {
      expect(Array.from(s.z)).toEqual(Array.from(full[i].z));
      expect(obj.value(s.z)).toBeLessThanOrEqual(1);
    });
    expect(d.initial(new Rng(4, 's'), 'pair', 500, [], () => true)).toEqual([]);
  });
});
