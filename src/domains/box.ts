/**
 * The box domain: [LO, HI]^n, or its own interval in every coordinate
 * (`box:LO:HI`, `box:LO1,...,LOn:HI1,...,HIn`). Its initial sample (docs/theory.md §0.2), in
 * two parts: first what does not depend on the special points (points at corners (5 %), uniform
 * (the rest but 20 %), on faces (10 %); pairs far (two uniform points, 35 %), near (log-uniform radii
 * down to 1e-6 of the width, 35 %), at corners (15 %)), then what does (the special points, and 10 %
 * in their neighbourhoods with radii log-uniform from 1e-8 to 0.3 of the width, or uniform points
 * when there are none; pairs anchored at the special points, or at corners, 15 %).
 */
import fc from 'fast-check';
import type { Box } from '../core/box.ts';
import type { Rng } from '../core/rng.ts';
import { UsageError } from '../errors.ts';
import {
  anchoredPairArb,
  cornerArb,
  cornerPairArb,
  faceArb,
  farPairArb,
  nearArb,
  nearPairArb,
  pointArb,
  type Bounds,
  type Pair,
} from '../generators/arbitraries.ts';
import { joinXY, type Domain, type Drawn, type InitialParts, type Origin } from './domain.ts';

/**
 * `count` draws of arb, seeded from rng, in chunks (bounded memory, no huge argument lists); `stop`
 * is asked before each chunk and ends the draw early.
 */
export function draw<T>(rng: Rng, arb: fc.Arbitrary<T>, count: number, out: T[] = [], stop?: () => boolean): T[] {
  for (let done = 0; done < count && !stop?.();) {
    const k = Math.min(4096, count - done);
    for (const v of fc.sample(arb, { seed: rng.int(2 ** 31 - 1), numRuns: k })) out.push(v);
    done += k;
  }
  return out;
}

/** A pair (x, y) stored as one vector of length 2n. */
export const joinPair = (p: Pair): Float64Array => joinXY(p.x, p.y);

