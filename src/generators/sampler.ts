/**
 * The seeded samplers the checkers draw from (theory.md §0.2): points in a box,
 * box corners and faces, neighbourhoods of special points (stationary points,
 * minimisers, the start), and pairs near (log-uniform radii) and far, including
 * far pairs anchored at low-gradient points. Plain functions of an Rng stream, so
 * the fast-check arbitraries in ./arbitraries.ts and the engine share one
 * definition of each distribution.
 */
import type { Rng } from '../core/rng.ts';

export type Box = [number, number];

export function uniformPoint(rng: Rng, n: number, box: Box): Float64Array {
  return rng.fillUniform(new Float64Array(n), box[0], box[1]);
}

/** A corner of the box: every coordinate at LO or HI. Enumerated when 2^n ≤ limit, else random. */
export function corners(rng: Rng, n: number, box: Box, limit: number): Float64Array[] {
  const out: Float64Array[] = [];
  if (n <= 20 && 2 ** n <= limit) {
    for (let mask = 0; mask < 2 ** n; mask++) {
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) x[i] = mask & (1 << i) ? box[1] : box[0];
      out.push(x);
    }
    return out;
  }
  for (let k = 0; k < limit; k++) {
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = rng.uniform() < 0.5 ? box[0] : box[1];
    out.push(x);
  }
  return out;
}

/** A point on a face: uniform, then a random nonempty set of coordinates pinned to LO or HI. */
export function facePoint(rng: Rng, n: number, box: Box): Float64Array {
  const x = uniformPoint(rng, n, box);
  const k = 1 + rng.int(n);
  for (let j = 0; j < k; j++) x[rng.int(n)] = rng.uniform() < 0.5 ? box[0] : box[1];
  return x;
}

/** Project into the box. */
export function clampToBox(x: Float64Array, box: Box): Float64Array {
  for (let i = 0; i < x.length; i++) x[i] = Math.min(box[1], Math.max(box[0], x[i]));
  return x;
}

/** A point at log-uniform distance in [rmin, rmax] from c in a uniform direction, clamped to the box. */
export function nearPoint(rng: Rng, c: Float64Array, box: Box, rmin: number, rmax: number): Float64Array {
  const n = c.length;
  const u = rng.sphere(new Float64Array(n));
  const r = rng.logUniform(rmin, rmax);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = c[i] + r * u[i];
  return clampToBox(y, box);
}

/** A pair (x, y) stored as one vector of length 2n. */
export function joinPair(x: Float64Array, y: Float64Array): Float64Array {
  const z = new Float64Array(x.length * 2);
  z.set(x, 0);
  z.set(y, x.length);
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
 * The initial sample set for a condition: for points, 70 % uniform, corners,
 * faces, and neighbourhoods of the special points; for pairs, far pairs, near pairs
 * with log-uniform radii down to 1e-6 of the box width, pairs anchored at special
 * points, and corner pairs.
 */
export function sampleSet(rng: Rng, o: SampleSetOptions): Float64Array[] {
  const { n, box, count, kind, special } = o;
  const width = box[1] - box[0];
  const out: Float64Array[] = [];
  const nCorner = Math.max(1, Math.min(Math.floor(count * 0.05), 2 ** Math.min(n, 20)));
  const cs = corners(rng.stream('corners'), n, box, nCorner);
  const inBox = special.filter((s) => s.every((v) => v >= box[0] && v <= box[1]));
  if (kind === 'point') {
    out.push(...cs);
    for (const s of inBox) out.push(Float64Array.from(s));
    const nearRng = rng.stream('near');
    if (inBox.length > 0) {
      const k = Math.floor(count * 0.1);
      for (let i = 0; i < k; i++) out.push(nearPoint(nearRng, inBox[i % inBox.length], box, 1e-8 * width, 0.3 * width));
    }
    const faceRng = rng.stream('faces');
    for (let i = 0; i < Math.floor(count * 0.1); i++) out.push(facePoint(faceRng, n, box));
    const u = rng.stream('uniform');
    while (out.length < count) out.push(uniformPoint(u, n, box));
    return out;
  }
  const far = rng.stream('far'), near = rng.stream('near'), anch = rng.stream('anchored'), cor = rng.stream('corner-pairs');
  const nFar = Math.floor(count * 0.35), nNear = Math.floor(count * 0.35), nAnch = Math.floor(count * 0.15);
  for (let i = 0; i < nFar; i++) out.push(joinPair(uniformPoint(far, n, box), uniformPoint(far, n, box)));
  for (let i = 0; i < nNear; i++) {
    const x = uniformPoint(near, n, box);
    out.push(joinPair(x, nearPoint(near, x, box, 1e-6 * width, 0.5 * width)));
  }
  const anchors = inBox.length > 0 ? inBox : cs;
  for (let i = 0; i < nAnch; i++) {
    const y = anchors[i % anchors.length];
    const x = anch.uniform() < 0.5 ? cs[anch.int(cs.length)] : uniformPoint(anch, n, box);
    out.push(joinPair(Float64Array.from(x), Float64Array.from(y)));
    // Both orientations: the reference point matters for the asymmetric forms.
    if (out.length < count) out.push(joinPair(Float64Array.from(y), Float64Array.from(x)));
  }
  while (out.length < count) {
    const x = cs[cor.int(cs.length)];
    const y = cor.uniform() < 0.5 ? cs[cor.int(cs.length)] : uniformPoint(cor, n, box);
    if (x.every((v, i) => v === y[i])) continue;
    out.push(joinPair(Float64Array.from(x), Float64Array.from(y)));
  }
  return out.slice(0, Math.max(count, out.length));
}
