/** The box [lo, hi]ⁿ (core/box.ts): membership with a relative slack, and clamping. */
import { describe, expect, it } from 'vitest';
import { clampToBox, inBox, type Box } from '../../src/core/box.ts';

describe('inBox', () => {
  const box: Box = [-3, 3];
  it('includes the faces and excludes anything beyond them', () => {
    expect(inBox([-3, 3, 0], box)).toBe(true);
    expect(inBox([3 + 1e-15, 0], box)).toBe(false);
    expect(inBox([0, -3.0000001], box)).toBe(false);
    expect(inBox([], box)).toBe(true);
  });
  it('the slack is a fraction of the width (6 here)', () => {
    expect(inBox([3.05], box, 0.01)).toBe(true); // 3.06 allowed
    expect(inBox([3.07], box, 0.01)).toBe(false);
    expect(inBox([-3.06], box, 0.01)).toBe(true);
  });
  it('NaN and infinities are never inside', () => {
    expect(inBox([0, NaN], box)).toBe(false);
    expect(inBox([Infinity], box)).toBe(false);
    expect(inBox([-Infinity], box, 0.5)).toBe(false);
  });
});

describe('clampToBox', () => {
  it('clamps each coordinate in place and returns the same array', () => {
    const x = Float64Array.from([-5, -3, 0.5, 3, 7]);
    const y = clampToBox(x, [-3, 3]);
    expect(y).toBe(x);
    expect([...x]).toEqual([-3, -3, 0.5, 3, 3]);
  });
  it('a clamped point is in the box and is the nearest such point coordinate by coordinate', () => {
    const x = Float64Array.from([1.5, -0.2, 9]);
    clampToBox(x, [0, 2]);
    expect(inBox(x, [0, 2])).toBe(true);
    expect([...x]).toEqual([1.5, 0, 2]);
  });
});
