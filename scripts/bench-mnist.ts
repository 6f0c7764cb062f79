/**
 * Benchmark: builtin:mnist-mlp (defaults: 1000 real digits, 784 pixels, 16 tanh units,
 * 12,730 parameters, cross-entropy): one full value+gradient and one Hessian-vector
 * product, ours against a numpy reference of the same network on the same data and
 * the same θ (dense BLAS products, and a scipy.sparse CSR variant), one BLAS thread,
 * rounds alternating. Then the cost of a trajectory: a 200-iterate `optimize` run and
 * the statistics of a trajectory check of l0l1 at each iterate (‖∇f‖ and a 16-step
 * Lanczos ‖∇²f‖), fitted exactly over the 200 rows.
 *
 *   npx tsx scripts/bench-mnist.ts [--rounds 5] [--n 1000] [--hidden 16] [--no-trajectory] [--json]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Rng } from '../src/core/rng.ts';
import { fitTable } from '../src/fit/fit.ts';
import { measureTrajectory } from '../src/fit/measure.ts';
import { tableOf } from '../src/fit/table.ts';
import { mnistSlice } from '../src/objectives/builtin/mnist.ts';
import { makeBuiltin } from '../src/objectives/spec.ts';
import { parseMethodSpec } from '../src/optim/methods.ts';
import { optimize } from '../src/optim/run.ts';
import { numpyEnv } from './numpy-env.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string' },
    n: { type: 'string' },
    hidden: { type: 'string' },
    'no-trajectory': { type: 'boolean' },
    json: { type: 'boolean' },
  },
});
const rounds = Number(values.rounds ?? 5);
const n = Number(values.n ?? 1000),
  H = Number(values.hidden ?? 16),
  C = 10,
  F = 784;
const obj = makeBuiltin('mnist-mlp', `n=${n}&hidden=${H}&loss=ce&seed=1`);
const dim = obj.dim;
const theta = Float64Array.from(obj.x0!);
new Rng(3, 'bench').fillNormal(theta.subarray(0, dim), 0, 0.05).forEach((e, i) => (theta[i] = obj.x0![i] + e));
const v = new Rng(4, 'bench').fillNormal(new Float64Array(dim));
const g = new Float64Array(dim),
  h = new Float64Array(dim);
let sink = 0;

function timePerCall(fn: () => void, minMs = 400): number {
  for (let i = 0; i < 3; i++) fn();
  let k = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs) {
    fn();
    k++;
    t = performance.now();
  }
  return (t - t0) / 1000 / k;
}

// The same data for numpy: the slice the built-in reads (same n, pool 1, seed 1), θ, v and our results.
const { X, y } = mnistSlice(n, 1, 1, C);
const dir = mkdtempSync(join(tmpdir(), 'gs-bench-mnist-'));
writeFileSync(join(dir, 'X.bin'), Buffer.from(X.buffer));
writeFileSync(join(dir, 'y.bin'), Buffer.from(y.buffer));
writeFileSync(join(dir, 'theta.bin'), Buffer.from(theta.buffer));
writeFileSync(join(dir, 'v.bin'), Buffer.from(v.buffer));
const f = obj.grad(theta, g);
obj.hvp!(theta, v, h);
writeFileSync(join(dir, 'ts.json'), JSON.stringify({ f, g: Array.from(g), h: Array.from(h) }));
const env = numpyEnv();
function numpyRound() {
  const r = spawnSync(
    'python3',
    [join(import.meta.dirname, 'ref', 'mnist_mlp_ref.py'), dir, String(n), String(F), String(H), String(C), '20', 'ce'],
    { encoding: 'utf8', env },
  );
  if (r.status !== 0) throw new Error(`numpy reference failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, number> & { numpy: string; agree: Record<string, number> };
}

const rows: Record<string, number>[] = [];
for (let k = 0; k < rounds; k++) {
  const np = numpyRound();
  if (k === 0) console.error(`numpy ${np.numpy}; agreement (max relative difference): ${JSON.stringify(np.agree)}`);
  rows.push({
    np_dense_grad: np.dense_grad,
    np_dense_hvp: np.dense_hvp,
    np_sparse_grad: np.sparse_grad,
    np_sparse_hvp: np.sparse_hvp,
    ts_grad: timePerCall(() => {
      sink += obj.grad(theta, g);
    }),
    ts_hvp: timePerCall(() => obj.hvp!(theta, v, h)),
  });
}
const medOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ratio = (a: string, b: string) => medOf(rows.map((r) => r[a] / r[b]));
const result: Record<string, unknown> = {
  size: { n, hidden: H, parameters: dim },
  rounds,
  milliseconds: Object.fromEntries(Object.keys(rows[0]).map((k) => [k, medOf(rows.map((r) => r[k])) * 1e3])),
  ratios: {
    'ours / numpy dense (value+grad)': ratio('ts_grad', 'np_dense_grad'),
    'ours / numpy dense (hvp)': ratio('ts_hvp', 'np_dense_hvp'),
    'ours / scipy.sparse (value+grad)': ratio('ts_grad', 'np_sparse_grad'),
    'ours / scipy.sparse (hvp)': ratio('ts_hvp', 'np_sparse_hvp'),
  },
};

if (!values['no-trajectory']) {
  // 200 iterates of optimize (GD, f and ‖∇f‖ recorded at each), then the l0l1 statistics at each iterate.
  const { def, params } = parseMethodSpec('gd:gamma=1');
  let t0 = performance.now();
  const run = optimize(obj, def, params, { iters: 200, seed: 1, recordEvery: 1 });
  const optimizeSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const m = measureTrajectory(obj, { iters: 200, gamma: 1, seed: 1, hessian: true, lanczosIter: 16 });
  const measureSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const fit = fitTable(tableOf('trajectory', m.columns, m.data, m.rows), [{ name: 'l0l1', params: {} }], {
    seed: 1,
    bootstrap: 1000,
  });
  const fitSeconds = (performance.now() - t0) / 1000;
  result.trajectory = {
    iterates: 200,
    optimizeSeconds,
    statusOptimize: run.status,
    measureSeconds,
    fullGradients: m.fullGradients,
    hvps: m.hvps,
    fitSeconds,
    l0l1: fit.results[0].estimate.L0_at_L1_0,
  };
}
if (values.json) console.log(JSON.stringify(result, null, 2));
else console.log(JSON.stringify(result, null, 2));
if (sink === 42) console.log('');
