/**
 * Errors a user can act on. The CLI maps them to the contract's exit codes and
 * prints only the message (never a stack trace).
 */

/** Bad command line or bad specification: exit 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The objective itself failed (threw, non-finite where it must be finite, wrong shape): exit 3. */
export class ObjectiveError extends Error {
  readonly exitCode = 3;
  constructor(message: string) {
    super(message);
    this.name = 'ObjectiveError';
  }
}

export function fmtPoint(x: ArrayLike<number>, max = 6): string {
  const parts: string[] = [];
  for (let i = 0; i < Math.min(x.length, max); i++)
    parts.push(
      Number(x[i])
        .toPrecision(6)
        .replace(/\.?0+(e|$)/, '$1'),
    );
  return `[${parts.join(', ')}${x.length > max ? `, … (${x.length} entries)` : ''}]`;
}
