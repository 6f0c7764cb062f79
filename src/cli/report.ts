/**
 * `gensmooth report OBJECTIVE --out DIR`: every condition estimated (and the claims checked),
 * a short optimizer run with its theorem bound, written as an assumption report. Also the
 * writer behind `check --out`, from the same parsed arguments (checkargs.ts) and with check's
 * exit codes.
 */
import { defaultSpecs } from '../conditions/spec.ts';
import { checkExitCode } from '../conditions/verdict.ts';
import { UsageError } from '../errors.ts';
import { defaultRun } from '../experiments/descent-bound.ts';
import { parseMethodSpec } from '../optim/methods.ts';
import { optimize } from '../optim/run.ts';
import { buildReport, type RunSection } from '../report/report.ts';
import { progressReporter, provenance } from '../report/provenance.ts';
import { writeReportDir } from '../report/write.ts';
import { checkParallel } from '../parallel/parallel.ts';
import { parseIntOpt, toJson } from './args.ts';
import { addReplays } from './replay.ts';
import { parseCheckArgs, prepareCheck, type CheckArgs, type Prepared } from './checkargs.ts';

/** Run the check of `p` and write it as a report directory (check --out and report). */
export async function writeCheckReport(
  a: CheckArgs,
  p: Prepared,
  o: { command: string; argv: string[]; withRun: boolean },
): Promise<number> {
  if (a.out === undefined) throw new UsageError(`${o.command} needs --out DIR`);
  const iters = parseIntOpt('iters', a.values.iters as string | undefined, 200, 1, 1_000_000);
  const method = a.values.method !== undefined ? parseMethodSpec(a.values.method as string) : undefined;
  const check = await checkParallel(p.obj, p.specs, {
    ...p.options,
    keepSamples: 800,
    progress: progressReporter(o.command),
  });
  addReplays(check, a);
  let run: RunSection | undefined;
  if (o.withRun) {
    const box: [number, number] = [p.options.box[0], p.options.box[1]];
    if (method) {
      const result = optimize(p.obj, method.def, method.params, {
        iters,
        seed: a.seed,
        recordEvery: 1,
        box,
        fstar: a.fstar,
      });
      run = { result, fstar: a.fstar ?? p.obj.fstar };
    } else {
      const d = defaultRun(p.obj, check, iters, a.seed, box);
      if ('note' in d) check.notes.push(d.note);
      else run = d;
    }
  }
  const { model, files } = buildReport(check, provenance([o.command, ...o.argv]), run);
  const dir = writeReportDir(a.out, files);
  if (a.json) process.stdout.write(toJson(model) + '\n');
  else
    process.stdout.write(
      `wrote ${Object.keys(files).length} files to ${dir}: ${model.check.results.map((r) => `${r.condition} ${r.verdict}`).join(', ')}\n`,
    );
  return checkExitCode(check);
}

export async function cmdReport(argv: string[]): Promise<number> {
  const a = parseCheckArgs(argv, 'report', { method: { type: 'string' } }, ['at']);
  if (a.out === undefined) throw new UsageError('report needs --out DIR');
  // Every applicable condition estimated, then the claims.
  const p = await prepareCheck(a, (obj, xstar) => [...defaultSpecs(obj, xstar), ...a.specs]);
  return writeCheckReport(a, p, { command: 'report', argv, withRun: true });
}
