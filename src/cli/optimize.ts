import { UsageError } from '../errors.ts';
import { resolveObjective } from '../objectives/spec.ts';
import { parseMethodSpec } from '../optim/methods.ts';
import { optimize } from '../optim/run.ts';
import { buildReport } from '../report/report.ts';
import { provenance } from '../report/provenance.ts';
import { writeReportDir } from '../report/write.ts';
import { parse, parseBox, parseIntOpt, parseNumber, parseSeedOpt, parseVector, toJson } from './args.ts';

export async function cmdOptimize(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      method: { type: 'string' },
      iters: { type: 'string' },
      x0: { type: 'string' },
      'record-every': { type: 'string' },
      fstar: { type: 'string' },
      box: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
    },
    'optimize',
  );
  if (positionals.length !== 1)
    throw new UsageError('optimize takes one OBJECTIVE: gensmooth optimize OBJECTIVE --method SPEC');
  if (values.method === undefined)
    throw new UsageError(
      'optimize needs --method SPEC, e.g. --method gd:gamma=0.01 (gensmooth list shows the methods)',
    );
  const { def, params } = parseMethodSpec(values.method as string);
  const iters = parseIntOpt('iters', values.iters as string | undefined, 1000, 0, 100_000_000);
  const seed = parseSeedOpt(values.seed as string | undefined);
  const fstar = values.fstar !== undefined ? parseNumber('--fstar', values.fstar as string) : undefined;
  const box = parseBox(values.box as string | undefined);
  const obj = await resolveObjective(positionals[0]);
  const x0 = values.x0 !== undefined ? parseVector('--x0', values.x0 as string, obj.dim) : undefined;
  const recordEvery =
    values['record-every'] !== undefined
      ? parseIntOpt('record-every', values['record-every'] as string, 1, 1, 100_000_000)
      : undefined;
  const r = optimize(obj, def, params, { iters, x0, seed, recordEvery, fstar, box });
  if (values.out !== undefined) {
    // The run as a report: the trace plot (f − f* where f* is known), JSON, Markdown, HTML.
    const check = {
      objective: obj.name,
      dim: obj.dim,
      seed,
      box,
      domain: { spec: `box:${box[0]}:${box[1]}`, kind: 'box', lo: box[0], hi: box[1] },
      results: [],
      notes: [`one run of ${def.name}; no condition was checked`],
    };
    const { files } = buildReport(check, provenance(['optimize', ...argv]), { result: r, fstar: fstar ?? obj.fstar });
    writeReportDir(values.out as string, files);
  }
  if (values.json) process.stdout.write(toJson(r) + '\n');
  else {
    const first = r.trace[0],
      last = r.trace[r.trace.length - 1];
    process.stdout.write(
      `${r.objective} (dim ${r.dim}, seed ${r.seed}) with ${def.name} ${Object.entries(params)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}\n`,
    );
    process.stdout.write(
      `  t = ${first.t}: f = ${first.f.toPrecision(8)}, ‖∇f‖ = ${first.gradNorm.toPrecision(4)}\n  t = ${last.t}: f = ${last.f.toPrecision(8)}, ‖∇f‖ = ${last.gradNorm.toPrecision(4)}\n  status: ${r.status}${r.perturbations !== undefined ? `, ${r.perturbations} perturbations` : ''}\n`,
    );
  }
  return 0;
}
