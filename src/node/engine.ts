/**
 * The execution engine: @broxus/locklift-network's LockliftExecutor (the Tycho emulator
 * the embedded network runs on), wrapped so that every state change it makes is
 * reported as a WAL record and can be re-applied on replay without re-executing.
 *
 * The executor keeps its state in private members; this module is the one place that
 * reaches into them, and checks at start-up that they are what it expects (a different
 * locklift-network version fails fast here instead of corrupting data).
 */
import * as nt from "nekoton-wasm";
import { beginCell, Cell, Dictionary, storeShardAccount } from "@ton/core";
import { LockliftExecutor } from "@broxus/locklift-network/internal/executor";
import type { RecordBody, WalRecord } from "./store";

type Queue = {
  size(): number;
  peek(): nt.JsRawMessage | undefined;
  push(...m: nt.JsRawMessage[]): boolean;
  toArray(): nt.JsRawMessage[];
  remove(o?: { hash: string }, fn?: (el: nt.JsRawMessage, o: { hash: string }) => boolean): boolean;
};

/** The LockliftExecutor members this module uses (see node_modules/@broxus/locklift-network/src/internal/executor.ts). */
type Internals = {
  state: {
    accounts: Record<string, string>;
    transactions: Record<string, nt.JsRawTransaction>;
    msgToTransaction: Record<string, string>;
    addrToTransactions: Record<string, string[]>;
    traces: Record<string, unknown>;
    messageQueue: Queue;
    libs: Dictionary<bigint, Cell>;
  };
  blockchainLt: bigint;
  _setAccount1(address: string, boc: string): void;
  _setLibrary(key: bigint, cell: Cell): void;
  saveTransaction(tx: nt.JsRawTransaction, trace: unknown): void;
  enqueueMsg(msg: nt.JsRawMessage): void;
  processNextMsg(): Promise<void>;
};

const NO_TRACE = { parsed: [], raw: "" };
/** ShardAccount of an account that does not exist (account_none, zero hash and lt). */
const EMPTY_SHARD_ACCOUNT = beginCell()
  .store(storeShardAccount({ account: null, lastTransactionHash: 0n, lastTransactionLt: 0n }))
  .endCell()
  .toBoc()
  .toString("base64");

export type Clock = { readonly nowMs: number };

type Pending = { a?: string; sa?: string; libs: [string, string][] };

type RunArgs = { ignoreChksig: boolean; [k: string]: unknown };
type RunResult = {
  result: { success: boolean; transaction?: string; vmResults?: { vmExitCode?: number }; error?: unknown };
};
type Tycho = { runTransaction(args: RunArgs): Promise<RunResult> };

/** What a message would do to its destination's current state (nothing is committed). */
export type Emulation = {
  /** A transaction was produced (an external message was accepted; an internal one always is). */
  accepted: boolean;
  /** Compute-phase exit code (0/1 = success); undefined when the compute phase was skipped. */
  exitCode: number | undefined;
  /** Whether the transaction was aborted (false when not accepted). */
  aborted: boolean;
  /** The would-be transaction BOC, when accepted. */
  transaction?: string;
};

export class Engine {
  private readonly ex: LockliftExecutor;
  private readonly raw: Internals;
  private readonly orig: Pick<Internals, "_setAccount1" | "_setLibrary" | "saveTransaction">;
  /** Records produced by the current step, drained by the caller. */
  private out: RecordBody[] = [];
  private pending: Pending = { libs: [] };
  private savedThisStep = false;
  /** Largest transaction time seen (seconds). */
  lastUtime = 0;
  /**
   * Check ed25519 signatures (CHKSIGNU/CHKSIGNS) in every transaction from now on. Off by
   * default, as in the embedded network, whose executor runs with `ignoreChksig: true`.
   */
  checkSignatures = false;
  private tycho!: Tycho;
  private clock!: Clock;

