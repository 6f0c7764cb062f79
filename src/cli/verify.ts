/** `gensmooth verify OBJECTIVE`: the objective's own derivatives against finite differences, in words and numbers. */
import { resolveObjective } from '../objectives/spec.ts';
import { verifyObjective, type DerivCheck } from '../objectives/verify.ts';
import { UsageError } from '../errors.ts';
import { parse, parseBox, parseSeedOpt, toJson } from './args.ts';

/** Full precision: the shortest decimal that reads back as the same double. */
const full = (v: number) => String(v);

function describe(name: string, c: DerivCheck | null, dim: number): string[] {
  if (!c) return [`${name}: not provided (the checks difference the gradient instead)`];
  const lines = [
    `${name}: ${c.ok ? 'agrees' : 'MISMATCH'} (max relative error ${c.maxRelError.toExponential(2)} over ${c.points} checks)`,
  ];
  if (!c.ok && c.worst) {
    const w = c.worst;
    if (c.diagnosis) lines.push(`  ${c.diagnosis}`);
    const along = w.direction !== undefined && dim <= 200 && name === 'gradient' ? ` along x${w.direction + 1}` : '';
    lines.push(
      `  at the worst point${along}: analytic ${full(w.analytic)}, finite differences ${full(w.finiteDifference)} (their error about ${full(w.fdErrorEstimate)})`,
      `  worst point: x = [${w.x.map(full).join(', ')}]`,
    );
  }
  return lines;
}

export async function cmdVerify(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { seed: { type: 'string' }, box: { type: 'string' }, json: { type: 'boolean' }, strict: { type: 'boolean' } },
    'verify',
  );
  if (positionals.length !== 1)
    throw new UsageError(
      `verify takes one OBJECTIVE, got ${positionals.length}: gensmooth verify OBJECTIVE [--seed S] [--box LO:HI] [--strict] [--json]`,
    );
  const seed = parseSeedOpt(values.seed as string | undefined);
  const box = parseBox(values.box as string | undefined);
  const obj = await resolveObjective(positionals[0]);
  const r = verifyObjective(obj, { seed, box, strict: values.strict === true });
  if (values.json) {
    process.stdout.write(toJson(r) + '\n');
  } else {
    const out = [`${r.objective} (dim ${r.dim}, seed ${r.seed}, box [${r.box.join(', ')}])`];
    for (const l of [...describe('gradient', r.gradient, r.dim), ...describe('Hessian-vector product', r.hvp, r.dim)])
      out.push(`  ${l}`);
    for (const n of r.notes) out.push(`  note: ${n}`);
    out.push(`verdict: ${r.verdict}`);
    process.stdout.write(out.join('\n') + '\n');
  }
  return r.verdict === 'ok' ? 0 : 1;
}
