/**
 * fast-check arbitraries over gensmooth's objects: the one definition of every
 * distribution the checkers sample from (the domains in src/domains/ draw from these with
 * fc.sample and a seed from the run's Rng), and what users compose in their own
 * properties (seeded, shrinkable, replayable).
 *
 * Real numbers come from 53-bit integers mapped affinely onto the interval, wrapped in
 * fc.noBias: fast-check's fc.double is uniform over representable doubles, not over
 * the interval, and its bias favours bounds and small values, which would distort a
 * sample of the box. (Inside properties, shrinking still moves towards LO.)
 */
import fc from 'fast-check';

export type { Box } from '../core/box.ts';
import type { Box } from '../core/box.ts';
const TWO53 = 2 ** 53;

/** Per-coordinate bounds [lo_i, hi_i] (a box with its own interval in every coordinate). */
export interface Bounds {
  lo: ArrayLike<number>;
  hi: ArrayLike<number>;
}

/** A scalar box [lo, hi]^n or per-coordinate bounds, as arrays of length n. */
export function boundsOf(n: number, b: Box | Bounds): { lo: Float64Array; hi: Float64Array } {
  if (Array.isArray(b)) return { lo: new Float64Array(n).fill(b[0]), hi: new Float64Array(n).fill(b[1]) };
  const bb = b as Bounds;
  return { lo: Float64Array.from(bb.lo), hi: Float64Array.from(bb.hi) };
}

/** A uniform 53-bit fraction k / 2^53 of fast-check's random source (k uniform on [0, 2^53)). */
const unit53 = (mrng: fc.Random): number =>
  (mrng.nextInt(0, 2 ** 26 - 1) * 2 ** 27 + mrng.nextInt(0, 2 ** 27 - 1)) / TWO53;

/**
 * A vector of n coordinates drawn in one call of fast-check's random source, with no bias (as
 * fc.noBias) and no per-coordinate wrapper values: drawing thousands of 100-dimensional points
 * through fc.array of fc.integer spent 45 µs a point in fast-check's machinery (docs/performance.md).
 * Shrinking moves one coordinate at a time to its bound `lo`, then (unless the coordinates are
 * two-valued, as a corner's) part of the way towards it.
 */
class VectorArbitrary extends fc.Arbitrary<Float64Array> {
  constructor(
    private readonly n: number,
    private readonly fill: (mrng: fc.Random, out: Float64Array) => void,
    private readonly lo: Float64Array | null,
    private readonly hi: Float64Array | null,
    private readonly halves = true,
  ) {
    super();
  }
  generate(mrng: fc.Random): fc.Value<Float64Array> {
    const x = new Float64Array(this.n);
    this.fill(mrng, x);
    return new fc.Value(x, undefined);
  }
  canShrinkWithoutContext(v: unknown): v is Float64Array {
    const { lo, hi } = this;
    if (!(v instanceof Float64Array) || v.length !== this.n || !lo || !hi) return false;
    for (let i = 0; i < v.length; i++)
      if (this.halves ? !(v[i] >= lo[i] && v[i] <= hi[i]) : v[i] !== lo[i] && v[i] !== hi[i]) return false;
    return true;
  }
  shrink(x: Float64Array): fc.Stream<fc.Value<Float64Array>> {
    const { lo, hi, halves } = this;
    if (!lo || !hi) return fc.Stream.nil();
    function* towards(): Generator<fc.Value<Float64Array>> {
      for (let i = 0; i < x.length; i++)
        if (x[i] !== lo![i]) {
          const y = Float64Array.from(x);
          y[i] = lo![i];
          yield new fc.Value(y, undefined);
        }
      // Then x_i − d/2, x_i − d/4, … (d = x_i − lo_i), as fast-check's integers shrink: a bisection
      // towards the smallest value that still fails.
      for (let i = 0; i < x.length && halves; i++)
        for (let d = 0.5 * (x[i] - lo![i]); d > 0; d *= 0.5) {
          const v = x[i] - d;
          if (v === x[i]) break;
          const y = Float64Array.from(x);
          y[i] = v;
          yield new fc.Value(y, undefined);
        }
    }
    return new fc.Stream(towards());
  }
}

/** The unit cube mapped affinely onto the bounds (the same doubles as uniformArb per coordinate). */
function inBounds(n: number, b: Box | Bounds): fc.Arbitrary<Float64Array> {
  const { lo, hi } = boundsOf(n, b);
  return new VectorArbitrary(
    n,
    (mrng, x) => {
      for (let i = 0; i < n; i++) x[i] = lo[i] + (hi[i] - lo[i]) * unit53(mrng);
    },
    lo,
    hi,
  );
}

