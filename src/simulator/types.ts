/**
 * Types shared by the consensus simulator. Amounts are bigint nanoevers; keys are
 * 64-char lowercase hex strings (uint256); term ids and network ids are uint32.
 */
import type { KeyPair } from "@ton/crypto";

/** A validator of one term, as the simulator sees it. */
export interface SimValidator {
  /** Identity (consensus) key, 64 hex chars — the key the contracts know (real p34 key in the demo). */
  key: string;
  /** Fresh simulation signing key (ed25519: publicKey 32 B, secretKey 64 B). */
  signingKey: KeyPair;
  /** Delegation at election = voting power for the term, nanoevers (> 0). */
  delegation: bigint;
  /** Self-nomination deposit, nanoevers (a proposer-order tie-breaker). */
  deposit: bigint;
}

/** Per-validator work statistics of a term (codechain-rules.md "Work statistics"). */
export interface ValidatorStats {
  /** Committed blocks it authored. */
  proposed: number;
  /** Σ over its committed blocks of the validators that did not sign them. */
  missed: number;
  /** Committed blocks of the term it signed. */
  signed: number;
  /** Σ fees of the blocks it authored, nanoevers. */
  fees: bigint;
}

/** The statistics a term reports on chain. */
export interface TermStats {
  networkId: number;
  termId: number;
  /** N = committed blocks in the term. */
  blocks: number;
  /** Keyed by identity key (64 hex). */
  stats: Map<string, ValidatorStats>;
}

/** An ed25519 signature: 64 bytes, and its halves as uint256 (r = bytes 0..31, s = bytes 32..63). */
export interface Signature {
  signature: Buffer;
  r: bigint;
  s: bigint;
}

/** Split a 64-byte ed25519 signature into (r, s) uint256 halves. */
export function splitSignature(signature: Buffer): Signature {
  if (signature.length !== 64) throw new Error(`signature must be 64 bytes, got ${signature.length}`);
  return {
    signature,
    r: BigInt("0x" + signature.subarray(0, 32).toString("hex")),
    s: BigInt("0x" + signature.subarray(32, 64).toString("hex")),
  };
}

/** Inverse of {@link splitSignature}. */
export function joinSignature(r: bigint, s: bigint): Buffer {
  return Buffer.from(r.toString(16).padStart(64, "0") + s.toString(16).padStart(64, "0"), "hex");
}

/** Validate and normalise a 64-hex key. */
export function normKey(key: string): string {
  const k = key.toLowerCase().replace(/^0x/, "");
  if (!/^[0-9a-f]{64}$/.test(k)) throw new Error(`key must be 64 hex chars: ${key}`);
  return k;
}
