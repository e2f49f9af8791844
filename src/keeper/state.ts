/**
 * The keeper's state file: what it last sent per chain, so a restarted keeper does not resend
 * while a send may still be in flight. The chain's own `getCurrentTerm` stays the source of truth;
 * the file only suppresses duplicates within `resendAfter` seconds.
 *
 * Format (JSON, version 1):
 * `{ "version": 1, "chains": { "<chainId>": { "termId": T, "endTermSentAt": unixSeconds?, "statsSentAt": unixSeconds?, "finalizeSentAt": unixSeconds? } },
 *   "roots"?: { "<root address>": { "jobId": J, "processed": P, "seenAt": unixSeconds, "resumedAt": unixSeconds? } } }`
 * (`roots`: each running root job's position as last seen, and the `resumeJob` sent at it; removed
 * when the job is over).
 * Written atomically (temporary file, fsync, rename): a crash leaves the old or the new file.
 */
import fs from "fs";
import path from "path";

export interface ChainKeeperState {
  /** Term the entries below are about. */
  termId: number;
  /** Unix seconds of the last `endTerm` sent for `termId`. */
  endTermSentAt?: number;
  /** Unix seconds of the last `submitTermStats` sent for `termId`. */
  statsSentAt?: number;
  /** Unix seconds of the last `finalizeElection(termId)` sent (masterchain). */
  finalizeSentAt?: number;
}

/** The running job of one root as the keeper last saw it, and its last `resumeJob` there. */
export interface RootKeeperState {
  /** DePoolRoot `getJob().jobId` */
  jobId: number;
  /** The job's `processed` count (wallets done). */
  processed: number;
  /** Unix seconds when the keeper first saw the job at this position. */
  seenAt: number;
  /** Unix seconds of the `resumeJob` sent at this position, if any. */
  resumedAt?: number;
}

export interface KeeperState {
  version: 1;
  chains: Record<string, ChainKeeperState>;
  /** root address → last resume (optional: files of older keepers have none). */
  roots?: Record<string, RootKeeperState>;
}

export const emptyState = (): KeeperState => ({ version: 1, chains: {} });

/** Reads the state file; a missing file is an empty state; a malformed one throws with the file name. */
export function loadState(file: string | undefined): KeeperState {
  if (!file || !fs.existsSync(file)) return emptyState();
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`keeper state ${file}: ${(e as Error).message}`);
  }
  const s = raw as KeeperState;
  if (!s || s.version !== 1 || typeof s.chains !== "object" || s.chains === null) throw new Error(`keeper state ${file}: not a version 1 keeper state`);
  if (s.roots !== undefined && (typeof s.roots !== "object" || s.roots === null)) throw new Error(`keeper state ${file}: "roots" is not an object`);
  return s;
}

/** Writes the state atomically. */
export function saveState(file: string | undefined, state: KeeperState): void {
  if (!file) return;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, "w");
  try {
    fs.writeSync(fd, JSON.stringify(state, null, 2) + "\n");
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
