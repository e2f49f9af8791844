/**
 * Term statistics cell and its signatures — the data `submitTermStats` verifies on chain.
 *
 * Cell: ABI 2.4 `packIntoCell` (nekoton) of {@link TERM_STATS_ABI}:
 * `networkId uint32, termId uint32, blocks uint32,
 *  stats map(uint256, tuple(proposed uint32, missed uint32, signed uint32, fees uint128))`
 * keyed by identity key (uint256 of the 64-hex key). Signed data = the cell's
 * representation hash (32 bytes, signed as is, like TVM `CHKSIGNU`).
 * Signatures: {@link TERM_SIGNATURES_ABI} `map(uint256, tuple(uint256 r, uint256 s))`
 * keyed by identity key; r = signature bytes 0..31, s = bytes 32..63.
 */
import { Cell } from "@ton/core";
import { sign } from "@ton/crypto";
import * as nt from "nekoton-wasm";
import { normKey, Signature, SimValidator, splitSignature, TermStats, ValidatorStats } from "./types";

export const ABI_VERSION = "2.4";

/** ABI parameter list of the term statistics cell (fixed wire format). */
export const TERM_STATS_ABI: nt.AbiParam[] = [
  { name: "networkId", type: "uint32" },
  { name: "termId", type: "uint32" },
  { name: "blocks", type: "uint32" },
  {
    name: "stats",
    type: "map(uint256,tuple)",
    components: [
      { name: "proposed", type: "uint32" },
      { name: "missed", type: "uint32" },
      { name: "signed", type: "uint32" },
      { name: "fees", type: "uint128" },
    ],
  },
];

/** ABI parameter of the signatures map (as a function input named `signatures`). */
export const TERM_SIGNATURES_ABI: nt.AbiParam = {
  name: "signatures",
  type: "map(uint256,tuple)",
  components: [
    { name: "r", type: "uint256" },
    { name: "s", type: "uint256" },
  ],
};

const keyToDec = (key: string) => BigInt("0x" + normKey(key)).toString(10);
const decToKey = (dec: string) => BigInt(dec).toString(16).padStart(64, "0");

/** ABI tokens of {@link TERM_STATS_ABI} (usable as locklift call arguments too). */
export function termStatsToTokens(t: TermStats): nt.TokensObject {
  return {
    networkId: t.networkId,
    termId: t.termId,
    blocks: t.blocks,
    stats: [...t.stats.entries()].map(
      ([key, s]) =>
        [keyToDec(key), { proposed: s.proposed, missed: s.missed, signed: s.signed, fees: s.fees.toString() }] as const,
    ),
  };
}

/** The encoded statistics: base64 BOC, the cell, and its representation hash (32 bytes). */
export interface EncodedTermStats {
  boc: string;
  cell: Cell;
  hash: Buffer;
}

/** Encode term statistics into the ABI 2.4 cell (see module doc). */
export function encodeTermStats(t: TermStats): EncodedTermStats {
  const { boc } = nt.packIntoCell(TERM_STATS_ABI, termStatsToTokens(t), ABI_VERSION);
  const cell = Cell.fromBase64(boc);
  return { boc, cell, hash: cell.hash() };
}

/** Decode a statistics cell (base64 BOC) back into {@link TermStats} (nekoton `unpackFromCell`). */
export function decodeTermStats(boc: string): TermStats {
  const tok = nt.unpackFromCell(TERM_STATS_ABI, boc, false, ABI_VERSION) as {
    networkId: string;
    termId: string;
    blocks: string;
    stats: [string, { proposed: string; missed: string; signed: string; fees: string }][];
  };
  const stats = new Map<string, ValidatorStats>();
  for (const [k, v] of tok.stats) {
    stats.set(decToKey(k), {
      proposed: Number(v.proposed),
      missed: Number(v.missed),
      signed: Number(v.signed),
      fees: BigInt(v.fees),
    });
  }
  return { networkId: Number(tok.networkId), termId: Number(tok.termId), blocks: Number(tok.blocks), stats };
}

/**
 * Each signer signs `hash` (the 32-byte representation hash of the statistics cell)
 * with its simulation signing key. Returns signatures keyed by identity key, in
 * signer order.
 */
export function signTermStats(hash: Buffer, signers: readonly Pick<SimValidator, "key" | "signingKey">[]): Map<string, Signature> {
  if (hash.length !== 32) throw new Error("hash must be 32 bytes");
  const out = new Map<string, Signature>();
  for (const v of signers) out.set(normKey(v.key), splitSignature(sign(hash, v.signingKey.secretKey)));
  return out;
}

/** ABI tokens of {@link TERM_SIGNATURES_ABI}: `[[keyDecimal, { r, s }], …]`. */
export function signaturesToTokens(sigs: Map<string, Signature>): (readonly [string, { r: string; s: string }])[] {
  return [...sigs.entries()].map(([k, s]) => [keyToDec(k), { r: s.r.toString(10), s: s.s.toString(10) }] as const);
}
