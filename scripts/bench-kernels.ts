/**
 * Benchmark: phase-retrieval value+gradient and Hessian-vector product at d = 100,
 * m = 3000 (the I-NSGD paper's size), TypeScript and WebAssembly SIMD kernels side by
 * side with a vectorised numpy reference (one BLAS thread), reported as ratios of
 * time per call (ours / numpy; below 1 is faster). Also: an expr: objective's
 * value+gradient against mathjs compile().evaluate of the same derivatives.
 *
 *   npx tsx scripts/bench-kernels.ts [--rounds 5] [--json]
 *
 * Rounds alternate the implementations so that load on the shared machine affects
 * all of them alike; the median round is reported.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compile, derivative, parse } from 'mathjs';
import { Rng } from '../src/core/rng.ts';
import { phaseRetrievalData } from '../src/objectives/builtin/phase-retrieval.ts';
import { prGradKernel, prHvpKernel } from '../src/objectives/builtin/pr-kernels.ts';
import { makePrWasm } from '../src/objectives/builtin/pr-wasm.ts';
import { exprObjective } from '../src/objectives/expr.ts';
import { numpyEnv } from './numpy-env.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, json: { type: 'boolean' } } });
const rounds = Number(values.rounds ?? 5);
const d = 100,
  m = 3000;
const D = phaseRetrievalData(d, m, 1);
const z = new Rng(7, 'bench').fillNormal(new Float64Array(d), 1, Math.sqrt(6));
const v = new Rng(8, 'bench').fillNormal(new Float64Array(d));
const out = new Float64Array(d);

/** The straightforward loop a first implementation would write (no blocking). */
function naiveGrad(A: Float64Array, y: Float64Array, z: Float64Array, g: Float64Array): number {
  g.fill(0);
  let f = 0;
  for (let r = 0; r < m; r++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += A[r * d + j] * z[j];
    const e = y[r] - s * s;
    f += e * e;
    const c = (-2 / m) * e * s;
    for (let j = 0; j < d; j++) g[j] += c * A[r * d + j];
  }
  return f / (2 * m);
}

const wasm = makePrWasm(D.A, D.y, m, d);
let sink = 0;
function timePerCall(fn: () => void, minMs = 300): number {
  for (let i = 0; i < 20; i++) fn(); // warm-up (JIT)
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs) {
    for (let i = 0; i < 20; i++) fn();
    n += 20;
    t = performance.now();
  }
  return (t - t0) / 1000 / n;
}

// numpy reference: same data, cross-checked against our numbers.
const dir = mkdtempSync(join(tmpdir(), 'gs-bench-'));
writeFileSync(join(dir, 'A.bin'), Buffer.from(D.A.buffer));
writeFileSync(join(dir, 'y.bin'), Buffer.from(D.y.buffer));
writeFileSync(join(dir, 'z.bin'), Buffer.from(z.buffer));
writeFileSync(join(dir, 'v.bin'), Buffer.from(v.buffer));
const g = new Float64Array(d),
  h = new Float64Array(d);
const f = prGradKernel(D.A, D.y, m, d, z, g);
prHvpKernel(D.A, D.y, m, d, z, v, h);
writeFileSync(join(dir, 'ts.json'), JSON.stringify({ f, g: Array.from(g), h: Array.from(h) }));
const env = numpyEnv();
function numpyRound() {
  const r = spawnSync(
    'python3',
    [join(import.meta.dirname, 'ref', 'phase_retrieval_ref.py'), dir, String(d), String(m), '200'],
    { encoding: 'utf8', env },
  );
  if (r.status !== 0) throw new Error(`numpy reference failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as {
    numpy: string;
    blas: unknown;
    agree: Record<string, number>;
    value_grad: number;
    hvp: number;
  };
}

// expr: objective against mathjs evaluate of the same derivative expressions.
const src = 'x1^4 + 2*x2^2 - x1*x2 + sin(x1*x3) + exp(-x2^2) * x3^2 + log(1 + x1^2 + x3^2)';
const ex = exprObjective(src).objective;
const tree = parse(src);
const vars = ['x1', 'x2', 'x3'];
const mjF = compile(tree.toString());
const mjG = vars.map((w) => compile(derivative(tree, w).toString()));
const xe = new Float64Array([0.3, -0.7, 1.1]);
const ge = new Float64Array(3);
const scope = { x1: 0.3, x2: -0.7, x3: 1.1 };
const mathjsValueGrad = () => {
  sink += mjF.evaluate(scope) as number;
  for (let i = 0; i < 3; i++) ge[i] = mjG[i].evaluate(scope) as number;
};

type Row = Record<string, number>;
const rows: Row[] = [];
for (let k = 0; k < rounds; k++) {
  const np = numpyRound();
  const row: Row = {
    np_grad: np.value_grad,
    np_hvp: np.hvp,
    naive_grad: timePerCall(() => {
      sink += naiveGrad(D.A, D.y, z, out);
    }),
    ts_grad: timePerCall(() => {
      sink += prGradKernel(D.A, D.y, m, d, z, out);
    }),
    ts_hvp: timePerCall(() => prHvpKernel(D.A, D.y, m, d, z, v, out)),
    expr_ours: timePerCall(() => {
      sink += ex.grad(xe, ge);
    }, 200),
    expr_mathjs: timePerCall(mathjsValueGrad, 200),
  };
  if (wasm) {
    row.wasm_grad = timePerCall(() => {
      sink += wasm.grad(z, out);
    });
    row.wasm_hvp = timePerCall(() => wasm.hvp(z, v, out));
  }
  rows.push(row);
  if (k === 0)
    console.error(
      `numpy ${np.numpy}, BLAS ${JSON.stringify(np.blas)}, agreement with ours (max relative difference): ${JSON.stringify(np.agree)}`,
    );
}
const med = (key: string) => {
  const a = rows
    .map((r) => r[key])
    .filter((x) => x !== undefined)
    .sort((p, q) => p - q);
  return a.length ? a[Math.floor(a.length / 2)] : NaN;
};
const ratio = (a: string, b: string) => rows.map((r) => r[a] / r[b]).sort((p, q) => p - q)[Math.floor(rows.length / 2)];
const result = {
  size: { d, m },
  rounds,
  microseconds: Object.fromEntries(Object.keys(rows[0]).map((k) => [k, med(k) * 1e6])),
  ratios: {
    'naive TS / numpy (value+grad)': ratio('naive_grad', 'np_grad'),
    'blocked TS / numpy (value+grad)': ratio('ts_grad', 'np_grad'),
    'blocked TS / numpy (hvp)': ratio('ts_hvp', 'np_hvp'),
    ...(wasm
      ? {
          'wasm SIMD / numpy (value+grad)': ratio('wasm_grad', 'np_grad'),
          'wasm SIMD / numpy (hvp)': ratio('wasm_hvp', 'np_hvp'),
        }
      : {}),
    'mathjs evaluate / expr compiled (value+grad)': ratio('expr_mathjs', 'expr_ours'),
  },
};
if (values.json) console.log(JSON.stringify(result, null, 2));
else {
  for (const [k, val] of Object.entries(result.microseconds)) console.log(`${k.padEnd(14)} ${val.toFixed(2)} µs`);
  for (const [k, val] of Object.entries(result.ratios)) console.log(`${k.padEnd(46)} ${val.toFixed(3)}`);
}
if (sink === 42) console.log('');
