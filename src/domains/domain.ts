/**
 * Where a condition is checked: a domain of the objective's variables. Every sample, the
 * adversarial search, and the stationary-point and f* searches stay inside it, and every
 * result names it. The box [LO, HI]^n is the default (docs/contract.md, `--box`).
 */
import type { Rng } from '../core/rng.ts';

/** How a sample came to be in the evidence pool (results say how much of the budget went where). */
export type Origin = 'uniform' | 'sampled' | 'special' | 'structured' | 'ascent' | 'local' | 'shared' | 'at';

export interface Drawn {
  z: Float64Array;
  origin: Origin;
}

/** An initial sample drawn in two parts (Domain.initialParts). */
export interface InitialParts {
  free: Drawn[];
  anchored(special: Float64Array[]): Drawn[];
}

export interface Domain {
  /** As written on the command line, e.g. `box:-3:3`. */
  spec: string;
  /** The domain in a result's JSON. */
  describe(): Record<string, unknown>;
  n: number;
  /** A bounding box of the domain, coordinate by coordinate. */
  lo: Float64Array;
  hi: Float64Array;
  /** The largest side of the bounding box (near-pair radii and search steps are relative to it). */
  width: number;
  contains(x: ArrayLike<number>): boolean;
  /** Move x into the domain (in place): the search's projection. */
  project(x: Float64Array): void;
  /** A central point (the centre of the box). */
  centre(): Float64Array;
  /**
   * The initial sample set: `count` points or pairs (x and y concatenated), seeded and tagged.
   * Those tagged `uniform` are independent and uniform on the domain (on the domain² for pairs),
   * which is what a coverage statement may count. `stop` (a time limit) ends a long draw early:
   * fewer samples, the same ones as far as they go.
   */
  initial(rng: Rng, kind: 'point' | 'pair', count: number, special: Float64Array[], stop?: () => boolean): Drawn[];
  /**
   * The same initial sample in two parts, where the domain can draw them apart: `free` does not
   * depend on the special points (a run evaluates it while it searches for them), `anchored(special)`
   * does; `free` followed by `anchored(special)` is `initial(rng, kind, count, special, stop)`.
   */
  initialParts?(rng: Rng, kind: 'point' | 'pair', count: number, stop?: () => boolean): InitialParts;
  /** Seeded starting points for the stationary-point and f* searches. */
  starts(rng: Rng, count: number): Float64Array[];
  /**
   * Membership that costs an evaluation of f (a sublevel set) or that projection cannot give (a
   * tube): the search's points outside the domain are not evaluated. Absent: project() suffices.
   */
  admits?(x: Float64Array): boolean;
  /** A finite domain (a trajectory, a file of points): its points are all evaluated and there is nothing to search. */
  finite?: { points: number; pairs: number };
  /** What constructing the domain found (acceptance statistics, the run behind a trajectory). */
  notes?: string[];
}

/** A pair (x, y) as one vector z of length 2n, the layout pair conditions read. */
export function joinXY(x: ArrayLike<number>, y: ArrayLike<number>): Float64Array {
  const z = new Float64Array(x.length + y.length);
  z.set(x, 0);
  z.set(y, x.length);
  return z;
}
