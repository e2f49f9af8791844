/**
 * A persistent chain: the engine plus its data folder, with a single commit pipeline.
 *
 * Writes (external messages, time moves) are queued and executed in batches. A batch
 * runs every queued item in arrival order (each external message with the whole cascade
 * of internal messages it causes), appends the resulting records to the WAL with one
 * fdatasync (group commit), and only then acknowledges the items. Reads wait while a
 * batch is in flight, so nothing that is not on disk is ever visible to a client.
 *
 * Time: now = max(wall clock + offset, latest transaction time). The offset only grows
 * (increaseTime) and is itself a WAL record, so time never moves backwards, not even
 * across restarts.
 */
import * as nt from "nekoton-wasm";
import { format } from "util";
import { Engine, setDebugLog, type Emulation } from "./engine";
import {
  openDataDir,
  writeSnapshot,
  unlock,
  frame,
  FORMAT_VERSION,
  type NodeMeta,
  type RecordBody,
  type WalRecord,
  type CreateParams,
} from "./store";
import type { WalWriter } from "./wal";

export type ChainOptions = {
  dataDir: string;
  /** Parameters of a new chain (ignored, except for a consistency check, when the folder exists). */
  create: CreateParams;
  /** True when the caller chose the workchains explicitly (a mismatch is then an error). */
  chainsExplicit?: boolean;
  /** Take a snapshot (and start a new log) once the log grows past this many bytes. */
  snapshotBytes?: number;
  /** Check ed25519 signatures in transactions (default false, as in the embedded network). */
  checkSignatures?: boolean;
  log?: (line: string) => void;
};

type Item =
  | { kind: "msg"; msg: nt.JsRawMessage; done: (e?: Error) => void }
  | { kind: "time"; seconds: number; done: (e?: Error) => void };

export class ChainError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

export class Chain {
  readonly meta: NodeMeta;
  readonly dataDir: string;
  private engine!: Engine;
  private wal: WalWriter;
  private seq: number;
  /** Record the latest snapshot covers. */
  private snapSeq: number;
  private offsetMs = 0;
  private inbox: Item[] = [];
  private batch: Promise<void> | undefined;
  private scheduled = false;
  private closed = false;
  private failed: Error | undefined;
  private readonly snapshotBytes: number;
  private readonly log: (line: string) => void;
  /** Number of committed batches; reported as the "block" seqno. */
  batches = 0;

  private constructor(opened: ReturnType<typeof openDataDir>, opts: ChainOptions) {
    this.meta = opened.meta;
    this.dataDir = opened.dir;
    this.wal = opened.wal;
    this.seq = opened.snapshot?.seq ?? 0;
    this.snapSeq = this.seq;
    this.snapshotBytes = opts.snapshotBytes ?? 32 * 1024 * 1024;
    this.log = opts.log ?? (() => undefined);
  }

  /** Opens the data folder, restores the snapshot, replays the log, finishes interrupted work. */
  static async open(opts: ChainOptions): Promise<Chain> {
    const opened = openDataDir(opts.dataDir, opts.create, { chainsExplicit: opts.chainsExplicit });
    const chain = new Chain(opened, opts);
    try {
      // the executor's own messages ("Error in executor: …" for a rejected external, debug
      // logs of contracts) only with DDVS_NODE_DEBUG=1
      setDebugLog(process.env.DDVS_NODE_DEBUG ? (...a) => chain.log(`executor: ${format(...a)}`) : () => undefined);
      const clock = { get nowMs() { return chain.nowMs(); } };
      chain.engine = await Engine.create(opened.meta.config, opened.meta.globalId, clock);
      chain.engine.checkSignatures = opts.checkSignatures ?? false;
      if (opened.snapshot) {
        chain.engine.importState(opened.snapshot);
        chain.offsetMs = opened.snapshot.offsetMs;
      }
      for (const rec of opened.records) chain.applyRecord(rec);
      chain.seq += opened.records.length;
      if (opened.tornBytes > 0) {
        chain.log(`log had a torn tail of ${opened.tornBytes} bytes (an unacknowledged write): cut off`);
      }
      if (opened.records.length || opened.snapshot) {
        chain.log(`restored ${chain.engine.transactionCount()} transactions (${opened.records.length} log records replayed)`);
      }
      if (chain.engine.queueSize > 0) {
        // a cascade was interrupted: its committed part is back, finish the rest
        chain.log(`resuming ${chain.engine.queueSize} queued internal messages`);
        await chain.runExclusive(async () => chain.commit(await chain.engine.drain(chain.onExecError)));
      }
      return chain;
    } catch (e) {
      opened.wal.close();
      unlock(opened.dir);
      throw e;
    }
  }

  private onExecError = (msg: nt.JsRawMessage, e: unknown) => {
    this.log(`message ${msg.hash} dropped: executor error: ${(e as Error)?.message ?? e}`);
  };

  private applyRecord(rec: WalRecord) {
    if (rec.k === "time") this.offsetMs = rec.off;
    else this.engine.apply(rec);
  }

  // ---- time ----

  nowMs(): number {
    return Math.max(Date.now() + this.offsetMs, this.engine?.lastUtime * 1000 || 0);
  }

  time() {
    const nowMs = this.nowMs();
    return { now: Math.floor(nowMs / 1000), nowMs, offsetMs: this.offsetMs };
  }

