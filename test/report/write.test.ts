/**
 * Report directories are written completely or not at all (report/write.ts): a hidden sibling,
 * then renames; a directory that is not a report is never replaced; a killed writer leaves the
 * previous report or none (that one spawns reports and kills them: write.slow.test.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReportDir } from '../../src/report/write.ts';
import { UsageError } from '../../src/errors.ts';

describe('writeReportDir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gs-report-'));

  it('refuses to replace a directory that is not a report; replaces an old report completely', () => {
    const mine = join(dir, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'thesis.tex'), 'precious');
    expect(() => writeReportDir(mine, { 'report.json': '{}' })).toThrow(UsageError);
    expect(readFileSync(join(mine, 'thesis.tex'), 'utf8')).toBe('precious');
    const rep = join(dir, 'rep');
    writeReportDir(rep, { 'report.json': '{"v":1}', 'a.svg': 'old' });
    writeReportDir(rep, { 'report.json': '{"v":2}' });
    expect(readdirSync(rep)).toEqual(['report.json']);
    expect(readFileSync(join(rep, 'report.json'), 'utf8')).toBe('{"v":2}');
    expect(readdirSync(dir).filter((f) => f.startsWith('.rep.'))).toEqual([]);
  });

  it('writes every file into a new directory and returns its absolute path', () => {
    const out = join(dir, 'fresh');
    expect(writeReportDir(out, { 'report.json': '{}', 'a.svg': '<svg/>' })).toBe(out);
    expect(readdirSync(out).sort()).toEqual(['a.svg', 'report.json']);
    expect(readFileSync(join(out, 'a.svg'), 'utf8')).toBe('<svg/>');
  });
  it('an empty existing directory is taken; a missing parent is a usage error naming it', () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    writeReportDir(empty, { 'report.json': '1' });
    expect(readdirSync(empty)).toEqual(['report.json']);
    expect(() => writeReportDir(join(dir, 'no', 'such'), { 'report.json': '1' })).toThrowError(
      new UsageError(`--out ${join(dir, 'no', 'such')}: the parent directory ${join(dir, 'no')} does not exist`),
    );
  });
  it('a file name that could escape the directory fails before anything is replaced, and leaves nothing behind', () => {
    const rep = join(dir, 'names');
    writeReportDir(rep, { 'report.json': 'old' });
    for (const bad of ['../x', '.hidden', 'a/b', ''])
      expect(() => writeReportDir(rep, { 'report.json': 'new', [bad]: 'x' })).toThrowError(/bad report file name/);
    expect(readFileSync(join(rep, 'report.json'), 'utf8')).toBe('old');
    expect(readdirSync(dir).filter((f) => f.startsWith('.names.'))).toEqual([]);
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });
  it('removes what a killed writer left (.DIR.partial-*, .DIR.old-*) on the next write', () => {
    const rep = join(dir, 'left');
    mkdirSync(join(dir, '.left.partial-123-abc-0'));
    mkdirSync(join(dir, '.left.old-123-abc-0'));
    mkdirSync(join(dir, '.leftover.partial-1')); // another directory's: not touched
    writeReportDir(rep, { 'report.json': '1' });
    expect(readdirSync(dir).filter((f) => f.startsWith('.left.'))).toEqual([]);
    expect(existsSync(join(dir, '.leftover.partial-1'))).toBe(true);
  });
});
