/**
 * Typed access to the deployed DDVS contracts (types from build/factorySource.ts) and a send
 * helper that reports the first failing transaction of the cascade by its contract error name.
 */
import type { Address, Contract, Transaction } from "locklift";
import type { FactorySource } from "../../build/factorySource";
import { ContractError, firstFailure, functionNameById } from "./errors";

/** DDVS function an internal message body calls (its 32-bit opcode), if any. */
export function calledFunction(body: string | undefined): string | undefined {
  if (!body) return undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const s = require("@ton/core").Cell.fromBase64(body).beginParse();
    return s.remainingBits >= 32 ? functionNameById(s.loadUint(32)) : undefined;
  } catch {
    return undefined;
  }
}

export type Elector = Contract<FactorySource["DElectorConfig"]>;
export type Root = Contract<FactorySource["DePoolRoot"]>;
export type DWallet = Contract<FactorySource["DePoolWallet"]>;

const ll = () => (global as unknown as { locklift: import("locklift").Locklift<FactorySource> }).locklift;

export function addr(a: string | Address): Address {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { Address: A } = require("locklift");
  return typeof a === "string" ? new A(a) : a;
}

export const elector = (a: string | Address): Elector => ll().factory.getDeployedContract("DElectorConfig", addr(a));
export const root = (a: string | Address): Root => ll().factory.getDeployedContract("DePoolRoot", addr(a));
export const dwallet = (a: string | Address): DWallet => ll().factory.getDeployedContract("DePoolWallet", addr(a));

/** Every transaction caused by `tx` (itself first), in the order the trace finds them. */
export async function cascade(tx: Transaction, timeoutMs = 60_000): Promise<Transaction[]> {
  const provider = ll().provider;
  const sub = new provider.Subscriber();
  const out: Transaction[] = [tx];
  try {
    const all = sub
      .trace(tx)
      .tap((t) => {
        out.push(t);
      })
      .finished();
    await Promise.race([all, new Promise((_, rej) => setTimeout(() => rej(new Error(`trace timed out after ${timeoutMs} ms`)), timeoutMs))]);
  } finally {
    await sub.unsubscribe();
  }
  return out;
}

/**
 * Sends a call and checks its whole cascade: throws {@link ContractError} (named error) for the
 * first aborted transaction; returns the cascade's transactions.
 */
export async function sendChecked(label: string, send: () => Promise<Transaction>, opts: { trace?: boolean } = {}): Promise<Transaction[]> {
  const tx = await send();
  const txs = opts.trace === false ? [tx] : await cascade(tx);
  const fail = firstFailure(txs as never);
  if (fail) {
    const fn = fail.index > 0 ? calledFunction(txs[fail.index].inMessage.body) : undefined;
    throw new ContractError(fail.code, fn ? `${label} → ${fn}` : label, fail.account);
  }
  return txs;
}

/** An account's full state (code, data, balance) as getters take it (`run({ cachedState })`). */
export type ContractState = NonNullable<Awaited<ReturnType<import("locklift").Locklift<FactorySource>["provider"]["getFullContractState"]>>["state"]>;

/**
 * One snapshot of an account's state, for many getters on it: `getter.run({ cachedState })` runs
 * against the snapshot instead of fetching and decoding the account again for every call (the
 * electors' state holds every account and stake: decoding it dominates a getter's cost).
 * Undefined when the account does not exist. Read-only.
 */
export async function stateOf(a: Address | string): Promise<ContractState | undefined> {
  return (await ll().provider.getFullContractState({ address: addr(a) })).state;
}

/** Snapshots of several contracts at once, keyed like the input map. */
export async function statesOf<K>(contracts: ReadonlyMap<K, { address: Address }>): Promise<Map<K, ContractState | undefined>> {
  const entries = [...contracts];
  const states = await Promise.all(entries.map(([, c]) => stateOf(c.address)));
  return new Map(entries.map(([k], i) => [k, states[i]] as const));
}
