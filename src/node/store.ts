/**
 * The node's data folder: what is on disk and how it is opened, locked, reset.
 *
 *   node.json      metadata written once at creation: format version, workchains,
 *                  global id and the blockchain config BOC the chain runs with
 *   snapshot.json  optional full state as of WAL record `seq` (written atomically)
 *   wal.log        append-only log of every committed change after the snapshot
 *   LOCK           pid of the node that has the folder open
 *
 * Opening never overwrites anything it does not understand: a folder with foreign
 * files, an unreadable node.json / snapshot.json / wal.log header, or a format version
 * newer than FORMAT_VERSION is refused with a DataDirError.
 */
import * as fs from "fs";
import * as path from "path";
import { readWal, walHeader, WalFormatError, WalWriter, writeFileAtomic, fsyncDir, frame } from "./wal";

export const FORMAT = "ddvs-node";
export const FORMAT_VERSION = 1;

const META = "node.json";
const SNAPSHOT = "snapshot.json";
const WAL = "wal.log";
const LOCK = "LOCK";
const OWN_FILES = new Set([META, SNAPSHOT, WAL, LOCK, `${META}.tmp`, `${SNAPSHOT}.tmp`, `${WAL}.tmp`]);

export class DataDirError extends Error {}

export type NodeMeta = {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  chains: number[];
  globalId: number;
  /** Base64 BOC of the ConfigParams the chain was created with. */
  config: string;
};

/** One committed change, as written to the WAL. `s` is a sequence number, 1-based. */
export type WalRecord =
  | {
      s: number;
      k: "tx";
      /** Destination account of the message. */
      a: string;
      /** The account's ShardAccount BOC after the transaction. */
      sa: string;
      /** Transaction BOC. */
      tx: string;
      /** Chain logical time after the transaction. */
      lt: string;
      /** Public libraries published by a masterchain account: [hash hex, cell BOC]. */
      libs?: [string, string][];
    }
  | {
      s: number;
      k: "drop";
      /** Hash of a queued message discarded without a transaction. */
      m: string;
      lt?: string;
    }
  | { s: number; k: "time"; off: number /* new time offset, ms */ };

/** A record before it is given its sequence number. */
export type RecordBody = WalRecord extends infer R ? (R extends unknown ? Omit<R, "s"> : never) : never;

export type Snapshot = {
  format: "ddvs-node-snapshot";
  version: number;
  /** Last WAL record included. */
  seq: number;
  lt: string;
  offsetMs: number;
  lastUtime: number;
  accounts: [string, string][];
  /** Transaction BOCs in commit order. */
  transactions: string[];
  /** Queued (not yet executed) internal messages, as nekoton JsRawMessage objects. */
  queue: unknown[];
  libs: [string, string][];
};

export type OpenedDataDir = {
  dir: string;
  meta: NodeMeta;
  snapshot: Snapshot | undefined;
  /** Records after the snapshot, in order. */
  records: WalRecord[];
  /** Bytes of torn tail that were cut off the log (0 after a clean stop). */
  tornBytes: number;
  wal: WalWriter;
};

