/**
 * JSON-RPC methods: the protocol nekoton's `JrpcTransport` (everscale-standalone-client
 * `type: "jrpc"`) speaks, with the response shapes of the reference server (Tycho's
 * rpc/src/endpoint/jrpc), plus the node's own `ddvs_*` methods.
 *
 * Shapes, in short (all lt values are decimal strings, hashes lowercase hex, BOCs base64):
 *   getContractState {address, lastTransactionLt?} ->
 *     {type:"notExists", timings} | {type:"unchanged", timings} |
 *     {type:"exists", account: AccountStuff BOC, timings, lastTransactionId:{isExact,lt,hash}}
 *     timings = {genLt, genUtime}
 *   getTransactionsList {account, lastTransactionLt?, limit} -> [tx BOC] newest first, lt <= lastTransactionLt
 *   getTransaction {id} / getDstTransaction {messageHash} -> tx BOC | null
 *   getBlockchainConfig -> {globalId, seqno, config: ConfigParams BOC}
 *   sendMessage {message: BOC} -> null, once the message and its cascade are on disk
 */
import * as nt from "nekoton-wasm";
import { beginCell, Cell } from "@ton/core";
import { Chain, ChainError } from "./chain";
import type { Engine } from "./engine";

export const ERR = {
  PARSE: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL: -32000,
  NOT_READY: -32001,
  NOT_SUPPORTED: -32002,
  INVALID_BOC: -32003,
} as const;

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

type Params = Record<string, unknown>;
type Handler = (p: Params, chain: Chain) => Promise<unknown>;

const U64_MAX = (1n << 64n) - 1n;

function param<T>(p: Params, name: string, check: (v: unknown) => v is T, what: string, optional = false): T {
  const v = p[name];
  if (v === undefined || v === null) {
    if (optional) return undefined as T;
    throw new RpcError(ERR.INVALID_PARAMS, `missing param "${name}"`);
  }
  if (!check(v)) throw new RpcError(ERR.INVALID_PARAMS, `param "${name}" must be ${what}`);
  return v;
}
const isString = (v: unknown): v is string => typeof v === "string";
const isBool = (v: unknown): v is boolean => typeof v === "boolean";
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function address(p: Params, name: string): string {
  const raw = param(p, name, isString, "an address string");
  try {
    return nt.repackAddress(raw);
  } catch {
    throw new RpcError(ERR.INVALID_PARAMS, `param "${name}" is not a valid address`);
  }
}

function hash(p: Params, name: string): string {
  const v = param(p, name, isString, "a 32-byte hex string").toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(v)) throw new RpcError(ERR.INVALID_PARAMS, `param "${name}" must be a 32-byte hex string`);
  return v;
}

/** Optional u64 given as a decimal string or a number (accepts camelCase and snake_case keys). */
function optionalLt(p: Params, ...names: string[]): bigint | undefined {
  for (const name of names) {
    const v = p[name];
    if (v === undefined || v === null) continue;
    try {
      const n = BigInt(v as string | number);
      if (n < 0n || n > U64_MAX) throw new Error();
      return n;
    } catch {
      throw new RpcError(ERR.INVALID_PARAMS, `param "${name}" must be a u64 (decimal string)`);
    }
  }
  return undefined;
}

function limit(p: Params, max: number): number {
  const v = param(p, "limit", isNumber, "a number", true);
  if (v === undefined) return max;
  if (!Number.isInteger(v) || v < 0) throw new RpcError(ERR.INVALID_PARAMS, `param "limit" must be a non-negative integer`);
  return Math.min(v, max);
}

/** The getContractState answer for one account (Tycho's GetContractStateResponse). */
export function contractState(engine: Engine, addr: string, known: bigint | undefined, nowSec: number) {
  const sa = engine.account(addr);
  const absent = { type: "notExists", timings: { genLt: engine.lt.toString(), genUtime: nowSec } };
  if (!sa) return absent;
  const s = Cell.fromBase64(sa).beginParse();
  const accountCell = s.loadRef();
  const lastHash = s.loadUintBig(256);
  const lastLt = s.loadUintBig(64);
  const acc = accountCell.beginParse();
  if (!acc.loadBit()) return absent; // account_none$0
  const timings = { genLt: lastLt.toString(), genUtime: nowSec };
  if (known !== undefined && lastLt <= known) return { type: "unchanged", timings };
  // AccountStuff: the Account cell without its account$1 tag bit
  const stuff = beginCell().storeSlice(acc).endCell();
  return {
    type: "exists",
    account: stuff.toBoc().toString("base64"),
    timings,
    lastTransactionId: { isExact: true, lt: lastLt.toString(), hash: lastHash.toString(16).padStart(64, "0") },
  };
}

