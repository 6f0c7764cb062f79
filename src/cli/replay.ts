/**
 * The command that replays a counterexample alone (`check --at`), attached to every failing
 * result by `check` and by the report writer (report.ts), so it lives apart from both.
 */
import { findCondition } from '../conditions/registry.ts';
import type { CheckReport, ConditionResult } from '../conditions/result.ts';
import type { CheckArgs } from './checkargs.ts';

/** A POSIX shell word: bare when it is safe, single-quoted otherwise. */
export const shellQuote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

/** The shell command that evaluates a counterexample alone (`--at`), with the run's domain and f*. */
export function replayAt(
  objective: string,
  r: ConditionResult,
  domainSpec: string,
  report: CheckReport,
): string | undefined {
  // A condition with its own procedure (growth on spheres) has no single point to replay.
  if (r.verdict !== 'fails' || !r.counterexample.x || findCondition(r.condition)?.run) return undefined;
  const spec = `${r.condition}${
    Object.keys(r.claimed).length
      ? ':' +
        Object.entries(r.claimed)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')
      : ''
  }`;
  const args = ['npx', 'gensmooth', 'check', objective, '--condition', spec, '--domain', domainSpec];
  if (report.fstar) args.push('--fstar', String(report.fstar.value));
  args.push('--at', r.counterexample.x.map(String).join(','));
  if (r.counterexample.y) args.push('--at', r.counterexample.y.map(String).join(','));
  return args.map(shellQuote).join(' ');
}

/** Every counterexample gets the command that replays it. */
export function addReplays(report: CheckReport, a: Pick<CheckArgs, 'objective' | 'domainSpec'>): void {
  for (const r of report.results)
    if (r.verdict === 'fails') {
      const cmd = replayAt(a.objective, r, a.domainSpec, report);
      if (cmd) r.counterexample.replay = cmd;
    }
}
