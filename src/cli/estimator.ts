import { testEstimator, type EstimatorTestResult } from '../estimators/insgd.ts';
import { Rng } from '../core/rng.ts';
import { UsageError } from '../errors.ts';
import { resolveObjective } from '../objectives/spec.ts';
import { parse, parseBox, parseIntOpt, parseNumber, parseSeedOpt, parseVector, toJson } from './args.ts';

function render(r: EstimatorTestResult): string {
  const lines = [
    `${r.estimator}: ${r.verdict}${r.decisive ? '' : ' (not decisive)'} after ${r.draws} draws (${r.stoppedBecause})`,
    `  claim: ${r.claim}`,
  ];
  if (r.reason) lines.push(`  reason: ${r.reason}`);
  else {
    lines.push(
      `  Hotelling T² = ${r.hotelling.T2.toFixed(2)} on ${r.hotelling.df} directions ⊥ ∇F, p = ${r.hotelling.pValue.toExponential(2)} (level ${r.hotelling.level.toExponential(1)})`,
    );
    lines.push(
      `  relative orthogonal bias ${r.relativeBias.estimate.toExponential(2)} (upper bound ${r.relativeBias.upper.toExponential(2)}), cosine with ∇F ${r.cosine.toFixed(6)}`,
    );
    if (r.scale)
      lines.push(
        `  scale: ⟨E m, u⟩/‖∇F‖ = ${r.scale.observed.toPrecision(6)} vs E‖g_B'‖^−β = ${r.scale.predicted.toPrecision(6)}, ratio ${r.scale.ratio.toFixed(4)} in [${r.scale.ci[0].toFixed(4)}, ${r.scale.ci[1].toFixed(4)}]`,
      );
  }
  return lines.join('\n');
}

export async function cmdEstimator(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      estimator: { type: 'string', multiple: true },
      beta: { type: 'string' },
      batch: { type: 'string' },
      batch2: { type: 'string' },
      at: { type: 'string' },
      box: { type: 'string' },
      budget: { type: 'string' },
      resolution: { type: 'string' },
      alpha: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
    },
    'estimator',
  );
  if (positionals.length !== 1)
    throw new UsageError('estimator takes one OBJECTIVE with a finite-sum structure, e.g. builtin:phase-retrieval');
  const kinds = (values.estimator as string[] | undefined) ?? ['nsgd', 'insg'];
  for (const k of kinds)
    if (k !== 'nsgd' && k !== 'insg') throw new UsageError(`--estimator must be nsgd or insg, got "${k}"`);
  const beta = values.beta !== undefined ? parseNumber('--beta', values.beta as string) : 1;
  if (!(beta > 0 && beta <= 2)) throw new UsageError(`--beta must be in (0, 2], got ${beta}`);
  const batch = parseIntOpt('batch', values.batch as string | undefined, 1, 1, 1_000_000);
  const batch2 = parseIntOpt('batch2', values.batch2 as string | undefined, batch, 1, 1_000_000);
  const budget = parseIntOpt('budget', values.budget as string | undefined, 1_000_000, 100, 1_000_000_000);
  const resolution = values.resolution !== undefined ? parseNumber('--resolution', values.resolution as string) : 0.01;
  const alpha = values.alpha !== undefined ? parseNumber('--alpha', values.alpha as string) : 1e-4;
  if (!(alpha > 0 && alpha < 1)) throw new UsageError(`--alpha must be in (0, 1), got ${alpha}`);
  if (!(resolution > 0)) throw new UsageError(`--resolution must be > 0, got ${resolution}`);
  const seed = parseSeedOpt(values.seed as string | undefined);
  const obj = await resolveObjective(positionals[0]);
  if (!obj.finiteSum)
    throw new UsageError(
      `${obj.name} has no finite-sum structure; the estimator test needs per-sample gradients (builtin:phase-retrieval, dro-chi2, logistic, mlp, nsgd-bias-example, or a module with finiteSum)`,
    );
  const x =
    values.at !== undefined
      ? parseVector('--at', values.at as string, obj.dim)
      : (obj.x0 ??
        new Rng(seed, 'estimator/point').fillUniform(
          new Float64Array(obj.dim),
          ...parseBox(values.box as string | undefined),
        ));
  const results = kinds.map((k) =>
    testEstimator(obj, x, { estimator: k as 'nsgd' | 'insg', beta, batch, batch2, seed, budget, resolution, alpha }),
  );
  if (values.json)
    process.stdout.write(toJson({ objective: obj.name, dim: obj.dim, seed, x: Array.from(x), results }) + '\n');
  else
    process.stdout.write(
      `${obj.name} at x = [${Array.from(x)
        .slice(0, 6)
        .map((v) => v.toPrecision(4))
        .join(', ')}${obj.dim > 6 ? ', …' : ''}]\n${results.map(render).join('\n')}\n`,
    );
  return results.some((r) => r.verdict === 'fails') ? 1 : 0;
}
