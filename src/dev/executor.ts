/**
 * The embedded network's executor (@broxus/locklift-network's LockliftExecutor, Tycho), for what
 * locklift's provider does not expose: the message queue (enqueue a raw message, process it one
 * transaction at a time or to the end), the committed transactions and accounts, the clock.
 *
 * One module for every user: the chain tests (test/helpers, test/chain), the fuzzer (test/fuzz*),
 * the benchmarks (bench/lib) and the demo's conservation check (src/ops). It lives in src/dev rather
 * than in test/ or bench/ because it depends on nothing but locklift, nekoton and the executor:
 * bench/ and src/ops can import it without pulling mocha/chai or a test helper's side effects
 * (test/helpers/index.ts installs the node-network support on import), and test/ without bench/.
 *
 * Embedded network only: on any other network locklift still creates an executor, empty and
 * unrelated to the chain, so every accessor here refuses a network whose connection is not the
 * in-process `proxy` one. scripts/node-suite.ts treats a module importing this one as
 * embedded-only (it names `_executor`).
 *
 * Units: lt as bigint, time in ms (`nowMs`) or unix seconds (`nowSec`).
 */
import * as nt from "nekoton-wasm";
import { beginCell, Cell, storeShardAccount } from "@ton/core";
import type { LockliftExecutor } from "@broxus/locklift-network/internal/executor";

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The LockliftExecutor members the tests and benchmarks use, including the ones its declaration
 * marks private (node_modules/@broxus/locklift-network/src/internal/executor.ts). Loosely typed
 * where the callers read nekoton's untyped parts (transaction descriptions, Tycho results).
 */
export type EmbeddedExecutor = Omit<LockliftExecutor, "getTransactions"> & {
  state: {
    /** every committed transaction by id (hash), in commit order */
    transactions: Record<string, nt.JsRawTransaction & { boc: string; description: any; inMessage: any }>;
    /** committed shard account BOCs by address */
    accounts: Record<string, string>;
    messageQueue: { size(): number };
  };
  clock: { nowMs: number };
  blockchainConfig: unknown;
  tychoExecutor: { runTransaction(args: Record<string, unknown>): Promise<any> };
  transport: { sendMessage(boc: string): Promise<unknown> };
  saveTransaction(tx: nt.JsRawTransaction, trace: unknown): void;
  /** newest first; each with its BOC */
  getTransactions(address: string, fromLt: string | undefined, count: number): (nt.JsRawTransaction & { boc: string })[];
};

/** What the accessor needs of a Locklift instance (the global `locklift` by default). */
export interface LockliftLike {
  network: unknown;
  context?: { network?: { name?: string; config?: { connection?: { type?: string } } } };
}

/** The executor of `ll`'s embedded network, or undefined (another network, or not reachable). */
export function maybeExecutor(ll: LockliftLike = locklift): EmbeddedExecutor | undefined {
  const connection = ll.context?.network?.config?.connection?.type;
  if (connection !== undefined && connection !== "proxy") return undefined;
  return (ll.network as any)?.proxyNetwork?._executor;
}

/** The executor of `ll`'s embedded network; throws on any other network. */
export function executor(ll: LockliftLike = locklift): EmbeddedExecutor {
  const ex = maybeExecutor(ll);
  if (!ex) throw new Error(`the embedded network's executor is not reachable on network ${ll.context?.network?.name ?? "?"} (use --network locklift)`);
  return ex;
}

let enqueued = 0n;
/**
 * Puts a message (base64 BOC; external or internal, any sender) in the queue without processing
 * it. Its lt is above every committed one and increases per call, so injected messages run in the
 * order they were enqueued. The executor does not debit an internal message's sender.
 */
export function enqueueRawMessage(messageBoc: string): void {
  const ex = executor();
  enqueued += 1n;
  const parsed = nt.parseMessageBase64Extended(messageBoc) as object;
  ex.enqueueMsg({ ...parsed, boc: messageBoc, lt: (BigInt(ex.blockchainLt) + enqueued).toString() } as nt.JsRawMessage);
}

/** Processes the next queued message (one transaction); false when the queue was empty. */
export async function processNextMessage(): Promise<boolean> {
  const ex = executor();
  if (ex.state.messageQueue.size() === 0) return false;
  await ex.processNextMsg();
  return true;
}

/** Processes the queue until it is empty (the whole cascade of what was enqueued). */
export async function processQueue(): Promise<void> {
  await executor().processQueue();
}

/** Every committed transaction as [id, transaction], in commit order. */
export function transactionEntries(ll?: LockliftLike): [string, EmbeddedExecutor["state"]["transactions"][string]][] {
  return Object.entries(executor(ll).state.transactions);
}

/** Ids of every committed transaction (a mark for "what ran after this point"). */
export function transactionIds(): Set<string> {
  return new Set(Object.keys(executor().state.transactions));
}

