/** Reading measurements: CSV with a header or JSON rows; empty cells are "not measured"; anything else is exit 2. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fc, test } from '../fc.ts';
import { UsageError } from '../../src/errors.ts';
import { parseTable, readTable, tableOf, toCsv, whereOf, type Column } from '../../src/fit/table.ts';

describe('measurement tables', () => {
  it('CSV: header, CRLF, quoted fields, empty cells as NaN, unknown columns kept but not read', () => {
    const t = parseTable('step,"grad_norm",note,local_smoothness\r\n0,1.5,"a, b",2\r\n1,0.5,,\r\n\r\n', 'm.csv');
    expect(t.format).toBe('csv');
    expect(t.columns).toEqual(['step', 'grad_norm', 'note', 'local_smoothness']);
    expect(t.rows).toBe(2);
    expect(Array.from(t.data.grad_norm!)).toEqual([1.5, 0.5]);
    expect(Number.isNaN(t.data.local_smoothness![1])).toBe(true);
    expect(Array.from(t.where)).toEqual([2, 3]);
    expect(whereOf(t, 1)).toBe('line 3');
    expect('note' in t.data).toBe(false);
  });

  it('JSON: an array of row objects; null or a missing key means not measured', () => {
    const t = parseTable('[{"step": 0, "loss": 2.3}, {"step": 1, "loss": null, "grad_norm": 0.1}]', 'm.json');
    expect(t.format).toBe('json');
    expect(t.columns).toEqual(['step', 'loss', 'grad_norm']);
    expect(Number.isNaN(t.data.loss![1])).toBe(true);
    expect(Number.isNaN(t.data.grad_norm![0])).toBe(true);
    expect(whereOf(t, 1)).toBe('entry 2');
  });

  test.prop([
    fc.array(fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 30 }),
  ])('gensmooth writes CSV that reads back bit for bit', (xs) => {
    const data: Partial<Record<Column, Float64Array>> = {
      grad_norm: Float64Array.from(xs),
      step: Float64Array.from(xs, (_, i) => i),
    };
    const t = parseTable(toCsv(['step', 'grad_norm'], data, xs.length), 'x.csv');
    expect(Array.from(t.data.grad_norm!)).toEqual(xs.map((v) => (Object.is(v, -0) ? 0 : v)));
  });

  it.each([
    ['', /is empty: write a header line/],
    ['   \n', /is empty/],
    ['step,grad_norm\n', /has a header but no rows/],
    ['1,2\n3,4\n', /first line is data, not a header/],
    ['step,grad_norm\n0,abc\n', /line 2, column grad_norm: "abc" is not a finite number/],
    ['step,grad_norm\n0,NaN\n', /"NaN" is not a finite number/],
    ['step,grad_norm\n0,Infinity\n', /not a finite number/],
    ['step,grad_norm\n0,1,2\n', /line 2 has 3 fields but the header has 2/],
    ['step,grad_norm\n0,-1\n', /grad_norm is -1 < 0: norms and loss gaps are ≥ 0/],
    ['step,step\n0,1\n', /column step appears twice/],
    ['hess_norm,hess_norm_lower\n1,1\n', /both hess_norm and hess_norm_lower/],
    ['[{"grad_norm": "x"}]', /entry 1, column grad_norm: "x" is not a finite number/],
    ['[1, 2]', /entry 1 is not an object/],
    ['{"grad_norm": 1}', /must be an array of row objects/],
    ['[{"grad_norm": 1},', /not valid JSON/],
  ])('bad file %j exits 2 with the fix in one line', (text, msg) => {
    expect(() => parseTable(text, 'f.csv')).toThrow(UsageError);
    expect(() => parseTable(text, 'f.csv')).toThrow(msg);
    try {
      parseTable(text, 'f.csv');
    } catch (e) {
      expect((e as Error).message.split('\n')).toHaveLength(1);
    }
  });

  it('readTable: a missing file is a usage error; tableOf names rows by position', () => {
    expect(() => readTable(join(tmpdir(), 'no-such-gensmooth-file.csv'))).toThrow(/no such file/);
    const dir = mkdtempSync(join(tmpdir(), 'gs-tab-'));
    writeFileSync(join(dir, 'a.json'), '[{"loss_gap": 0.5}]');
    expect(readTable(join(dir, 'a.json')).data.loss_gap![0]).toBe(0.5);
    const t = tableOf('run', ['loss'], { loss: Float64Array.of(1, 2) }, 2);
    expect(whereOf(t, 1)).toBe('row 2');
  });
});
