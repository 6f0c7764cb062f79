/** The words of a report that report.md and report.html share: numbers, table rows, per-result sentences. */
import type { ConditionResult } from '../conditions/result.ts';
import type { ReportModel } from './model.ts';

/** A number to 6 significant digits (non-finite ones by name); strings as they are; anything else as JSON. */
export const fmt = (v: unknown): string =>
  typeof v === 'number'
    ? Number.isFinite(v)
      ? Number(v.toPrecision(6)).toString()
      : String(v)
    : typeof v === 'string'
      ? v
      : JSON.stringify(v);

/** The summary table: condition, claimed, verdict, estimate, counterexample or reason. */
export function rows(model: ReportModel): string[][] {
  return model.check.results.map((r) => [
    r.condition,
    Object.entries(r.claimed)
      .map(([k, v]) => `${k}=${fmt(v)}`)
      .join(', ') || '—',
    r.verdict,
    Object.entries(r.estimate)
      .filter(([, v]) => !Array.isArray(v))
      .map(([k, v]) => `${k} = ${fmt(v)}`)
      .join(', ') || '—',
    r.counterexample
      ? `x = [${r.counterexample.x.map(fmt).join(', ')}]${r.counterexample.y ? `, y = [${r.counterexample.y.map(fmt).join(', ')}]` : ''}: ${fmt(r.counterexample.lhs)} > ${fmt(r.counterexample.rhs)}`
      : (r.reason ?? ''),
  ]);
}

/** Where the check ran, in words. */
export function domainText(m: ReportModel): string {
  const b = m.box;
  return Array.isArray(b) ? `box [${b.join(', ')}]^${m.dim}` : `domain ${String(m.check.domain.spec)}`;
}

/** What one result says beyond its table row, as plain sentences: the same for report.md and report.html. */
export function resultDetails(r: ConditionResult): string[] {
  const out: string[] = [];
  const fr = r.estimate.frontier;
  if (Array.isArray(fr))
    out.push(
      `Frontier (tightest pairs): ${fr
        .map(
          (p) =>
            `(${Object.entries(p)
              .map(([k, v]) => `${k} = ${fmt(v)}`)
              .join(', ')})`,
        )
        .join(', ')}.`,
    );
  let verdict = `Verdict ${r.verdict} from ${r.samples} samples (${r.evaluations} evaluations).`;
  if (r.verdict === 'holds' && r.margin !== undefined)
    verdict += ` Closest margin rhs − lhs = ${fmt(r.margin)}${r.margin < 0 ? ' (below zero only within the error bounds of the two sides)' : ''}.`;
  out.push(verdict);
  if (r.verdict === 'holds' && r.coverage)
    out.push(`${r.coverage.statement[0].toUpperCase()}${r.coverage.statement.slice(1)}.`);
  if (r.verdict === 'fails') {
    const c = r.counterexample;
    out.push(
      `Counterexample x = [${c.x.map(fmt).join(', ')}]${c.y ? `, y = [${c.y.map(fmt).join(', ')}]` : ''}: lhs ${fmt(c.lhs)} > rhs ${fmt(c.rhs)}, re-checked (${c.recheck}).`,
    );
    if (c.replay) out.push(`Replay the point alone: ${c.replay}`);
  }
  if (r.verdict === 'inconclusive') out.push(`Inconclusive (${r.cause}): ${r.reason}.`);
  if (r.tightest && Object.keys(r.tightest).length > 0)
    out.push(
      `Tightest over the evidence, the other constants as claimed: ${Object.entries(r.tightest)
        .map(([k, v]) => `${k} = ${fmt(v)}`)
        .join(', ')}.`,
    );
  if (r.hessianNorm?.method === 'lanczos')
    out.push(
      `Hessian norms by Lanczos intervals (joint confidence ${fmt(100 * (r.hessianNorm.confidence ?? 0))} %, widest decisive interval ${fmt(100 * (r.hessianNorm.maxRelativeWidth ?? 0))} % of its lower end).`,
    );
  return out;
}