/** Balance (nanoevers) and code hash of a stored shard account. */
export function accountSummary(sa: string): { balance: string; codeHash?: string; status: string } | undefined {
  const st = nt.parseShardAccountBoc(sa);
  if (!st) return undefined;
  return { balance: st.balance, codeHash: st.codeHash, status: st.isDeployed ? "active" : "uninit" };
}

const STANDARD_METHODS = [
  "getCapabilities",
  "getLatestKeyBlock",
  "getBlockchainConfig",
  "getStatus",
  "getTimings",
  "getContractState",
  "sendMessage",
  "getLibraryCell",
  "getTransactionsList",
  "getTransaction",
  "getDstTransaction",
  "getAccountsByCodeHash",
];

export const METHODS: Record<string, Handler> = {
  async getCapabilities() {
    return Object.keys(METHODS);
  },
  async getStatus() {
    return { ready: true };
  },
  async getLatestKeyBlock() {
    throw new RpcError(ERR.NOT_SUPPORTED, "getLatestKeyBlock is not supported: the local node produces no blocks");
  },
  async getBlockchainConfig(_p, chain) {
    return { globalId: chain.meta.globalId, seqno: 0, config: chain.meta.config };
  },
  async getTimings(_p, chain) {
    await chain.settled();
    const { now } = chain.time();
    return {
      lastMcBlockSeqno: chain.batches,
      lastShardClientMcBlockSeqno: chain.batches,
      lastMcUtime: now,
      mcTimeDiff: 0,
      shardClientTimeDiff: 0,
      smallestKnownLt: 0,
    };
  },
  async getContractState(p, chain) {
    const addr = address(p, "address");
    const known = optionalLt(p, "lastTransactionLt", "last_transaction_lt");
    const engine = await chain.settled();
    return contractState(engine, addr, known, chain.time().now);
  },
  async sendMessage(p, chain) {
    const boc = param(p, "message", isString, "a base64 message BOC");
    try {
      await chain.sendMessage(boc);
    } catch (e) {
      if (e instanceof ChainError) throw new RpcError(e.code, e.message);
      throw e;
    }
    return null;
  },
  async getLibraryCell(p, chain) {
    const h = hash(p, "hash");
    const engine = await chain.settled();
    const cell = engine.library(h);
    return { cell: cell ? cell.toBoc().toString("base64") : null };
  },
  async getTransactionsList(p, chain) {
    const account = address(p, "account");
    const fromLt = optionalLt(p, "lastTransactionLt", "last_transaction_lt");
    const n = limit(p, 255);
    const engine = await chain.settled();
    return engine.transactions(account, fromLt, n).map(tx => tx.boc);
  },
  async getTransaction(p, chain) {
    const id = hash(p, "id");
    const engine = await chain.settled();
    return engine.transaction(id)?.boc ?? null;
  },
  async getDstTransaction(p, chain) {
    const h = hash(p, "messageHash");
    const engine = await chain.settled();
    return engine.dstTransaction(h)?.boc ?? null;
  },
  async getAccountsByCodeHash(p, chain) {
    const codeHash = hash(p, "codeHash");
    const n = limit(p, 255);
    const after = p.continuation == null ? undefined : address(p, "continuation");
    const engine = await chain.settled();
    const matches = engine
      .accounts()
      .filter(([, sa]) => accountSummary(sa)?.codeHash === codeHash)
      .map(([a]) => a)
      .sort();
    return matches.filter(a => after === undefined || a > after).slice(0, n);
  },

  // ---- ddvs extensions ----

  /** {} -> {now (s), nowMs, offsetMs}: the node's clock. */
  async ddvs_getTime(_p, chain) {
    await chain.settled();
    return chain.time();
  },
  /** {seconds} -> {now, nowMs, offsetMs}: moves time forward (never back), durably. */
  async ddvs_increaseTime(p, chain) {
    const seconds = param(p, "seconds", isNumber, "a number of seconds");
    try {
      await chain.increaseTime(seconds);
    } catch (e) {
      if (e instanceof ChainError) throw new RpcError(e.code, e.message);
      throw e;
    }
    await chain.settled();
    return chain.time();
  },
  /** {} -> node facts: format, workchains, global id, data folder, counters. */
  async ddvs_getInfo(_p, chain) {
    const engine = await chain.settled();
    return {
      name: "ddvs node",
      formatVersion: chain.meta.version,
      chains: chain.meta.chains,
      globalId: chain.meta.globalId,
      createdAt: chain.meta.createdAt,
      dataDir: chain.dataDir,
      records: chain.sequence,
      lt: engine.lt.toString(),
      accounts: engine.accounts().length,
      transactions: engine.transactionCount(),
      signatureChecks: chain.signatureChecks,
      ...chain.time(),
    };
  },
  /**
   * {message: BOC, checkSignatures? = true} -> {accepted, exitCode?, aborted, transaction?}:
   * runs an external or internal message against its destination's committed state at the
   * node's time, commits nothing. exitCode is the compute phase's (or the VM's, when an
   * external message was not accepted).
   */
  async ddvs_emulateMessage(p, chain) {
    const boc = param(p, "message", isString, "a base64 message BOC");
    const check = param(p, "checkSignatures", isBool, "a boolean", true) ?? true;
    try {
      return await chain.emulate(boc, check);
    } catch (e) {
      if (e instanceof ChainError) throw new RpcError(e.code, e.message);
      throw e;
    }
  },
  /**
   * {message: internal message BOC} -> null: executes an internal message from any sender
   * (tests: forged senders, bounced messages) with its cascade; answered once on disk. The
   * executor runs it as the embedded network's transport does; a message it cannot run is
   * dropped (see getDstTransaction).
   */
  async ddvs_sendInternalMessage(p, chain) {
    const boc = param(p, "message", isString, "a base64 internal message BOC");
    try {
      await chain.sendMessage(boc, { internal: true });
    } catch (e) {
      if (e instanceof ChainError) throw new RpcError(e.code, e.message);
      throw e;
    }
    return null;
  },
  /** {enabled: bool} -> {enabled}: signature checks for every later transaction (until the node stops). */
  async ddvs_setSignatureChecks(p, chain) {
    const enabled = param(p, "enabled", isBool, "a boolean");
    await chain.setSignatureChecks(enabled);
    return { enabled: chain.signatureChecks };
  },
  /** {} -> [{address, balance, status, codeHash?}]: every account (tests, debugging). */
  async ddvs_listAccounts(_p, chain) {
    const engine = await chain.settled();
    return engine
      .accounts()
      .map(([a, sa]) => ({ address: a, ...accountSummary(sa) }))
      .filter(x => x.balance !== undefined);
  },
};

