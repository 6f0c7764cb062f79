/**
 * The worker entry (worker.ts), called in this thread: it rebuilds the run's objective, domain and
 * context from plain data, reports the probe the runner compares with its own objective, and
 * carries out tasks as this thread would.
 */
import { describe, expect, it } from 'vitest';
import { floatContext } from '../../src/conditions/context.ts';
import { findCondition } from '../../src/conditions/registry.ts';
import { boxDomain } from '../../src/domains/box.ts';
import { makeBuiltin } from '../../src/objectives/spec.ts';
import { runTask, type Task, type TaskResult } from '../../src/parallel/tasks.ts';
import work, { type Probe, type WorkerInit } from '../../src/parallel/worker.ts';

const init: WorkerInit = {
  key: 'test/1',
  objective: 'builtin:phase-retrieval?d=6&m=20&seed=3',
  domain: 'box:-1:2',
  seed: 1,
  center: null,
  fstar: 0.5,
  xstar: null,
  lanczosTol: 1e-6,
  strict: false,
  jobs: [{ key: 'gpl:rho=2', name: 'gpl', shape: { rho: 2 } }],
};

describe('worker', () => {
  it('probes with the objective rebuilt from its spec, at the domain’s centre', async () => {
    const p = (await work({ init })) as Probe;
    const obj = makeBuiltin('phase-retrieval', 'd=6&m=20&seed=3');
    const g = new Float64Array(6);
    const c = new Float64Array(6).fill(0.5);
    expect(p.name).toBe(obj.name);
    expect(p.dim).toBe(6);
    expect(p.f).toBe(obj.grad(c, g));
    expect(p.g).toEqual(Array.from(g));
  });

  it('carries out a task as this thread does, with the run’s f*', async () => {
    const task: Task = {
      kind: 'eval',
      jobs: ['gpl:rho=2'],
      zs: Float64Array.from([0.1, 0.2, -0.3, 1.5, 0.7, -0.9, 1, 1, 1, 1, 1, 1]),
      len: 6,
      origins: ['uniform', 'sampled'],
    };
    const remote = (await work({ init, task })) as TaskResult;
    const obj = makeBuiltin('phase-retrieval', 'd=6&m=20&seed=3');
    const here = runTask(
      {
        obj,
        ctx: floatContext(obj, { fstar: 0.5, xstar: null, lanczosTol: 1e-6 }),
        domain: boxDomain(6, new Array(6).fill(-1), new Array(6).fill(2)),
        jobs: new Map([['gpl:rho=2', { def: findCondition('gpl')!, shape: { rho: 2 } }]]),
        strict: false,
      },
      task,
    );
    expect(remote).toEqual(here);
    expect(remote.records.map((r) => r.origin)).toEqual(['uniform', 'sampled']);
  });
});
