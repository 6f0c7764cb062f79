/**
 * The checkers' initial sample sets (docs/theory.md §0.2), drawn with fc.sample from the
 * arbitraries of ./arbitraries.ts (one definition of every distribution) with seeds
 * from the run's Rng, so the same --seed gives the same samples. Corners are
 * enumerated when there are few of them.
 */
import fc from 'fast-check';
import type { Rng } from '../core/rng.ts';
import {
  anchoredPairArb,
  cornerArb,
  cornerPairArb,
  faceArb,
  farPairArb,
  nearArb,
  nearPairArb,
  pointArb,
  type Box,
  type Pair,
} from './arbitraries.ts';

export type { Box } from './arbitraries.ts';

/** Every corner when 2^n ≤ limit, else `limit` random ones. */
export function corners(rng: Rng, n: number, box: Box, limit: number): Float64Array[] {
  if (n <= 20 && 2 ** n <= limit) {
    return Array.from({ length: 2 ** n }, (_, mask) =>
      Float64Array.from({ length: n }, (_v, i) => (mask & (1 << i) ? box[1] : box[0])),
    );
  }
  return draw(rng, cornerArb(n, box), limit);
}

/** count draws of arb, seeded from rng. */
export function draw<T>(rng: Rng, arb: fc.Arbitrary<T>, count: number): T[] {
  if (count <= 0) return [];
  return fc.sample(arb, { seed: rng.int(2 ** 31 - 1), numRuns: count });
}

/** A pair (x, y) stored as one vector of length 2n. */
export function joinPair(p: Pair): Float64Array {
  const z = new Float64Array(p.x.length * 2);
  z.set(p.x, 0);
  z.set(p.y, p.x.length);
  return z;
}

export interface SampleSetOptions {
  n: number;
  box: Box;
  count: number;
  kind: 'point' | 'pair';
  /** Points that deserve attention: stationary points, minimisers, the start. */
  special: Float64Array[];
}

/**
 * Points: corners (5 %), the special points and their neighbourhoods (10 %, radii
 * log-uniform from 1e-8 to 0.3 of the width), faces (10 %), the rest uniform. Pairs:
 * far (35 %), near with log-uniform radii down to 1e-6 of the width (35 %), anchored at
 * special points or corners (15 %), corner pairs (the rest).
 */
export function sampleSet(rng: Rng, o: SampleSetOptions): Float64Array[] {
  const { n, box, count, kind, special } = o;
  const width = box[1] - box[0];
  const nCorner = Math.max(1, Math.min(Math.floor(count * 0.05), 2 ** Math.min(n, 20)));
  const cs = corners(rng.stream('corners'), n, box, nCorner);
  const inBox = special.filter((s) => s.every((v) => v >= box[0] && v <= box[1]));
  if (kind === 'point') {
    const out: Float64Array[] = [...cs, ...inBox.map((s) => Float64Array.from(s))];
    const nNear = inBox.length > 0 ? Math.floor(count * 0.1) : 0;
    const nearRng = rng.stream('near');
    for (let k = 0; k < inBox.length && nNear > 0; k++) {
      out.push(...draw(nearRng, nearArb(inBox[k], 1e-8 * width, 0.3 * width, box), Math.ceil(nNear / inBox.length)));
    }
    out.push(...draw(rng.stream('faces'), faceArb(n, box), Math.floor(count * 0.1)));
    out.push(...draw(rng.stream('uniform'), pointArb(n, box), count - out.length));
    return out;
  }
  const nFar = Math.floor(count * 0.35),
    nNear = Math.floor(count * 0.35),
    nAnch = Math.floor(count * 0.15);
  const pairs: Pair[] = [
    ...draw(rng.stream('far'), farPairArb(n, box), nFar),
    ...draw(rng.stream('near'), nearPairArb(n, box), nNear),
    ...draw(rng.stream('anchored'), anchoredPairArb(inBox.length > 0 ? inBox : cs, n, box), nAnch),
  ];
  pairs.push(...draw(rng.stream('corner-pairs'), cornerPairArb(n, box), count - pairs.length));
  return pairs.map(joinPair);
}
