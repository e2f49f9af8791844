/**
 * Coin conservation of a run on the embedded network, from the executor's real balances and
 * transactions (no estimate, no bookkeeping of our own):
 *
 * - funded   = Σ values the giver sent to any other account − Σ values sent back to the giver;
 * - held     = Σ balances of every account except the giver, the sinks and the burn address;
 * - withdrawn= Σ balances of the sinks (addresses outside DDVS that receive withdrawals);
 * - burned   = balance of the burn address `0:00…00` (docs/architecture.md §3 "Burn");
 * - fees     = Σ over every transaction of a non-giver account of `totalFees` plus the forwarding
 *              fee each outgoing internal message still carries (its `fwd_fee` header field: the part
 *              not in the sender's `totalFees`), including a bounce's;
 * - lost     = funded − held − withdrawn − fees − burned (0 when no coin appeared or vanished).
 *
 * Amounts in nanoevers.
 */
import * as nt from "nekoton-wasm";
import type { OpenNetwork } from "../network";
import { Cell, loadMessage } from "@ton/core";
import { functionNameById } from "../errors";
import { executor as embeddedExecutor } from "../../dev/executor";

/** The `fwd_fee` header field of an internal message (BOC). */
function remainingFwdFee(boc: string): bigint {
  const m = loadMessage(Cell.fromBase64(boc).beginParse());
  return m.info.type === "internal" ? m.info.forwardFee : 0n;
}

/** DDVS function an internal message body calls (by its 32-bit opcode), if any. */
function calledFunction(body: string | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const s = Cell.fromBase64(body).beginParse();
    return s.remainingBits >= 32 ? functionNameById(s.loadUint(32)) : undefined;
  } catch {
    return undefined;
  }
}

const GIVER = "0:f2570313b1d6313db96f01ff3af1ebbae31111aa0bbf74f51397b67990bc2b73";
export const BURN_ADDRESS = "0:" + "0".repeat(64);

export interface ConservationParts {
  funded: bigint;
  held: bigint;
  withdrawn: bigint;
  fees: bigint;
  burned: bigint;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
function executor(net: OpenNetwork): any {
  return embeddedExecutor(net.locklift); // conservation from real balances needs the embedded network
}

/** Conservation parts of everything that happened on the embedded network so far. */
export function measureConservation(net: OpenNetwork, sinks: readonly string[]): ConservationParts {
  const ex = executor(net);
  const sinkSet = new Set(sinks.map((s) => s.toLowerCase()));
  let funded = 0n;
  let fees = 0n;
  for (const tx of Object.values<any>(ex.state.transactions)) {
    const dst: string = tx.inMessage?.dst ?? "";
    if (dst === GIVER) {
      if (tx.inMessage?.src && tx.inMessage.msgType === "IntMsg") funded -= BigInt(tx.inMessage.value);
      for (const m of tx.outMessages) if (m.msgType === "IntMsg") funded += BigInt(m.value);
      continue;
    }
    fees += BigInt(tx.totalFees);
    let bouncedOut = false;
    for (const m of tx.outMessages) {
      if (m.msgType !== "IntMsg") continue;
      fees += remainingFwdFee(m.boc);
      if (m.bounced) bouncedOut = true;
    }
    const bounce = tx.description?.bounce;
    if (bounce?.status === "ok" && !bouncedOut) fees += BigInt(bounce.fwdFees ?? 0);
  }
  let held = 0n;
  let withdrawn = 0n;
  let burned = 0n;
  for (const [address, boc] of Object.entries<string>(ex.state.accounts)) {
    if (address === GIVER) continue;
    const st = nt.parseShardAccountBoc(boc);
    const bal = st ? BigInt(st.balance) : 0n;
    if (address === BURN_ADDRESS) burned += bal;
    else if (sinkSet.has(address.toLowerCase())) withdrawn += bal;
    else held += bal;
  }
  return { funded, held, withdrawn, fees, burned };
}

/** Aborted transactions so far (address, exit code), for diagnostics. */
export function abortedTransactions(net: OpenNetwork): { address: string; exitCode: number; lt: string; fn?: string }[] {
  const ex = executor(net);
  const out: { address: string; exitCode: number; lt: string; fn?: string }[] = [];
  for (const tx of Object.values<any>(ex.state.transactions)) {
    if (!tx.description?.aborted) continue;
    if (tx.description?.compute?.status === "skipped") continue; // coins arriving at an account without code: normal
    const ce = tx.description?.compute?.exitCode;
    const code = ce !== undefined && ce !== 0 && ce !== 1 ? ce : tx.description?.action?.resultCode ?? (tx.description?.compute?.status === "skipped" ? -2 : -1);
    out.push({ address: tx.inMessage?.dst, exitCode: code, lt: tx.lt, fn: calledFunction(tx.inMessage?.body) });
  }
  return out;
}

/** The executor's current logical time (a mark for {@link abortsSince}). */
export function markLt(net: OpenNetwork): bigint {
  return BigInt(executor(net).blockchainLt);
}

/** Aborted transactions with lt > `mark`, oldest first. */
export function abortsSince(net: OpenNetwork, mark: bigint): { address: string; exitCode: number; lt: string; fn?: string }[] {
  return abortedTransactions(net)
    .filter((t) => BigInt(t.lt) > mark)
    .sort((a, b) => (BigInt(a.lt) < BigInt(b.lt) ? -1 : 1));
}
