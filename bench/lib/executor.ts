/**
 * Measurement on the embedded network's executor for the benchmarks, the fuzzer and the bad-input
 * matrix (the executor itself, its queue and its transactions: src/dev/executor.ts, shared with the tests):
 * - `TxRecorder` / `measureTree`: every transaction the executor commits, with compute-phase gas and total fees;
 * - `internalMessage` / `encodeBody`: messages to enqueue with `enqueueRawMessage` (the bulk path: no
 *   provider polling, every contract transaction still executed for real);
 * - `accountBoc` / `accountSummary`: the committed account state, for before/after comparisons;
 * - `emulate`: one message against the committed state, nothing committed.
 *
 * Units: gas in gas units, fees and values in nanoevers (bigint), time in unix seconds.
 */
import * as nt from "nekoton-wasm";
import { Address } from "locklift";
import { enqueueRawMessage, executor, processQueue, runUncommitted } from "../../src/dev/executor";

/* eslint-disable @typescript-eslint/no-explicit-any */

/** One committed transaction, as measured. */
export interface TxRecord {
  /** account address "wc:hex" */
  account: string;
  /** function id of the inbound body (first 32 bits), or undefined (empty body / external) */
  functionId?: number;
  /** true for a bounced inbound message */
  bounced: boolean;
  /** inbound message type */
  msgType: string;
  /** compute-phase gas used (0 when skipped) */
  gas: number;
  /** compute-phase exit code (undefined when skipped) */
  exitCode?: number;
  /** action-phase result code (0 = ok; 37 = not enough value, 40 = …), when there was an action phase */
  actionResult?: number;
  /** transaction aborted (state not changed by the compute phase) */
  aborted: boolean;
  /** total fees of the transaction, nanoevers */
  fees: bigint;
  /** outbound internal messages */
  outInternal: number;
  /** outbound external messages (events) */
  outExternal: number;
  /** hash of the inbound message and of the outbound internal ones (to rebuild the tree) */
  inHash: string;
  outHashes: string[];
  /** forwarding fees carried by the outbound internal messages (paid, not in `fees`), nanoevers */
  outFwdFees: bigint;
}

function fwdFeeOf(boc: string): bigint {
  const { Cell, loadMessage } = require("@ton/core");
  const m = loadMessage(Cell.fromBase64(boc).beginParse());
  return m.info.type === "internal" ? BigInt(m.info.forwardFee) : 0n;
}

function bodyFunctionId(body: string | undefined): number | undefined {
  if (!body) return undefined;
  try {
    const { Cell } = require("@ton/core");
    const s = Cell.fromBase64(body).beginParse();
    if (s.remainingBits < 32) return undefined;
    return s.loadUint(32);
  } catch {
    return undefined;
  }
}

/** Turns a decoded nekoton transaction into a {@link TxRecord}. */
export function toRecord(tx: nt.JsRawTransaction): TxRecord {
  const compute = tx.description.compute as any;
  const inMsg = tx.inMessage as any;
  let body = inMsg.body as string | undefined;
  if (inMsg.bounced && body) {
    // bounced body: 0xffffffff prefix, then the original first bits
    try {
      const { Cell } = require("@ton/core");
      const s = Cell.fromBase64(body).beginParse();
      s.skip(32);
      return {
        ...recordBase(tx, compute, inMsg),
        functionId: s.remainingBits >= 32 ? s.loadUint(32) : undefined,
      };
    } catch {
      /* fall through */
    }
  }
  return { ...recordBase(tx, compute, inMsg), functionId: bodyFunctionId(body) };
}

function recordBase(tx: nt.JsRawTransaction, compute: any, inMsg: any): Omit<TxRecord, "functionId"> {
  return {
    account: String(inMsg.dst),
    bounced: !!inMsg.bounced,
    msgType: String(inMsg.msgType),
    gas: compute?.type === "vm" || compute?.gasUsed !== undefined ? Number(compute.gasUsed ?? 0) : 0,
    exitCode: compute?.exitCode,
    actionResult: (tx.description as any).action?.resultCode,
    aborted: !!tx.description.aborted,
    fees: BigInt(tx.totalFees),
    outInternal: tx.outMessages.filter((m: any) => m.msgType !== "ExtOut").length,
    outExternal: tx.outMessages.filter((m: any) => m.msgType === "ExtOut").length,
    inHash: String(inMsg.hash),
    outHashes: tx.outMessages.filter((m: any) => m.msgType !== "ExtOut").map((m: any) => String(m.hash)),
    outFwdFees: tx.outMessages.filter((m: any) => m.msgType !== "ExtOut").reduce((a: bigint, m: any) => a + fwdFeeOf(m.boc), 0n),
  };
}

