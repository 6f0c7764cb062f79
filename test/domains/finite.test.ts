/** Trajectories and files of points (src/domains/finite.ts, src/domains/parse.ts). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.ts';
import { finiteDomain, readPoints } from '../../src/domains/finite.ts';
import { parseDomain } from '../../src/domains/parse.ts';
import { checkObjective } from '../../src/conditions/check.ts';
import { parseConditionSpec } from '../../src/conditions/spec.ts';
import { exprObjective } from '../../src/objectives/expr.ts';

const dir = mkdtempSync(join(tmpdir(), 'gs-points-'));

describe('finite domains', () => {
  const pts = [
    [0, 0],
    [1, 0],
    [1, 2],
    [3, 1],
  ].map((p) => Float64Array.from(p));
  it('evaluate every point, and every pair of consecutive points; a holds is exhaustive', () => {
    const d = finiteDomain(pts, { spec: 'points:test', describe: { kind: 'points' } });
    expect(d.initial(new Rng(1, 'x'), 'point', 2000, []).map((s) => Array.from(s.z))).toEqual(
      pts.map((p) => Array.from(p)),
    );
    expect(d.initial(new Rng(1, 'x'), 'pair', 2000, [])).toHaveLength(3);
    const obj = exprObjective('x1^2 + x2^4').objective;
    const r = checkObjective(obj, [parseConditionSpec('lsmooth'), parseConditionSpec('lsmooth:L=100')], {
      box: [-3, 3],
      seed: 1,
      samples: 2000,
      domain: d,
    });
    // The exact maximum over the three consecutive pairs of ‖∇f(x) − ∇f(y)‖/‖x − y‖.
    const grad = (p: Float64Array) => [2 * p[0], 4 * p[1] ** 3];
    const exact = Math.max(
      ...[0, 1, 2].map((k) => {
        const a = grad(pts[k]),
          b = grad(pts[k + 1]);
        return Math.hypot(a[0] - b[0], a[1] - b[1]) / Math.hypot(pts[k][0] - pts[k + 1][0], pts[k][1] - pts[k + 1][1]);
      }),
    );
    expect(r.results[0].estimate.L as number).toBeCloseTo(exact, 10);
    expect(r.results[0].samples).toBe(3);
    const h = r.results[1];
    expect(h.verdict).toBe('holds');
    if (h.verdict === 'holds') expect(h.coverage!.exhaustive).toBe(true);
  });
  it('a tube of radius r: samples and projections stay within r of a point', () => {
    const d = finiteDomain(pts, { spec: 't', describe: {}, tube: 0.1 });
    const near = (x: ArrayLike<number>) => Math.min(...pts.map((p) => Math.hypot(x[0] - p[0], x[1] - p[1])));
    for (const { z } of d.initial(new Rng(2, 'x'), 'point', 200, [])) expect(near(z)).toBeLessThanOrEqual(0.1 + 1e-12);
    const x = Float64Array.from([2, 2]);
    d.project(x);
    expect(near(x)).toBeCloseTo(0.1, 12);
  });
  it('a trajectory is the iterates of the run (--iters, the start)', () => {
    const obj = exprObjective('x1^2 + 2*x2^2').objective;
    const d = parseDomain('trajectory:gd:gamma=0.1', { obj, seed: 1, iters: 5, x0: Float64Array.from([1, 1]) });
    const first = d.initial(new Rng(1, 'x'), 'point', 100, []).map((s) => Array.from(s.z));
    expect(first).toHaveLength(6);
    expect(first[1][0]).toBeCloseTo(0.8, 14); // x − 0.1·2x
    expect(first[1][1]).toBeCloseTo(0.6, 14); // y − 0.1·4y
    const t = parseDomain('trajectory:gd:gamma=0.1,tube=0.05', {
      obj,
      seed: 1,
      iters: 5,
      x0: Float64Array.from([1, 1]),
    });
    expect(t.describe()).toMatchObject({ kind: 'trajectory', tube: 0.05, points: 6 });
  });
  it('reads JSON and CSV points, and says what is wrong with a bad file', () => {
    writeFileSync(join(dir, 'a.json'), '[[1, 2], [3, 4.5]]');
    writeFileSync(join(dir, 'b.csv'), 'x1,x2\n1,2\n3,4.5\n');
    expect(readPoints(join(dir, 'a.json'), 2).map((p) => Array.from(p))).toEqual([
      [1, 2],
      [3, 4.5],
    ]);
    expect(readPoints(join(dir, 'b.csv'), 2).map((p) => Array.from(p))).toEqual([
      [1, 2],
      [3, 4.5],
    ]);
    expect(() => readPoints(join(dir, 'a.json'), 3)).toThrowError(
      /point 1 has 2 coordinates, but the objective has dimension 3/,
    );
    writeFileSync(join(dir, 'c.csv'), '1,2\n3,abc\n');
    expect(() => readPoints(join(dir, 'c.csv'), 2)).toThrowError(/point 2, coordinate 2/);
    writeFileSync(join(dir, 'd.json'), '{"x": 1}');
    expect(() => readPoints(join(dir, 'd.json'), 2)).toThrowError(/array of points/);
    expect(() => readPoints(join(dir, 'none.json'), 2)).toThrowError(/cannot read/);
  });
  it('parseDomain: unknown kinds and malformed specs are usage errors naming the fix', () => {
    const obj = exprObjective('x1^2 + x2^2').objective;
    expect(() => parseDomain('cube:1', { obj, seed: 1 })).toThrowError(/unknown domain "cube".*ball:R/);
    expect(() => parseDomain('ball:-1', { obj, seed: 1 })).toThrowError(/radius R > 0/);
    expect(() => parseDomain('ball:1', { obj, seed: 1 })).toThrowError(/--center/);
    expect(() => parseDomain('sublevel:x', { obj, seed: 1 })).toThrowError(/finite level/);
    expect(() => parseDomain('sublevel:1:cube', { obj, seed: 1 })).toThrowError(/inside a box or a ball/);
  });
});
