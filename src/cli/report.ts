import { checkObjective } from '../conditions/check.ts';
import { defaultSpecs, parseConditionSpec } from '../conditions/spec.ts';
import { type CheckReport } from '../conditions/result.ts';
import { UsageError } from '../errors.ts';
import type { Objective } from '../objectives/objective.ts';
import { resolveObjective } from '../objectives/spec.ts';
import { parseMethodSpec } from '../optim/methods.ts';
import { optimize } from '../optim/run.ts';
import { expm1MinusU } from '../conditions/extra.ts';
import { buildReport, type RunSection } from '../report/report.ts';
import { progressReporter, provenance } from '../report/provenance.ts';
import { writeReportDir } from '../report/write.ts';
import { checkExitCode, parseTimeLimit } from './check.ts';
import { parse, parseBox, parseIntOpt, parseNumber, parseSeedOpt, parseVector, toJson } from './args.ts';

export const REPORT_HELP = `  gensmooth report OBJECTIVE --out DIR [--condition SPEC]... [--method SPEC] [--iters N] [--box LO:HI]
                            [--fstar F] [--xstar X] [--seed S] [--samples N] [--json]
                                                   every condition estimated (and claims checked), a short
                                                   optimizer run with its theorem bound: report.json, report.md,
                                                   report.html and one .svg per plot, written atomically`;

/**
 * The default run: the classic (L0,L1) step x − ∇f/(L0 + L1‖∇f‖) (smoothed clipping,
 * theory.md §b3) with a pair from the estimated frontier, and the bound the exponential
 * descent lemma gives along it: each step decreases f by at least
 * (g/L1)·(s − φ(s)/s), s = L1·g/(L0 + L1·g), φ(s) = eˢ − s − 1 (g²/(2L0) when L1 = 0).
 */
function defaultRun(
  obj: Objective,
  check: CheckReport,
  iters: number,
  seed: number | string,
  box: [number, number],
): RunSection | { note: string } {
  const l = check.results.find((r) => r.condition === 'l0l1' && Array.isArray(r.estimate.frontier));
  const fr = (l?.estimate.frontier ?? []) as { L1: number; L0: number }[];
  const finite = fr.filter((p) => typeof p.L0 === 'number' && typeof p.L1 === 'number' && p.L0 > 0);
  if (finite.length === 0)
    return { note: 'no finite (L0, L1) with L0 > 0 was estimated, so no default run; pass --method' };
  const pick = finite[Math.floor((finite.length - 1) / 2)];
  const { L0, L1 } = pick;
  const spec = L1 > 0 ? `precond-gd:gamma=${1 / L1},lambda=${L1 / L0},kernel=smooth-clip` : `gd:gamma=${1 / L0}`;
  const { def, params } = parseMethodSpec(spec);
  const result = optimize(obj, def, params, { iters, seed, recordEvery: 1, box });
  const values: number[] = [];
  let b = result.trace[0].f;
  for (const p of result.trace) {
    values.push(b);
    const g = p.gradNorm;
    if (L1 > 0) {
      const s = (L1 * g) / (L0 + L1 * g);
      b -= s > 0 ? (g / L1) * (s - expm1MinusU(s) / s) : 0;
    } else b -= (g * g) / (2 * L0);
  }
  return {
    result,
    fstar: check.fstar?.source !== 'estimated' ? check.fstar?.value : undefined,
    bound: {
      label: `guaranteed decrease under (L0, L1) = (${Number(L0.toPrecision(4))}, ${Number(L1.toPrecision(4))}), exponential descent lemma`,
      values,
    },
  };
}

export async function runReport(argv: string[], opts: { withRun: boolean; command: string }): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      out: { type: 'string' },
      condition: { type: 'string', multiple: true },
      method: { type: 'string' },
      iters: { type: 'string' },
      box: { type: 'string' },
      fstar: { type: 'string' },
      xstar: { type: 'string' },
      seed: { type: 'string' },
      samples: { type: 'string' },
      json: { type: 'boolean' },
      'time-limit': { type: 'string' },
    },
    opts.command,
  );
  if (positionals.length !== 1) throw new UsageError(`${opts.command} takes one OBJECTIVE`);
  if (values.out === undefined) throw new UsageError(`${opts.command} needs --out DIR`);
  const claims = ((values.condition as string[] | undefined) ?? []).map(parseConditionSpec);
  const box = parseBox(values.box as string | undefined);
  const seed = parseSeedOpt(values.seed as string | undefined);
  const samples = parseIntOpt('samples', values.samples as string | undefined, 2000, 1, 1_000_000);
  const iters = parseIntOpt('iters', values.iters as string | undefined, 200, 1, 1_000_000);
  const fstar = values.fstar !== undefined ? parseNumber('--fstar', values.fstar as string) : undefined;
  const method = values.method !== undefined ? parseMethodSpec(values.method as string) : undefined;
  const obj = await resolveObjective(positionals[0]);
  const xstar = values.xstar !== undefined ? parseVector('--xstar', values.xstar as string, obj.dim) : undefined;
  // Every applicable condition estimated, then the claims (report); only the claims, or all estimated (check --out).
  const specs = opts.withRun
    ? [...defaultSpecs(obj, xstar), ...claims]
    : claims.length > 0
      ? claims
      : defaultSpecs(obj, xstar);
  const deadline = parseTimeLimit(values['time-limit'] as string | undefined);
  const check = checkObjective(obj, specs, {
    box,
    seed,
    samples,
    fstar,
    xstar,
    deadline,
    keepSamples: 800,
    progress: progressReporter(opts.command),
  });
  let run: RunSection | undefined;
  if (opts.withRun) {
    if (method) {
      const result = optimize(obj, method.def, method.params, { iters, seed, recordEvery: 1, box, fstar });
      run = { result, fstar: fstar ?? obj.fstar };
    } else {
      const d = defaultRun(obj, check, iters, seed, box);
      if ('note' in d) check.notes.push(d.note);
      else run = d;
    }
  }
  const { model, files } = buildReport(check, provenance([opts.command, ...argv]), run);
  const dir = writeReportDir(values.out as string, files);
  if (values.json) process.stdout.write(toJson(model) + '\n');
  else
    process.stdout.write(
      `wrote ${Object.keys(files).length} files to ${dir}: ${model.check.results.map((r) => `${r.condition} ${r.verdict}`).join(', ')}\n`,
    );
  return checkExitCode(check);
}

export const cmdReport = (argv: string[]) => runReport(argv, { withRun: true, command: 'report' });
