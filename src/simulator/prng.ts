/**
 * Seeded PRNG for the simulator: mulberry32 (Tommy Ettinger's 32-bit generator, public
 * domain). Small, fast, and identical on every JS engine, which is all the simulator
 * needs for reproducible runs; it is not a cryptographic generator.
 */

/** A generator of floats in [0, 1). */
export type Rng = () => number;

/** mulberry32 seeded with the low 32 bits of `seed`. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` pseudo-random bytes from `rng` (4 bytes per draw). */
export function randomBytes(rng: Rng, n: number): Buffer {
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i += 4) {
    const w = Math.floor(rng() * 4294967296) >>> 0;
    for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (w >>> (8 * j)) & 0xff;
  }
  return out;
}
