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
