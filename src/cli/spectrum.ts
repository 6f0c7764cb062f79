import { spectrumAt } from '../curvature/spectrum.ts';
import { ObjectiveError, UsageError, fmtPoint } from '../errors.ts';
import { resolveObjective } from '../objectives/spec.ts';
import { provenance } from '../report/provenance.ts';
import { renderSpectrum, spectrumText, type SpectrumModel } from '../report/spectrum.ts';
import { writeReportDir } from '../report/write.ts';
import { nrm2 } from '../core/vec.ts';
import { parse, parseIntOpt, parseNumber, parsePoint, parseSeedOpt, toJson } from './args.ts';

export async function cmdSpectrum(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      at: { type: 'string' },
      seed: { type: 'string' },
      probes: { type: 'string' },
      runs: { type: 'string' },
      steps: { type: 'string' },
      sigma: { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
    },
    'spectrum',
  );
  if (positionals.length !== 1)
    throw new UsageError(
      `spectrum takes one OBJECTIVE, got ${positionals.length}: gensmooth spectrum OBJECTIVE [--at X]`,
    );
  const seed = parseSeedOpt(values.seed as string | undefined);
  const probes = parseIntOpt('probes', values.probes as string | undefined, 100, 2, 1_000_000);
  const runs = parseIntOpt('runs', values.runs as string | undefined, 4, 1, 10_000);
  const steps = parseIntOpt('steps', values.steps as string | undefined, 64, 1, 10_000);
  const sigma = values.sigma !== undefined ? parseNumber('--sigma', values.sigma as string) : undefined;
  if (sigma !== undefined && !(sigma > 0)) throw new UsageError(`--sigma must be > 0, got ${values.sigma}`);
  const obj = await resolveObjective(positionals[0]);
  let x: Float64Array;
  if (values.at !== undefined) x = parsePoint('--at', values.at as string, obj.dim);
  else if (obj.x0) x = Float64Array.from(obj.x0);
  else
    throw new UsageError(
      `${obj.name} has no default start: pass --at X1,...,X${obj.dim} (or one number for every coordinate)`,
    );
  const r = spectrumAt(obj, x, { seed, probes, runs, steps, sigma });
  if (![r.lambdaMax, r.lambdaMin, r.trace.value].every(Number.isFinite))
    throw new ObjectiveError(
      `${obj.name}: the Hessian-vector product is not finite at x = ${fmtPoint(x)} ` +
        `(λmax ${r.lambdaMax}, trace ${r.trace.value})`,
    );
  const model: SpectrumModel = {
    schemaVersion: 1,
    kind: 'spectrum',
    provenance: provenance(['spectrum', ...argv]),
    objective: obj.name,
    dim: obj.dim,
    seed,
    at: {
      source: values.at !== undefined ? 'given' : 'start',
      norm: nrm2(x),
      x: obj.dim <= 64 ? Array.from(x) : null,
    },
    ...r,
  };
  if (values.out !== undefined) writeReportDir(values.out as string, renderSpectrum(model));
  if (values.json) {
    const { provenance: _p, schemaVersion: _s, kind: _k, ...rest } = model;
    process.stdout.write(toJson(rest) + '\n');
  } else process.stdout.write(spectrumText(model));
  return 0;
}
