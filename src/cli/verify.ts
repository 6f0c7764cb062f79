/** `gensmooth verify OBJECTIVE`: the objective's own derivatives against finite differences, in words and numbers. */
import { resolveObjective } from '../objectives/spec.ts';
import { verifyObjective, type DerivCheck } from '../objectives/verify.ts';
import { UsageError } from '../errors.ts';
import { Rng } from '../core/rng.ts';
import { parseDomain } from '../domains/parse.ts';
import { parse, parseBox, ordinal, parsePoint, parseSeedOpt, toJson } from './args.ts';

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
    {
      seed: { type: 'string' },
      box: { type: 'string' },
      domain: { type: 'string' },
      center: { type: 'string' },
      at: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      strict: { type: 'boolean' },
    },
    'verify',
  );
  if (positionals.length !== 1)
    throw new UsageError(
      `verify takes one OBJECTIVE, got ${positionals.length}: gensmooth verify OBJECTIVE [--seed S] [--box LO:HI] [--strict] [--json]`,
    );
  const seed = parseSeedOpt(values.seed as string | undefined);
  const box = parseBox(values.box as string | undefined);
  const obj = await resolveObjective(positionals[0]);
  if (values.box !== undefined && values.domain !== undefined)
    throw new UsageError('verify: give --box or --domain, not both (--box LO:HI is short for --domain box:LO:HI)');
  // The points: --at, else seeded points of the domain (of the box by default).
  let at = ((values.at as string[] | undefined) ?? []).map((t, k) =>
    parsePoint(`the ${ordinal(k + 1)} --at`, t, obj.dim),
  );
  if (at.length === 0 && values.domain !== undefined) {
    const d = parseDomain(values.domain as string, {
      obj,
      seed,
      center: values.center !== undefined ? parsePoint('--center', values.center as string, obj.dim) : undefined,
    });
    at = d.starts(new Rng(seed, 'verify/domain'), obj.dim > 1000 ? 4 : obj.dim > 100 ? 8 : 20);
  }
  const r = verifyObjective(obj, { seed, box, strict: values.strict === true, ...(at.length > 0 ? { at } : {}) });
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