  private constructor(ex: LockliftExecutor) {
    this.ex = ex;
    this.raw = ex as unknown as Internals;
    const r = this.raw;
    for (const m of ["_setAccount1", "_setLibrary", "saveTransaction", "enqueueMsg", "processNextMsg"] as const) {
      if (typeof r[m] !== "function") throw new Error(`unsupported @broxus/locklift-network: LockliftExecutor.${m} missing`);
    }
    if (!r.state || typeof r.state.messageQueue?.peek !== "function" || typeof r.blockchainLt !== "bigint") {
      throw new Error("unsupported @broxus/locklift-network: LockliftExecutor state layout changed");
    }
    this.orig = {
      _setAccount1: r._setAccount1.bind(ex),
      _setLibrary: r._setLibrary.bind(ex),
      saveTransaction: r.saveTransaction.bind(ex),
    };
    // Hooks: the executor calls these, in this order, for every transaction it commits.
    r._setLibrary = (key, cell) => {
      this.pending.libs.push([key.toString(16).padStart(64, "0"), cell.toBoc().toString("base64")]);
      this.orig._setLibrary(key, cell);
    };
    r._setAccount1 = (address, boc) => {
      this.pending.a = address.toString();
      this.pending.sa = boc;
      this.orig._setAccount1(address, boc);
    };
    r.saveTransaction = tx => {
      this.orig.saveTransaction(tx, NO_TRACE); // traces are not kept: memory grows with them
      delete this.raw.state.traces[tx.hash];
      this.lastUtime = Math.max(this.lastUtime, tx.now);
      this.savedThisStep = true;
      const rec: RecordBody = {
        k: "tx",
        a: this.pending.a ?? String(tx.inMessage.dst),
        sa: this.pending.sa ?? "",
        tx: tx.boc,
        lt: r.blockchainLt.toString(),
        ...(this.pending.libs.length ? { libs: this.pending.libs } : {}),
      };
      this.out.push(rec);
      this.pending = { libs: [] };
    };
  }

  /** Creates the executor for a config (base64 ConfigParams BOC) and a clock. */
  static async create(config: string, globalId: number, clock: Clock): Promise<Engine> {
    const transport = {
      getBlockchainConfig: async () => ({ boc: config, globalId }),
      setExecutor: () => undefined,
    };
    const ex = new LockliftExecutor(transport as never);
    await quiet(() => ex.initialize());
    ex.setClock(clock as nt.ClockWithOffset);
    const engine = new Engine(ex);
    engine.clock = clock;
    const tycho = (ex as unknown as { tychoExecutor?: Tycho }).tychoExecutor;
    if (!tycho || typeof tycho.runTransaction !== "function") {
      throw new Error("unsupported @broxus/locklift-network: LockliftExecutor.tychoExecutor missing");
    }
    const run = tycho.runTransaction.bind(tycho);
    tycho.runTransaction = args => run({ ...args, ignoreChksig: args.ignoreChksig && !engine.checkSignatures });
    engine.tycho = { runTransaction: run };
    return engine;
  }

  /**
   * Runs one message (external or internal BOC) against its destination's committed state
   * at the node's current time and lt, without committing anything. Signatures are checked
   * when `checkSignatures` is true (default: the engine's setting).
   */
  async emulate(msg: nt.JsRawMessage, checkSignatures = this.checkSignatures): Promise<Emulation> {
    const dst = String(msg.dst ?? "");
    const libs = this.raw.state.libs;
    const res = await quiet(() =>
      this.tycho.runTransaction({
        config: (this.ex as unknown as { blockchainConfig: unknown }).blockchainConfig,
        message: Cell.fromBase64(msg.boc),
        lt: this.raw.blockchainLt,
        shardAccount: this.raw.state.accounts[dst] ?? EMPTY_SHARD_ACCOUNT,
        now: Math.floor(this.clock.nowMs / 1000),
        libs: libs.size > 0 ? beginCell().storeDictDirect(libs).endCell() : null,
        debugEnabled: false,
        randomSeed: null,
        verbosity: "short",
        ignoreChksig: !checkSignatures,
      }),
    );
    if (!res.result.success || !res.result.transaction) {
      return { accepted: false, aborted: false, exitCode: res.result.vmResults?.vmExitCode };
    }
    const tx = nt.decodeRawTransaction(res.result.transaction);
    const compute = tx.description.compute as { exitCode?: number };
    return { accepted: true, aborted: tx.description.aborted, exitCode: compute?.exitCode, transaction: res.result.transaction };
  }

  get lt(): bigint {
    return this.raw.blockchainLt;
  }

  get queueSize(): number {
    return this.raw.state.messageQueue.size();
  }

  /**
   * Executes queued messages until the queue is empty (the cascade an external message
   * starts) and returns the records describing every change. A message the emulator
   * cannot execute is dropped (as the embedded network does) and recorded as such.
   */
  async drain(onError: (msg: nt.JsRawMessage, e: unknown) => void): Promise<RecordBody[]> {
    const q = this.raw.state.messageQueue;
    while (q.size() > 0) {
      const msg = q.peek()!;
      this.savedThisStep = false;
      this.pending = { libs: [] };
      try {
        await quiet(() => this.raw.processNextMsg());
      } catch (e) {
        onError(msg, e);
      }
      // An internal message that produced no transaction left the queue: record that. An
      // external one that was not accepted was never in the persisted queue: nothing to record.
      if (!this.savedThisStep && msg.msgType !== "ExtIn") {
        this.out.push({ k: "drop", m: msg.hash, lt: this.raw.blockchainLt.toString() });
      }
    }
    const out = this.out;
    this.out = [];
    return out;
  }

