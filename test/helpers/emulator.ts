/**
 * Access to the embedded network's executor for what locklift does not expose:
 * signature checks on (the embedded network passes `ignoreChksig: true` by default, so any
 * signature would pass CHKSIGNU), and running a raw message to read its exit code.
 *
 * On the `node` network (a `ddvs node`) the same helpers go through the node's RPC:
 * `ddvs_setSignatureChecks`, `ddvs_emulateMessage`, `sendMessage`, and the node's time
 * (locklift's clock, kept in step by ./network). Any other network: they throw.
 * The executor itself, its queue and its transactions: src/dev/executor.ts (shared with bench/);
 * its queue helpers are re-exported here for the specs (embedded network only).
 *
 * ddvs:network-aware (scripts/node-suite.ts: specs using this module can run on the node)
 */
import { Address } from "locklift";
import * as nt from "nekoton-wasm";
import { executor, nowMs, runUncommitted } from "../../src/dev/executor";
import { callNode, lockliftClock, onNode } from "./network";

export { enqueueRawMessage, processNextMessage, processQueue } from "../../src/dev/executor";

/* eslint-disable @typescript-eslint/no-explicit-any */

let patched = false;
/**
 * Turns real signature checking on for every later transaction of this test run
 * (wraps the Tycho executor so `ignoreChksig` is false). The giver and EverWallets on the
 * EVER config sign correctly, so everything else keeps working.
 */
export async function enableSignatureChecks(): Promise<void> {
  if (onNode()) {
    const { enabled } = await callNode<{ enabled: boolean }>("ddvs_setSignatureChecks", { enabled: true });
    if (!enabled) throw new Error("the node did not turn signature checks on");
    return;
  }
  if (patched) return;
  const tycho = executor().tychoExecutor;
  const original = tycho.runTransaction.bind(tycho);
  tycho.runTransaction = (args: any) => original({ ...args, ignoreChksig: false });
  patched = true;
}

/**
 * The transaction a message (by hash) produced at its destination, or undefined (not
 * executed, or an external message that was not accepted). Both networks.
 */
export async function dstTransaction(messageHash: string): Promise<nt.JsRawTransaction | undefined> {
  if (onNode()) {
    const boc = await callNode<string | null>("getDstTransaction", { messageHash });
    return boc ? nt.decodeRawTransaction(boc) : undefined;
  }
  return executor().getDstTransaction(messageHash) ?? undefined;
}

/** Current network time, whole seconds (both networks). */
export function networkNowSec(): number {
  return Math.floor(networkNowMs() / 1000);
}

/** Current network time of the embedded network (or the node's, on `node`), ms. */
export function networkNowMs(): number {
  if (onNode()) return lockliftClock().time;
  return nowMs();
}

/** A nekoton clock set to the network's time, for building external messages by hand. */
export function networkClock(): nt.ClockWithOffset {
  const clock = new nt.ClockWithOffset();
  clock.updateOffset(networkNowMs() - Date.now());
  return clock;
}

export interface EmulatedResult {
  /** true if the message was accepted (a transaction was produced) */
  accepted: boolean;
  /** compute-phase exit code (0/1 = success) */
  exitCode: number | undefined;
}

/**
 * Runs one message (external or internal) against `dst`'s current state with signature checks on, without
 * committing anything, and reports whether it would be accepted and its exit code.
 */
export async function emulateMessage(dst: Address, messageBoc: string): Promise<EmulatedResult> {
  if (onNode()) {
    const parsedDst = nt.parseMessageBase64Extended(messageBoc).dst;
    if (parsedDst !== dst.toString()) throw new Error(`emulateMessage: the message goes to ${parsedDst}, not ${dst}`);
    const r = await callNode<EmulatedResult>("ddvs_emulateMessage", { message: messageBoc, checkSignatures: true });
    return { accepted: r.accepted, exitCode: r.exitCode ?? undefined };
  }
  const run = await runUncommitted(dst, messageBoc);
  return run.accepted ? { accepted: true, exitCode: (run.transaction.description.compute as any)?.exitCode } : { accepted: false, exitCode: run.exitCode };
}

/**
 * Sends a raw message BOC (base64), external or internal (any sender: forged senders and
 * bounces for tests), and waits until it and its cascade are executed.
 */
export async function sendRawMessage(messageBoc: string): Promise<void> {
  if (onNode()) {
    const internal = nt.parseMessageBase64Extended(messageBoc).msgType === "IntMsg";
    await callNode(internal ? "ddvs_sendInternalMessage" : "sendMessage", { message: messageBoc });
    return;
  }
  await executor().transport.sendMessage(messageBoc);
}
