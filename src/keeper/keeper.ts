/**
 * The keeper: ends terms on every chain when due (docs/architecture.md §6, docs/messages.md §4
 * `endTerm`, `submitTermStats`, `finalizeElection`).
 *
 * One `tick()`:
 * 1. per chain, read `getCurrentTerm → (termId T, termEndsAt, phase)`; nothing to do before
 *    `termEndsAt` or when the phase is not Running (a close is in progress or awaits the set);
 * 2. statistics first: if a stats source has T's statistics and the chain has not accepted any
 *    for T, `submitTermStats(T, …)` (docs: send them to every elector before `endTerm`);
 * 3. `endTerm()` on every due chain, workchains first, the masterchain last;
 * 4. masterchain in AwaitingSet for T after `termEndsAt + REPORT_TIMEOUT`: `finalizeElection(T)`
 *    (missing reports count as empty).
 *
 * Idempotent: every decision is taken from the chain's state, so two keepers, or one restarted
 * after a crash, never do harm: a duplicate `endTerm` fails on chain with `CLOSE_IN_PROGRESS` /
 * `TERM_NOT_OVER` and its value bounces back. The state file (state.ts) additionally suppresses a
 * resend for the same (chain, term) within `resendAfter` seconds while a send may be in flight.
 */
import { ChainKeeperState, KeeperState, emptyState, loadState, saveState } from "./state";

/** Elector phase (docs/messages.md §0). */
export const PHASE = { Running: 0, Closing: 1, AwaitingSet: 2 } as const;

export interface TermInfo {
  termId: number;
  /** unix seconds */
  termEndsAt: number;
  phase: number;
}

/** What the keeper needs from a network (implemented on locklift by chain.ts, in memory by tests). */
export interface KeeperChain {
  /** Chain ids with an elector, masterchain (−1) included. */
  chains(): number[];
  /** Network time, unix seconds. */
  now(): Promise<number>;
  term(chain: number): Promise<TermInfo>;
  /** Term of the chain's statistics status and whether stats were accepted for it. */
  statsStatus(chain: number): Promise<{ termId: number; accepted: boolean }>;
  /** REPORT_TIMEOUT, seconds. */
  reportTimeout(): Promise<number>;
  endTerm(chain: number): Promise<void>;
  finalizeElection(termId: number): Promise<void>;
  /** Submits term T's statistics to `chain`; undefined when no stats source is configured. */
  submitTermStats?(chain: number, termId: number): Promise<boolean>;
}

export type KeeperAction =
  | { kind: "submitTermStats"; chain: number; termId: number }
  | { kind: "endTerm"; chain: number; termId: number }
  | { kind: "finalizeElection"; chain: -1; termId: number }
  | { kind: "error"; chain: number; termId: number; action: string; message: string };

export interface KeeperOptions {
  /** State file (see state.ts); none = in-memory state only. */
  stateFile?: string;
  /** Seconds during which a send recorded in the state is not repeated (default 60). */
  resendAfter?: number;
  log?: (line: string) => void;
}

export class Keeper {
  private state: KeeperState;
  private readonly resendAfter: number;
  constructor(
    private readonly net: KeeperChain,
    private readonly opts: KeeperOptions = {},
  ) {
    this.state = opts.stateFile ? loadState(opts.stateFile) : emptyState();
    this.resendAfter = opts.resendAfter ?? 60;
  }

  private entry(chain: number, termId: number): ChainKeeperState {
    const k = String(chain);
    const e = this.state.chains[k];
    if (!e || e.termId !== termId) this.state.chains[k] = { termId };
    return this.state.chains[k];
  }

  private recent(at: number | undefined, now: number): boolean {
    return at !== undefined && now - at < this.resendAfter;
  }

  private record(chain: number, termId: number, field: "endTermSentAt" | "statsSentAt" | "finalizeSentAt", now: number) {
    this.entry(chain, termId)[field] = now;
    saveState(this.opts.stateFile, this.state);
  }

  /** One pass over every chain; returns what was sent (and the failures, which do not stop the pass). */
  async tick(): Promise<KeeperAction[]> {
    const actions: KeeperAction[] = [];
    const now = await this.net.now();
    const chains = [...this.net.chains()].sort((a, b) => (a === -1 ? 1 : b === -1 ? -1 : a - b)); // masterchain last
    // read-only: every chain's term at once
    const terms = new Map<number, TermInfo>((await Promise.all(chains.map(async (c) => [c, await this.net.term(c)] as const))));

    const attempt = async (chain: number, termId: number, action: string, fn: () => Promise<unknown>): Promise<boolean> => {
      try {
        await fn();
        return true;
      } catch (e) {
        actions.push({ kind: "error", chain, termId, action, message: (e as Error).message });
        this.opts.log?.(`chain ${chain} term ${termId}: ${action} failed: ${(e as Error).message}`);
        return false;
      }
    };

    // 2. statistics before any close
    if (this.net.submitTermStats) {
      for (const c of chains) {
        const t = terms.get(c)!;
        if (now < t.termEndsAt || t.phase !== PHASE.Running) continue;
        const e = this.entry(c, t.termId);
        if (this.recent(e.statsSentAt, now)) continue;
        const st = await this.net.statsStatus(c);
        if (st.termId === t.termId && st.accepted) continue;
        let sent = false;
        if (await attempt(c, t.termId, "submitTermStats", async () => (sent = await this.net.submitTermStats!(c, t.termId)))) {
          if (sent) {
            this.record(c, t.termId, "statsSentAt", now);
            actions.push({ kind: "submitTermStats", chain: c, termId: t.termId });
          }
        }
      }
    }
    // 3. endTerm, workchains first
    for (const c of chains) {
      const t = terms.get(c)!;
      if (now < t.termEndsAt || t.phase !== PHASE.Running) continue;
      const e = this.entry(c, t.termId);
      if (this.recent(e.endTermSentAt, now)) continue;
      // re-read: an earlier close in this pass (or another keeper) may have moved it
      const fresh = await this.net.term(c);
      if (fresh.termId !== t.termId || fresh.phase !== PHASE.Running) continue;
      this.record(c, t.termId, "endTermSentAt", now); // recorded before sending: a crash after it delays, never duplicates
      if (await attempt(c, t.termId, "endTerm", () => this.net.endTerm(c))) actions.push({ kind: "endTerm", chain: c, termId: t.termId });
    }
    // 4. masterchain election after the report timeout
    if (chains.includes(-1)) {
      const m = await this.net.term(-1);
      if (m.phase === PHASE.AwaitingSet) {
        const timeout = await this.net.reportTimeout();
        const e = this.entry(-1, m.termId);
        if (now >= m.termEndsAt + timeout && !this.recent(e.finalizeSentAt, now)) {
          this.record(-1, m.termId, "finalizeSentAt", now);
          if (await attempt(-1, m.termId, "finalizeElection", () => this.net.finalizeElection(m.termId)))
            actions.push({ kind: "finalizeElection", chain: -1, termId: m.termId });
        }
      }
    }
    return actions;
  }

  /**
   * Loop mode: `tick()` every `intervalSeconds` until `signal` aborts (SIGINT/SIGTERM in the CLI).
   * Errors of one pass are logged and the loop goes on.
   */
  async run(intervalSeconds: number, signal: AbortSignal, onTick?: (a: KeeperAction[]) => void): Promise<void> {
    while (!signal.aborted) {
      try {
        onTick?.(await this.tick());
      } catch (e) {
        this.opts.log?.(`keeper pass failed: ${(e as Error).message}`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, intervalSeconds * 1000);
        signal.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
      });
    }
  }
}
