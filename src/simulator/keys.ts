/**
 * Deterministic simulation signing keys: the ed25519 seed is
 * `sha256("ddvs-sim-key:" + seed + ":" + identityKey)`, so a demo or a test gets the same
 * signing key for the same identity and seed on every run. (The identity key — e.g. a
 * real p34 key — has no known secret; the simulation key stands in for it.)
 */
import { keyPairFromSeed, KeyPair } from "@ton/crypto";
import { createHash } from "crypto";
import { normKey, SimValidator } from "./types";

/** Deterministic ed25519 key pair for (identity key, seed). */
export function simSigningKey(identityKey: string, seed: number | string = 0): KeyPair {
  const h = createHash("sha256").update(`ddvs-sim-key:${seed}:${normKey(identityKey)}`).digest();
  return keyPairFromSeed(h);
}

/** Attach deterministic signing keys to `{ key, delegation, deposit }` entries. */
export function withSimKeys(
  validators: readonly { key: string; delegation: bigint; deposit: bigint }[],
  seed: number | string = 0,
): SimValidator[] {
  return validators.map(v => ({ key: normKey(v.key), delegation: v.delegation, deposit: v.deposit, signingKey: simSigningKey(v.key, seed) }));
}
