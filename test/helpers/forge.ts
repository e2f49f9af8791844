/**
 * Forged internal messages for contract-level tests on the embedded network: a message "from" any
 * address (the elector, a wallet) built by hand and processed like any other. Used to test the
 * root alone (its elector-only and wallet-only entry points) and bounce handlers (a forged
 * bounced message). Never possible on a real network: only tests use it.
 */
import { Address } from "locklift";
import * as nt from "nekoton-wasm";
import { transactionsOf } from "../../src/dev/executor";
import { sendRawMessage } from "./emulator";

const abiJson = (abi: object | string) => (typeof abi === "string" ? abi : JSON.stringify(abi));

/** nekoton's raw API takes addresses and big numbers as strings. */
function tokens(v: unknown): unknown {
  if (v instanceof Address) return v.toString();
  if (typeof v === "bigint") return v.toString();
  if (Array.isArray(v)) return v.map(tokens);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, tokens(x)]));
  return v;
}

/** Body (base64 cell) of an ABI internal call. */
export function callBody(abi: object | string, method: string, params: Record<string, unknown>): string {
  return nt.encodeInternalInput(abiJson(abi), method, tokens(params) as nt.TokensObject);
}

/** Sends an internal message from `src` (not checked: forged) to `dst` and processes the queue. */
export async function forgeInternal(opts: { src: Address | string; dst: Address | string; body?: string; amount: string; bounce?: boolean; bounced?: boolean; stateInit?: string }): Promise<void> {
  const boc = nt.encodeInternalMessage(opts.src.toString(), opts.dst.toString(), opts.bounce ?? true, opts.stateInit, opts.body, opts.amount, opts.bounced ?? false);
  await sendRawMessage(boc);
}

/**
 * A bounced message as the network would make it: body = 0xFFFFFFFF ++ the first 256 bits of
 * the original body (`originalBody`, base64 cell).
 */
export async function forgeBounce(opts: { src: Address | string; dst: Address | string; originalBody: string; amount: string }): Promise<void> {
  const { beginCell, Cell } = await import("@ton/core");
  const s = Cell.fromBase64(opts.originalBody).beginParse();
  const bits = Math.min(256, s.remainingBits);
  const body = beginCell().storeUint(0xffffffff, 32).storeBits(s.loadBits(bits)).endCell().toBoc().toString("base64");
  await forgeInternal({ src: opts.src, dst: opts.dst, body, amount: opts.amount, bounce: false, bounced: true });
}

export interface TxSummary {
  aborted: boolean;
  exitCode: number | undefined;
  outMessages: { dst?: string; value: string; body?: string; bounce: boolean }[];
  totalFees: string;
  lt: string;
}

/** The latest transaction of `address` (undefined if none). */
export async function lastTx(address: Address): Promise<TxSummary | undefined> {
  const { transactions } = await locklift.provider.getTransactions({ address, limit: 1 });
  const t = transactions[0];
  if (!t) return undefined;
  return {
    aborted: t.aborted,
    exitCode: t.exitCode,
    outMessages: t.outMessages.map((m) => ({ dst: m.dst?.toString(), value: m.value, body: m.body, bounce: m.bounce })),
    totalFees: t.totalFees,
    lt: t.id.lt,
  };
}

/**
 * Decoded events `name` of `contract`, oldest first, read from every transaction of the account
 * (decoded with nekoton directly: works for bounced inbound messages too).
 */
export async function eventsOf<T = Record<string, unknown>>(contract: { address: Address; abi: string }, name: string): Promise<T[]> {
  const txs = transactionsOf(contract.address).slice().reverse();
  const out: T[] = [];
  for (const t of txs) {
    const d = nt.decodeRawTransaction(t.boc);
    for (const m of d.outMessages) {
      if (m.dst || !m.body) continue;
      let ev: { data: unknown } | undefined;
      try {
        ev = nt.decodeEvent(m.body, contract.abi, name) as { data: unknown } | undefined;
      } catch {
        ev = undefined; // another event
      }
      if (ev) out.push(parseTokens(ev.data) as T);
    }
  }
  return out;
}

/** nekoton tokens -> the shapes locklift returns (addresses as Address). */
function parseTokens(v: unknown): unknown {
  if (typeof v === "string" && /^-?\d+:[0-9a-f]{64}$/.test(v)) return new Address(v);
  if (Array.isArray(v)) return v.map(parseTokens);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, parseTokens(x)]));
  return v;
}

/** Compute-phase gas of the latest `count` transactions of `address` (newest first), from the embedded network. */
export function recentGas(address: Address, count = 1): { gasUsed: number; exitCode: number; aborted: boolean }[] {
  const txs = transactionsOf(address, count);
  return txs.map((t) => {
    const d = nt.decodeRawTransaction(t.boc);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const c = d.description.compute as any;
    return { gasUsed: Number(c?.gasUsed ?? 0), exitCode: Number(c?.exitCode ?? -1), aborted: d.description.aborted };
  });
}
