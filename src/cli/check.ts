/** `gensmooth check OBJECTIVE ...`: verdicts on claimed constants, or estimates of the tightest ones. */
import type { CheckReport } from '../conditions/result.ts';
import { checkExitCode } from '../conditions/verdict.ts';
import { checkParallel } from '../parallel/parallel.ts';
import { toJson } from './args.ts';
import { parseCheckArgs, prepareCheck } from './checkargs.ts';
import { addReplays } from './replay.ts';
import { writeCheckReport } from './report.ts';

/** The replay command lives in replay.ts (the report writer needs it too); re-exported as before. */
export { addReplays, replayAt } from './replay.ts';

const fmt = (v: unknown): string => (typeof v === 'number' ? Number(v.toPrecision(6)).toString() : String(v));
/** Full precision: the shortest decimal that reads back as the same double. */
const full = (v: number) => String(v);
export function renderCheckText(r: CheckReport): string {
  const lines: string[] = [];
  lines.push(`${r.objective} (dim ${r.dim}, seed ${r.seed}, domain ${String(r.domain.spec ?? '')})`);
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
    // Where an estimate (or a claim's tightest value) is attained: the point the notes refer to
    // (in full up to 10 dimensions; above, in the JSON).
    const att = res.attainedAt;
    if (att && !res.evidence?.at)
      lines.push(
        att.x.length > 10
          ? '  attained at the point in the JSON (attainedAt; --json)'
          : `  attained at x = [${att.x.map(full).join(', ')}]${att.y ? `, y = [${att.y.map(full).join(', ')}]` : ''}`,
      );
    const at = res.evidence?.at as { lhs: number; rhs?: number; margin?: number; w: number } | undefined;
    if (at)
      lines.push(
        `  at the given point: lhs = ${full(at.lhs)}${at.rhs !== undefined ? `, rhs = ${full(at.rhs)}, margin rhs − lhs = ${full(at.margin!)}` : `, w = ${full(at.w)}`}`,
      );
    if (res.verdict === 'fails') {
      const c = res.counterexample;
      lines.push(
        `  counterexample: x = [${c.x.map(fmt).join(', ')}]${c.y ? `, y = [${c.y.map(fmt).join(', ')}]` : ''}: lhs ${full(c.lhs)} > rhs ${full(c.rhs)} (re-checked, ${c.recheck})`,
      );
      if (c.replay) lines.push(`  replay: ${c.replay}`);
    }
    if (res.tightest && Object.keys(res.tightest).length > 0)
      lines.push(
        `  tightest over the evidence, the other constants as claimed: ${Object.entries(res.tightest)
          .map(([k, v]) => `${k} = ${fmt(v)}`)
          .join(', ')}`,
      );
    if (res.verdict === 'holds' && !at) {
      lines.push(
        `  closest margin rhs − lhs = ${fmt(res.margin)}${res.margin! < 0 ? ' (below zero only within the error bounds of the two sides)' : ''}`,
      );
      if (res.coverage) lines.push(`  ${res.coverage.statement}`);
    }
    if (res.verdict === 'inconclusive') lines.push(`  reason: ${res.reason}`);
    for (const n of res.notes) lines.push(`  note: ${n}`);
  }
  for (const n of r.notes) lines.push(`note: ${n}`);
  return lines.join('\n') + '\n';
}

export async function cmdCheck(argv: string[]): Promise<number> {
  const a = parseCheckArgs(argv, 'check');
  const p = await prepareCheck(a);
  if (a.out !== undefined) return writeCheckReport(a, p, { command: 'check', argv, withRun: false });
  const report = await checkParallel(p.obj, p.specs, p.options);
  addReplays(report, a);
  process.stdout.write(a.json ? toJson(report) + '\n' : renderCheckText(report));
  return checkExitCode(report);
}
