/** Helpers shared by the node specs. */
import * as nt from "nekoton-wasm";
import { Cell, loadMessage } from "@ton/core";
import { nodeRpc, standalone } from "../../../src/node/client";

const { EverWalletAccount } = standalone;
export const EVER = 1_000_000_000n;
/** The giver's balance in a fresh chain (@broxus/locklift-network executor). */
export const INITIAL_SUPPLY = 999999999999999999999999999999n;

export async function post(url: string, body: string): Promise<{ status: number; json: any }> {
  const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body });
  return { status: res.status, json: await res.json() };
}

export async function freshWallet() {
  const keys = nt.ed25519_generateKeyPair();
  const account = await EverWalletAccount.fromPubkey({ publicKey: keys.publicKey });
  return { keys, account, address: account.address.toString() };
}

/** Every transaction of every account, decoded. */
export async function allTransactions(url: string, accounts: string[]): Promise<nt.JsRawTransaction[]> {
  const out: nt.JsRawTransaction[] = [];
  for (const account of accounts) {
    let lt: string | undefined;
    for (;;) {
      const page = await nodeRpc<string[]>(url, "getTransactionsList", { account, limit: 100, lastTransactionLt: lt });
      const txs = page.map(b => nt.decodeRawTransaction(b));
      out.push(...txs);
      if (txs.length < 100) break;
      lt = (BigInt(txs[txs.length - 1].lt) - 1n).toString();
    }
  }
  return out;
}

/** Σ balances + Σ fees (transaction fees and forwarding fees of internal messages). */
export async function supply(url: string) {
  const accounts = await nodeRpc<{ address: string; balance: string }[]>(url, "ddvs_listAccounts");
  const balances = accounts.reduce((s, a) => s + BigInt(a.balance), 0n);
  const txs = await allTransactions(url, accounts.map(a => a.address));
  let fees = 0n;
  for (const tx of txs) {
    fees += BigInt(tx.totalFees);
    for (const m of tx.outMessages) {
      const info = loadMessage(Cell.fromBase64(m.boc).beginParse()).info;
      if (info.type === "internal") fees += info.forwardFee + info.ihrFee;
    }
  }
  return { balances, fees, total: balances + fees, transactions: txs.length };
}