// every standard method must be served
for (const m of STANDARD_METHODS) if (!METHODS[m]) throw new Error(`rpc: ${m} not implemented`);

type JsonRpcRequest = { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown };

/** Answers one parsed JSON-RPC request object; never throws. */
export async function dispatch(req: unknown, chain: Chain): Promise<object> {
  const r = (req ?? {}) as JsonRpcRequest;
  const id = r.id === undefined ? null : r.id;
  const fail = (code: number, message: string) => ({ jsonrpc: "2.0", id, error: { code, message } });
  if (typeof req !== "object" || req === null || Array.isArray(req) || typeof r.method !== "string") {
    return fail(ERR.INVALID_REQUEST, "invalid request: expected {jsonrpc, id, method, params}");
  }
  const handler = Object.prototype.hasOwnProperty.call(METHODS, r.method) ? METHODS[r.method] : undefined;
  if (!handler) return fail(ERR.METHOD_NOT_FOUND, `unknown method "${r.method}"`);
  const params = r.params ?? {};
  if (typeof params !== "object" || Array.isArray(params)) return fail(ERR.INVALID_PARAMS, "params must be an object");
  try {
    const result = await handler(params as Params, chain);
    return { jsonrpc: "2.0", id, result: result === undefined ? null : result };
  } catch (e) {
    if (e instanceof RpcError) return fail(e.code, e.message);
    return fail(ERR.INTERNAL, `internal error: ${(e as Error)?.message ?? String(e)}`);
  }
}
