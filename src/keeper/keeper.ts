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
 *    (missing reports count as empty);
 * 5. paused root jobs (Slash / Return / Ban, docs/messages.md §3 `resumeJob`, `continueJob`): for
 *    every root the chain view lists (`jobRoots`, see chain.ts for how roots are found), a job with
 *    kind ≠ 0 is paused when its gas fund cannot pay one wallet message (chain.ts `rootJob`), when
 *    it still runs after the cascade of the keeper's own resume is over, or when it stands at the
 *    same (jobId, processed) as `resendAfter` seconds ago (wallets' change refilled the fund after
 *    the job paused: the fund test alone would miss it). Such a job gets `resumeJob` with `resumeValue` (3 EVER) from the keeper's wallet, again after each batch
 *    while it stays paused, within `maxResumeValue` nanoevers per pass (then `KEEPER_BUDGET`).
 *
 * Idempotent: every decision is taken from the chain's state, so two keepers, or one restarted
 * after a crash, never do harm: a duplicate `endTerm` fails on chain with `CLOSE_IN_PROGRESS` /
 * `TERM_NOT_OVER` and its value bounces back. The state file (state.ts) additionally suppresses a
 * resend for the same (chain, term) within `resendAfter` seconds while a send may be in flight.
 */
import { ChainKeeperState, KeeperState, emptyState, loadState, saveState } from "./state";

/** DePoolRoot `resumeJob` least value, nanoevers (contracts/DePoolRoot/fees.tolk MIN_RESUME_JOB). */
export const RESUME_JOB_VALUE = 3_000_000_000n;
/** Default budget of one pass for `resumeJob` sends, nanoevers (10 resumes). */
export const DEFAULT_MAX_RESUME_VALUE = 30_000_000_000n;

/** A root that may run a job, and the chain whose elector it belongs to. */
export interface RootRef {
  chain: number;
  /** root address, "wc:hex" */
  root: string;
}

/** A root's job as the keeper decides on it (DePoolRoot `getJob`, balance and held coins). */
export interface RootJob {
  jobId: number;
  /** 0 none, else Slash / Return / Ban (docs/messages.md §3) */
  kind: number;
  /** wallets processed so far */
  processed: number;
  /** the job is running and its gas fund cannot pay the next wallet message */
  paused: boolean;
}

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
  /** Roots that may run a job (deduplicated); all three job methods or none. */
  jobRoots?(): Promise<RootRef[]>;
  rootJob?(root: string): Promise<RootJob>;
  /**
   * Sends `resumeJob()` to `root` with `value` nanoevers and resolves when its whole cascade
   * (batch, continuations) is over; throws a named error when it fails.
   */
  resumeJob?(root: string, value: bigint): Promise<void>;
}

export type KeeperAction =
  | { kind: "submitTermStats"; chain: number; termId: number }
  | { kind: "endTerm"; chain: number; termId: number }
  | { kind: "finalizeElection"; chain: -1; termId: number }
  /** `processed`: the job's wallets done when resumed; `value`: nanoevers sent (decimal string). */
  | { kind: "resumeJob"; chain: number; termId: number; root: string; jobId: number; processed: number; value: string }
  | { kind: "error"; chain: number; termId: number; action: string; message: string; root?: string };

export interface KeeperOptions {
  /** State file (see state.ts); none = in-memory state only. */
  stateFile?: string;
  /** Seconds during which a send recorded in the state is not repeated (default 60). */
  resendAfter?: number;
  /** Value of one `resumeJob`, nanoevers (default RESUME_JOB_VALUE, at least it). */
  resumeValue?: bigint;
  /** Most nanoevers one pass spends on `resumeJob` (default DEFAULT_MAX_RESUME_VALUE). */
  maxResumeValue?: bigint;
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

    /** Chains whose term is over and still Running, with no `field` send recorded for it within resendAfter. */
    const due = (field: "statsSentAt" | "endTermSentAt") =>
      chains
        .map((c) => [c, terms.get(c)!] as const)
        .filter(([c, t]) => now >= t.termEndsAt && t.phase === PHASE.Running && !this.recent(this.entry(c, t.termId)[field], now));

