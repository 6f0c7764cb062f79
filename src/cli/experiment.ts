import { UsageError } from '../errors.ts';
import { EXPERIMENTS, findExperiment } from '../experiments/paper.ts';
import { renderExperiment } from '../report/experiment.ts';
import { provenance } from '../report/provenance.ts';
import { writeReportDir } from '../report/write.ts';
import { parse, parseSeedOpt, toJson } from './args.ts';

export async function cmdExperiment(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      out: { type: 'string' },
      seed: { type: 'string' },
      quick: { type: 'boolean' },
      json: { type: 'boolean' },
      list: { type: 'boolean' },
    },
    'experiment',
  );
  if (values.list) {
    process.stdout.write(EXPERIMENTS.map((e) => `${e.name}: ${e.title}`).join('\n') + '\n');
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError(`experiment takes one NAME (experiments: ${EXPERIMENTS.map((e) => e.name).join(', ')})`);
  const exp = findExperiment(positionals[0]);
  if (!exp)
    throw new UsageError(
      `unknown experiment "${positionals[0]}" (experiments: ${EXPERIMENTS.map((e) => e.name).join(', ')})`,
    );
  if (values.out === undefined) throw new UsageError('experiment needs --out DIR');
  const seed = parseSeedOpt(values.seed as string | undefined);
  const out = exp.run(seed, !!values.quick);
  const { model, files } = renderExperiment(out, provenance(['experiment', ...argv]), seed);
  const dir = writeReportDir(values.out as string, files);
  if (values.json) process.stdout.write(toJson(model) + '\n');
  else {
    const lines = model.claims.length
      ? model.claims.map((c) => `${c.id} (${c.reading}): ${c.verdict} on ${c.instances} instances`)
      : out.observed;
    const verdict =
      out.agreesWithPaper === null
        ? 'no claim compared'
        : out.agreesWithPaper
          ? 'agrees with the paper'
          : 'does NOT agree with the paper';
    process.stdout.write(`${exp.title}\n${lines.map((o) => `  ${o}`).join('\n')}\n  ${verdict}; report in ${dir}\n`);
  }
  return 0;
}
