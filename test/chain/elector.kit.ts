/**
 * Test kit of the DElectorConfig chain tests (test/chain/elector*.spec.ts): deploys an elector,
 * sends root/peer calls from forged senders (the embedded network runs any internal message),
 * and reads the resulting transaction: exit code, gas, events, out messages.
 */
import { expect } from "chai";
import { Address, toNano, getRandomNonce } from "locklift";
import * as nt from "nekoton-wasm";
import { beginCell } from "@ton/core";
import { buildInternal, freshKeys, sendRawMessage, emulateMessage } from "../helpers";
import { executor, nowSec as networkNowSec } from "../../src/dev/executor";
import { DEFAULT_CONFIG as DEPLOY_DEFAULT_CONFIG, ElectorConfig as DeployConfig } from "../../src/deploy/config";

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Elector = any;

/** The config tuple as the kit passes it to nekoton: src/deploy/config.ts's fields, amounts (nanoevers) as decimal strings. */
export type ElectorConfig = { [K in keyof DeployConfig]: DeployConfig[K] extends bigint ? string : DeployConfig[K] };

/** The defaults of docs/messages.md §1: src/deploy/config.ts's DEFAULT_CONFIG (the one copy), amounts as strings. */
export const DEFAULT_CONFIG: ElectorConfig = Object.freeze(
  Object.fromEntries(Object.entries(DEPLOY_DEFAULT_CONFIG).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v])),
) as ElectorConfig;

/** Network time, seconds. */
export const nowSec = networkNowSec;

export interface ElectorSetup {
  elector: Elector;
  keys: { publicKey: string; secretKey: string };
  networkId: number;
  config: ElectorConfig;
  genesisTime: number;
}

/**
 * Root code of the isolated test electors: one NOP instruction, i.e. an account that accepts every
 * message and does nothing (an empty code cell is refused by the constructor, BAD_PAYLOAD). The canonical DePoolRoot only accepts its constructor from the dev
 * network's elector (ELECTOR_ADDRESS_HASH), while these tests deploy many electors with their own
 * networkId and key; root messages are forged from the roots' canonical addresses instead.
 */
export const STUB_ROOT_CODE = beginCell().storeUint(0, 8).endCell().toBoc().toString("base64");

/** Deploys a DElectorConfig on `workchain` with a signed external constructor (its own networkId and key). */
export async function deployElector(opts: { config?: Partial<ElectorConfig>; chains?: number[]; workchain?: number; genesisTime?: number; rootCode?: string } = {}): Promise<ElectorSetup> {
  const keys = await freshKeys();
  const networkId = getRandomNonce() >>> 0;
  const workchain = opts.workchain ?? 0;
  const config = { ...DEFAULT_CONFIG, ...(opts.config ?? {}) };
  const genesisTime = opts.genesisTime ?? nowSec();
  const { contract } = await locklift.factory.deployContract({
    contract: "DElectorConfig",
    publicKey: keys.publicKey,
    initParams: { _pubkey: `0x${keys.publicKey}`, networkId },
    constructorParams: {
      config,
      rootCode: opts.rootCode ?? STUB_ROOT_CODE,
      walletCode: locklift.factory.getContractArtifacts("DePoolWallet").code,
      chains: (opts.chains ?? [workchain]).map((c) => [c, true]),
      genesisTime,
    },
    value: toNano(100),
    workchain,
  } as any);
  return { elector: contract, keys, networkId, config, genesisTime };
}

export interface TxResult {
  tx: nt.JsRawTransaction & { outMessages: nt.JsRawMessage[]; inMessage: nt.JsRawMessage };
  exitCode: number | undefined;
  gas: number;
  aborted: boolean;
  events: { event: string; data: any }[];
  /** internal out messages */
  out: nt.JsRawMessage[];
}

function eventNames(abi: string): string[] {
  return JSON.parse(abi).events.map((e: any) => e.name);
}

