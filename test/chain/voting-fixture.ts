/**
 * Fixture of the config-vote tests (test/chain/voting*.spec.ts, crosschain*.spec.ts).
 *
 * - Registry seeding: the config vote needs validators in the set in force with delegations. Until
 *   the registry and the election (branch `elector`) are merged, `seedValidators` writes accounts,
 *   the validator set and the registered stake straight into each elector's storage on the embedded
 *   network (decode the ABI `fields` with nekoton, edit, re-encode, put the account back). The
 *   addresses do not change (they come from the initial StateInit), and everything the vote does
 *   afterwards runs through real messages.
 * - Root calls: `rootCall` sends an internal message from the canonical DePoolRoot address of
 *   `(validatorKey, owner)` (as DePoolRoot.propose / vote do), `forgedCall` from any address.
 * - Message accounting: `countSince` counts the transactions (= delivered internal messages) and the
 *   hop depth of everything that ran after a mark.
 */
import { Address, toNano } from "locklift";
import * as nt from "nekoton-wasm";
import { Address as TonAddress, beginCell, Cell, loadShardAccount, storeShardAccount } from "@ton/core";
import { buildInternal, emulateMessage, sendRawMessage, EmulatedResult } from "../helpers";
import { freshKeys } from "../helpers";
import { executor, transactionEntries, transactionIds } from "../../src/dev/executor";
import type { DeployedElectors, ElectorContract } from "../../src/deploy/chains";
import type { NetworkFile } from "../../src/deploy/network";
import { electorFunctionId } from "../../src/keeper/chain";

/** A throw-away DDVS network (fresh deploy key): its electors are independent of every other test's. */
export async function freshNetwork(networkId: number): Promise<NetworkFile & { deploySecretKey: string }> {
  const keys = await freshKeys();
  return { name: `test-${networkId}`, networkId, deployPublicKey: keys.publicKey, deploySecretKey: keys.secretKey };
}

/* eslint-disable @typescript-eslint/no-explicit-any */
const abiString = (abi: unknown): string => (typeof abi === "string" ? abi : JSON.stringify(abi));

export interface SeedValidator {
  /** identity key, hex without 0x (64 digits) */
  key: string;
  owner: Address;
  chainId: number;
  /** delegation = voting power, nanoevers */
  delegation: bigint;
}

/** Canonical DePoolRoot address of `(validatorKey, owner)` on `chainId` for `networkId` (rootCode = built DePoolRoot). */
export async function rootAddress(networkId: number, v: { key: string; owner: Address; chainId: number }): Promise<Address> {
  const art = locklift.factory.getContractArtifacts("DePoolRoot");
  return locklift.provider.getExpectedAddress(art.abi, {
    tvc: art.tvc,
    workchain: v.chainId,
    publicKey: "0".repeat(64), // roots have _pubkey = 0 (nekoton refuses a missing key here)
    initParams: { _pubkey: 0, networkId, validatorKey: `0x${v.key}`, owner: v.owner },
  } as never);
}

/**
 * Fields whose map values are cells in Tolk's layout (`Cell<Struct>`): nekoton's fixed layout would
 * split these tuples differently, so they are read and written as `map(uint256,cell)` and their
 * values built here (`memberCell`) exactly as build/gen/DElectorConfig.tolk lays them out. Accounts
 * are inline in their dictionary leaf and written as ABI tuples (`accountEntry`).
 */
const CELL_VALUED = new Set(["validatorSet", "previousSet"]);

function storageParams(): any[] {
  const abi = JSON.parse(abiString(locklift.factory.getContractArtifacts("DElectorConfig").abi));
  return abi.fields.map((f: any) => (CELL_VALUED.has(f.name) ? { name: f.name, type: f.type.replace(/,tuple\)$/, ",cell)") } : f));
}

/** An `accounts` value as the ABI decodes it (DElectorConfig.abi.json): the signing key is the validator key. */
export function accountEntry(a: { key: string; state: number; root: Address; owner: Address; deposit: bigint; delegation: bigint; nominationEnd: number; order: number }): object {
  return {
    state: a.state, deposit: a.deposit.toString(), delegation: a.delegation.toString(), nominationEnd: a.nominationEnd, custodyUntil: 0, releaseAt: 0, order: a.order,
    identity: { root: a.root.toString(), signingKey: `0x${a.key}` }, ownerInfo: { owner: a.owner.toString() },
  };
}

