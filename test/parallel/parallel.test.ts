/**
 * The parallel check (parallel.ts): the same report byte for byte whatever the number of worker
 * threads (0 is this thread, the reference), workers started from the TypeScript sources here,
 * and the objective-object path that stays in this thread, saying so.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConditionSpec } from '../../src/conditions/spec.ts';
import { checkObjective, checkObjectiveWith } from '../../src/conditions/check.ts';
import { makeBuiltin, resolveObjective } from '../../src/objectives/spec.ts';
import { exprObjective } from '../../src/objectives/expr.ts';
import { checkParallel } from '../../src/parallel/parallel.ts';
import { workerRunner } from '../../src/parallel/runner.ts';
import type { Objective } from '../../src/objectives/objective.ts';
import type { CheckOptions } from '../../src/conditions/result.ts';
import { parseDomain } from '../../src/domains/parse.ts';
import { gs } from '../bin.ts';
import { boxDomain } from '../../src/domains/box.ts';

/** The report for each worker count (0: this thread), every task of the parallel runs in a worker. */
async function runs(
  obj: Objective,
  spec: string,
  conds: string[],
  samples: number,
  workers: number[],
  extra: Partial<CheckOptions> = {},
) {
  const out: string[] = [];
  for (const w of workers) {
    const opts = { box: [-2, 2] as [number, number], seed: 3, samples, ...extra };
    const specs = conds.map(parseConditionSpec);
    if (w === 0) {
      out.push(JSON.stringify(checkObjective(obj, specs, opts)));
      continue;
    }
    let runner: ReturnType<typeof workerRunner> | null = null;
    const r = await checkObjectiveWith(obj, specs, opts, (f) => (runner = workerRunner(f, spec, w, { wait: true })));
    expect(runner!.stats.local).toBe(0);
    expect(runner!.stats.remote).toBeGreaterThan(10);
    expect(runner!.note).toBeUndefined();
    out.push(JSON.stringify(r));
  }
  return out;
}

describe('a check spread over worker threads', () => {
  it('phase retrieval in dimension 12 (structured starts, evolution-strategy searches, ascents, Lanczos norms): identical for 0, 1, 2 and 4 workers', async () => {
    const spec = 'builtin:phase-retrieval?d=12&m=40&seed=2';
    const conds = ['l0l1', 'curvature-gap', 'l0l1-alpha:L0=1,L1=1'];
    const [serial, ...rest] = await runs(
      makeBuiltin('phase-retrieval', 'd=12&m=40&seed=2'),
      spec,
      conds,
      300,
      [0, 1, 2, 4],
    );
    for (const r of rest) expect(r).toBe(serial);
    // checkParallel with its default (one worker per core) gives the same report.
    const byDefault = await checkParallel(
      makeBuiltin('phase-retrieval', 'd=12&m=40&seed=2'),
      conds.map(parseConditionSpec),
      {
        box: [-2, 2],
        seed: 3,
        samples: 300,
        objectiveSpec: spec,
      },
    );
    expect(JSON.stringify(byDefault)).toBe(serial);
    const parsed = JSON.parse(serial);
    expect(parsed.results.map((r: { verdict: string }) => r.verdict)).toEqual(['estimated', 'estimated', 'fails']);
  });

  it('phase retrieval in dimension 50 (Lanczos norms computed ahead, two points per pass): identical for 0 and 2 workers, and for the default mixed runner', async () => {
    const spec = 'builtin:phase-retrieval?d=50&m=100&seed=5';
    const obj = makeBuiltin('phase-retrieval', 'd=50&m=100&seed=5');
    const conds = ['l0l1', 'curvature-gap'];
    const [serial, two] = await runs(obj, spec, conds, 200, [0, 2]);
    expect(two).toBe(serial);
    // Lanczos intervals, not dense norms, above 40 dimensions.
    expect(JSON.parse(serial).results[0].hessianNorm.method).toBe('lanczos');
    // The default runner: tasks in this thread until the workers answer, then on the workers.
    const mixed = await checkParallel(obj, conds.map(parseConditionSpec), {
      box: [-2, 2],
      seed: 3,
      samples: 200,
      objectiveSpec: spec,
      workers: 2,
    });
    expect(JSON.stringify(mixed)).toBe(serial);
  });

  it('above 40 dimensions with no f* to estimate, the stationary-point starts share a batch with the free part of the initial sample: the same report as searching first, for 0 and 2 workers', async () => {
    const spec = 'builtin:phase-retrieval?d=50&m=100&seed=5';
    const obj = makeBuiltin('phase-retrieval', 'd=50&m=100&seed=5');
    const conds = ['l0l1', 'lsmooth', 'gpl:mu=0.001'];
    const box = boxDomain(50, new Array(50).fill(-2), new Array(50).fill(2));
    // The same box without initialParts: special points first, then the initial sample drawn whole.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { initialParts, ...whole } = box;
    const [overlapped, two] = await runs(obj, spec, conds, 200, [0, 2], { domain: box, fstar: 0 });
    const [sequential] = await runs(obj, spec, conds, 200, [0], { domain: whole, fstar: 0 });
    expect(two).toBe(overlapped);
    expect(overlapped).toBe(sequential);
    const r = JSON.parse(overlapped);
    expect(r.notes.join(' ')).toMatch(/stationary point\(s\) found/);
    expect(r.results.map((x: { samples: number }) => x.samples).every((k: number) => k > 200)).toBe(true);
  });

  it('an expr: objective with point and pair conditions: identical for 0, 2 and 4 workers', async () => {
    const text = 'x1^4 + 2*x2^2 - x1*x2 + sin(x1)';
    const [serial, ...rest] = await runs(
      exprObjective(text).objective,
      `expr:${text}`,
      ['l0l1', 'descent', 'gpl'],
      400,
      [0, 2, 4],
    );
    for (const r of rest) expect(r).toBe(serial);
  });

  it('a ball around a given centre and a sublevel set in it (rebuilt in each worker): identical for 0 and 2 workers', async () => {
    const text = 'x1^4 + 2*x2^2 - x1*x2';
    const obj = exprObjective(text).objective;
    const center = Float64Array.from([0.5, -0.25]);
    for (const d of ['ball:1.5', 'sublevel:2:ball:1.5']) {
      const domain = parseDomain(d, { obj, seed: 3, center });
      const extra = { domain, box: [domain.lo[0], domain.hi[0]] as [number, number], domainCenter: center };
      const [serial, two] = await runs(obj, `expr:${text}`, ['l0l1', 'lsmooth'], 300, [0, 2], extra);
      expect(two).toBe(serial);
      expect(JSON.parse(serial).domain.spec).toBe(d);
    }
  });

  it('an objective that overflows on part of the box: the same overflow count and report for 0 and 2 workers', async () => {
    // exp(x1²) is ±∞ in double beyond |x1| ≈ 26.6: each task reports its own overflows, counted once.
    const text = 'exp(x1^2) + x2^2';
    const [serial, two] = await runs(exprObjective(text).objective, `expr:${text}`, ['l0l1'], 200, [0, 2], {
      box: [-30, 30],
    });
    expect(two).toBe(serial);
    expect(JSON.parse(serial).results[0].overflowSamples).toBeGreaterThan(0);
  });

  it('workers that cannot load the objective: the run falls back to this thread, says why, and gives the same report', async () => {
    const path = join(import.meta.dirname, '..', 'fixtures', 'main-thread-only.mjs');
    const obj = await resolveObjective(path);
    const specs = ['l0l1', 'lsmooth'].map(parseConditionSpec);
    const opts = { box: [-2, 2] as [number, number], seed: 3, samples: 200 };
    let runner: ReturnType<typeof workerRunner> | null = null;
    const r = await checkObjectiveWith(obj, specs, opts, (f) => (runner = workerRunner(f, path, 2, { wait: true })));
    expect(runner!.stats.remote).toBe(0);
    expect(r.notes.some((t) => /could not load/.test(t) && /one thread/.test(t))).toBe(true);
    const ref = checkObjective(obj, specs, opts);
    expect(r.results).toEqual(ref.results);
  });

  it('an objective given as an object (no spec string) runs in this thread and says so', async () => {
    const obj = makeBuiltin('poly-quartic');
    const r = await checkParallel(obj, [parseConditionSpec('l0l1')], {
      box: [-2, 2],
      seed: 1,
      samples: 100,
      workers: 2,
    });
    expect(r.notes.some((n) => /spec string/.test(n) && /one thread/.test(n))).toBe(true);
    const ref = checkObjective(obj, [parseConditionSpec('l0l1')], { box: [-2, 2], seed: 1, samples: 100 });
    expect(r.results).toEqual(ref.results);
  });
});