  /** Moves time forward by `seconds` (durably). Never backwards. */
  increaseTime(seconds: number): Promise<void> {
    if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) {
      return Promise.reject(new ChainError("seconds must be a finite number >= 0 (time never moves backwards)", -32602));
    }
    if ((this.nowMs() + seconds * 1000) / 1000 >= 2 ** 32 - 1) {
      return Promise.reject(new ChainError("that would move time past 2106 (unix time must fit in 32 bits)", -32602));
    }
    return this.submit({ kind: "time", seconds, done: () => undefined });
  }

  // ---- writes ----

  /**
   * Executes an external message and its whole cascade; resolves once durably committed.
   * With `internal: true` it takes an internal message instead (a test injecting a message
   * from any sender, e.g. a forged bounce), run the same way; nothing else sends those.
   */
  sendMessage(boc: string, opts: { internal?: boolean } = {}): Promise<void> {
    let msg: nt.JsRawMessage;
    try {
      msg = nt.parseMessageBase64Extended(boc);
    } catch (e) {
      return Promise.reject(new ChainError(`invalid message BOC: ${(e as Error)?.message ?? e}`, -32003));
    }
    const want = opts.internal ? "IntMsg" : "ExtIn";
    if (msg.msgType !== want) {
      const what = opts.internal ? "internal" : "external inbound";
      return Promise.reject(new ChainError(`only ${what} messages can be sent this way (got ${msg.msgType})`, -32602));
    }
    return this.submit({ kind: "msg", msg, done: () => undefined });
  }

  private submit(item: Item): Promise<void> {
    if (this.failed) return Promise.reject(new ChainError(`node stopped accepting writes: ${this.failed.message}`, -32000));
    if (this.closed) return Promise.reject(new ChainError("node is shutting down", -32001));
    return new Promise<void>((resolve, reject) => {
      item.done = e => (e ? reject(e) : resolve());
      this.inbox.push(item);
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.batch) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.inbox.length > 0 && !this.batch) void this.runExclusive(() => this.runBatch());
    });
  }

  /** Runs `f` as the one batch in flight; reads wait for it. */
  private async runExclusive(f: () => Promise<void>): Promise<void> {
    while (this.batch) await this.batch;
    const p = f();
    this.batch = p.catch(() => undefined);
    try {
      await p;
    } finally {
      this.batch = undefined;
      if (this.inbox.length > 0) this.schedule();
    }
  }

  private async runBatch(): Promise<void> {
    const items = this.inbox.splice(0);
    const records: RecordBody[] = [];
    for (const item of items) {
      if (item.kind === "time") {
        this.offsetMs += Math.round(item.seconds * 1000);
        records.push({ k: "time", off: this.offsetMs });
      } else {
        this.engine.enqueue(item.msg);
        records.push(...(await this.engine.drain(this.onExecError)));
      }
    }
    try {
      await this.commit(records);
    } catch (e) {
      // The disk refused a write: memory is now ahead of disk. Stop taking writes
      // (fail-stop); a restart recovers the last durable state.
      this.failed = e as Error;
      this.log(`FATAL: cannot write the log: ${(e as Error).message}`);
      for (const item of items) item.done(new ChainError(`not committed: ${(e as Error).message}`, -32000));
      return;
    }
    for (const item of items) item.done();
  }

  private async commit(bodies: RecordBody[]): Promise<void> {
    if (bodies.length === 0) return;
    const frames = bodies.map(b => frame({ s: ++this.seq, ...b }));
    await this.wal.append(frames);
    this.batches++;
    if (this.wal.bytes > this.snapshotBytes) this.snapshot();
  }

  /** Writes a full snapshot and starts a new log (only between batches). */
  private snapshot(): void {
    const t = Date.now();
    this.wal = writeSnapshot(
      this.dataDir,
      {
        format: "ddvs-node-snapshot",
        version: FORMAT_VERSION,
        seq: this.seq,
        offsetMs: this.offsetMs,
        ...this.engine.exportState(),
      },
      this.wal,
    );
    this.snapSeq = this.seq;
    this.log(`snapshot at record ${this.seq} (${this.engine.transactionCount()} transactions) in ${Date.now() - t} ms`);
  }

  // ---- signatures and emulation ----

  /** Whether transactions check ed25519 signatures (not persisted: a restart resets it to the start option). */
  get signatureChecks(): boolean {
    return this.engine.checkSignatures;
  }

  /** Turns signature checks on or off for every later transaction (takes effect between batches). */
  async setSignatureChecks(enabled: boolean): Promise<void> {
    const engine = await this.settled();
    engine.checkSignatures = enabled;
  }

  /**
   * What a message (external or internal BOC) would do to its destination's committed
   * state now; commits nothing. Signatures are checked unless `checkSignatures` is false.
   * Throws ChainError -32003 for a BOC that is not a message.
   */
  async emulate(boc: string, checkSignatures = true): Promise<Emulation> {
    let msg: nt.JsRawMessage;
    try {
      msg = nt.parseMessageBase64Extended(boc);
    } catch (e) {
      throw new ChainError(`invalid message BOC: ${(e as Error)?.message ?? e}`, -32003);
    }
    if (msg.msgType === "ExtOut") throw new ChainError("an outbound external message has no destination", -32602);
    const engine = await this.settled();
    return engine.emulate(msg, checkSignatures);
  }

  // ---- reads ----

  /** Resolves when no batch is in flight: state seen afterwards is committed. */
  async settled(): Promise<Engine> {
    while (this.batch) await this.batch;
    return this.engine;
  }

  get sequence(): number {
    return this.seq;
  }

  /** Stops taking writes, finishes the batch in flight, snapshots, releases the folder. */
  async close(opts: { snapshot?: boolean } = {}): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const item of this.inbox.splice(0)) item.done(new ChainError("node is shutting down", -32001));
    while (this.batch) await this.batch;
    try {
      if (opts.snapshot !== false && !this.failed && this.seq > this.snapSeq) this.snapshot();
    } finally {
      this.wal.close();
      unlock(this.dataDir);
    }
  }
}