  enqueue(msg: nt.JsRawMessage): void {
    this.raw.enqueueMsg(msg);
  }

  /** Re-applies a committed record (replay after restart): no execution. */
  apply(rec: WalRecord): void {
    const r = this.raw;
    if (rec.k === "tx") {
      const tx = nt.decodeRawTransaction(rec.tx);
      r.state.messageQueue.remove({ hash: tx.inMessage.hash }, (el, o) => el.hash === o.hash);
      for (const [h, b] of rec.libs ?? []) this.orig._setLibrary(BigInt("0x" + h), Cell.fromBase64(b));
      this.orig._setAccount1(rec.a, rec.sa);
      this.orig.saveTransaction(tx, NO_TRACE);
      delete r.state.traces[tx.hash];
      this.lastUtime = Math.max(this.lastUtime, tx.now);
      for (const m of tx.outMessages) if (m.msgType !== "ExtOut") r.enqueueMsg(m);
      r.blockchainLt = BigInt(rec.lt);
    } else if (rec.k === "drop") {
      r.state.messageQueue.remove({ hash: rec.m }, (el, o) => el.hash === o.hash);
      if (rec.lt) r.blockchainLt = BigInt(rec.lt);
    }
  }

  // ---- reads (committed state only: callers wait for the commit barrier) ----

  account(address: string): string | undefined {
    return this.raw.state.accounts[address];
  }

  accounts(): [string, string][] {
    return Object.entries(this.raw.state.accounts);
  }

  transaction(hash: string): nt.JsRawTransaction | undefined {
    return this.ex.getTransaction(hash);
  }

  dstTransaction(msgHash: string): nt.JsRawTransaction | undefined {
    return this.ex.getDstTransaction(msgHash);
  }

  /** Transactions of an account with lt <= fromLt, newest first. */
  transactions(address: string, fromLt: bigint | undefined, limit: number): nt.JsRawTransaction[] {
    const out: nt.JsRawTransaction[] = [];
    for (const id of this.raw.state.addrToTransactions[address] ?? []) {
      const tx = this.raw.state.transactions[id];
      if (fromLt !== undefined && BigInt(tx.lt) > fromLt) continue;
      out.push(tx);
      if (out.length >= limit) break;
    }
    return out;
  }

  transactionCount(): number {
    return Object.keys(this.raw.state.transactions).length;
  }

  library(hashHex: string): Cell | undefined {
    return this.raw.state.libs.get(BigInt("0x" + hashHex));
  }

  // ---- snapshots ----

  exportState() {
    const r = this.raw;
    return {
      lt: r.blockchainLt.toString(),
      lastUtime: this.lastUtime,
      accounts: Object.entries(r.state.accounts),
      transactions: Object.values(r.state.transactions).map(t => t.boc),
      queue: r.state.messageQueue.toArray() as unknown[],
      libs: r.state.libs
        .keys()
        .map(k => [k.toString(16).padStart(64, "0"), r.state.libs.get(k)!.toBoc().toString("base64")] as [string, string]),
    };
  }

  importState(s: ReturnType<Engine["exportState"]>): void {
    const r = this.raw;
    r.state.accounts = Object.fromEntries(s.accounts);
    r.state.transactions = {};
    r.state.msgToTransaction = {};
    r.state.addrToTransactions = {};
    r.state.traces = {};
    for (const boc of s.transactions) {
      const tx = nt.decodeRawTransaction(boc);
      this.orig.saveTransaction(tx, NO_TRACE);
      delete r.state.traces[tx.hash];
    }
    while (r.state.messageQueue.size() > 0) r.state.messageQueue.remove();
    for (const m of s.queue) r.enqueueMsg(m as nt.JsRawMessage);
    for (const [h, b] of s.libs) this.orig._setLibrary(BigInt("0x" + h), Cell.fromBase64(b));
    r.blockchainLt = BigInt(s.lt);
    this.lastUtime = s.lastUtime;
  }
}

/**
 * The executor prints to stdout (config banner, "Debug logs", "Error in executor");
 * route that to the debug log instead, so the node's stdout stays its own.
 */
let quietDepth = 0;
let savedLog: typeof console.log = console.log;
export let debugLog: (...args: unknown[]) => void = () => undefined;
export function setDebugLog(fn: (...args: unknown[]) => void) {
  debugLog = fn;
}
async function quiet<T>(f: () => Promise<T>): Promise<T> {
  if (quietDepth++ === 0) {
    savedLog = console.log;
    console.log = (...a: unknown[]) => debugLog(...a);
  }
  try {
    return await f();
  } finally {
    if (--quietDepth === 0) console.log = savedLog;
  }
}
