/**
 * Benchmark: start-up of the command line, as the ratio of a whole `gensmooth ...`
 * process to a bare `node -e 0` measured in the same rounds. Each round runs every case
 * once, the starting case rotating from round to round, so machine load (2 shared
 * cores) falls on the reference and the commands alike; a case's ratio is the median
 * over rounds of its time divided by that round's `node -e 0`.
 *
 * Targets (issue 11): `gensmooth list` at most 4×, a one-condition check of a 2-d
 * `expr:` objective at most 8×. The other rows show what a built-in, a TypeScript
 * module (tsx, loaded at that moment) and --help cost.
 *
 *   npx tsx scripts/bench-startup.ts [--rounds 15] [--bin OTHER/bin/gensmooth.mjs]
 *
 * --bin measures another checkout's command beside this one, in the same rounds (to
 * record a before/after). The built dist/ must be current: `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, bin: { type: 'string' } } });
const rounds = Number(values.rounds ?? 15);
if (!Number.isInteger(rounds) || rounds < 1)
  throw new Error(`--rounds must be a positive integer, got ${values.rounds}`);
const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'gensmooth.mjs');

interface Case {
  name: string;
  argv: string[];
  target?: number;
  /** Exit statuses that mean the command ran as intended. */
  ok: number[];
}
const EXPR = ['check', 'expr:x1^2 + x2^4', '--condition', 'lsmooth:L=12', '--samples', '200'];
const gs = (bin: string, label: string): Case[] => [
  { name: `${label}gensmooth --version`, argv: [bin, '--version'], ok: [0] },
  // (before issue 11, `check --help` was a usage error: exit 2)
  { name: `${label}gensmooth check --help`, argv: [bin, 'check', '--help'], ok: label ? [0, 2] : [0] },
  { name: `${label}gensmooth list`, argv: [bin, 'list'], target: 4, ok: [0] },
  // lsmooth with L = 12 fails on the box (∂²f/∂x2² = 12 x2² reaches 108): exit 1 after the
  // 64-digit re-check, so this row includes the BigNumber path too.
  {
    name: `${label}gensmooth ${EXPR.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')}`,
    argv: [bin, ...EXPR],
    target: 8,
    ok: [1],
  },
  {
    name: `${label}gensmooth check builtin:poly-quartic --condition l0l1:L0=4,L1=3 --samples 200`,
    argv: [bin, 'check', 'builtin:poly-quartic', '--condition', 'l0l1:L0=4,L1=3', '--samples', '200'],
    ok: [0, 1],
  },
  {
    name: `${label}gensmooth verify examples/user-ci/objectives/softplus-quartic.ts (tsx)`,
    argv: [bin, 'verify', join(ROOT, 'examples/user-ci/objectives/softplus-quartic.ts')],
    ok: [0],
  },
];
const cases: Case[] = [{ name: 'node -e 0 (reference)', argv: ['-e', '0'], ok: [0] }, ...gs(BIN, '')];
if (values.bin) cases.push(...gs(values.bin, '[--bin] '));

const time = (c: Case): number => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, c.argv, { cwd: ROOT, encoding: 'utf8' });
  const dt = (performance.now() - t0) / 1000;
  if (!c.ok.includes(r.status ?? -1)) throw new Error(`${c.name}: exit ${r.status}: ${r.stderr}`);
  return dt;
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};

const times = cases.map(() => [] as number[]);
for (const c of cases) time(c); // warm the file cache once, untimed
for (let r = 0; r < rounds; r++)
  for (let k = 0; k < cases.length; k++) {
    const i = (k + r) % cases.length;
    times[i].push(time(cases[i]));
  }
const ref = times[0];
console.log(`${rounds} rounds, Node ${process.version}`);
console.log('| command | median s | ratio to `node -e 0` | target |');
console.log('|---|---|---|---|');
cases.forEach((c, i) => {
  const ratio = median(times[i].map((t, r) => t / ref[r]));
  const target = c.target === undefined ? '' : `≤ ${c.target}× ${ratio <= c.target ? 'met' : 'MISSED'}`;
  console.log(`| ${c.name} | ${median(times[i]).toFixed(3)} | ${ratio.toFixed(2)} | ${target} |`);
});
