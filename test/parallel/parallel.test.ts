/**
 * The parallel check (parallel.ts): the same report byte for byte whatever the number of worker
 * threads (0 is this thread, the reference), workers started from the TypeScript sources here,
 * and the objective-object path that stays in this thread, saying so.
 */
import { describe, expect, it } from 'vitest';
import { parseConditionSpec } from '../../src/conditions/spec.ts';
import { checkObjective, checkObjectiveWith } from '../../src/conditions/check.ts';
import { makeBuiltin } from '../../src/objectives/spec.ts';
import { exprObjective } from '../../src/objectives/expr.ts';
import { checkParallel, workerRunner } from '../../src/parallel/parallel.ts';
import type { Objective } from '../../src/objectives/objective.ts';

/** The report for each worker count (0: this thread), every task of the parallel runs in a worker. */
async function runs(obj: Objective, spec: string, conds: string[], samples: number, workers: number[]) {
  const out: string[] = [];
  for (const w of workers) {
    const opts = { box: [-2, 2] as [number, number], seed: 3, samples };
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
