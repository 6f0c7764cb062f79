/** The sam-minority experiment in its quick mode. */
import { describe, expect, it } from 'vitest';
import { samMinority } from '../../../src/experiments/published/sam-minority.ts';
import { checkOutput } from './check.ts';

describe('sam-minority', () => {
  it('times both classes for GD and the two SAM radii', () => {
    const o = samMinority.run(2, true);
    checkOutput(o);
    const rows = o.data.rows as { spec: string; final: number[] }[];
    expect(rows.map((r) => r.spec)).toEqual(['gd:gamma=0.5', 'sam:gamma=0.5,rho=0.05', 'sam:gamma=0.5,rho=0.2']);
    for (const r of rows) expect(r.final).toHaveLength(4);
  });
});
