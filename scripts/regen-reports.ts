/**
 * Regenerates the example reports under reports/ (committed; the README links one).
 * With --check, regenerates into a temporary directory and compares with the
 * committed files (the git commit in the provenance aside): same seed, same bytes.
 *
 *   npx tsx scripts/regen-reports.ts [--check]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'gensmooth.mjs');
export const EXAMPLES: { dir: string; args: string[] }[] = [
  {
    dir: 'poly-quartic',
    args: [
      'report',
      'builtin:poly-quartic',
      '--condition',
      'l0l1:L0=4,L1=3',
      '--condition',
      'gpl:mu=0.1,rho=3',
      '--seed',
      '1',
    ],
  },
  {
    dir: 'exp',
    args: [
      'report',
      'expr:exp(x)',
      '--condition',
      'l0l1:L0=0,L1=1',
      '--condition',
      'l0l1-alpha:L0=0,L1=1',
      '--condition',
      'descent-exp:L0=0,L1=1',
      '--seed',
      '1',
    ],
  },
  {
    dir: 'phase-retrieval-small',
    args: [
      'report',
      'builtin:phase-retrieval?d=4&m=40&seed=2',
      '--box',
      '-2:2',
      '--condition',
      'l0l1:L1=10,alpha=0.6666666666666666',
      '--seed',
      '1',
    ],
  },
  ...[
    'insgd-phase-retrieval',
    'insgd-beta-sweep',
    'insgd-batch2-sweep',
    'insgd-dro',
    'nsgd-bias',
    'warmup-mlp',
    'escape-dimension',
    'clipping-mnist',
    'sam-minority',
    'deo-saddle',
    'zhang-smoothness-mnist',
    'warmup-curvature-mnist',
  ].map((e) => ({ dir: `experiment-${e}`, args: ['experiment', e, '--seed', '1'] })),
];

const check = process.argv.includes('--check');
// Runs from a working directory with a relative --out, so the recorded command is the
// same wherever it runs; --check uses a temporary working directory.
const cwd = check ? mkdtempSync(join(tmpdir(), 'gs-regen-')) : ROOT;
const norm = (s: string) =>
  s.replace(/"gitCommit": "[0-9a-f]+"/g, '"gitCommit": "…"').replace(/git [0-9a-f]{40}/g, 'git …');
let stale = 0;
// Two at a time (the machines have two cores); results are reported in the list's order.
const jobs = Math.max(1, Number(process.env.GENSMOOTH_REGEN_JOBS ?? 2));
if (check) mkdirSync(join(cwd, 'reports'), { recursive: true });
const runOne = (ex: (typeof EXAMPLES)[number]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    const p = spawn(process.execPath, [BIN, ...ex.args, '--out', join('reports', ex.dir)], { cwd });
    let stdout = '',
      stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (status) => done({ status, stdout, stderr }));
  });
const results: Promise<{ status: number | null; stdout: string; stderr: string }>[] = [];
let next = 0;
const worker = async () => {
  while (next < EXAMPLES.length) {
    const i = next++;
    const r = runOne(EXAMPLES[i]);
    results[i] = r;
    await r;
  }
};
await Promise.all(Array.from({ length: jobs }, worker));
for (let i = 0; i < EXAMPLES.length; i++) {
  const ex = EXAMPLES[i];
  const r = await results[i];
  if (r.status !== 0 && r.status !== 1) throw new Error(`${ex.dir}: exit ${r.status}: ${r.stderr}`);
  const out = join(cwd, 'reports', ex.dir);
  if (check) {
    const committed = join(ROOT, 'reports', ex.dir);
    const made = readdirSync(out);
    for (const f of made) {
      const a = norm(readFileSync(join(out, f), 'utf8'));
      let b = '';
      try {
        b = norm(readFileSync(join(committed, f), 'utf8'));
      } catch {
        /* missing */
      }
      if (a !== b) {
        stale++;
        console.error(`stale: reports/${ex.dir}/${f}`);
      }
    }
    // A committed file the code no longer writes is stale too.
    for (const f of existsSync(committed) ? readdirSync(committed) : [])
      if (!made.includes(f)) {
        stale++;
        console.error(`stale: reports/${ex.dir}/${f} (no longer written)`);
      }
  } else console.log(`reports/${ex.dir}: ${r.stdout.trim()}`);
}
if (check) {
  console.log(
    stale === 0 ? 'reports are up to date' : `${stale} report file(s) differ: run npx tsx scripts/regen-reports.ts`,
  );
  process.exit(stale === 0 ? 0 : 1);
}
