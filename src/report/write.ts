/**
 * A report directory is written completely or not at all (docs/architecture.md):
 * every file goes into a fresh hidden sibling directory, which then replaces DIR by
 * renames (rename is atomic on one file system). A process killed at any moment
 * leaves the previous report or none in DIR, never a partial one; what a killed
 * writer leaves behind is a hidden `.DIR.partial-*` directory, which the next write
 * removes.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.ts';

let counter = 0;

export function writeReportDir(out: string, files: Record<string, string>): string {
  const target = resolve(out);
  const parent = dirname(target);
  const base = basename(target);
  if (!existsSync(parent)) throw new UsageError(`--out ${out}: the parent directory ${parent} does not exist`);
  if (existsSync(target) && !existsSync(join(target, 'report.json')) && readdirSync(target).length > 0) {
    // Never replace a directory that is not a report: it could be anything of the user's.
    throw new UsageError(
      `--out ${out} exists and is not a gensmooth report (no report.json): choose another directory`,
    );
  }
  for (const e of readdirSync(parent)) {
    if (e.startsWith(`.${base}.partial-`) || e.startsWith(`.${base}.old-`))
      rmSync(join(parent, e), { recursive: true, force: true });
  }
  const tag = `${process.pid}-${process.hrtime.bigint().toString(36)}-${counter++}`;
  const tmp = join(parent, `.${base}.partial-${tag}`);
  const old = join(parent, `.${base}.old-${tag}`);
  try {
    mkdirSync(tmp);
    for (const [name, content] of Object.entries(files)) {
      if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) throw new Error(`bad report file name "${name}"`);
      writeFileSync(join(tmp, name), content);
    }
    if (existsSync(target)) renameSync(target, old);
    renameSync(tmp, target);
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (existsSync(old) && !existsSync(target)) renameSync(old, target);
    throw e;
  }
  return target;
}