export type CreateParams = { chains: number[]; globalId: number; config: string };

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new DataDirError(`cannot read ${what} ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new DataDirError(`${what} ${file} is not valid JSON; refusing to use or overwrite it`);
  }
}

function checkVersion(obj: { version?: unknown }, file: string) {
  const v = obj.version;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) {
    throw new DataDirError(`${file} has no valid format version; refusing to use or overwrite it`);
  }
  if (v > FORMAT_VERSION) {
    throw new DataDirError(
      `${file} was written by a newer ddvs node (format ${v}, this one reads up to ${FORMAT_VERSION}); ` +
        `refusing to open it. Upgrade ddvs, or start over with --reset.`,
    );
  }
}

function readMeta(dir: string): NodeMeta {
  const file = path.join(dir, META);
  const meta = readJson(file, "node metadata") as Partial<NodeMeta>;
  if (meta === null || typeof meta !== "object" || meta.format !== FORMAT) {
    throw new DataDirError(`${file} is not ddvs node metadata; refusing to use or overwrite it`);
  }
  checkVersion(meta, file);
  if (typeof meta.config !== "string" || !Array.isArray(meta.chains) || typeof meta.globalId !== "number") {
    throw new DataDirError(`${file} is incomplete; refusing to use it`);
  }
  return meta as NodeMeta;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Folders this process has open. */
const openHere = new Set<string>();

/** Takes the folder's LOCK; a lock left by a dead process (kill -9) is taken over. */
function lock(dir: string): void {
  if (openHere.has(dir)) throw new DataDirError(`data folder ${dir} is already open in this process`);
  const file = path.join(dir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      openHere.add(dir);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(fs.readFileSync(file, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && pidAlive(pid)) {
        throw new DataDirError(`data folder ${dir} is in use by another ddvs node (pid ${pid})`);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataDirError(`cannot lock data folder ${dir}`);
}

export function unlock(dir: string): void {
  openHere.delete(dir);
  const file = path.join(dir, LOCK);
  try {
    if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.rmSync(file, { force: true });
  } catch {
    // already gone
  }
}

function listDir(dir: string): string[] | undefined {
  try {
    return fs.readdirSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    throw new DataDirError(`cannot read data folder ${dir}: ${(e as Error).message}`);
  }
}

/**
 * Opens (or, when empty or missing, creates) a data folder, takes its lock, verifies the
 * snapshot and the log and cuts off a torn log tail. `create` supplies the parameters of a
 * new chain; for an existing folder they must agree with what it was created with.
 */
export function openDataDir(dirArg: string, create: CreateParams, opts: { chainsExplicit?: boolean } = {}): OpenedDataDir {
  const dir = path.resolve(dirArg);
  const entries = listDir(dir);
  if (entries !== undefined && !fs.statSync(dir).isDirectory()) {
    throw new DataDirError(`${dir} is not a folder`);
  }
  // Fresh: missing, empty, or left by a creation that stopped before node.json was written
  // (only the lock, temporaries and an empty log).
  const fresh =
    entries === undefined ||
    (!entries.includes(META) &&
      entries.every(
        e =>
          e === LOCK ||
          (OWN_FILES.has(e) && e.endsWith(".tmp")) ||
          (e === WAL && fs.statSync(path.join(dir, WAL)).size <= 16),
      ));
  if (!fresh && !entries!.includes(META)) {
    throw new DataDirError(
      `${dir} is not empty and is not a ddvs node data folder (no ${META}); refusing to use or overwrite it`,
    );
  }
  fs.mkdirSync(dir, { recursive: true });
  lock(dir);
  try {
    if (fresh) {
      const meta: NodeMeta = {
        format: FORMAT,
        version: FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        chains: create.chains,
        globalId: create.globalId,
        config: create.config,
      };
      writeFileAtomic(path.join(dir, WAL), walHeader(FORMAT_VERSION));
      writeFileAtomic(path.join(dir, META), JSON.stringify(meta, null, 1));
      return { dir, meta, snapshot: undefined, records: [], tornBytes: 0, wal: WalWriter.open(path.join(dir, WAL), 16) };
    }
    const meta = readMeta(dir);
    if (opts.chainsExplicit && meta.chains.join(",") !== create.chains.join(",")) {
      throw new DataDirError(
        `data folder ${dir} holds a chain with workchains ${meta.chains.join(",")}, ` +
          `not ${create.chains.join(",")}; use that list, another --data folder, or --reset`,
      );
    }
    let snapshot: Snapshot | undefined;
    const snapFile = path.join(dir, SNAPSHOT);
    if (fs.existsSync(snapFile)) {
      const snap = readJson(snapFile, "snapshot") as Partial<Snapshot>;
      if (snap === null || typeof snap !== "object" || snap.format !== "ddvs-node-snapshot") {
        throw new DataDirError(`${snapFile} is not a ddvs node snapshot; refusing to use it`);
      }
      checkVersion(snap, snapFile);
      snapshot = snap as Snapshot;
    }
    const walFile = path.join(dir, WAL);
    if (!fs.existsSync(walFile)) {
      throw new DataDirError(`${walFile} is missing; the data folder is incomplete`);
    }
    let read;
    try {
      read = readWal<WalRecord>(walFile, FORMAT_VERSION);
    } catch (e) {
      if (e instanceof WalFormatError) throw new DataDirError(`${e.message}; refusing to open it`);
      throw e;
    }
    const base = snapshot?.seq ?? 0;
    const records = read.records.filter(r => r.s > base);
    // sequence numbers must continue the snapshot without gaps
    records.forEach((r, i) => {
      if (r.s !== base + i + 1) {
        throw new DataDirError(`${walFile}: record ${r.s} found where ${base + i + 1} was expected; the log is damaged`);
      }
    });
    return { dir, meta, snapshot, records, tornBytes: read.tornBytes, wal: WalWriter.open(walFile, read.validLength) };
  } catch (e) {
    unlock(dir);
    throw e;
  }
}

/**
 * Replaces the snapshot and starts a fresh log. Crash-safe in every order: the snapshot is
 * renamed into place first; until the new log replaces the old one, the old log's records
 * are all <= snapshot.seq and are skipped on replay.
 */
export function writeSnapshot(dir: string, snapshot: Snapshot, oldWal: WalWriter): WalWriter {
  writeFileAtomic(path.join(dir, SNAPSHOT), JSON.stringify(snapshot));
  oldWal.close();
  const walFile = path.join(dir, WAL);
  writeFileAtomic(walFile, walHeader(FORMAT_VERSION));
  return WalWriter.open(walFile, 16);
}

/**
 * Deletes a node data folder. Only folders that are empty or carry our node.json (any
 * version) are touched, and only our own files are removed; a folder that is in use by a
 * running node is refused.
 */
export function resetDataDir(dirArg: string): void {
  const dir = path.resolve(dirArg);
  const entries = listDir(dir);
  if (entries === undefined) return;
  if (entries.length > 0 && !entries.includes(META)) {
    throw new DataDirError(`${dir} is not a ddvs node data folder (no ${META}); refusing to delete it`);
  }
  if (entries.includes(META)) {
    const meta = readJson(path.join(dir, META), "node metadata") as Partial<NodeMeta>;
    if (meta === null || typeof meta !== "object" || meta.format !== FORMAT) {
      throw new DataDirError(`${path.join(dir, META)} is not ddvs node metadata; refusing to delete ${dir}`);
    }
  }
  lock(dir);
  const foreign = entries.filter(e => !OWN_FILES.has(e));
  for (const e of entries) if (OWN_FILES.has(e) && e !== LOCK) fs.rmSync(path.join(dir, e), { force: true });
  unlock(dir);
  if (foreign.length === 0) fs.rmdirSync(dir);
  fsyncDir(path.dirname(dir));
}

export { frame };
