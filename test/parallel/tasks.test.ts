/**
 * The units of work (tasks.ts): a task's result is a function of the task alone, whatever ran
 * before it in the same thread (the Hessian-norm cache is emptied per task), which is what lets
 * the parallel check merge results from any worker in task order.
 */
import { describe, expect, it } from 'vitest';
import { floatContext } from '../../src/conditions/context.ts';
import { findCondition } from '../../src/conditions/registry.ts';
import { boxDomain } from '../../src/domains/box.ts';
import { Rng } from '../../src/core/rng.ts';
import { makeBuiltin } from '../../src/objectives/spec.ts';
import { runTask, type Task, type TaskJob, type TaskState } from '../../src/parallel/tasks.ts';

function state(deadline?: number): TaskState {
  const obj = makeBuiltin('phase-retrieval', 'd=12&m=40&seed=2');
  return {
    obj,
    ctx: floatContext(obj, { fstar: 0, xstar: null, lanczosTol: 1e-6 }),
    domain: boxDomain(12, new Array(12).fill(-2), new Array(12).fill(2)),
    jobs: new Map<string, TaskJob>([
      ['l0l1', { def: findCondition('l0l1')!, shape: { alpha: 1 } }],
      ['curvature-gap', { def: findCondition('curvature-gap')!, shape: {} }],
    ]),
    strict: false,
    deadline,
  };
}

const rng = new Rng(4, 'tasks');
const zs = Float64Array.from({ length: 12 * 20 }, () => rng.uniformIn(-2, 2));
const evalTask: Task = {
  kind: 'eval',
  jobs: ['l0l1', 'curvature-gap'],
  zs,
  len: 12,
  origins: new Array(20).fill('uniform'),
};
const climb: Task = {
  kind: 'ascend',
  job: 'l0l1',
  target: { kind: 'estA', A: NaN, B: 0 },
  z0: zs.slice(0, 12),
  iters: 10,
  budget: 30,
};
const search: Task = {
  kind: 'maximize',
  job: 'curvature-gap',
  target: { kind: 'estA', A: NaN, B: 0 },
  z0: zs.slice(12, 24),
  budget: 40,
  step: 0.08,
  rng: { seed: 1, name: 'check/test/start/0' },
};

describe('tasks', () => {
  it('the same task gives the same records and calls after other tasks filled the cache', () => {
    const st = state();
    const first = [runTask(st, evalTask), runTask(st, climb), runTask(st, search)];
    // Again, in another order, in the same thread (its cache now holds these points).
    const again = [runTask(st, search), runTask(st, evalTask), runTask(st, climb)];
    expect(again[1]).toEqual(first[0]);
    expect(again[2]).toEqual(first[1]);
    expect(again[0]).toEqual(first[2]);
    // And in a fresh thread state.
    expect(runTask(state(), climb)).toEqual(first[1]);
  });

  it('an evaluation task evaluates each point in every job, the second job reusing the first one’s norm and gradient', () => {
    const r = runTask(state(), evalTask);
    expect(r.records.map((x) => x.j)).toEqual(Array.from({ length: 40 }, (_, k) => k % 2));
    // curvature-gap needs ‖∇²f‖ and f there: the norm and the gradient (with f) l0l1 computed, no new calls.
    for (let i = 0; i < 20; i++) {
      const [a, b] = [r.records[2 * i], r.records[2 * i + 1]];
      expect(b.s!.lhs).toBe(a.s!.lhs);
      expect(b.calls).toBe(0);
      expect(a.calls).toBeGreaterThan(1);
    }
  });

  it('a passed deadline stops a task with what it evaluated so far', () => {
    const r = runTask(state(performance.now() - 1), evalTask);
    expect(r.timeUp).toBe(true);
    expect(r.records.length).toBe(15);
  });
});

describe('Hessian norms computed together', () => {
  it('an evaluation task above the dense limit gives the same records and calls as point-by-point Lanczos', () => {
    const obj = makeBuiltin('phase-retrieval', 'd=60&m=200&seed=5');
    const mk = (together: boolean): TaskState => {
      const ctx = floatContext(obj, { fstar: 0, xstar: null, lanczosTol: 1e-6 });
      if (!together) ctx.prefetchHessNorms = () => {};
      return {
        obj,
        ctx,
        domain: boxDomain(60, new Array(60).fill(-3), new Array(60).fill(3)),
        jobs: new Map<string, TaskJob>([
          ['l0l1', { def: findCondition('l0l1')!, shape: { alpha: 1 } }],
          ['curvature-gap', { def: findCondition('curvature-gap')!, shape: {} }],
        ]),
        strict: false,
      };
    };
    const r2 = new Rng(8, 'together');
    const task: Task = {
      kind: 'eval',
      jobs: ['l0l1', 'curvature-gap'],
      zs: Float64Array.from({ length: 60 * 9 }, () => r2.uniformIn(-3, 3)),
      len: 60,
      origins: new Array(9).fill('uniform'),
    };
    const apart = runTask(mk(false), task);
    const together = runTask(mk(true), task);
    expect(together).toEqual(apart);
    expect(apart.records[0].s!.krylov).toBeDefined();
    expect(apart.records[0].calls).toBeGreaterThan(8);
  });
});