    // 2. statistics before any close
    if (this.net.submitTermStats) {
      for (const [c, t] of due("statsSentAt")) {
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
    for (const [c, t] of due("endTermSentAt")) {
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
    // 5. paused root jobs
    await this.resumeJobs(now, terms, actions);
    return actions;
  }

  /**
   * Step 5: resumes every paused job the chain view shows, each until it runs again or finishes,
   * within the pass budget. Suppression: a resume is recorded (root, jobId, processed, time) before
   * it is sent; the same job position is not resumed again within `resendAfter` seconds (a restart
   * from the state file included), so a resume that did not move the job is never repeated at once.
   */
  private async resumeJobs(now: number, terms: Map<number, TermInfo>, actions: KeeperAction[]): Promise<void> {
    const net = this.net;
    if (!net.jobRoots || !net.rootJob || !net.resumeJob) return;
    const value = this.opts.resumeValue !== undefined && this.opts.resumeValue > RESUME_JOB_VALUE ? this.opts.resumeValue : RESUME_JOB_VALUE;
    const budget = this.opts.maxResumeValue ?? DEFAULT_MAX_RESUME_VALUE;
    let spent = 0n;
    let roots: RootRef[];
    try {
      roots = await net.jobRoots();
    } catch (e) {
      const c = net.chains()[0];
      actions.push({ kind: "error", chain: c, termId: terms.get(c)?.termId ?? 0, action: "jobRoots", message: (e as Error).message });
      this.opts.log?.(`finding roots with jobs failed: ${(e as Error).message}`);
      return;
    }
    for (const { chain, root } of roots) {
      const termId = terms.get(chain)?.termId ?? 0;
      let resumedHere = false;
      for (;;) {
        let j: RootJob;
        try {
          j = await net.rootJob(root);
        } catch (e) {
          actions.push({ kind: "error", chain, termId, action: "getJob", root, message: (e as Error).message });
          break;
        }
        const roots = (this.state.roots ??= {});
        if (j.kind === 0) {
          if (roots[root]) (delete roots[root], saveState(this.opts.stateFile, this.state));
          break;
        }
        const last = roots[root];
        const samePos = last !== undefined && last.jobId === j.jobId && last.processed === j.processed;
        if (samePos && this.recent(last.resumedAt, now)) break;
        // paused: the fund pays no wallet, or our resume's cascade is over and the job still runs,
        // or the same position was already seen `resendAfter` seconds ago (change came back after it paused)
        const stalled = samePos && now - last.seenAt >= this.resendAfter;
        if (!(j.paused || resumedHere || stalled)) {
          if (!samePos) (roots[root] = { jobId: j.jobId, processed: j.processed, seenAt: now }), saveState(this.opts.stateFile, this.state);
          break;
        }
        if (spent + value > budget) {
          const message = `KEEPER_BUDGET: resumeJob needs ${value} nanoevers, ${budget - spent} of this pass's ${budget} left`;
          actions.push({ kind: "error", chain, termId, action: "resumeJob", root, message });
          this.opts.log?.(`root ${root}: ${message}`);
          return;
        }
        roots[root] = { jobId: j.jobId, processed: j.processed, seenAt: samePos ? last.seenAt : now, resumedAt: now };
        saveState(this.opts.stateFile, this.state); // recorded before sending: a crash after it delays, never duplicates
        spent += value;
        try {
          await net.resumeJob(root, value);
        } catch (e) {
          actions.push({ kind: "error", chain, termId, action: "resumeJob", root, message: (e as Error).message });
          this.opts.log?.(`root ${root}: resumeJob failed: ${(e as Error).message}`);
          break;
        }
        resumedHere = true;
        actions.push({ kind: "resumeJob", chain, termId, root, jobId: j.jobId, processed: j.processed, value: value.toString() });
      }
    }
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