/** DElectorConfig_ValidatorSet cell: votingPower coins, signingKey u256, chainId i8, root. */
export function memberCell(m: { votingPower: bigint; signingKey: string; chainId: number; root: Address }): string {
  return beginCell().storeCoins(m.votingPower).storeUint(BigInt(`0x${m.signingKey}`), 256).storeInt(m.chainId, 8).storeAddress(TonAddress.parse(m.root.toString()))
    .endCell().toBoc().toString("base64");
}

/** Rewrites the ABI `fields` of the elector at `address` with `edit` (see CELL_VALUED). */
export async function editElectorFields(address: Address, edit: (f: any) => void): Promise<void> {
  const ex = executor();
  const params = storageParams();
  const sa = loadShardAccount(Cell.fromBase64((await ex._getAccount(address.toString()))!).beginParse());
  const state = sa.account!.storage.state;
  if (state.type !== "active") throw new Error(`${address} is not active`);
  const tokens: any = nt.unpackFromCell(params, state.state.data!.toBoc().toString("base64"), false, "2.4");
  edit(tokens);
  state.state.data = Cell.fromBase64(nt.packIntoCell(params, tokens, "2.4").boc);
  ex._setAccount1(address.toString(), beginCell().store(storeShardAccount(sa)).endCell().toBoc().toString("base64"));
}

/**
 * Seeds every elector with the same validator set (all of `validators`) and its own accounts
 * (those with `chainId` = the elector's chain), registered stake = Σ local delegations + `extraStake[chain]`.
 */
export async function seedValidators(d: DeployedElectors, validators: SeedValidator[], extraStake: Record<number, bigint> = {}, setTermId = 1): Promise<void> {
  const roots = new Map<string, Address>();
  for (const v of validators) roots.set(v.key, await rootAddress(d.networkId, v));
  for (const [chainId, elector] of d.electors) {
    const local = validators.filter((v) => v.chainId === chainId);
    const stake = local.reduce((s, v) => s + v.delegation, 0n) + (extraStake[chainId] ?? 0n);
    await editElectorFields(elector.address, (f) => {
      f.accounts = local.map((v) => [
        `0x${v.key}`,
        accountEntry({ key: v.key, state: 2, root: roots.get(v.key)!, owner: v.owner, deposit: 10_000n * 10n ** 9n, delegation: v.delegation, nominationEnd: 100, order: 1 }),
      ]);
      f.accountCount = local.length;
      f.validatorSet = validators.map((v) => [`0x${v.key}`, memberCell({ votingPower: v.delegation, signingKey: v.key, chainId: v.chainId, root: roots.get(v.key)! })]);
      const total = validators.reduce((s, v) => s + v.delegation, 0n);
      f.setInfo = { setTermId, totalVotingPower: total.toString(), localMembers: local.length, previousTotalVotingPower: "0" };
      f.registeredStake = stake.toString();
    });
  }
}

export interface SeedCandidate extends SeedValidator {
  deposit: bigint;
  /** tie order (nomination time) */
  order: number;
}

/**
 * Seeds every elector with its chain's candidates (state Candidate, ranked, signing key = identity
 * key) and their registered stake; no validator set. Term ends then run the real close and election.
 */
export async function seedCandidates(d: DeployedElectors, candidates: SeedCandidate[]): Promise<void> {
  for (const [chainId, elector] of d.electors) {
    const local = candidates.filter((v) => v.chainId === chainId);
    const roots = await Promise.all(local.map((v) => rootAddress(d.networkId, v)));
    await editElectorFields(elector.address, (f) => {
      f.accounts = local.map((v, i) => [
        `0x${v.key}`,
        accountEntry({ key: v.key, state: 1, root: roots[i], owner: v.owner, deposit: v.deposit, delegation: v.delegation, nominationEnd: 100, order: v.order }),
      ]);
      f.rootIndex = local.map((v, i) => [roots[i].toString(), `0x${v.key}`]);
      f.accountCount = local.length;
      f.ranking = local.map((v) => [((v.delegation << 144n) | (v.deposit << 64n) | BigInt(v.order)).toString(), { key: `0x${v.key}`, ties: [] }]);
      f.registeredStake = local.reduce((s, v) => s + v.delegation, 0n).toString();
    });
  }
}

