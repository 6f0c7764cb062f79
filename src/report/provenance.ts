/** What a report records so that anyone can replay it. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Provenance } from './report.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function toolVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function provenance(argv: string[]): Provenance {
  const git = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  return {
    tool: 'gensmooth',
    version: toolVersion(),
    gitCommit: git.status === 0 ? git.stdout.trim() : null,
    node: process.version,
    command: ['gensmooth', ...argv],
  };
}

/** Progress with an estimate of the time left, on stderr, only when it is a terminal. */
export function progressReporter(label: string): ((done: number, total: number, what: string) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const t0 = Date.now();
  return (done, total, what) => {
    const el = (Date.now() - t0) / 1000;
    const eta = done > 0 ? (el / done) * (total - done) : NaN;
    process.stderr.write(
      `\r${label}: ${done}/${total} ${what.padEnd(14)} ${el.toFixed(1)} s${Number.isFinite(eta) && done < total ? `, about ${eta.toFixed(0)} s left` : ''}   ${done === total ? '\n' : ''}`,
    );
  };
}
