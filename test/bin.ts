/** The built command, spawned as a user runs it (tests that need a separate process). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const BIN = join(import.meta.dirname, '..', 'bin', 'gensmooth.mjs');

/** `gensmooth ARGS...` in a child process: status, stdout, stderr (two minutes at most). */
export const gs = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });

/** The report the report tests write and rewrite: a failing claim, so it exits 1 (seed 3). */
export const reportArgs = (out: string): string[] => [
  'report',
  'expr:x1^4 + x2^2 - x1*x2',
  '--out',
  out,
  '--condition',
  'l0l1:L0=1,L1=1',
  '--samples',
  '400',
  '--iters',
  '60',
  '--seed',
  '3',
];
