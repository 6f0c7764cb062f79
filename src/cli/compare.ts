import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import { compare, slim, type Comparison } from '../experiments/compare.ts';
import { comparisonPlot, comparisonRows, markdownTable, tableNote, textTable } from '../experiments/compare-view.ts';
import type { Objective } from '../objectives/objective.ts';
import { resolveObjective } from '../objectives/spec.ts';
import { parseMethodSpec } from '../optim/methods.ts';
import { provenance } from '../report/provenance.ts';
import type { Provenance } from '../report/report.ts';
import { plotSvg } from '../report/svg.ts';
import { writeReportDir } from '../report/write.ts';
import { parse, parseIntOpt, parseNumber, toJson } from './args.ts';

/** "1..9", "1,4,7" or "3". */
export function parseSeeds(s: string): number[] {
  const range = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(s);
  let out: number[];
  if (range) {
    const a = Number(range[1]),
      b = Number(range[2]);
    if (b < a) throw new UsageError(`--seeds ${s}: the range must run upwards (write --seeds ${b}..${a})`);
    out = Array.from({ length: b - a + 1 }, (_, i) => a + i);
  } else {
    out = s.split(',').map((p) => {
      if (!/^\s*\d+\s*$/.test(p))
        throw new UsageError(`--seeds must be A..B or a comma list of whole numbers, got "${s}"`);
      return Number(p);
    });
  }
  if (out.length > 1000) throw new UsageError(`--seeds: at most 1000 seeds, got ${out.length}`);
  if (new Set(out).size !== out.length) throw new UsageError(`--seeds: seeds repeat in "${s}"`);
  return out;
}

interface SavedComparison extends Omit<Comparison, 'arms'> {
  schemaVersion: number;
  provenance: Provenance;
  arms: ReturnType<typeof slim>['arms'];
}

function render(c: SavedComparison, logy: boolean, wall?: number[][]): Record<string, string> {
  const spec = comparisonPlot(c as unknown as Comparison, {
    title: `${c.objective}: ${c.metric} against ${c.axis}`,
    logy,
    legend: 'tl',
  });
  const rows = comparisonRows(c as unknown as Comparison, wall);
  return {
    'report.json': toJson(c) + '\n',
    'comparison.svg': plotSvg(spec) + '\n',
    'report.md': [
      `# Comparison on ${c.objective}`,
      '',
      markdownTable(rows),
      '',
      tableNote(c as unknown as Comparison),
      '',
      '![comparison](comparison.svg)',
      '',
      '```sh',
      c.provenance.command.join(' '),
      '```',
      '',
    ].join('\n'),
  };
}

export async function cmdCompare(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      method: { type: 'string', multiple: true },
      seeds: { type: 'string' },
      budget: { type: 'string' },
      'record-every': { type: 'string' },
      checkpoints: { type: 'string' },
      target: { type: 'string' },
      logy: { type: 'boolean' },
      json: { type: 'boolean' },
      out: { type: 'string' },
      from: { type: 'string' },
    },
    'compare',
  );
  const logy = !!values.logy;
  if (values.from !== undefined) {
    if (positionals.length > 0 || values.method !== undefined)
      throw new UsageError('compare --from DIR re-plots a saved comparison: give no OBJECTIVE or --method');
    const file = join(values.from as string, 'report.json');
    let saved: SavedComparison;
    try {
      saved = JSON.parse(readFileSync(file, 'utf8')) as SavedComparison;
    } catch (e) {
      throw new UsageError(`--from ${values.from}: cannot read ${file} (${e instanceof Error ? e.message : e})`);
    }
    if (saved.kind !== 'comparison' || !saved.grid)
      throw new UsageError(`--from ${values.from}: ${file} is not a saved comparison (kind "${saved.kind}")`);
    if (values.out !== undefined) writeReportDir(values.out as string, render(saved, logy));
    process.stdout.write(
      values.json ? toJson(saved) + '\n' : `${textTable(comparisonRows(saved as unknown as Comparison))}\n`,
    );
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError('compare takes one OBJECTIVE: gensmooth compare OBJECTIVE --method SPEC --method SPEC');
  const methods = (values.method as string[] | undefined) ?? [];
  if (methods.length === 0)
    throw new UsageError('compare needs at least one --method SPEC, e.g. --method sgd:gamma=0.01,batch=8');
  for (const m of methods) parseMethodSpec(m); // a usage error names the bad spec before anything runs
  if (new Set(methods).size !== methods.length) throw new UsageError('compare: a --method is given twice');
  const seeds = parseSeeds((values.seeds as string | undefined) ?? '1');
  const objSpec = positionals[0];
  const objs = new Map<number, Objective>();
  for (const s of seeds) {
    const spec = objSpec.replaceAll('{seed}', String(s));
    if (objs.size === 0 || spec !== objSpec) objs.set(s, await resolveObjective(spec));
  }
  const first = objs.get(seeds[0])!;
  const n = first.finiteSum?.n;
  const budget =
    values.budget !== undefined ? parseNumber('--budget', values.budget as string) : n !== undefined ? 10 * n : 1000;
  if (!(budget > 0)) throw new UsageError(`--budget must be positive, got ${budget}`);
  const checkpoints =
    values.checkpoints !== undefined
      ? (values.checkpoints as string).split(',').map((c) => parseNumber('--checkpoints', c))
      : undefined;
  const target = values.target !== undefined ? parseNumber('--target', values.target as string) : undefined;
  const recordEvery = parseIntOpt('record-every', values['record-every'] as string | undefined, 1, 1, 1e9);
  const { result, wallSeconds } = compare({
    objective: (s) => objs.get(s) ?? first,
    objectiveSpec: objSpec,
    arms: methods.map((m) => ({ label: m, spec: m })),
    seeds,
    budget,
    recordEvery,
    checkpoints,
    target,
  });
  const saved: SavedComparison = {
    schemaVersion: 1,
    provenance: provenance(['compare', ...argv]),
    ...slim(result),
  };
  if (values.out !== undefined) writeReportDir(values.out as string, render(saved, logy, wallSeconds));
  if (values.json) process.stdout.write(toJson(saved) + '\n');
  else
    process.stdout.write(
      `${textTable(comparisonRows(result, wallSeconds))}\n${tableNote(result)}` +
        `${values.out !== undefined ? `\nreport in ${values.out}` : ''}\n`,
    );
  return 0;
}
