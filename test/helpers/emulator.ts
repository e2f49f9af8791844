/**
 * Access to the embedded network's executor for what locklift does not expose:
 * signature checks on (the embedded network passes `ignoreChksig: true` by default, so any
 * signature would pass CHKSIGNU), and running a raw message to read its exit code.
 *
 * On the `node` network (a `ddvs node`) the same helpers go through the node's RPC:
 * `ddvs_setSignatureChecks`, `ddvs_emulateMessage`, `sendMessage`, and the node's time
 * (locklift's clock, kept in step by ./network). Any other network: they throw.
 *
 * ddvs:network-aware (scripts/node-suite.ts: specs using this module can run on the node)
 */
import { Address } from "locklift";
import * as nt from "nekoton-wasm";
import { callNode, lockliftClock, networkName, onEmbedded, onNode } from "./network";

/* eslint-disable @typescript-eslint/no-explicit-any */
function executor(): any {
  // on other networks locklift still creates an (empty, unrelated) embedded executor: never read it there
  if (!onEmbedded()) throw new Error(`the embedded network's executor is not the chain of network ${networkName()}`);
  const ex = (locklift.network as any).proxyNetwork?._executor;
  if (!ex) throw new Error("the embedded network's executor is not reachable (is this the `locklift` network?)");
  return ex;
}

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
  return executor().clock.nowMs;
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
  const ex = executor();
  const { Cell } = await import("@ton/core");
  const shardAccount = await ex._getAccount(dst.toString());
  const res = await ex.tychoExecutor.runTransaction({
    config: ex.blockchainConfig,
    message: Cell.fromBase64(messageBoc),
    lt: ex.blockchainLt,
    shardAccount,
    now: Math.floor(ex.clock.nowMs / 1000),
    libs: null,
    debugEnabled: false,
    randomSeed: null,
    verbosity: "short",
    ignoreChksig: false,
  });
  if (res.result.success) {
    const tx = nt.decodeRawTransaction(res.result.transaction);
    const compute = tx.description.compute as any;
    return { accepted: true, exitCode: compute?.exitCode };
  }
  return { accepted: false, exitCode: res.result.vmResults?.vmExitCode };
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

let enqueued = 0n;
/**
 * Puts a message (base64 BOC) in the embedded network's queue without processing it: with
 * `processNextMessage` a test interleaves its own steps between the transactions of one tree.
 */
export function enqueueRawMessage(messageBoc: string): void {
  const ex = executor();
  enqueued += 1n;
  ex.enqueueMsg({ ...(nt.parseMessageBase64Extended(messageBoc) as object), boc: messageBoc, lt: (BigInt(ex.blockchainLt) + enqueued).toString() });
}

/** Processes the next queued message (one transaction); false when the queue was empty. */
export async function processNextMessage(): Promise<boolean> {
  const ex = executor();
  if (ex.state.messageQueue.size() === 0) return false;
  await ex.processNextMsg();
  return true;
}

/** Processes the queue until it is empty. */
export async function processQueue(): Promise<void> {
  await executor().processQueue();
}
