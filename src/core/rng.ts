/**
 * All randomness in gensmooth comes from here: one seed, many independent named
 * streams. A stream's state depends only on (seed, name), so adding a new
 * consumer of randomness never shifts the numbers another consumer sees, and the
 * same seed replays the same bytes.
 *
 * Built on seedrandom's Alea generator (fast, 2^116 period, good statistical
 * quality for simulation); uniform doubles use 53 bits.
 */
import seedrandom from 'seedrandom';
import type { Vec } from './vec.ts';

export type Seed = number | string;

export class Rng {
  private readonly gen: seedrandom.PRNG;
  private spare = NaN;
  private perm: Int32Array | null = null;

  constructor(
    readonly seed: Seed,
    readonly name: string = 'root',
  ) {
    this.gen = seedrandom.alea(`gensmooth/${String(seed)}/${name}`);
  }

  /** An independent stream derived from this one's seed and a name. */
  stream(name: string): Rng {
    return new Rng(this.seed, this.name === 'root' ? name : `${this.name}/${name}`);
  }

  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number {
    return this.gen.double();
  }

  /** Uniform on [lo, hi). */
  uniformIn(lo: number, hi: number): number {
    return lo + (hi - lo) * this.gen.double();
  }

  /** Log-uniform on [lo, hi], lo > 0. */
  logUniform(lo: number, hi: number): number {
    return lo * Math.exp(Math.log(hi / lo) * this.gen.double());
  }

  /** Standard normal (Box–Muller; the second variate is kept for the next call). */
  normal(): number {
    if (this.spare === this.spare) {
      const s = this.spare;
      this.spare = NaN;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.gen.double();
    const v = this.gen.double();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** out_i ← mean + sd·N(0,1). */
  fillNormal(out: Vec, mean = 0, sd = 1): Vec {
    for (let i = 0; i < out.length; i++) out[i] = mean + sd * this.normal();
    return out;
  }

  /** out_i ← U[lo, hi). */
  fillUniform(out: Vec, lo = 0, hi = 1): Vec {
    for (let i = 0; i < out.length; i++) out[i] = lo + (hi - lo) * this.gen.double();
    return out;
  }

  /** A uniformly distributed unit vector (normalised Gaussian). */
  sphere(out: Vec): Vec {
    let s: number;
    do {
      s = 0;
      for (let i = 0; i < out.length; i++) {
        const z = this.normal();
        out[i] = z;
        s += z * z;
      }
    } while (s === 0);
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < out.length; i++) out[i] *= inv;
    return out;
  }

  /** Uniform in the Euclidean ball of radius r: direction × r·U^(1/d). */
  ball(out: Vec, r = 1): Vec {
    this.sphere(out);
    const rad = r * Math.pow(this.gen.double(), 1 / out.length);
    for (let i = 0; i < out.length; i++) out[i] *= rad;
    return out;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.gen.double() * n);
  }

  /** k indices in [0, n), uniformly with replacement, into out. */
  indicesWith(n: number, k: number, out: Int32Array): Int32Array {
    for (let i = 0; i < k; i++) out[i] = Math.floor(this.gen.double() * n);
    return out;
  }

  /**
   * k distinct indices in [0, n), a uniform random k-subset in random order, into
   * out. Partial Fisher–Yates on a persistent permutation: a partial shuffle of any
   * permutation yields a uniform ordered k-subset, so the buffer is never reset and
   * no call allocates after the first.
   */
  indicesWithout(n: number, k: number, out: Int32Array): Int32Array {
    if (k > n) throw new RangeError(`cannot draw ${k} distinct indices from ${n}`);
    let p = this.perm;
    if (p === null || p.length !== n) {
      p = new Int32Array(n);
      for (let i = 0; i < n; i++) p[i] = i;
      this.perm = p;
    }
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.gen.double() * (n - i));
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
      out[i] = p[i];
    }
    return out;
  }
}

/** Parse a seed from the command line: an integer or any other string, kept as given. */
export function parseSeed(s: string): Seed {
  return /^-?\d+$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : s;
}
