/**
 * Before any test: bring dist/ up to date with src/ (scripts/build.mjs, incremental,
 * nothing to do when no source changed). The CLI tests spawn bin/gensmooth.mjs, which
 * runs the compiled dist/, and the examples import the package by name: both must
 * run the sources as they are now, never an earlier build.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  const root = import.meta.dirname;
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-stale', '--quiet'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status === 0) return;
  // tsc still emits when it reports type errors: the tests run what the sources say,
  // and `npm run typecheck` is where type errors fail the build.
  process.stderr.write(`${r.stdout}${r.stderr}\nvitest global setup: the build reported errors (see above)\n`);
  if (r.error || r.status === null) throw r.error ?? new Error('scripts/build.mjs was killed');
}