/** nekoton tokens: Address objects as strings, everything else as is. */
function tokens(v: unknown): unknown {
  if (v instanceof Address) return v.toString();
  if (Array.isArray(v)) return v.map(tokens);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, tokens(x)]));
  return v;
}

/** Base64 body of a DElectorConfig call. */
export function electorBody(method: string, input: Record<string, unknown>): string {
  return nt.encodeInternalInput(abiString(locklift.factory.getContractArtifacts("DElectorConfig").abi), method, tokens(input) as nt.TokensObject);
}

/** A raw internal message `src` → `dst` calling DElectorConfig `method`. */
export function electorMessage(src: Address, dst: Address, method: string, input: Record<string, unknown>, amount = toNano(5)): string {
  return buildInternal({ src, dst, body: electorBody(method, input), amount });
}

/** Delivers a call from any sender (the embedded network does not check `src`) and runs the queue. */
export async function forgedCall(src: Address, dst: ElectorContract, method: string, input: Record<string, unknown>, amount = toNano(5)): Promise<void> {
  await sendRawMessage(electorMessage(src, dst.address, method, input, amount));
}

/** Exit code the call would end with (nothing is committed). */
export async function tryCall(src: Address, dst: ElectorContract, method: string, input: Record<string, unknown>, amount = toNano(5)): Promise<EmulatedResult> {
  return emulateMessage(dst.address, electorMessage(src, dst.address, method, input, amount));
}

let electorFunctions: Map<number, string> | undefined;

/**
 * Name of the DElectorConfig function an internal message body calls — its first 32 bits, the ABI
 * function id — also for bodies that carry more than the ABI parameters (the elector's own
 * `continueClose` / `finalizeElection` continuations); undefined for an empty body, a bounce or an
 * unknown id.
 */
export function electorFunctionName(body: string | undefined): string | undefined {
  if (!body) return undefined;
  electorFunctions ??= new Map(
    (JSON.parse(abiString(locklift.factory.getContractArtifacts("DElectorConfig").abi)).functions as { name: string }[]).map((f) => [electorFunctionId(f.name), f.name]),
  );
  const s = Cell.fromBase64(body).beginParse();
  return s.remainingBits >= 32 ? electorFunctions.get(s.loadUint(32)) : undefined;
}

/** Transactions so far (a mark for `countSince`). */
export function txMark(): Set<string> {
  return transactionIds();
}

export interface MessageCount {
  /** internal messages delivered to electors (one transaction each) */
  electorMessages: number;
  /** internal messages delivered to anything else (change, roots…) */
  otherMessages: number;
  /** longest chain of messages caused by one another (hops) */
  hops: number;
  /** delivered messages per elector function name */
  byFunction: Record<string, number>;
}

/** Counts what ran after `mark`: messages into electors of `d` (by function), others, and hop depth. */
export function countSince(mark: Set<string>, d: DeployedElectors): MessageCount {
  const electorAddrs = new Set([...d.electors.values()].map((e) => e.address.toString()));
  const txs: any[] = transactionEntries().filter(([h]) => !mark.has(h)).map(([, t]) => t);
  const parentOfMsg = new Map<string, any>();
  for (const t of txs) for (const m of t.outMessages) parentOfMsg.set(m.hash, t);
  const depth = new Map<any, number>();
  const depthOf = (t: any): number => {
    if (depth.has(t)) return depth.get(t)!;
    const parent = parentOfMsg.get(t.inMessage.hash);
    const d0 = parent ? depthOf(parent) + (t.inMessage.src ? 1 : 0) : t.inMessage.src ? 1 : 0;
    depth.set(t, d0);
    return d0;
  };
  let electorMessages = 0;
  let otherMessages = 0;
  let hops = 0;
  const byFunction: Record<string, number> = {};
  for (const t of txs) {
    if (!t.inMessage.src) continue; // external (a deploy or a signed call): not a message between contracts
    hops = Math.max(hops, depthOf(t));
    if (electorAddrs.has(t.inMessage.dst)) {
      electorMessages++;
      const name = t.inMessage.body ? electorFunctionName(t.inMessage.body) ?? "unknown" : "transfer";
      byFunction[name] = (byFunction[name] ?? 0) + 1;
    } else {
      otherMessages++;
    }
  }
  return { electorMessages, otherMessages, hops, byFunction };
}
