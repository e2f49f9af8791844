/**
 * Builds the message of one bad-input matrix row (src/fuzz/matrix.ts) against a deployed suite:
 * the sender (legit, stranger or the canonical contract of another networkId), the body (well
 * formed with plausible arguments, truncated, with extra bits, unknown id, or a bounce), the value
 * and, for externals, the signature and time headers.
 */
import * as nt from "nekoton-wasm";
import { Address } from "locklift";
import { ContractAbi, parseType } from "../../src/toolchain/abi";
import { MatrixContract, MatrixRow } from "../../src/fuzz/matrix";
import { CallerKind, policyOf } from "../../src/fuzz/matrixPolicy";
import { bouncedMessage, encodeBody, plainTokens, internalMessage } from "../../bench/lib/executor";
import { nowSec } from "../../src/dev/executor";
import { EVER, expectedAddress, RootRef, Suite } from "../../bench/lib/suite";
import { sampleValue } from "../helpers/abiValues";
import { signHash } from "../helpers/externals";

export interface MatrixTargets {
  suite: Suite;
  owner: Address;
  root: RootRef;
  wallet: Address;
  stranger: Address;
}

export interface BuiltMessage {
  dst: Address;
  boc: string;
}

/** Plausible arguments: amounts 1 EVER, the suite's own addresses and keys, term 1. */
function args(contract: MatrixContract, fnName: string, abi: ContractAbi, t: MatrixTargets, senderChain: number): Record<string, unknown> {
  const f = abi.functions.find((x) => x.name === fnName)!;
  const out: Record<string, unknown> = {};
  for (const p of f.inputs) {
    const ty = parseType(p);
    let v = sampleValue(ty, p, t.owner.toString());
    if (ty.kind === "varuint" || ty.kind === "varint") v = EVER.toString();
    if (["walletOwner", "owner", "remainingGasTo", "to", "informant"].includes(p.name)) v = t.owner;
    if (["root", "fromRoot", "toRoot", "cursor"].includes(p.name)) v = t.root.address;
    if (p.name === "wallet") v = t.wallet;
    if (p.name === "validatorKey" || p.name === "proposerKey") v = `0x${t.root.validatorKey}`;
    if (p.name === "signingKey") v = `0x${t.root.validatorKey}`;
    if (p.name === "chainId") v = senderChain;
    if (p.name === "termId") v = 1;
    if (p.name === "ratePerMille") v = 100;
    out[p.name] = v;
  }
  return out;
}

function targetAddress(row: MatrixRow, t: MatrixTargets): Address {
  if (row.contract === "DePoolWallet") return t.wallet;
  if (row.contract === "DePoolRoot") return t.root.address;
  const p = policyOf(row.contract, row.fn);
  if (row.cls === "notMasterchain") return t.suite.electors.get(0)!;
  if (row.cls === "wrongWorkchain" && p.notOnMasterchain) return t.suite.electors.get(-1)!;
  return t.suite.electors.get(p.masterchainOnly ? -1 : 0)!;
}

/** The legit sender of a caller kind for `dst`, and its chain. */
function legitSender(kind: CallerKind, row: MatrixRow, dst: Address, t: MatrixTargets): Address {
  switch (kind) {
    case "owner":
      return t.owner;
    case "wallet":
      return t.wallet;
    case "root":
    case "rootWithPosition":
      return t.root.address;
    case "elector":
      return t.suite.electors.get(0)!;
    case "peer":
      // another chain's elector: −1 → 0 and 0 → −1
      return t.suite.electors.get(dst.equals(t.suite.electors.get(0)!) ? -1 : 0)!;
    case "self":
      return dst;
    default:
      return t.stranger;
  }
}

/** The canonical address of the sender kind on another networkId (same code, other static field). */
function otherNetworkSender(kind: CallerKind, sender: Address, t: MatrixTargets): Address {
  const networkId = t.suite.net.networkId + 1;
  const wc = Number(sender.toString().split(":")[0]);
  if (kind === "wallet") return expectedAddress("DePoolWallet", wc, { _pubkey: 0, networkId, owner: t.owner });
  if (kind === "root" || kind === "rootWithPosition") return expectedAddress("DePoolRoot", wc, { _pubkey: 0, networkId, validatorKey: `0x${t.root.validatorKey}`, owner: t.owner });
  return expectedAddress("DElectorConfig", wc, { _pubkey: `0x${t.suite.net.deployPublicKey}`, networkId }, t.suite.net.deployPublicKey);
}

