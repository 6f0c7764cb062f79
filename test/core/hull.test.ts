/** The upper convex hull used for frontiers of tightest constants. */
import { describe, expect, it } from 'vitest';
import { fc, test } from '../fc.ts';
import { upperHull } from '../../src/core/hull.ts';

describe('upperHull', () => {
  it('the upper hull of (w, lhs) keeps the points that bound every line lhs − B·w from above (B ≥ 0)', () => {
    expect(upperHull([0, 1, 2, 3, 1.5], [4, 4.2, 6, 10, 3]).x).toEqual([0, 3]); // (1, 4.2), (2, 6) lie under the chord
    expect(upperHull([0, 1, 3, 2], [4, 7, 10, 1]).x).toEqual([0, 1, 3]);
  });
  it('drops points under a chord and stops at the highest vertex', () => {
    expect(upperHull([0, 1, 2, 3, 1.5], [4, 4.2, 6, 10, 3])).toEqual({ x: [0, 3], y: [4, 10] });
    expect(upperHull([0, 1, 3, 4], [4, 7, 10, 1]).x).toEqual([0, 1, 3]);
    expect(upperHull([1, NaN, 2], [1, 5, Infinity]).x).toEqual([1]);
  });
  test.prop([
    fc.uniqueArray(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 })), {
      minLength: 1,
      maxLength: 30,
      selector: (p) => p[0],
    }),
  ])('on a graph (distinct abscissae) every point lies on or under the hull, whose slopes decrease', (pts) => {
    const h = upperHull(
      pts.map((p) => p[0]),
      pts.map((p) => p[1]),
    );
    for (let i = 2; i < h.x.length; i++)
      expect((h.y[i] - h.y[i - 1]) / (h.x[i] - h.x[i - 1])).toBeLessThan(
        (h.y[i - 1] - h.y[i - 2]) / (h.x[i - 1] - h.x[i - 2]),
      );
    for (const [x, y] of pts) {
      if (x < h.x[0] || x > h.x[h.x.length - 1]) continue;
      let k = 0;
      while (k < h.x.length - 1 && h.x[k + 1] < x) k++;
      const yh =
        k === h.x.length - 1 ? h.y[k] : h.y[k] + ((h.y[k + 1] - h.y[k]) * (x - h.x[k])) / (h.x[k + 1] - h.x[k]);
      expect(y).toBeLessThanOrEqual(yh + 1e-9);
    }
  });
});