/** Uniform on [lo, hi). */
export function uniformArb(lo: number, hi: number): fc.Arbitrary<number> {
  return fc.noBias(fc.integer({ min: 0, max: TWO53 - 1 })).map((k) => lo + ((hi - lo) * k) / TWO53);
}

/** Log-uniform on [lo, hi], lo > 0. */
export function logUniformArb(lo: number, hi: number): fc.Arbitrary<number> {
  return uniformArb(0, 1).map((t) => lo * Math.exp(Math.log(hi / lo) * t));
}

/** Standard normal (Box–Muller from two uniforms). */
export function normalArb(): fc.Arbitrary<number> {
  return fc
    .tuple(uniformArb(0, 1), uniformArb(0, 1))
    .map(([u, v]) => Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v));
}

/** A point of the box [lo, hi]^n. */
export function pointArb(n: number, box: Box | Bounds): fc.Arbitrary<Float64Array> {
  return inBounds(n, box);
}

/** A uniformly distributed unit vector of R^n (normalised Gaussian; the normals as normalArb's). */
export function unitArb(n: number): fc.Arbitrary<Float64Array> {
  return new VectorArbitrary(
    n,
    (mrng, v) => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const u = unit53(mrng),
          w = unit53(mrng);
        v[i] = Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
        s += v[i] * v[i];
      }
      if (s === 0) {
        v.fill(0);
        v[0] = 1;
        return;
      }
      const inv = 1 / Math.sqrt(s);
      for (let i = 0; i < n; i++) v[i] *= inv;
    },
    null,
    null,
  );
}

/** A corner of the box: every coordinate at LO or HI (each with probability ½). */
export function cornerArb(n: number, box: Box | Bounds): fc.Arbitrary<Float64Array> {
  const { lo, hi } = boundsOf(n, box);
  return new VectorArbitrary(
    n,
    (mrng, x) => {
      for (let i = 0; i < n; i++) x[i] = mrng.nextInt(0, 1) === 1 ? hi[i] : lo[i];
    },
    lo,
    hi,
    false,
  );
}

/** A point on a face: uniform, then a nonempty set of coordinates pinned to LO or HI. */
export function faceArb(n: number, box: Box | Bounds): fc.Arbitrary<Float64Array> {
  const { lo, hi } = boundsOf(n, box);
  return fc
    .tuple(pointArb(n, box), fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.boolean()), { minLength: 1, maxLength: n }))
    .map(([x, pins]) => {
      const y = Float64Array.from(x);
      for (const [i, top] of pins) y[i] = top ? hi[i] : lo[i];
      return y;
    });
}

function clampInto(y: Float64Array, lo: Float64Array, hi: Float64Array): Float64Array {
  for (let i = 0; i < y.length; i++) y[i] = Math.min(hi[i], Math.max(lo[i], y[i]));
  return y;
}

/** c + r·u with u uniform on the sphere and r log-uniform in [rmin, rmax], clamped to the box: neighbourhoods of stationary points and saddles. */
export function nearArb(c: Float64Array, rmin: number, rmax: number, box: Box | Bounds): fc.Arbitrary<Float64Array> {
  const { lo, hi } = boundsOf(c.length, box);
  return fc.tuple(unitArb(c.length), logUniformArb(rmin, rmax)).map(([u, r]) =>
    clampInto(
      Float64Array.from(c, (v, i) => v + r * u[i]),
      lo,
      hi,
    ),
  );
}

export interface Pair {
  x: Float64Array;
  y: Float64Array;
}

/** The largest side of the box (radii of near pairs are relative to it). */
export function widthOf(n: number, box: Box | Bounds): number {
  const { lo, hi } = boundsOf(n, box);
  let w = 0;
  for (let i = 0; i < n; i++) w = Math.max(w, hi[i] - lo[i]);
  return w;
}

/** Far pairs: two independent points of the box. */
export function farPairArb(n: number, box: Box | Bounds): fc.Arbitrary<Pair> {
  return fc.tuple(pointArb(n, box), pointArb(n, box)).map(([x, y]) => ({ x, y }));
}

/** Near pairs: y = x + t·u, t log-uniform in [1e-6, 0.5]·width (they reproduce the Hessian forms). */
export function nearPairArb(n: number, box: Box | Bounds): fc.Arbitrary<Pair> {
  const width = widthOf(n, box);
  return pointArb(n, box).chain((x) => nearArb(x, 1e-6 * width, 0.5 * width, box).map((y) => ({ x, y })));
}

