/**
 * Benchmark: `gensmooth check builtin:phase-retrieval --condition l0l1` (d = 100, m = 3000, the
 * default 2000 samples plus the search) against a numpy loop that computes the same statistic
 * exactly (dense Hessian AᵀdiagA and its 2-norm, one BLAS thread; scripts/ref/pr_check_ref.py) at
 * as many points as the check's pool holds, in alternating rounds on the same instance. Also
 * states the tolerance of the check's Hessian norms: its Lanczos values (certain lower bounds) at
 * 200 of the numpy points against numpy's exact norms.
 *
 *   npx tsx scripts/bench-pr-check.ts [--rounds 3] [--workers N] [--bin OTHER/bin/gensmooth.mjs]
 *
 * --bin adds another checkout's command to every round (a before/after, e.g. main).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LANCZOS_TOL } from '../src/conditions/check.ts';
import { floatContext } from '../src/conditions/context.ts';
import { Rng } from '../src/core/rng.ts';
import { phaseRetrievalData } from '../src/objectives/builtin/phase-retrieval.ts';
import { makeBuiltin } from '../src/objectives/spec.ts';
import { numpyEnv } from './numpy-env.ts';

const { values } = parseArgs({
  options: { rounds: { type: 'string' }, workers: { type: 'string' }, bin: { type: 'string' } },
});
const rounds = Number(values.rounds ?? 3);
const d = 100,
  m = 3000;
const BIN = join(import.meta.dirname, '..', 'bin', 'gensmooth.mjs');
const args = ['check', 'builtin:phase-retrieval', '--condition', 'l0l1', '--json'];
const ours = values.workers !== undefined ? [...args, '--workers', values.workers] : args;

function check(bin: string, a: string[]) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...a], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${bin} ${a.join(' ')}: exit ${r.status}: ${r.stderr}`);
  const rep = JSON.parse(r.stdout) as { results: { samples: number; hessianNorm?: unknown }[] };
  return { s, samples: rep.results[0].samples, hessianNorm: rep.results[0].hessianNorm };
}

const D = phaseRetrievalData(d, m, 1);
const dir = mkdtempSync(join(tmpdir(), 'gs-prcheck-'));
writeFileSync(join(dir, 'A.bin'), Buffer.from(D.A.buffer));
writeFileSync(join(dir, 'y.bin'), Buffer.from(D.y.buffer));
const env = numpyEnv();

let N = 0;
function numpy(n: number) {
  if (n !== N) {
    const rng = new Rng(7, 'bench-pr-check');
    const Z = new Float64Array(n * d);
    for (let i = 0; i < Z.length; i++) Z[i] = rng.uniformIn(-3, 3);
    writeFileSync(join(dir, 'Z.bin'), Buffer.from(Z.buffer));
    N = n;
  }
  const r = spawnSync('python3', [join(import.meta.dirname, 'ref', 'pr_check_ref.py'), dir, `${d}`, `${m}`, `${n}`], {
    encoding: 'utf8',
    env,
  });
  if (r.status !== 0) throw new Error(`numpy reference failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { seconds: number; numpy: string; blas: unknown };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows: { ours: number; numpy: number; ref?: number; samples: number }[] = [];
let info: { numpy: string; blas: unknown } | null = null;
let hn: unknown;
for (let k = 0; k < rounds; k++) {
  // Alternate which side goes first, so a change of machine load hits both alike.
  const row: { ours: number; numpy: number; ref?: number; samples: number } = { ours: 0, numpy: 0, samples: 0 };
  const runOurs = () => {
    const c = check(BIN, ours);
    row.ours = c.s;
    row.samples = c.samples;
    hn = c.hessianNorm;
  };
  const runNumpy = () => {
    const r = numpy(row.samples || N || 6500);
    info = r;
    row.numpy = r.seconds;
  };
  if (k % 2 === 0) {
    runOurs();
    runNumpy();
  } else {
    if (N === 0) runOurs();
    runNumpy();
    if (row.ours === 0) runOurs();
  }
  if (values.bin) row.ref = check(values.bin, args).s;
  // The numpy loop ran at the previous round's count on odd rounds: rescale to this round's.
  if (N !== row.samples) row.numpy *= row.samples / N;
  rows.push(row);
  process.stderr.write(`round ${k + 1}: ${JSON.stringify(row)}\n`);
}

// The check's Hessian norms at the first 200 numpy points, against numpy's exact ones.
const obj = makeBuiltin('phase-retrieval');
const ctx = floatContext(obj, { fstar: 0, xstar: null, lanczosTol: LANCZOS_TOL });
const doubles = (file: string, count: number) => {
  const b = readFileSync(join(dir, file));
  return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + 8 * count));
};
const exact = doubles('norms.bin', 200);
const Z = doubles('Z.bin', 200 * d);
let worst = 0,
  above = 0;
for (let i = 0; i < 200; i++) {
  const h = ctx.hessNorm(Z.subarray(i * d, (i + 1) * d))!;
  const rel = (exact[i] - h.v) / exact[i];
  worst = Math.max(worst, Math.abs(rel));
  if (h.v > exact[i] * (1 + 1e-13)) above++;
}

console.log(
  `numpy ${info!.numpy}, BLAS ${JSON.stringify(info!.blas)}; check pool ${rows.map((r) => r.samples).join('/')} samples`,
);
console.log(
  '| round | check s | numpy s (same points) | check / numpy |' + (values.bin ? ' --bin s | check / --bin |' : ''),
);
console.log('|---|---|---|---|' + (values.bin ? '---|---|' : ''));
rows.forEach((r, k) =>
  console.log(
    `| ${k + 1} | ${r.ours.toFixed(2)} | ${r.numpy.toFixed(2)} | ${(r.ours / r.numpy).toFixed(3)} |` +
      (r.ref !== undefined ? ` ${r.ref.toFixed(2)} | ${(r.ours / r.ref).toFixed(3)} |` : ''),
  ),
);
console.log(
  `median check / numpy ${median(rows.map((r) => r.ours / r.numpy)).toFixed(3)}` +
    (values.bin ? `, median check / --bin ${median(rows.map((r) => r.ours / r.ref!)).toFixed(3)}` : ''),
);
console.log(
  `Hessian norms at 200 uniform points: largest relative gap to numpy's exact norm ${worst.toExponential(2)}, ${above} above it (Lanczos values are lower bounds); the check's hessianNorm: ${JSON.stringify(hn)}`,
);
