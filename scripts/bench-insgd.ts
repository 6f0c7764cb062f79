/**
 * Benchmark: I-NSGD on phase retrieval at the paper's setting (d = 100, m = 3000,
 * |B| = 64, |B'| = 8, γ = 0.5, β = 2/3, δ = 15; 20,000 iterations), gensmooth's
 * optimizer core side by side with a vectorised numpy reference (one BLAS thread),
 * both recording f and ‖∇f‖ every 200 iterations. Reported as the ratio of wall times
 * (numpy / ours; above 1 means we are faster). Rounds alternate the two.
 *
 *   npx tsx scripts/bench-insgd.ts [--rounds 3] [--iters 20000]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeBuiltin } from '../src/objectives/spec.ts';
import { phaseRetrievalData } from '../src/objectives/builtin/phase-retrieval.ts';
import { parseMethodSpec } from '../src/optim/methods.ts';
import { optimize } from '../src/optim/run.ts';
import { numpyEnv } from './numpy-env.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, iters: { type: 'string' } } });
const rounds = Number(values.rounds ?? 3),
  iters = Number(values.iters ?? 20000);
const d = 100,
  m = 3000,
  B = 64,
  B2 = 8,
  record = 200,
  gamma = 0.5,
  beta = 2 / 3,
  L1 = 1,
  delta = 15;
const obj = makeBuiltin('phase-retrieval', `d=${d}&m=${m}&seed=1`);
const D = phaseRetrievalData(d, m, 1);
const dir = mkdtempSync(join(tmpdir(), 'gs-insgd-'));
writeFileSync(join(dir, 'A.bin'), Buffer.from(D.A.buffer));
writeFileSync(join(dir, 'y.bin'), Buffer.from(D.y.buffer));
writeFileSync(join(dir, 'z0.bin'), Buffer.from(Float64Array.from(obj.x0!).buffer));
const env = numpyEnv();
const { def, params } = parseMethodSpec(
  `insgd:gamma=${gamma},beta=${beta},L1=${L1},delta=${delta},batch=${B},batch2=${B2}`,
);
const rows: { ours: number; numpy: number; fOurs: number; fNumpy: number }[] = [];
for (let k = 0; k < rounds; k++) {
  const r = spawnSync(
    'python3',
    [
      join(import.meta.dirname, 'ref', 'insgd_ref.py'),
      dir,
      String(d),
      String(m),
      String(iters),
      String(B),
      String(B2),
      String(record),
      String(gamma),
      String(beta),
      String(L1),
      String(delta),
    ],
    { encoding: 'utf8', env },
  );
  if (r.status !== 0) throw new Error(`numpy reference failed: ${r.stderr}`);
  const np = JSON.parse(r.stdout) as { seconds: number; final_f: number };
  const t0 = performance.now();
  const res = optimize(obj, def, params, { iters, seed: k + 1, recordEvery: record });
  const ours = (performance.now() - t0) / 1000;
  rows.push({ ours, numpy: np.seconds, fOurs: res.trace[res.trace.length - 1].f, fNumpy: np.final_f });
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `I-NSGD, phase retrieval d=${d}, m=${m}, |B|=${B}, |B'|=${B2}, ${iters} iterations, records every ${record}`,
);
console.log(`  ours:  ${med(rows.map((r) => r.ours)).toFixed(3)} s (final f ${rows[0].fOurs.toPrecision(5)})`);
console.log(`  numpy: ${med(rows.map((r) => r.numpy)).toFixed(3)} s (final f ${rows[0].fNumpy.toPrecision(5)})`);
console.log(`  speed-up numpy/ours: ${med(rows.map((r) => r.numpy / r.ours)).toFixed(2)}×`);