/**
 * Records every transaction the executor commits while `start()`ed. Install once per process;
 * `take()` returns and clears what was recorded since the last call.
 */
export class TxRecorder {
  private static installed: TxRecorder | undefined;
  private buffer: TxRecord[] = [];
  private active = false;
  /** keep the executor's own transaction index (false: drop it, for bulk runs' memory) */
  keepHistory = true;

  static get(): TxRecorder {
    if (TxRecorder.installed) return TxRecorder.installed;
    const rec = new TxRecorder();
    const ex = executor();
    const original = ex.saveTransaction.bind(ex);
    ex.saveTransaction = (tx: nt.JsRawTransaction, trace: unknown) => {
      if (rec.active) rec.buffer.push(toRecord(tx));
      if (rec.keepHistory) original(tx, trace);
    };
    TxRecorder.installed = rec;
    return rec;
  }

  start(): void {
    this.buffer = [];
    this.active = true;
  }

  stop(): TxRecord[] {
    this.active = false;
    return this.take();
  }

  take(): TxRecord[] {
    const out = this.buffer;
    this.buffer = [];
    return out;
  }
}

/** Runs `fn` and returns every transaction committed meanwhile (the whole message tree, queue drained). */
export async function measureTree(fn: () => Promise<unknown>): Promise<TxRecord[]> {
  const rec = TxRecorder.get();
  rec.start();
  try {
    await fn();
    await processQueue();
  } catch (e) {
    rec.stop();
    throw e;
  }
  return rec.stop();
}

/** Encodes an ABI function call body (base64 BOC). */
export function encodeBody(abi: string, method: string, input: Record<string, unknown>): string {
  return nt.encodeInternalInput(abi, method, plainTokens(input) as nt.TokensObject);
}

/** nekoton tokens: Address → string, bigint → decimal string, recursively. */
export function plainTokens(v: unknown): unknown {
  if (v instanceof Address) return v.toString();
  if (typeof v === "bigint") return v.toString();
  if (Array.isArray(v)) return v.map(plainTokens);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plainTokens(x)]));
  return v;
}

/**
 * An internal message as a sender would create it. The executor does not debit `src`: callers
 * that inject value account for it as funding (see docs/performance.md "How each N is built").
 */
export function internalMessage(opts: { src: Address | string; dst: Address | string; body?: string; value: bigint; bounce?: boolean; stateInit?: string }): string {
  return nt.encodeInternalMessage(opts.src.toString(), opts.dst.toString(), opts.bounce ?? true, opts.stateInit, opts.body, opts.value.toString());
}

/** Injects one message and processes the queue; returns the transactions of its tree. */
export async function sendAndMeasure(boc: string): Promise<TxRecord[]> {
  return measureTree(async () => enqueueRawMessage(boc));
}

/** The committed shard account BOC of `address` (undefined when never touched). */
export async function accountBoc(address: Address | string): Promise<string | undefined> {
  return executor()._getAccount(address.toString());
}

/** Balance (nanoevers) and data hash of an account, for "no state change" checks. */
export function accountSummary(boc: string | undefined): { exists: boolean; balance: bigint; dataHash?: string; codeHash?: string } {
  if (!boc) return { exists: false, balance: 0n };
  const st = nt.parseShardAccountBoc(boc) as any;
  if (!st) return { exists: false, balance: 0n };
  const { loadShardAccount } = require("@ton/core");
  const { Cell } = require("@ton/core");
  const acc = loadShardAccount(Cell.fromBase64(boc).beginParse()).account;
  const state = acc?.storage.state;
  const data = state?.type === "active" ? state.state.data : undefined;
  const code = state?.type === "active" ? state.state.code : undefined;
  return { exists: !!acc, balance: BigInt(st.balance), dataHash: data?.hash().toString("hex"), codeHash: code?.hash().toString("hex") };
}

