import { parseConditionSpec } from '../conditions/spec.ts';
import { UsageError } from '../errors.ts';
import { defaultFitSpecs, fitTable } from '../fit/fit.ts';
import { FIT_CONDITIONS } from '../fit/statistics.ts';
import { readTable } from '../fit/table.ts';
import { fitText, renderFit } from '../report/fit.ts';
import { provenance } from '../report/provenance.ts';
import { writeReportDir } from '../report/write.ts';
import { parse, parseIntOpt, parseNumber, parseSeedOpt, toJson } from './args.ts';

export async function cmdFit(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      condition: { type: 'string', multiple: true },
      fstar: { type: 'string' },
      seed: { type: 'string' },
      bootstrap: { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
    },
    'fit',
  );
  if (positionals.length !== 1)
    throw new UsageError(
      `fit takes one FILE (CSV or JSON), got ${positionals.length}: gensmooth fit FILE --condition SPEC`,
    );
  const specs = ((values.condition as string[] | undefined) ?? []).map(parseConditionSpec);
  for (const s of specs)
    if (!FIT_CONDITIONS.includes(s.name))
      throw new UsageError(
        `fit evaluates ${FIT_CONDITIONS.join(', ')} from measured columns; ${s.name} ` +
          `needs the objective itself (use gensmooth check)`,
      );
  const seed = parseSeedOpt(values.seed as string | undefined);
  const bootstrap = parseIntOpt('bootstrap', values.bootstrap as string | undefined, 1000, 0, 1_000_000);
  const fstar = values.fstar !== undefined ? parseNumber('--fstar', values.fstar as string) : undefined;
  const table = readTable(positionals[0]);
  const chosen = specs.length > 0 ? specs : defaultFitSpecs(table, fstar);
  if (chosen.length === 0)
    throw new UsageError(
      `${table.source} has columns ${table.columns.join(', ')}, which determine ` +
        `none of ${FIT_CONDITIONS.join(', ')}: add grad_norm with hess_norm or local_smoothness, ` +
        `or loss_gap (docs/fit.md)`,
    );
  const report = fitTable(table, chosen, { seed, bootstrap, fstar });
  if (values.out !== undefined)
    writeReportDir(values.out as string, renderFit(report, table, provenance(['fit', ...argv])));
  process.stdout.write(values.json ? toJson(report) + '\n' : fitText(report));
  return report.results.some((r) => r.verdict === 'fails') ? 1 : 0;
}
