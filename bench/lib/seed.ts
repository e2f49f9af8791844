/**
 * Deterministic identities for the benchmarks (issue 7: same build → same gas). Every owner
 * address, validator key pair and synthetic dictionary key is derived as
 * sha256(seed ‖ stream ‖ counter), so two runs with the same seed build the same accounts and
 * the same dictionary shapes. Once a seed is set ({@link setSeed}, the bench), the counter restarts
 * with every fresh network state (`Suite.deploy({ fresh: true })`), so a series measures the same
 * whether it runs alone (`--only`, `--max`) or inside the full run. Other users of the suite (tests,
 * fuzzer, load) set no seed: their counter never restarts, so an identity made before a reset is
 * never handed out again.
 *
 * The seed comes from `--seed S` in BENCH_ARGS (scripts/bench.ts) and is recorded in
 * bench/results.json `_meta.seed`. Not a source of secrets: the keys are public by construction.
 */
import { createHash } from "crypto";
import { keyPairFromSeed } from "@ton/crypto";

/** The seed used when none is given. */
export const DEFAULT_SEED = "ddvs-bench";

let seed = DEFAULT_SEED;
let counter = 0;
let restartOnReset = false;

/** Sets the seed, restarts the counter and makes it restart with every fresh network state. */
export function setSeed(s: string): void {
  seed = s;
  counter = 0;
  restartOnReset = true;
}

/** The current seed. */
export function currentSeed(): string {
  return seed;
}

/**
 * Called on a fresh network state: restarts the counter when a seed was set ({@link setSeed});
 * returns whether it did (the caller restarts its own numbering with it).
 */
export function restartStream(): boolean {
  if (restartOnReset) counter = 0;
  return restartOnReset;
}

/** The next 32 deterministic bytes of `stream` (a label keeping owners, keys and synthetic entries apart). */
export function nextBytes(stream: string): Buffer {
  counter += 1;
  return createHash("sha256").update(`${seed}\u0000${stream}\u0000${counter}`).digest();
}

/** The next deterministic 64-hex value of `stream`. */
export function nextHex(stream: string): string {
  return nextBytes(stream).toString("hex");
}

/** The next deterministic ed25519 key pair: public key hex, secret key = the 32-byte seed in hex. */
export function nextKeyPair(stream: string): { publicKey: string; secretKey: string } {
  const s = nextBytes(stream);
  return { publicKey: keyPairFromSeed(s).publicKey.toString("hex"), secretKey: s.toString("hex") };
}