/** The latest `count` transactions of `address`, newest first (each with its BOC). */
export function transactionsOf(address: { toString(): string }, count = 1_000_000): (nt.JsRawTransaction & { boc: string })[] {
  return executor().getTransactions(address.toString(), undefined, count);
}

/** What one message would do to the committed state (`runUncommitted`). */
export type UncommittedRun =
  | { accepted: true; transaction: nt.JsRawTransaction; /** the account after it (shard account BOC) */ shardAccount: string }
  | { accepted: false; /** the VM's exit code when the compute phase ran (an external not accepted) */ exitCode?: number };

/**
 * Runs one message (base64 BOC, external or internal) against `dst`'s committed state (an empty
 * account if it has none) at the network's time, with signature checks on; commits nothing.
 */
export async function runUncommitted(dst: { toString(): string }, messageBoc: string): Promise<UncommittedRun> {
  const ex = executor();
  const res = await ex.tychoExecutor.runTransaction({
    config: ex.blockchainConfig,
    message: Cell.fromBase64(messageBoc),
    lt: ex.blockchainLt,
    shardAccount: (await ex._getAccount(dst.toString())) ?? EMPTY_SHARD_ACCOUNT,
    now: nowSec(),
    libs: null,
    debugEnabled: false,
    randomSeed: null,
    verbosity: "short",
    ignoreChksig: false,
  });
  if (!res.result.success) return { accepted: false, exitCode: res.result.vmResults?.vmExitCode };
  return { accepted: true, transaction: nt.decodeRawTransaction(res.result.transaction), shardAccount: res.result.shardAccount };
}

const EMPTY_SHARD_ACCOUNT = beginCell().store(storeShardAccount({ account: null, lastTransactionHash: 0n, lastTransactionLt: 0n })).endCell().toBoc().toString("base64");

/** The embedded network's time, ms. */
export function nowMs(): number {
  return executor().clock.nowMs;
}

/** The embedded network's time, whole unix seconds. */
export function nowSec(): number {
  return Math.floor(nowMs() / 1000);
}

/** locklift's provider clock (everscale-standalone-client Clock): `time` = wall time + `offset`, ms. */
type ProviderClock = { time: number; offset: number };

/** The stop in force (undefined while the clocks run with wall time). */
let stopped: { release(): void } | undefined;

/**
 * Stops the network time of the embedded network at `atMs`: locklift's provider clock (what
 * `locklift.testing.getCurrentTime()` reads) and the executor's copy of it (every transaction's
 * `now`, a JS getter). While stopped, network time = `atMs` + the time travelled since
 * (`locklift.testing.increaseTime` moves the shared offset). The nekoton clock that signs external
 * messages runs inside WASM and keeps wall time + offset: a signed message's `time` header runs
 * ahead of the stopped `now` by the real time spent, which every contract here accepts (up to 30
 * minutes: TIME_IN_FUTURE), and two identical externals still get different headers (wallets
 * reject a repeated message hash). Returns the release.
 */
function stopClocks(atMs: number): { release(): void } {
  const provider = (locklift.testing as unknown as { clock?: ProviderClock }).clock;
  const ex = executor().clock as { nowMs: number };
  if (!provider) throw new Error("the provider clock (locklift.testing.clock) is not reachable (locklift version changed?)");
  if (!Object.getOwnPropertyDescriptor(Object.getPrototypeOf(ex), "nowMs")?.get) throw new Error("the executor's clock has no nowMs getter (nekoton-wasm changed?)");
  const offsetAtStop = provider.offset;
  const now = () => atMs + (provider.offset - offsetAtStop);
  Object.defineProperty(provider, "time", { configurable: true, get: now });
  Object.defineProperty(ex, "nowMs", { configurable: true, get: now });
  return {
    release() {
      delete (provider as { time?: number }).time;
      delete (ex as { nowMs?: number }).nowMs;
    },
  };
}

/**
 * Runs `fn` with the embedded network's time stopped where it stands: while it runs, network time
 * (every transaction's `now`, `locklift.testing.getCurrentTime()`; not the signing clock, see
 * stopClocks) moves only by `locklift.testing.increaseTime` / timeTravel, however long `fn` takes. For
 * tests whose precondition is "these calls run in one block second" or "this call runs exactly at
 * T": on any machine real time may cross a second between two calls. Afterwards both clocks show
 * wall time + offset again: time jumps forward by the real time `fn` took, never backwards. Inside
 * another stop it just runs `fn`.
 */
export async function withClockStopped<T>(fn: () => Promise<T>): Promise<T> {
  if (stopped) return fn();
  stopped = stopClocks(executor().clock.nowMs);
  try {
    return await fn();
  } finally {
    stopped?.release();
    stopped = undefined;
  }
}
