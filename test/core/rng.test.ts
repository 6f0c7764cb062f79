import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.ts';
import { nrm2 } from '../../src/core/vec.ts';

describe('Rng', () => {
  it('replays exactly from the same seed and stream name', () => {
    const a = new Rng(7).stream('x'),
      b = new Rng(7).stream('x');
    for (let i = 0; i < 100; i++) expect(a.normal()).toBe(b.normal());
  });
  it('gives different numbers to different streams and seeds', () => {
    const a = new Rng(7).stream('x').uniform(),
      b = new Rng(7).stream('y').uniform(),
      c = new Rng(8).stream('x').uniform();
    expect(a).not.toBe(b);
    expect(a).not.toBe(c);
  });
  it('draws standard normals with the right moments', () => {
    const r = new Rng(1, 'moments');
    let s = 0,
      s2 = 0;
    const N = 200000;
    for (let i = 0; i < N; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / N)).toBeLessThan(0.01);
    expect(Math.abs(s2 / N - 1)).toBeLessThan(0.02);
  });
  it('puts sphere points on the sphere and ball points uniformly in the ball', () => {
    const r = new Rng(2, 'ball');
    const v = new Float64Array(5);
    let inner = 0;
    const N = 20000;
    for (let i = 0; i < N; i++) {
      expect(nrm2(r.sphere(v))).toBeCloseTo(1, 12);
      const rad = nrm2(r.ball(v, 2));
      expect(rad).toBeLessThanOrEqual(2);
      if (rad <= 2 * 0.5 ** (1 / 5)) inner++; // half the volume
    }
    expect(Math.abs(inner / N - 0.5)).toBeLessThan(0.02);
  });
  it('draws distinct indices without replacement, uniformly', () => {
    const r = new Rng(3, 'idx');
    const out = new Int32Array(4);
    const counts = new Array(10).fill(0);
    for (let t = 0; t < 20000; t++) {
      r.indicesWithout(10, 4, out);
      expect(new Set(out).size).toBe(4);
      for (const i of out) counts[i]++;
    }
    for (const c of counts) expect(Math.abs(c / 20000 - 0.4)).toBeLessThan(0.02);
    expect(() => r.indicesWithout(3, 4, out)).toThrow();
  });
});
