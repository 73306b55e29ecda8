/**
 * A small seeded pseudo-random generator (sfc32, Chris Doty-Humphrey's "small fast counting" generator:
 * 128 bits of state, passes PractRand to 2^47 bytes). Each person gets their own stream, seeded from
 * (population seed, person ordinal), so any worker can generate any slice of the population and the
 * result does not depend on how the work was split.
 */
export class Random {
  #a = 0;
  #b = 0;
  #c = 0;
  #d = 0;

  constructor(seed: number, stream = 0) {
    this.reseed(seed, stream);
  }

  /** Restarts the generator on another stream without allocating (one stream per person). */
  reseed(seed: number, stream: number): void {
    this.#a = seed | 0;
    this.#b = stream | 0;
    this.#c = (stream / 4294967296) | 0;
    this.#d = 1;
    // sfc32 needs a few rounds before nearby seeds give unrelated outputs.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const a = this.#a;
    const b = this.#b;
    const c = this.#c;
    const d = this.#d;
    const t = (((a + b) | 0) + d) | 0;
    this.#d = (d + 1) | 0;
    this.#a = b ^ (b >>> 9);
    this.#b = (c + (c << 3)) | 0;
    const rotated = (c << 21) | (c >>> 11);
    this.#c = (rotated + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [min, max]. */
  between(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  /** Standard normal deviate (Box-Muller; the second value is dropped to keep the stream simple). */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new RangeError("pick from an empty list");
    return item;
  }
}

/** Cumulative weights for `weighted`: built once per distribution. */
export function cumulative(weights: readonly number[]): Float64Array {
  const sums = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += weights[i] ?? 0;
    sums[i] = total;
  }
  for (let i = 0; i < sums.length; i++) sums[i] = (sums[i] ?? 0) / total;
  return sums;
}

/** Index drawn with the probabilities of a `cumulative` table (binary search). */
export function weighted(random: Random, sums: Float64Array): number {
  const u = random.float();
  let low = 0;
  let high = sums.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sums[middle] ?? 1) > u) high = middle;
    else low = middle + 1;
  }
  return low;
}
