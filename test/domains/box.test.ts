/**
 * The box domain's initial sample under a time limit: `stop` ends the draw early, and what was
 * drawn is the start of the full draw (the same samples, as far as they go).
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.ts';
import { boxDomain } from '../../src/domains/box.ts';

const d = boxDomain(5, new Array(5).fill(-1), new Array(5).fill(2));
const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('box: the initial sample stopped early', () => {
  for (const kind of ['point', 'pair'] as const)
    it(`${kind}s: fewer, and a prefix of the full draw`, () => {
      const full = d.initial(new Rng(3, 's'), kind, 20_000, []);
      expect(full.length).toBe(20_000);
      // Asked before each chunk of 4096 draws: allow two chunks, then stop.
      let asked = 0;
      const cut = d.initial(new Rng(3, 's'), kind, 20_000, [], () => ++asked > 2);
      expect(cut.length).toBeLessThan(full.length);
      expect(cut.length).toBeGreaterThan(0);
      cut.forEach((s, i) => {
        expect(s.origin).toBe(full[i].origin);
        expect(same(s.z, full[i].z)).toBe(true);
      });
      // Inside the box, every one.
      for (const s of cut) for (let i = 0; i < s.z.length; i++) expect(s.z[i] >= -1 && s.z[i] <= 2).toBe(true);
    });
  it('stopped at once: only the enumerated corners remain (no chunk is drawn)', () => {
    const cut = d.initial(new Rng(3, 's'), 'point', 20_000, [], () => true);
    expect(cut.length).toBe(32);
  });
});

describe('box: the initial sample in two parts', () => {
  const special = [Float64Array.of(0, 0, 0, 0, 0), Float64Array.of(1, 1, 1, 1, 1), Float64Array.of(9, 9, 9, 9, 9)];
  for (const kind of ['point', 'pair'] as const)
    it(`${kind}s: the free part followed by the part at the special points is the initial sample`, () => {
      const whole = d.initial(new Rng(4, 's'), kind, 3000, special);
      const { free, anchored } = d.initialParts!(new Rng(4, 's'), kind, 3000);
      const joined = [...free, ...anchored(special)];
      expect(joined.length).toBe(whole.length);
      joined.forEach((s, i) => {
        expect(s.origin).toBe(whole[i].origin);
        expect(same(s.z, whole[i].z)).toBe(true);
      });
    });
  it('points: every special point inside the box once (the one outside left out), 10 % near them, the count otherwise kept', () => {
    const pts = d.initial(new Rng(5, 's'), 'point', 3000, special);
    const sp = pts.filter((s) => s.origin === 'special');
    expect(sp.map((s) => Array.from(s.z))).toEqual([Array.from(special[0]), Array.from(special[1])]);
    expect(pts.length).toBe(3000 + 2);
    const { anchored } = d.initialParts!(new Rng(5, 's'), 'point', 3000);
    const near = anchored(special).filter((s) => s.origin === 'sampled');
    expect(near.length).toBe(300);
    // Each within 0.3 of the width (3) of one of the two special points inside.
    for (const s of near)
      expect(
        Math.min(...special.slice(0, 2).map((c) => Math.hypot(...s.z.map((v, i) => v - c[i])))),
      ).toBeLessThanOrEqual(0.9 * (1 + 1e-12));
    // With no special points, uniform points take their place.
    const none = anchored([]);
    expect(none.length).toBe(300);
    expect(none.every((s) => s.origin === 'uniform')).toBe(true);
  });
  it('pairs: exactly the count; 15 % with one end at a special point inside the box', () => {
    const pairs = d.initial(new Rng(6, 's'), 'pair', 2000, special);
    expect(pairs.length).toBe(2000);
    const at = (z: Float64Array, c: Float64Array) => c.every((v, i) => z[i] === v) || c.every((v, i) => z[5 + i] === v);
    const anchoredPairs = pairs.slice(2000 - 300);
    expect(anchoredPairs.every((s) => at(s.z, special[0]) || at(s.z, special[1]))).toBe(true);
    expect(pairs.slice(0, 2000 - 300).some((s) => at(s.z, special[0]))).toBe(false);
  });
});
