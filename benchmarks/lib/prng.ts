/**
 * A seeded pseudo-random source for the sample and archive generators. Never `Math.random`: the same seed must
 * give the same bytes on every machine, so tests can compare two runs and benchmarks can be reproduced.
 * @module
 */

/** Random helpers over one deterministic sequence. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** An integer in [min, max], both included. */
  between(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** One value of a `[value, weight]` table (weights need not sum to 1). */
  weighted<T>(table: readonly (readonly [T, number])[]): T;
  /** `length` characters drawn from `alphabet`. */
  chars(alphabet: string, length: number): string;
  /** `length` lowercase hexadecimal digits. */
  hex(length: number): string;
  /** A lowercase version-4-shaped UUID, as API Gateway request ids look. */
  uuid(): string;
  /** An exponentially distributed delay with the given mean (Poisson arrivals). */
  exponential(mean: number): number;
}

const HEX = '0123456789abcdef';

/**
 * Creates a mulberry32 generator: 32-bit state, fast, good enough for test data (not for cryptography).
 *
 * @param seed - any integer; `0` is fine.
 * @example
 * const random = createRandom(42);
 * random.uuid(); // the same value on every run
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (maxExclusive: number): number => Math.floor(next() * maxExclusive);
  const chars = (alphabet: string, length: number): string => {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[int(alphabet.length)];
    return out;
  };
  return {
    next,
    int,
    between: (min, max) => min + int(max - min + 1),
    chance: (p) => next() < p,
    pick: (items) => items[int(items.length)] as (typeof items)[number],
    weighted: (table) => {
      let total = 0;
      for (const [, weight] of table) total += weight;
      let roll = next() * total;
      for (const [value, weight] of table) {
        roll -= weight;
        if (roll < 0) return value;
      }
      return (table[table.length - 1] as (typeof table)[number])[0];
    },
    chars,
    hex: (length) => chars(HEX, length),
    uuid: () => {
      const h = chars(HEX, 32);
      const variant = HEX[8 + int(4)] as string;
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
    },
    exponential: (mean) => -Math.log(1 - next()) * mean,
  };
}