/** Result of running one message against the current state without committing it. */
export interface Emulated {
  /** a transaction was produced (false: an external was not accepted) */
  accepted: boolean;
  exitCode?: number;
  record?: TxRecord;
  /** the account after the transaction (undefined when not accepted) */
  after?: string;
}

/** Runs `messageBoc` against `dst`'s committed state with signature checks on; commits nothing. */
export async function emulate(dst: Address | string, messageBoc: string): Promise<Emulated> {
  const run = await runUncommitted(dst, messageBoc);
  if (!run.accepted) return { accepted: false, exitCode: run.exitCode };
  const record = toRecord(run.transaction);
  return { accepted: true, exitCode: record.exitCode, record, after: run.shardAccount };
}

/** A bounced internal message (bounced flag set, body 0xffffffff ++ the first 256 bits of `originalBody`). */
export function bouncedMessage(opts: { src: Address | string; dst: Address | string; originalBody: string; value: bigint }): string {
  const { beginCell, Cell, Address: TonAddress, storeMessage } = require("@ton/core");
  const orig = Cell.fromBase64(opts.originalBody).beginParse();
  const bits = Math.min(256, orig.remainingBits);
  const body = beginCell().storeUint(0xffffffff, 32).storeBits(orig.loadBits(bits)).endCell();
  const msg = {
    info: {
      type: "internal", ihrDisabled: true, bounce: false, bounced: true,
      src: TonAddress.parse(opts.src.toString()), dest: TonAddress.parse(opts.dst.toString()),
      value: { coins: opts.value }, ihrFee: 0n, forwardFee: 0n, createdLt: 0n, createdAt: 0,
    },
    body,
  };
  return beginCell().store(storeMessage(msg)).endCell().toBoc().toString("base64");
}

/** Longest chain of messages (hops) in a recorded tree: 1 for a single transaction. */
export function treeDepth(txs: TxRecord[]): number {
  const byIn = new Map(txs.map((t) => [t.inHash, t]));
  const memo = new Map<string, number>();
  const depth = (t: TxRecord): number => {
    if (memo.has(t.inHash)) return memo.get(t.inHash)!;
    let d = 1;
    for (const h of t.outHashes) {
      const child = byIn.get(h);
      if (child) d = Math.max(d, 1 + depth(child));
    }
    memo.set(t.inHash, d);
    return d;
  };
  const children = new Set(txs.flatMap((t) => t.outHashes));
  return txs.filter((t) => !children.has(t.inHash)).reduce((m, t) => Math.max(m, depth(t)), 0);
}

/**
 * Runs an ABI getter (`abi` = the contract's ABI JSON text) of `address` on the committed state
 * through locklift's provider; returns the decoded output tokens. (nekoton's runGetter cannot parse
 * the embedded network's account encoding — "wrong tag deserializing StorageUsed".)
 */
export async function getter(abi: string, address: Address | string, method: string, input: Record<string, unknown> = {}): Promise<any> {
  const { Contract } = require("locklift");
  const c = new Contract(locklift.provider, JSON.parse(abi), address instanceof Address ? address : new Address(address));
  return c.getters[method](input).run();
}

/**
 * Distinct cells of an account's persistent data (its storage), as the state-size limit counts
 * them (a shared subtree once); undefined for no active account.
 */
export async function storageCells(address: Address | string): Promise<number | undefined> {
  const boc = await accountBoc(address);
  if (boc === undefined) return undefined;
  const { Cell, loadShardAccount } = await import("@ton/core");
  const state = loadShardAccount(Cell.fromBase64(boc).beginParse()).account?.storage.state;
  if (state?.type !== "active" || !state.state.data) return undefined;
  const seen = new Set<string>();
  const walk = (c: InstanceType<typeof Cell>) => {
    const h = c.hash().toString("hex");
    if (seen.has(h)) return;
    seen.add(h);
    for (const r of c.refs) walk(r);
  };
  walk(state.state.data);
  return seen.size;
}
