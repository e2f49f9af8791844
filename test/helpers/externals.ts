/**
 * Builds ABI 2.4 external messages by hand (signed with a chosen key, unsigned, or signed
 * over chosen data) so tests can check what a contract accepts.
 */
import { Address } from "locklift";
import * as nt from "nekoton-wasm";
import { keyPairFromSeed, sign } from "@ton/crypto";
import { networkClock } from "./emulator";

const abiJson = (abi: object | string) => (typeof abi === "string" ? abi : JSON.stringify(abi));

export interface Keys {
  publicKey: string;
  secretKey: string;
}

/** ed25519 signature (base64) of a 32-byte hash given as hex or base64, like CHKSIGNU expects. */
export function signHash(keys: Keys, hash: Buffer): string {
  const kp = keyPairFromSeed(Buffer.from(keys.secretKey, "hex"));
  return sign(hash, kp.secretKey).toString("base64");
}

export interface BuiltExternal {
  /** hash nekoton signs: repr hash of (contract address ++ unsigned body) */
  hashToSign: Buffer;
  /** message signed with `signer` */
  boc: string;
}

/**
 * An external call of `method` to `dst`, carrying `signer`'s signature (default: over
 * nekoton's hash; `signOver` overrides the signed data). `timeoutSec` sets `expire`.
 */
export function buildExternal(opts: {
  dst: Address;
  abi: object | string;
  method: string;
  input: Record<string, unknown>;
  signer: Keys;
  timeoutSec?: number;
  signOver?: (hashToSign: Buffer) => Buffer;
  stateInit?: string;
}): BuiltExternal {
  const unsigned = nt.createExternalMessage(
    networkClock(),
    opts.dst.toString(),
    abiJson(opts.abi),
    opts.method,
    opts.stateInit,
    opts.input as nt.TokensObject,
    opts.signer.publicKey,
    opts.timeoutSec ?? 60,
  );
  const hashToSign = Buffer.from(unsigned.hash, "hex");
  const data = opts.signOver ? opts.signOver(hashToSign) : hashToSign;
  const signed = unsigned.sign(signHash(opts.signer, data));
  return { hashToSign, boc: signed.boc };
}

/** The same call with the signature bit 0 (no signature). */
export function buildUnsignedExternal(opts: { dst: Address; abi: object | string; method: string; input: Record<string, unknown>; timeoutSec?: number }): string {
  return nt.createExternalMessageWithoutSignature(networkClock(), opts.dst.toString(), abiJson(opts.abi), opts.method, undefined, opts.input as nt.TokensObject, opts.timeoutSec ?? 60).boc;
}

/** An internal message from `src` (not checked by anyone: a forged sender is possible) with a raw body. */
export function buildInternal(opts: { src: Address; dst: Address; body: string; amount: string; bounce?: boolean }): string {
  return nt.encodeInternalMessage(opts.src.toString(), opts.dst.toString(), opts.bounce ?? true, undefined, opts.body, opts.amount);
}