export function boxDomain(n: number, lo: ArrayLike<number>, hi: ArrayLike<number>, spec?: string): Domain {
  const L = Float64Array.from(lo),
    H = Float64Array.from(hi);
  if (L.length !== n || H.length !== n) throw new UsageError(`box bounds have ${L.length} entries, expected ${n}`);
  for (let i = 0; i < n; i++)
    if (!(L[i] < H[i])) throw new UsageError(`box: coordinate ${i + 1} needs LO < HI, got ${L[i]}:${H[i]}`);
  const scalar = L.every((v) => v === L[0]) && H.every((v) => v === H[0]);
  const bounds: Box | Bounds = scalar ? [L[0], H[0]] : { lo: L, hi: H };
  let width = 0;
  for (let i = 0; i < n; i++) width = Math.max(width, H[i] - L[i]);
  const inside = (x: ArrayLike<number>) => {
    for (let i = 0; i < n; i++) if (!(x[i] >= L[i] && x[i] <= H[i])) return false;
    return true;
  };
  const corners = (rng: Rng, limit: number): Float64Array[] => {
    if (n <= 20 && 2 ** n <= limit)
      return Array.from({ length: 2 ** n }, (_, mask) =>
        Float64Array.from({ length: n }, (_v, i) => (mask & (1 << i) ? H[i] : L[i])),
      );
    return draw(rng, cornerArb(n, bounds), limit);
  };
  /**
   * The initial sample (module comment), in the order free part, then the part at the special
   * points: points at corners, uniform and on faces, then the special points and their
   * neighbourhoods (10 % of the count, uniform points when there are none); pairs far, near and at
   * corners, then anchored at the special points (at corners when there are none).
   */
  const parts = (rng: Rng, kind: 'point' | 'pair', count: number, stop?: () => boolean): InitialParts => {
    const take = <T>(r: Rng, arb: fc.Arbitrary<T>, k: number): T[] => draw(r, arb, Math.max(0, k), [], stop);
    const tag = (zs: Float64Array[], origin: Origin): Drawn[] => zs.map((z) => ({ z, origin }));
    const nCorner = Math.max(1, Math.min(Math.floor(count * 0.05), 2 ** Math.min(n, 20)));
    const cs = corners(rng.stream('corners'), nCorner);
    if (kind === 'point') {
      const nFace = Math.floor(count * 0.1),
        nNear = Math.floor(count * 0.1);
      // The uniform points before the faces: a run the time limit cuts short keeps a uniform sample.
      const corner = tag(cs.slice(0, count), 'sampled');
      const uniform = tag(take(rng.stream('uniform'), pointArb(n, bounds), count - nCorner - nFace - nNear), 'uniform');
      const faces = take(
        rng.stream('faces'),
        faceArb(n, bounds),
        Math.min(nFace, count - corner.length - uniform.length),
      );
      const free = [...corner, ...uniform, ...tag(faces, 'sampled')];
      const anchored = (special: Float64Array[]): Drawn[] => {
        const inBox = special.filter(inside);
        const room = Math.max(0, Math.min(nNear, count - free.length));
        if (inBox.length === 0) return tag(take(rng.stream('near'), pointArb(n, bounds), room), 'uniform');
        const near: Float64Array[] = [];
        const nearRng = rng.stream('near');
        for (let k = 0; k < inBox.length && near.length < room; k++)
          for (const z of take(
            nearRng,
            nearArb(inBox[k], 1e-8 * width, 0.3 * width, bounds),
            Math.ceil(room / inBox.length),
          ))
            if (near.length < room) near.push(z);
        return [
          ...tag(
            inBox.map((s) => Float64Array.from(s)),
            'special',
          ),
          ...tag(near, 'sampled'),
        ];
      };
      return { free, anchored };
    }
    const nFar = Math.floor(count * 0.35),
      nNear = Math.floor(count * 0.35),
      nAnch = Math.floor(count * 0.15);
    const free = [
      ...tag(take(rng.stream('far'), farPairArb(n, bounds), nFar).map(joinPair), 'uniform'),
      ...tag(take(rng.stream('near'), nearPairArb(n, bounds), nNear).map(joinPair), 'sampled'),
      ...tag(
        take(rng.stream('corner-pairs'), cornerPairArb(n, bounds), count - nFar - nNear - nAnch).map(joinPair),
        'sampled',
      ),
    ];
    const anchored = (special: Float64Array[]): Drawn[] => {
      const inBox = special.filter(inside);
      const k = Math.min(nAnch, Math.max(0, count - free.length));
      return tag(
        take(rng.stream('anchored'), anchoredPairArb(inBox.length > 0 ? inBox : cs, n, bounds), k).map(joinPair),
        'sampled',
      );
    };
    return { free, anchored };
  };
  return {
    spec: spec ?? (scalar ? `box:${L[0]}:${H[0]}` : `box:${Array.from(L).join(',')}:${Array.from(H).join(',')}`),
    describe: () =>
      scalar ? { kind: 'box', lo: L[0], hi: H[0] } : { kind: 'box', lo: Array.from(L), hi: Array.from(H) },
    n,
    lo: L,
    hi: H,
    width,
    contains: inside,
    project(x) {
      for (let i = 0; i < n; i++) x[i] = Math.min(H[i], Math.max(L[i], x[i]));
    },
    centre: () => Float64Array.from(L, (l, i) => 0.5 * (l + H[i])),
    starts: (rng, count) =>
      Array.from({ length: count }, () => Float64Array.from(L, (l, i) => l + (H[i] - l) * rng.uniform())),
    initial(rng, kind, count, special, stop) {
      const { free, anchored } = parts(rng, kind, count, stop);
      return [...free, ...anchored(special)];
    },
    initialParts: (rng, kind, count, stop) => parts(rng, kind, count, stop),
  };
}

/** `box:LO:HI` or `box:LO1,...:HI1,...` (the `box:` prefix optional: `--box LO:HI`). */
export function parseBoxSpec(s: string, n: number): Domain {
  const body = s.startsWith('box:') ? s.slice(4) : s;
  const m = /^\s*([^:]+):([^:]+)\s*$/.exec(body);
  const nums = (t: string) => t.split(',').map((v) => (v.trim() === '' ? NaN : Number(v)));
  if (!m) throw new UsageError(`a box is LO:HI with finite numbers, e.g. box:-3:3 (or LO1,LO2:HI1,HI2); got "${s}"`);
  let lo = nums(m[1]),
    hi = nums(m[2]);
  if (![...lo, ...hi].every(Number.isFinite))
    throw new UsageError(`a box is LO:HI with finite numbers, e.g. box:-3:3 (or LO1,LO2:HI1,HI2); got "${s}"`);
  if (lo.length === 1) lo = new Array(n).fill(lo[0]);
  if (hi.length === 1) hi = new Array(n).fill(hi[0]);
  if (lo.length !== n || hi.length !== n)
    throw new UsageError(
      `box "${s}" has ${Math.max(lo.length, hi.length)} bounds, but the objective has dimension ${n}: give one LO and one HI, or ${n} of each`,
    );
  for (let i = 0; i < n; i++)
    if (!(lo[i] < hi[i]))
      throw new UsageError(
        `box "${s}": coordinate ${i + 1} needs LO < HI (write ${Math.min(lo[i], hi[i])}:${Math.max(lo[i], hi[i])})`,
      );
  return boxDomain(n, lo, hi, `box:${m[1].trim()}:${m[2].trim()}`);
}