function externalCall(dst: Address, abi: string, method: string, input: Record<string, unknown>, keys: { publicKey: string; secretKey: string }, offsetSec: number, timeoutSec: number): string {
  const clock = new nt.ClockWithOffset();
  clock.updateOffset((nowSec() + offsetSec) * 1000 - Date.now());
  const unsigned = nt.createExternalMessage(clock, dst.toString(), abi, method, undefined, plainTokens(input) as nt.TokensObject, keys.publicKey, timeoutSec);
  return unsigned.sign(signHash(keys, Buffer.from(unsigned.hash, "hex"))).boc;
}

export async function buildMatrixMessage(row: MatrixRow, t: MatrixTargets, abis: Record<MatrixContract, ContractAbi>): Promise<BuiltMessage> {
  const { Cell, beginCell } = await import("@ton/core");
  const dst = targetAddress(row, t);
  const abiText = JSON.stringify(abis[row.contract]);
  const p = policyOf(row.contract, row.fn);
  const legit = legitSender(p.caller, row, dst, t);
  const chainOf = (a: Address) => Number(a.toString().split(":")[0]);
  // well above the documented minimum (some minimums grow with the chain count, e.g. propose: 0.5 + 0.6·C EVER)
  const value = (p.minValue ?? EVER) + 5n * EVER;
  const good = () => encodeBody(abiText, row.fn, args(row.contract, row.fn, abis[row.contract], t, chainOf(legit)));
  const int = (src: Address, body: string, v = value) => ({ dst, boc: internalMessage({ src, dst, body, value: v }) });

  switch (row.cls) {
    case "forgedSender":
      return int(t.stranger, good());
    case "forgedOtherNetwork":
      return int(otherNetworkSender(p.caller, legit, t), good());
    case "wrongSignature":
      return { dst, boc: externalCall(dst, abiText, row.fn, args(row.contract, row.fn, abis[row.contract], t, 0), nt.ed25519_generateKeyPair(), 0, 60) };
    case "expiredExternal":
    case "replayedExternal": {
      const keys = { publicKey: t.suite.net.deployPublicKey, secretKey: t.suite.net.deploySecretKey ?? "00".repeat(32) };
      // expired: created an hour ago, 60 s timeout; replayed: time before the deployment, still unexpired
      const [offset, timeout] = row.cls === "expiredExternal" ? [-3600, 60] : [-1800, 7200];
      return { dst, boc: externalCall(dst, abiText, row.fn, args(row.contract, row.fn, abis[row.contract], t, 0), keys, offset, timeout) };
    }
    case "truncatedBody": {
      const s = Cell.fromBase64(good()).beginParse();
      const keep = 32 + Math.floor((s.remainingBits - 32) / 2);
      return int(legit, beginCell().storeBits(s.loadBits(keep)).endCell().toBoc().toString("base64"));
    }
    case "extraBits": {
      const c = Cell.fromBase64(good());
      const b = beginCell().storeSlice(c.beginParse());
      if (b.availableBits >= 8) b.storeUint(0xa5, 8);
      else b.storeRef(beginCell().storeUint(0xa5, 8).endCell());
      return int(legit, b.endCell().toBoc().toString("base64"));
    }
    case "unknownFunction":
      return int(t.stranger, beginCell().storeUint(0x7ffffff0, 32).endCell().toBoc().toString("base64"));
    case "lowValue":
      return int(legit, good(), p.minValue! / 2n);
    case "wrongWorkchain": {
      if (!row.param || row.param.startsWith("(")) return int(legit, good());
      const a = args(row.contract, row.fn, abis[row.contract], t, chainOf(legit));
      a[row.param] = new Address(`-1:${t.root.address.toString().split(":")[1]}`);
      return int(legit, encodeBody(abiText, row.fn, a));
    }
    case "notMasterchain":
      return int(legit, good());
    case "repeatedCall":
      return int(row.contract === "DePoolRoot" ? t.suite.electors.get(0)! : t.owner, good());
    case "bouncedReply": {
      const from = row.bouncedFrom!;
      const original = encodeBody(JSON.stringify(abis[from]), row.fn, args(from, row.fn, abis[from], t, 0));
      return { dst, boc: bouncedMessage({ src: t.stranger, dst, originalBody: original, value: EVER / 10n }) };
    }
  }
}