/** Decodes a transaction of `contract` (exit code, gas, events). */
export function describeTx(tx: any, abi: string): TxResult {
  const compute = tx.description.compute as any;
  const names = eventNames(abi);
  const events: { event: string; data: any }[] = [];
  const out: nt.JsRawMessage[] = [];
  for (const m of tx.outMessages as nt.JsRawMessage[]) {
    if ((m as any).msgType === "ExtOut" || m.dst === undefined || m.dst === "") {
      if (!m.body) continue;
      const d = nt.decodeEvent(m.body, abi, names);
      if (d) events.push({ event: d.event, data: d.data });
    } else {
      out.push(m);
    }
  }
  return { tx, exitCode: compute?.exitCode, gas: Number(compute?.gasUsed ?? 0), aborted: tx.description.aborted, events, out };
}

/** Tokens for nekoton: Address objects become strings (recursively). */
export function tokens(v: any): any {
  if (v instanceof Address) return v.toString();
  if (Array.isArray(v)) return v.map(tokens);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, tokens(x)]));
  return v;
}

/** Sends an internal call of `method` to `contract` from any (possibly forged) `src` and returns its transaction. */
export async function callFrom(contract: any, src: Address, method: string, input: Record<string, unknown>, amount = toNano(1), bounce = true): Promise<TxResult> {
  const body = nt.encodeInternalInput(contract.abi, method, tokens(input));
  const boc = buildInternal({ src, dst: contract.address, body, amount, bounce });
  const hash = nt.parseMessageBase64Extended(boc).hash;
  await sendRawMessage(boc);
  const tx = executor().getDstTransaction(hash);
  if (!tx) throw new Error(`no transaction for ${method}`);
  return describeTx(tx, contract.abi);
}

/** Runs (without committing) an internal call from `src`; returns its exit code. */
export async function tryFrom(contract: any, src: Address, method: string, input: Record<string, unknown>, amount = toNano(1)): Promise<number | undefined> {
  const body = nt.encodeInternalInput(contract.abi, method, tokens(input));
  const boc = buildInternal({ src, dst: contract.address, body, amount });
  return (await emulateMessage(contract.address, boc)).exitCode;
}

/** The transaction a message (by hash) produced at its destination. */
export function txOfMessage(hash: string): any {
  return executor().getDstTransaction(hash);
}

/** The raw data cell (base64) of an account, to prove "no state change". */
export async function dataOf(address: Address): Promise<string> {
  const st = await locklift.provider.getFullContractState({ address });
  return nt.extractContractData(st.state!.boc)!;
}

/** Events named `name`. */
export function eventsOf(r: TxResult, name: string): any[] {
  return r.events.filter((e) => e.event === name).map((e) => e.data);
}

/** A random uint256 key as a 0x-hex string and its decimal form. */
export function randomKey(): string {
  return "0x" + Buffer.from(nt.ed25519_generateKeyPair().publicKey, "hex").toString("hex");
}

export function dec(hexKey: string): string {
  return BigInt(hexKey).toString();
}

/** A validator registered on a test elector: key (0x hex, also its signing key), key pair, root address. */
export interface RegisteredValidator {
  key: string;
  keys: { publicKey: string; secretKey: string };
  root: Address;
}

/**
 * Registers one validator per entry of `delegations` (nanoevers, in order) on `elector`: deployRoot
 * from `owner`, then, as that root, nominate(`deposit`) and delegate(the entry). Every step must
 * exit 0. Returns the validators in the same order.
 */
export async function registerValidators(elector: Elector, owner: Address, delegations: number[], deposit = 100): Promise<RegisteredValidator[]> {
  const vs: RegisteredValidator[] = [];
  for (const amount of delegations) {
    const keys = nt.ed25519_generateKeyPair();
    const key = "0x" + keys.publicKey;
    expect((await callFrom(elector, owner, "deployRoot", { validatorKey: key, lockPeriod: 0, unlockPeriod: 0, commissionPerMille: 0, minStake: 1, capacity: 0 }, toNano(3))).exitCode).to.equal(0);
    const root = (await elector.getters.getAccount({ validatorKey: key }).run()).root;
    vs.push({ key, keys, root });
    expect((await callFrom(elector, root, "nominate", { deposit, validatorKey: key, owner, signingKey: key, metadata: "" }, toNano(1))).exitCode).to.equal(0);
    expect((await callFrom(elector, root, "delegate", { amount, validatorKey: key, remainingGasTo: owner }, toNano(1))).exitCode).to.equal(0);
  }
  return vs;
}
