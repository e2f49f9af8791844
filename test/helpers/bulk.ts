/**
 * Many stakers, fast: wallets of random owner addresses, deployed, funded and staked with
 * forged owner messages enqueued in bulk on the embedded network (one queue run per step instead
 * of one signed EverWallet transaction per message). Test-only: the messages are exactly what
 * an owner's account would send; only their signing and value source are skipped.
 */
import { Address, Contract, toNano } from "locklift";
import * as nt from "nekoton-wasm";
import type { DePoolRootAbi } from "../../build/factorySource";
import { devNetwork } from "../../src/deploy";
import { executor, transactionsOf } from "../../src/dev/executor";
import { callBody } from "./forge";
import { DePoolWallet, WalletLedger, decodeTx } from "./wallet";

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Enqueues internal messages (forged senders) and processes the whole queue once. Unlike
 * `enqueueRawMessage`, each keeps the lt of its encoding, so the whole batch runs ahead of the
 * messages it causes (one step of every wallet, then the cascades).
 */
export async function enqueueAll(msgs: { src: string; dst: string; body?: string; amount: string; bounce?: boolean; stateInit?: string }[]): Promise<void> {
  const ex = executor();
  for (const m of msgs) {
    ex.enqueueMsg(nt.parseMessageBase64Extended(nt.encodeInternalMessage(m.src, m.dst, m.bounce ?? true, m.stateInit, m.body, m.amount, false)));
  }
  await ex.processQueue();
}

export interface BulkStakers {
  owners: Address[];
  wallets: DePoolWallet[];
  /** stake of wallet i, nanoevers */
  stakes: bigint[];
  /** deposit of wallet i, nanoevers */
  deposits: bigint[];
}

const randomHex = () => nt.ed25519_generateKeyPair().publicKey;

/**
 * `n` stakers of `root`: wallet i is deployed directly (StateInit + constructor), gets
 * `deposit(stake_i + extra)` and stakes `stake_i = stakeOf(i)`.
 */
export async function bulkStakers(root: Contract<DePoolRootAbi>, n: number, stakeOf: (i: number) => bigint, extra = 1_000_000_000n): Promise<BulkStakers> {
  const wc = Number(root.address.toString().split(":")[0]);
  const art = locklift.factory.getContractArtifacts("DePoolWallet");
  const networkId = devNetwork().networkId;
  const owners: Address[] = [];
  const wallets: DePoolWallet[] = [];
  const inits: string[] = [];
  const stakes: bigint[] = [];
  const deposits: bigint[] = [];
  const abiJson = JSON.stringify(art.abi);
  for (let i = 0; i < n; i++) {
    const owner = new Address(`${wc}:${randomHex()}`);
    const r = nt.getExpectedAddress(art.tvc, abiJson, wc, "0".repeat(64), { _pubkey: "0", networkId, owner: owner.toString() });
    owners.push(owner);
    inits.push(r.stateInit);
    wallets.push(locklift.factory.getDeployedContract("DePoolWallet", new Address(r.address)) as unknown as DePoolWallet);
    stakes.push(stakeOf(i));
    deposits.push(stakeOf(i) + extra);
  }
  const abi = JSON.stringify(art.abi);
  await enqueueAll(wallets.map((w, i) => ({ src: owners[i].toString(), dst: w.address.toString(), bounce: false, stateInit: inits[i], amount: toNano(0.5), body: callBody(abi, "constructor", { remainingGasTo: owners[i] }) })));
  await enqueueAll(wallets.map((w, i) => ({ src: owners[i].toString(), dst: w.address.toString(), amount: (deposits[i] + 200_000_000n).toString(), body: callBody(abi, "deposit", { amount: deposits[i].toString(), remainingGasTo: owners[i] }) })));
  await enqueueAll(wallets.map((w, i) => ({ src: owners[i].toString(), dst: w.address.toString(), amount: toNano(1), body: callBody(abi, "stake", { root: root.address, amount: stakes[i].toString() }) })));
  return { owners, wallets, stakes, deposits };
}

/** A ledger of `wallet` that accounted every transaction the wallet ever had (own fees). */
export function fullLedger(wallet: DePoolWallet): WalletLedger {
  const l = new WalletLedger(wallet);
  const txs = transactionsOf(wallet.address);
  l.account(txs.map((t) => decodeTx(t.boc)));
  return l;
}

/** Σ of the values of the internal messages `address` received from senders in `from` (exact coin flow). */
export function receivedFrom(address: Address, from: Set<string>): bigint {
  const txs = transactionsOf(address);
  let sum = 0n;
  for (const t of txs) {
    const d = nt.decodeRawTransaction(t.boc);
    const m: any = d.inMessage;
    if (m?.src && from.has(m.src)) sum += BigInt(m.value);
  }
  return sum;
}

/** Gas of every transaction of `address` whose inbound message came from itself (job continuations). */
export function selfTxGas(address: Address): number[] {
  const txs = transactionsOf(address);
  const out: number[] = [];
  for (const t of txs) {
    const d = nt.decodeRawTransaction(t.boc);
    if ((d.inMessage as any)?.src === address.toString()) out.push(Number((d.description.compute as any).gasUsed ?? 0));
  }
  return out;
}
