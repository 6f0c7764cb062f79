/**
 * The large fuzz campaign (the test suite runs the same properties at a modest size):
 * random token soups, random hostile expression trees and random unicode strings
 * through the expression front end, and random argument vectors through the CLI in
 * process. Every outcome must be an objective or a usage error, and every exit code
 * 0–3; nothing may touch Object.prototype or globalThis.
 *
 *   npx tsx scripts/fuzz.ts [--runs 20000] [--seed S]
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { exprObjective } from '../src/objectives/expr.ts';
import { UsageError } from '../src/errors.ts';
import { main } from '../src/cli/main.ts';
import { argvArb, hostileTreeArb, tokenExprArb } from '../test/reliability/fuzz-arbs.ts';

const { values } = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' } } });
const runs = Number(values.runs ?? 20000);
const seed = values.seed !== undefined ? Number(values.seed) : 42;
const protoN = Object.getOwnPropertyNames(Object.prototype).length,
  globalsN = Object.keys(globalThis).length;
let objectives = 0,
  usage = 0;
const expr = (src: string) => {
  try {
    const { objective } = exprObjective(src);
    const v = objective.value(new Float64Array(objective.dim).fill(0.7));
    if (typeof v !== 'number') throw new Error(`value is ${typeof v}`);
    objectives++;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    usage++;
  }
  if (Object.getOwnPropertyNames(Object.prototype).length !== protoN || Object.keys(globalThis).length !== globalsN)
    throw new Error('global state changed');
};
const t0 = performance.now();
for (const [name, arb] of [
  ['token soups', tokenExprArb],
  ['hostile trees', hostileTreeArb],
  ['unicode strings', fc.string({ unit: 'binary', maxLength: 40 })],
] as const) {
  fc.assert(
    fc.property(arb, (s) => {
      expr(s);
    }),
    { numRuns: runs, seed },
  );
  console.log(`${name}: ${runs} inputs, no crash`);
}
console.log(`expressions: ${objectives} objectives, ${usage} usage errors`);
const out = process.stdout.write.bind(process.stdout),
  err = process.stderr.write.bind(process.stderr);
const codes = new Map<number, number>();
await fc.assert(
  fc.asyncProperty(argvArb, async (argv) => {
    process.stdout.write = (() => true) as typeof process.stdout.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      const c = await main(argv.map((a) => (a === '--samples' ? '--samples=50' : a)));
      codes.set(c, (codes.get(c) ?? 0) + 1);
      if (c < 0 || c > 3) throw new Error(`exit ${c} for ${argv.join(' ')}`);
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
    }
  }),
  { numRuns: Math.max(1, Math.floor(runs / 40)), seed },
);
console.log(`CLI: exit codes ${JSON.stringify(Object.fromEntries(codes))}`);
console.log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
