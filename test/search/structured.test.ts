/**
 * Structured starts (search/structured.ts): every point and pair lies in the domain, coordinate
 * starts move one coordinate to a bound or half-way, rays run along their direction up to the
 * boundary, pairs are near along that direction or anchored at the centre; all seeded.
 */
import { describe, expect, it } from 'vitest';
import { centresOf, structuredPairs, structuredPoints } from '../../src/search/structured.ts';
import { boxDomain } from '../../src/domains/box.ts';
import { Rng } from '../../src/core/rng.ts';

const n = 12;
const lo = Array.from({ length: n }, (_, i) => -1 - i / 10),
  hi = Array.from({ length: n }, (_, i) => 2 + i / 5);
const d = boxDomain(n, lo, hi);
const inside = (x: Float64Array) => x.every((v, i) => v >= lo[i] && v <= hi[i]);
const unitDir = () => {
  const v = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
  const s = Math.hypot(...v);
  return v.map((t) => t / s);
};

describe('centresOf', () => {
  it('the special points inside the domain, then its centre, without repeats, at most max', () => {
    const a = new Float64Array(n).fill(0.5),
      out = new Float64Array(n).fill(50);
    const cs = centresOf(d, [a, out, Float64Array.from(a)]);
    expect(cs).toHaveLength(2);
    expect([...cs[0]]).toEqual([...a]);
    expect([...cs[1]]).toEqual(lo.map((l, i) => (l + hi[i]) / 2));
    expect(centresOf(d, [a, new Float64Array(n).fill(0.25), new Float64Array(n).fill(0.75)], 2)).toHaveLength(2);
    cs[0][0] = 9; // copies, not views of the caller's points
    expect(a[0]).toBe(0.5);
  });
});

describe('structuredPoints', () => {
  const centres = centresOf(d, [new Float64Array(n).fill(0.5)]);
  const dir = unitDir();
  const pts = structuredPoints(d, centres, [dir], new Rng(3), 200);
  it('stays inside the domain and within max', () => {
    expect(pts.length).toBeGreaterThan(50);
    expect(pts.length).toBeLessThanOrEqual(200);
    for (const p of pts) expect(inside(p.x)).toBe(true);
    expect(structuredPoints(d, centres, [dir], new Rng(3), 7)).toHaveLength(7);
  });
  it('rays first: c + f·T·(±v) for f = ¼, ½, 1, the last one on the boundary', () => {
    const rays = pts.slice(0, 12); // 2 centres × 2 signs × 3 fractions
    for (const p of rays) {
      const t = p.x.map((v, i) => (v - p.centre[i]) / p.dir[i]);
      for (const ti of t) expect(ti).toBeCloseTo(t[0], 9);
      expect(Math.abs(Math.hypot(...p.dir) - 1)).toBeLessThan(1e-12);
    }
    const ends = [rays[2], rays[5]].map((p) =>
      p.x.some((v, i) => Math.abs(v - lo[i]) < 1e-12 || Math.abs(v - hi[i]) < 1e-12),
    );
    expect(ends).toEqual([true, true]);
  });
  it('coordinate starts differ from their centre in one coordinate, moved to a bound or half-way to it', () => {
    const coord = pts.filter((p) => p.dir.filter((v) => v !== 0).length === 1);
    expect(coord.length).toBeGreaterThan(16);
    for (const p of coord) {
      const i = p.dir.findIndex((v) => v === 1);
      expect(i).toBeGreaterThanOrEqual(0);
      p.x.forEach((v, k) => {
        if (k !== i) expect(v).toBe(p.centre[k]);
      });
      const c = p.centre[i];
      expect([lo[i], hi[i], c + (lo[i] - c) / 2, c + (hi[i] - c) / 2].some((e) => Math.abs(e - p.x[i]) < 1e-12)).toBe(
        true,
      );
    }
  });
  it('2-sparse corners: two coordinates at bounds, the direction their unit difference', () => {
    const two = pts.filter((p) => p.dir.filter((v) => v !== 0).length === 2);
    expect(two.length).toBeGreaterThan(0);
    for (const p of two) {
      const idx = [...p.dir.keys()].filter((k) => p.dir[k] !== 0);
      for (const i of idx) expect([lo[i], hi[i]]).toContain(p.x[i]);
      expect(Math.hypot(...p.dir)).toBeCloseTo(1, 12);
    }
  });
  it('is a function of its seed', () => {
    const again = structuredPoints(d, centres, [dir], new Rng(3), 200);
    expect(again.map((p) => [...p.x])).toEqual(pts.map((p) => [...p.x]));
    const other = structuredPoints(d, centres, [dir], new Rng(4), 200);
    expect(other.map((p) => [...p.x])).not.toEqual(pts.map((p) => [...p.x]));
  });
});

describe('structuredPairs', () => {
  const centres = centresOf(d, []);
  const pts = structuredPoints(d, centres, [unitDir()], new Rng(1), 40);
  const pairs = structuredPairs(d, pts, 100);
  it('pairs of 2n numbers, both halves in the domain, at most max', () => {
    expect(pairs.length).toBe(100);
    for (const z of pairs) {
      expect(z.length).toBe(2 * n);
      expect(inside(z.subarray(0, n))).toBe(true);
      expect(inside(z.subarray(n))).toBe(true);
    }
    expect(structuredPairs(d, pts, 5)).toHaveLength(5);
  });
  it('near pairs step 1e-3 of the width along the direction; the others are anchored at the centre', () => {
    const p = pts[0];
    const [near, far, a, b] = structuredPairs(d, [p], 10);
    const y = near.subarray(n);
    expect([...near.subarray(0, n)]).toEqual([...p.x]);
    y.forEach((v, i) =>
      expect(v).toBeCloseTo(Math.min(hi[i], Math.max(lo[i], p.x[i] + 1e-3 * d.width * p.dir[i])), 12),
    );
    expect(far.subarray(n).some((v, i) => v !== p.x[i])).toBe(true);
    expect([...a.subarray(n)]).toEqual([...p.centre]);
    expect([...b.subarray(0, n)]).toEqual([...p.centre]);
  });
});
