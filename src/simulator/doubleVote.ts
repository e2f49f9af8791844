/**
 * Block headers and double votes (DDVS.md §5).
 *
 * A header is one cell of plain bits (416 bits, no refs):
 * `networkId uint32, termId uint32, height uint64, round uint32, blockHash uint256`.
 * The signed data is its representation hash (32 bytes, signed as is, like `CHKSIGNU`).
 */
import { beginCell, Cell } from "@ton/core";
import { sign } from "@ton/crypto";
import { randomBytes as cryptoRandomBytes } from "crypto";
import { mulberry32, randomBytes } from "./prng";
import { Signature, SimValidator, splitSignature } from "./types";

/** Header fields; blockHash as uint256 (bigint) or 32 bytes. */
export interface HeaderFields {
  networkId: number;
  termId: number;
  height: number | bigint;
  round: number;
  blockHash: bigint | Buffer;
}

/** Encode a header cell (see module doc). */
export function encodeHeader(h: HeaderFields): Cell {
  const bh = typeof h.blockHash === "bigint" ? h.blockHash : BigInt("0x" + Buffer.from(h.blockHash).toString("hex"));
  return beginCell()
    .storeUint(h.networkId, 32)
    .storeUint(h.termId, 32)
    .storeUint(BigInt(h.height), 64)
    .storeUint(h.round, 32)
    .storeUint(bh, 256)
    .endCell();
}

/** Decode a header cell (base64 BOC or Cell). */
export function decodeHeader(header: string | Cell): Omit<HeaderFields, "blockHash"> & { height: bigint; blockHash: bigint } {
  const c = typeof header === "string" ? Cell.fromBase64(header) : header;
  const s = c.beginParse();
  return {
    networkId: s.loadUint(32),
    termId: s.loadUint(32),
    height: s.loadUintBig(64),
    round: s.loadUint(32),
    blockHash: s.loadUintBig(256),
  };
}

/** Sign a header: ed25519 over its representation hash. */
export function signHeader(header: Cell, signingKey: SimValidator["signingKey"]): Signature {
  return splitSignature(sign(header.hash(), signingKey.secretKey));
}

/** Evidence of a double vote. Headers are base64 BOCs; signatures also split into r/s uint256. */
export interface DoubleVote {
  header1: string;
  sig1: Buffer;
  header2: string;
  sig2: Buffer;
  /** sig1 / sig2 as (r, s) uint256 halves. */
  rs1: { r: bigint; s: bigint };
  rs2: { r: bigint; s: bigint };
  /** Representation hashes of the headers (the signed data). */
  hash1: Buffer;
  hash2: Buffer;
  blockHash1: bigint;
  blockHash2: bigint;
  /** Identity key of the offender. */
  key: string;
}

/**
 * Two different headers for the same (networkId, termId, height, round), both signed by
 * `validator.signingKey`. Block hashes are random: from `seed` (mulberry32) when given,
 * else from the OS CSPRNG; they always differ.
 */
export function makeDoubleVote(args: {
  networkId: number;
  termId: number;
  height: number | bigint;
  round: number;
  validator: Pick<SimValidator, "key" | "signingKey">;
  seed?: number;
}): DoubleVote {
  const rnd =
    args.seed === undefined ? (n: number) => cryptoRandomBytes(n) : ((r) => (n: number) => randomBytes(r, n))(mulberry32(args.seed));
  const b1 = rnd(32);
  let b2 = rnd(32);
  while (b2.equals(b1)) b2 = rnd(32);
  const base = { networkId: args.networkId, termId: args.termId, height: args.height, round: args.round };
  const h1 = encodeHeader({ ...base, blockHash: b1 });
  const h2 = encodeHeader({ ...base, blockHash: b2 });
  const s1 = signHeader(h1, args.validator.signingKey);
  const s2 = signHeader(h2, args.validator.signingKey);
  return {
    header1: h1.toBoc().toString("base64"),
    sig1: s1.signature,
    header2: h2.toBoc().toString("base64"),
    sig2: s2.signature,
    rs1: { r: s1.r, s: s1.s },
    rs2: { r: s2.r, s: s2.s },
    hash1: h1.hash(),
    hash2: h2.hash(),
    blockHash1: BigInt("0x" + b1.toString("hex")),
    blockHash2: BigInt("0x" + b2.toString("hex")),
    key: args.validator.key,
  };
}
