/**
 * Benchmark: whole-process time of `gensmooth check` with default settings, for one condition at
 * a time, on a 2-dimensional expr: objective and on the 100-dimensional phase-retrieval built-in,
 * beside the process start-up (`gensmooth list`), the floor any command pays. With --ref, the
 * same commands of another checkout (e.g. main, built) run in the same rounds, alternating which
 * goes first, and each case reports the median over rounds of the per-round ratio.
 *
 *   npx tsx scripts/bench-check.ts [--rounds 3] [--quick] [--ref OTHER_CHECKOUT] [--workers N]
 *
 * A reference checkout of main: `git archive main | tar -x -C /tmp/main-ref`, a node_modules
 * symlink, `node scripts/build.mjs` there.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string' },
    quick: { type: 'boolean' },
    ref: { type: 'string' },
    workers: { type: 'string' },
    only: { type: 'string' },
  },
});
const rounds = Number(values.rounds ?? 3);
const BIN = join(import.meta.dirname, '..', 'bin', 'gensmooth.mjs');
const REF = values.ref ? join(values.ref, 'bin', 'gensmooth.mjs') : null;
const time = (bin: string, args: string[]) => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return (performance.now() - t0) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const conds = ['lsmooth', 'l0l1', 'l0l1-alpha', 'descent', 'gpl', 'curvature-gap'];
const cases: { name: string; args: string[] }[] = [{ name: 'start-up (gensmooth list)', args: ['list'] }];
for (const c of conds)
  cases.push({ name: `expr 2-d, ${c}`, args: ['check', 'expr:x1^4 + 2*x2^2 - x1*x2 + sin(x1)', '--condition', c] });
for (const c of values.quick ? ['l0l1'] : conds)
  cases.push({ name: `phase-retrieval d=100, ${c}`, args: ['check', 'builtin:phase-retrieval', '--condition', c] });
const chosen = values.only ? cases.filter((k) => k.name.includes(values.only!)) : cases;
const extra = values.workers !== undefined ? ['--workers', values.workers] : [];

console.log(REF ? '| case | median s | reference s | ratio to reference |' : '| case | median s |');
console.log(REF ? '|---|---|---|---|' : '|---|---|');
for (const k of chosen) {
  const ours = k.args[0] === 'check' ? [...k.args, ...extra] : k.args;
  const ts: number[] = [],
    rs: number[] = [],
    ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate which side goes first.
    const refFirst = REF !== null && r % 2 === 1;
    const b0 = refFirst ? time(REF, k.args) : 0;
    const a = time(BIN, ours);
    const b = REF === null ? 0 : refFirst ? b0 : time(REF, k.args);
    ts.push(a);
    if (REF) {
      rs.push(b);
      ratios.push(a / b);
    }
  }
  process.stderr.write(
    `${k.name}: ${ts.map((t) => t.toFixed(2)).join(' ')}${REF ? ` | ref ${rs.map((t) => t.toFixed(2)).join(' ')}` : ''}\n`,
  );
  console.log(
    REF
      ? `| ${k.name} | ${median(ts).toFixed(2)} | ${median(rs).toFixed(2)} | ${median(ratios).toFixed(2)} |`
      : `| ${k.name} | ${median(ts).toFixed(2)} |`,
  );
}