/** Pairs with one end at an anchor (a stationary point: the asymmetric forms' worst case) and the other uniform or at a corner; both orientations. */
export function anchoredPairArb(anchors: Float64Array[], n: number, box: Box | Bounds): fc.Arbitrary<Pair> {
  return fc
    .tuple(fc.constantFrom(...anchors), fc.oneof(pointArb(n, box), cornerArb(n, box)), fc.boolean())
    .map(([a, p, flip]) => (flip ? { x: Float64Array.from(a), y: p } : { x: p, y: Float64Array.from(a) }));
}

/** Pairs with at least one end at a corner. */
export function cornerPairArb(n: number, box: Box | Bounds): fc.Arbitrary<Pair> {
  return fc.tuple(cornerArb(n, box), fc.oneof(cornerArb(n, box), pointArb(n, box))).map(([x, y]) => ({ x, y }));
}

/** Near or far pairs, as the checkers sample them. */
export function pairArb(n: number, box: Box | Bounds): fc.Arbitrary<Pair> {
  return fc.oneof(farPairArb(n, box), nearPairArb(n, box));
}

/** Built-in specs with small random instance parameters (fast to evaluate). */
export function builtinSpecArb(): fc.Arbitrary<string> {
  const seed = fc.integer({ min: 0, max: 100000 });
  return fc.oneof(
    fc
      .tuple(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 10, max: 60 }), seed)
      .map(([d, m, s]) => `builtin:phase-retrieval?d=${d}&m=${m}&seed=${s}`),
    fc
      .tuple(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 10, max: 40 }), seed)
      .map(([d, n, s]) => `builtin:dro-chi2?n=${n}&d=${d}&seed=${s}`),
    fc
      .tuple(
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 1, max: 2 }),
        fc.constantFrom(0, 0.1, 1),
        seed,
      )
      .map(([n, m, r, k, s]) => `builtin:matrix-factorization?n=${n}&m=${m}&r=${r}&kappa=${k}&seed=${s}`),
    fc
      .tuple(fc.integer({ min: 5, max: 40 }), fc.integer({ min: 1, max: 6 }), seed)
      .map(([n, d, s]) => `builtin:logistic?n=${n}&d=${d}&seed=${s}`),
    fc
      .tuple(fc.integer({ min: 1, max: 12 }), fc.double({ min: 0.1, max: 4, noNaN: true }))
      .map(([d, g]) => `builtin:quartic-saddle?d=${d}&gamma=${g}`),
    fc
      .tuple(fc.integer({ min: 2, max: 12 }), fc.constantFrom('mse', 'ce'), seed)
      .map(([n, l, s]) => `builtin:mlp?n=${n}&in=2&hidden=3&out=2&loss=${l}&seed=${s}`),
    fc.constantFrom('builtin:sigmoid-like', 'builtin:poly-quartic'),
  );
}

/**
 * Random smooth expressions in x1..xn whose derivatives exist everywhere on R^n
 * (denominators and log/sqrt arguments are kept ≥ 1): for checking the symbolic
 * differentiation and the code generator against finite differences.
 */
export function smoothExprArb(nvars: number, maxDepth = 4): fc.Arbitrary<string> {
  const { tree } = fc.letrec<{ tree: string }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true, maxDepth },
      fc.integer({ min: 1, max: nvars }).map((i) => `x${i}`),
      fc.integer({ min: -5, max: 5 }).map((c) => (c < 0 ? `(${c})` : String(c))),
      fc.double({ min: -3, max: 3, noNaN: true }).map((c) => `(${Number(c.toPrecision(4))})`),
      fc.tuple(tie('tree'), tie('tree')).map(([a, b]) => `(${a} + ${b})`),
      fc.tuple(tie('tree'), tie('tree')).map(([a, b]) => `(${a} - ${b})`),
      fc.tuple(tie('tree'), tie('tree')).map(([a, b]) => `(${a} * ${b})`),
      fc.tuple(tie('tree'), tie('tree')).map(([a, b]) => `(${a} / (1 + (${b})^2))`),
      fc.tuple(tie('tree'), fc.constantFrom(2, 3)).map(([a, k]) => `(${a})^${k}`),
      tie('tree').map((a) => `sin(${a})`),
      tie('tree').map((a) => `cos(${a})`),
      tie('tree').map((a) => `tanh(${a})`),
      tie('tree').map((a) => `exp(tanh(${a}))`),
      tie('tree').map((a) => `log(1 + (${a})^2)`),
      tie('tree').map((a) => `sqrt(1 + (${a})^2)`),
    ),
  }));
  return tree;
}
