import { checkObjective } from '../conditions/check.ts';
import { defaultSpecs, parseConditionSpec } from '../conditions/spec.ts';
import { type CheckReport } from '../conditions/result.ts';
import { UsageError } from '../errors.ts';
import { findCondition } from '../conditions/registry.ts';
import { runReport } from './report.ts';
import { resolveObjective } from '../objectives/spec.ts';
import { parse, parseBox, parseIntOpt, parseNumber, parseSeedOpt, parseVector, toJson } from './args.ts';

const fmt = (v: unknown): string => (typeof v === 'number' ? Number(v.toPrecision(6)).toString() : String(v));

export function renderCheckText(r: CheckReport): string {
  const lines: string[] = [];
  lines.push(`${r.objective} (dim ${r.dim}, seed ${r.seed}, box [${r.box.join(', ')}])`);
  if (r.fstar) lines.push(`f* = ${fmt(r.fstar.value)} (${r.fstar.source})`);
  for (const res of r.results) {
    const claimed = Object.entries(res.claimed)
      .map(([k, v]) => `${k}=${fmt(v)}`)
      .join(', ');
    lines.push(`${res.condition}${claimed ? ` [${claimed}]` : ''}: ${res.verdict}`);
    lines.push(`  ${res.inequality}`);
    for (const [k, v] of Object.entries(res.estimate)) {
      if (Array.isArray(v))
        lines.push(
          `  ${k}: ${v
            .map(
              (p) =>
                `(${Object.entries(p)
                  .map(([a, b]) => `${a}=${fmt(b)}`)
                  .join(', ')})`,
            )
            .join(' ')}`,
        );
      else lines.push(`  ${k} = ${fmt(v)}`);
    }
    if (res.counterexample) {
      const c = res.counterexample;
      lines.push(
        `  counterexample: x = [${c.x.map(fmt).join(', ')}]${c.y ? `, y = [${c.y.map(fmt).join(', ')}]` : ''}: lhs ${fmt(c.lhs)} > rhs ${fmt(c.rhs)} (re-checked, ${c.recheck})`,
      );
    }
    if (res.verdict === 'holds' && res.margin !== undefined)
      lines.push(
        `  no violation in ${res.samples} samples and the adversarial search (closest margin ${fmt(res.margin)})`,
      );
    if (res.reason) lines.push(`  reason: ${res.reason}`);
    for (const n of res.notes) lines.push(`  note: ${n}`);
  }
  for (const n of r.notes) lines.push(`note: ${n}`);
  return lines.join('\n') + '\n';
}

export async function cmdCheck(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      condition: { type: 'string', multiple: true },
      box: { type: 'string' },
      fstar: { type: 'string' },
      xstar: { type: 'string' },
      seed: { type: 'string' },
      samples: { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
      'time-limit': { type: 'string' },
    },
    'check',
  );
  if (positionals.length !== 1)
    throw new UsageError(
      `check takes one OBJECTIVE, got ${positionals.length}: gensmooth check OBJECTIVE [--condition SPEC]...`,
    );
  const specs = ((values.condition as string[] | undefined) ?? []).map(parseConditionSpec);
  const box = parseBox(values.box as string | undefined);
  const seed = parseSeedOpt(values.seed as string | undefined);
  const samples = parseIntOpt('samples', values.samples as string | undefined, 2000, 1, 1_000_000);
  const fstar = values.fstar !== undefined ? parseNumber('--fstar', values.fstar as string) : undefined;
  if (values.out !== undefined) return runReport(argv, { withRun: false, command: 'check' });
  const obj = await resolveObjective(positionals[0]);
  const xstar = values.xstar !== undefined ? parseVector('--xstar', values.xstar as string, obj.dim) : undefined;
  // Problems the user can fix before any sampling: exit 2 with what to write.
  for (const s of specs) {
    const def = findCondition(s.name)!;
    const missing = (def.requires ?? []).filter((p) => !(p in s.params));
    if (missing.length > 0)
      throw new UsageError(
        `condition ${s.name} needs ${missing.join(' and ')} (write ${s.name}:${missing.map((m) => `${m}=...`).join(',')})`,
      );
    if (def.needsXstar && !xstar && !obj.xstar)
      throw new UsageError(`condition ${s.name} needs a minimiser: pass --xstar X1,...,X${obj.dim}`);
    if (def.maxDim !== undefined && obj.dim > def.maxDim)
      throw new UsageError(
        `condition ${s.name} is evaluated up to dimension ${def.maxDim}; ${obj.name} has ${obj.dim}`,
      );
  }
  const deadline = parseTimeLimit(values['time-limit'] as string | undefined);
  const report = checkObjective(obj, specs.length > 0 ? specs : defaultSpecs(obj, xstar), {
    box,
    seed,
    samples,
    fstar,
    xstar,
    deadline,
  });
  process.stdout.write(values.json ? toJson(report) + '\n' : renderCheckText(report));
  return checkExitCode(report);
}

/** --time-limit SECONDS → a deadline for the whole run (performance.now() milliseconds). */
export function parseTimeLimit(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const v = parseNumber('--time-limit', s);
  if (!(v > 0)) throw new UsageError(`--time-limit must be a positive number of seconds, got ${s}`);
  return performance.now() + 1000 * v;
}

/** contract.md: 1 if a claim fails; else 3 if the objective failed (undefined everywhere, or overflowing where a claim was checked); else 0. */
export function checkExitCode(report: CheckReport): number {
  if (report.results.some((r) => r.verdict === 'fails')) return 1;
  if (report.results.some((r) => r.verdict === 'inconclusive' && (r.cause === 'objective' || r.cause === 'overflow')))
    return 3;
  return 0;
}
