/**
 * Benchmark: whole-process time of `gensmooth check` with default settings, for one
 * condition at a time, on a 2-dimensional expr: objective (budget 2 s) and on the
 * 100-dimensional phase-retrieval built-in (budget 20 s). Reported as time and as the
 * ratio to the budget, beside a reference run of the same process start-up
 * (`gensmooth list`), which is the floor any command pays.
 *
 *   npx tsx scripts/bench-check.ts [--rounds 3] [--quick]
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, quick: { type: 'boolean' } } });
const rounds = Number(values.rounds ?? 3);
const BIN = join(import.meta.dirname, '..', 'bin', 'gensmooth.mjs');
const time = (args: string[]) => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return (performance.now() - t0) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const conds = ['lsmooth', 'l0l1', 'l0l1-alpha', 'descent', 'gpl', 'curvature-gap'];
const cases: { name: string; args: string[]; budget: number }[] = [
  { name: 'start-up (gensmooth list)', args: ['list'], budget: NaN },
];
for (const c of conds)
  cases.push({
    name: `expr 2-d, ${c}`,
    args: ['check', 'expr:x1^4 + 2*x2^2 - x1*x2 + sin(x1)', '--condition', c],
    budget: 2,
  });
for (const c of values.quick ? ['l0l1'] : conds)
  cases.push({
    name: `phase-retrieval d=100, ${c}`,
    args: ['check', 'builtin:phase-retrieval', '--condition', c],
    budget: 20,
  });
console.log('| case | median s | budget s | ratio to budget |');
console.log('|---|---|---|---|');
for (const k of cases) {
  const ts: number[] = [];
  for (let r = 0; r < rounds; r++) ts.push(time(k.args));
  const m = median(ts);
  console.log(
    `| ${k.name} | ${m.toFixed(2)} | ${Number.isNaN(k.budget) ? '' : k.budget} | ${Number.isNaN(k.budget) ? '' : (m / k.budget).toFixed(2)} |`,
  );
}
