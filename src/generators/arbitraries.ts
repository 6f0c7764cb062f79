/**
 * fast-check arbitraries over gensmooth's objects, for users' own properties and
 * for our suites: points in a box, pairs near and far, unit directions, built-in
 * instances, and random expr: objectives with known structure. All doubles have
 * finite bounds and noNaN (fast-check's doubles are NaN/±∞ otherwise).
 */
import fc from 'fast-check';
import type { Box } from './sampler.ts';

/** A point of the box [lo, hi]^n. */
export function pointArb(n: number, box: Box): fc.Arbitrary<Float64Array> {
  return fc.array(fc.double({ min: box[0], max: box[1], noNaN: true, noDefaultInfinity: true }), { minLength: n, maxLength: n }).map((a) => Float64Array.from(a));
}

/** A unit vector of R^n (normalised Gaussian-like draw; the zero vector is mapped to e1). */
export function unitArb(n: number): fc.Arbitrary<Float64Array> {
  return fc.array(fc.double({ min: -1, max: 1, noNaN: true, noDefaultInfinity: true }), { minLength: n, maxLength: n }).map((a) => {
    const v = Float64Array.from(a);
    let s = 0;
    for (const t of v) s += t * t;
    if (s === 0) { v[0] = 1; return v; }
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < n; i++) v[i] *= inv;
    return v;
  });
}

/** A pair (x, y) in the box: far (independent) or near (y = x + t·u, t log-uniform in [1e-6, 1]·width). */
export function pairArb(n: number, box: Box): fc.Arbitrary<{ x: Float64Array; y: Float64Array }> {
  const width = box[1] - box[0];
  const far = fc.tuple(pointArb(n, box), pointArb(n, box)).map(([x, y]) => ({ x, y }));
  const near = fc.tuple(pointArb(n, box), unitArb(n), fc.double({ min: -6, max: 0, noNaN: true })).map(([x, u, e]) => {
    const t = width * 10 ** e;
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) y[i] = Math.min(box[1], Math.max(box[0], x[i] + t * u[i]));
    return { x, y };
  });
  return fc.oneof(far, near);
}

/** A point near c: c + r·u with r log-uniform in [rmin, rmax] (neighbourhoods of stationary points and saddles). */
export function nearArb(c: Float64Array, rmin: number, rmax: number): fc.Arbitrary<Float64Array> {
  return fc.tuple(unitArb(c.length), fc.double({ min: Math.log10(rmin), max: Math.log10(rmax), noNaN: true })).map(([u, e]) => {
    const r = 10 ** e;
    return Float64Array.from(c, (v, i) => v + r * u[i]);
  });
}

/** Built-in specs with small random instance parameters (fast to evaluate). */
export function builtinSpecArb(): fc.Arbitrary<string> {
  const seed = fc.integer({ min: 0, max: 100000 });
  return fc.oneof(
    fc.tuple(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 10, max: 60 }), seed).map(([d, m, s]) => `builtin:phase-retrieval?d=${d}&m=${m}&seed=${s}`),
    fc.tuple(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 10, max: 40 }), seed).map(([d, n, s]) => `builtin:dro-chi2?n=${n}&d=${d}&seed=${s}`),
    fc.tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 2 }), fc.constantFrom(0, 0.1, 1), seed).map(([n, m, r, k, s]) => `builtin:matrix-factorization?n=${n}&m=${m}&r=${r}&kappa=${k}&seed=${s}`),
    fc.tuple(fc.integer({ min: 5, max: 40 }), fc.integer({ min: 1, max: 6 }), seed).map(([n, d, s]) => `builtin:logistic?n=${n}&d=${d}&seed=${s}`),
    fc.tuple(fc.integer({ min: 1, max: 12 }), fc.double({ min: 0.1, max: 4, noNaN: true })).map(([d, g]) => `builtin:quartic-saddle?d=${d}&gamma=${g}`),
    fc.tuple(fc.integer({ min: 2, max: 12 }), fc.constantFrom('mse', 'ce'), seed).map(([n, l, s]) => `builtin:mlp?n=${n}&in=2&hidden=3&out=2&loss=${l}&seed=${s}`),
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
