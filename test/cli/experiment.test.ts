/** `gensmooth experiment` (cli/experiment.ts): the reproduced experiments by name, each written as a report. */
import { describe, expect, it } from 'vitest';
import { runMain } from './run-main.ts';
import { EXPERIMENTS } from '../../src/experiments/paper.ts';

describe('gensmooth experiment', () => {
  it('--list names every experiment with its title, one per line', async () => {
    const r = await runMain('experiment', '--list');
    expect(r.code).toBe(0);
    expect(r.out).toBe(EXPERIMENTS.map((e) => `${e.name}: ${e.title}`).join('\n') + '\n');
    expect(EXPERIMENTS.length).toBeGreaterThan(5);
  });
  it('usage: one known NAME and --out DIR', async () => {
    const names = EXPERIMENTS.map((e) => e.name).join(', ');
    const none = await runMain('experiment');
    expect([none.code, none.err]).toEqual([2, `gensmooth: experiment takes one NAME (experiments: ${names})\n`]);
    const unknown = await runMain('experiment', 'nope', '--out', '/tmp/x');
    expect(unknown.err).toBe(`gensmooth: unknown experiment "nope" (experiments: ${names})\n`);
    const noOut = await runMain('experiment', EXPERIMENTS[0].name);
    expect(noOut.err).toBe('gensmooth: experiment needs --out DIR\n');
  });
});
