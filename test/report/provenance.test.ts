/** Provenance (report/provenance.ts): what a report records to be replayed, and progress only on a terminal. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { progressReporter, provenance, toolVersion } from '../../src/report/provenance.ts';

const ROOT = join(__dirname, '..', '..');

describe('provenance', () => {
  it('records the tool, its version, the git commit, Node and the command', () => {
    const p = provenance(['check', 'expr:x^2', '--seed', '3']);
    expect(p.tool).toBe('gensmooth');
    expect(p.version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    expect(toolVersion()).toBe(p.version);
    expect(p.gitCommit === null || /^[0-9a-f]{40}$/.test(p.gitCommit)).toBe(true);
    expect(p.node).toBe(process.version);
    expect(p.command).toEqual(['gensmooth', 'check', 'expr:x^2', '--seed', '3']);
  });
});

describe('progressReporter', () => {
  const tty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
  afterEach(() => {
    if (tty) Object.defineProperty(process.stderr, 'isTTY', tty);
    else delete (process.stderr as { isTTY?: boolean }).isTTY;
    vi.restoreAllMocks();
  });
  it('is silent when stderr is not a terminal (CI logs stay clean)', () => {
    Object.defineProperty(process.stderr, 'isTTY', { value: false, configurable: true });
    expect(progressReporter('check')).toBeUndefined();
  });
  it('on a terminal: one rewritten line with the count, and a newline when done', () => {
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
      lines.push(String(s));
      return true;
    });
    const p = progressReporter('check')!;
    p(0, 3, 'sampling');
    p(3, 3, 'done');
    expect(lines[0]).toMatch(/^\rcheck: 0\/3 sampling {7}\d+\.\d s {3}$/);
    expect(lines[1]).toMatch(/^\rcheck: 3\/3 done .* s {3}\n$/);
  });
});