describe('the hard time limit', () => {
  const fixture = (f: string) => join(import.meta.dirname, '..', 'fixtures', f);
  const hardLimit = ['--time-limit', '2', '--workers', '2', '--json'];
  it('above 40 dimensions the derivative check is a task: an objective that hangs at its points is stopped by the limit, and the notes say the check did not finish', () => {
    const r = gs('check', fixture('hang-off-centre.mjs'), '--condition', 'lsmooth:L=2.5', ...hardLimit);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(5);
    const rep = JSON.parse(r.stdout);
    expect(rep.derivatives).toBeNull();
    expect(rep.notes).toContain('the derivative check did not finish before the time limit');
    expect(rep.results[0].verdict).toBe('inconclusive');
    expect(rep.results[0].cause).toBe('time-limit');
  });

  it('a module objective that never returns near a corner: the run ends with exit 5, partial results and the point named', () => {
    const r = gs('check', fixture('hang.mjs'), '--condition', 'lsmooth:L=2.5', '--condition', 'gpl', ...hardLimit);
    expect(r.status).toBe(5);
    const rep = JSON.parse(r.stdout);
    const [claim, estimate] = rep.results;
    expect(claim.verdict).toBe('inconclusive');
    expect(claim.cause).toBe('time-limit');
    expect(estimate.partial).toBe(true);
    expect(estimate.samples).toBeGreaterThan(0);
    // The point a worker hung at is named in a result's notes and the report's: both coordinates above 2.9.
    const named = [...rep.results.flatMap((x: { notes: string[] }) => x.notes), ...rep.notes].filter((t: string) =>
      t.includes('did not return at'),
    );
    expect(named.length).toBeGreaterThan(0);
    for (const t of named) {
      const m = /did not return at x = \[([^\]]+)\](?:, y = \[([^\]]+)\])?/.exec(t)!;
      const pts = [m[1], m[2]].filter(Boolean).map((q) => q.split(',').map(Number));
      expect(pts.some((q) => q[0] > 2.9 && q[1] > 2.9)).toBe(true);
    }
    expect(rep.notes.some((n: string) => n.includes('its worker was terminated'))).toBe(true);
  });
});
