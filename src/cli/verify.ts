import { resolveObjective } from '../objectives/spec.ts';
import { verifyObjective } from '../objectives/verify.ts';
import { UsageError } from '../errors.ts';
import { parse, parseBox, parseSeedOpt, toJson } from './args.ts';

export async function cmdVerify(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { seed: { type: 'string' }, box: { type: 'string' }, json: { type: 'boolean' } },
    'verify',
  );
  if (positionals.length !== 1)
    throw new UsageError(
      `verify takes one OBJECTIVE, got ${positionals.length}: gensmooth verify OBJECTIVE [--seed S] [--box LO:HI] [--json]`,
    );
  const seed = parseSeedOpt(values.seed as string | undefined);
  const box = parseBox(values.box as string | undefined);
  const obj = await resolveObjective(positionals[0]);
  const r = verifyObjective(obj, { seed, box });
  if (values.json) {
    process.stdout.write(toJson(r) + '\n');
  } else {
    const line = (name: string, c: { maxRelError: number; points: number; ok: boolean } | null) =>
      c
        ? `${name}: ${c.ok ? 'agrees' : 'MISMATCH'} (max relative error ${c.maxRelError.toExponential(2)} over ${c.points} checks)`
        : `${name}: not provided`;
    process.stdout.write(`${r.objective} (dim ${r.dim}, seed ${r.seed}, box [${r.box.join(', ')}])\n`);
    process.stdout.write(`  ${line('gradient', r.gradient)}\n  ${line('Hessian-vector product', r.hvp)}\n`);
    for (const n of r.notes) process.stdout.write(`  note: ${n}\n`);
    if (r.verdict === 'mismatch' && r.gradient.worst)
      process.stdout.write(
        `  worst point: x = [${r.gradient.worst.x.slice(0, 8).join(', ')}${r.dim > 8 ? ', …' : ''}]\n`,
      );
    process.stdout.write(`verdict: ${r.verdict}\n`);
  }
  return r.verdict === 'ok' ? 0 : 1;
}
