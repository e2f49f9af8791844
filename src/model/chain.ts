/**
 * One chain's D'Elector registry and term close (codechain-rules.md "Term close order" 1–8,
 * "Nomination", "Delegation", "Double vote"; DDVS.md §3–§5).
 *
 * Units: amounts bigint nanoevers; terms integer ids; time unix seconds; keys 64-hex.
 * Coins that leave the registry are credited to `credits` (key or delegator id → amount): deposit
 * refunds, reward payouts, returned delegations, informant prizes. `burned` counts burned coins.
 * Conservation (see {@link ElectorModel.conservation}): inflow = held + credited + burned.
 *
 * Tie order of the election: a nomination at time `now` sets order = now; a renewal at the close of
 * term T sets order = the scheduled end time of term T (the same on every chain).
 */
import { electDetailed, rankEligible, totalVotingPower } from "./election";
import { Account, FsmEvent, TransitionResult, newAccount, totalDelegation, transition } from "./fsm";
import { isBlockValid } from "./proposer";
import { distributeTermRewards } from "./rewards";
import { Candidate, DEFAULT_PROTOCOL_PARAMS, Elected, ModelError, ProtocolParams, assertAmount, assertKey, validateProtocolParams } from "./types";

/** Events recorded by the model, for comparison with contract events. Amounts nanoevers. */
export type ModelEvent =
  | { kind: "nominated"; key: string; deposit: bigint; totalDeposit: bigint; nominationEnd: number; transition: 1 | 7 | null }
  | { kind: "delegated"; key: string; delegator: string; amount: bigint }
  | { kind: "revoked"; key: string; delegator: string; amount: bigint }
  | { kind: "rewardPaid"; key: string; term: number; amount: bigint; base: bigint; additional: bigint }
  | { kind: "rewardsBurned"; term: number; pool: bigint; amount: bigint }
  | { kind: "renewed"; key: string; nominationEnd: number; order: number }
  | { kind: "expired"; key: string; refund: bigint; returned: bigint }
  | { kind: "released"; key: string; refund: bigint; returned: bigint }
  | { kind: "jailed"; key: string; custodyUntil: number; releaseAt: number }
  | { kind: "elected"; key: string; votingPower: bigint }
  | { kind: "electionEmpty"; term: number }
  | { kind: "termClosed"; term: number; setSize: number; totalPower: bigint }
  | { kind: "banned"; key: string; informant: string; seized: bigint; rewards: bigint; slashed: bigint; returned: bigint }
  | { kind: "removedFromSet"; key: string; term: number };

/** Per-validator work statistics of one term. */
export interface WorkStats {
  proposed: number;
  missed: number;
  signed: number;
  /** R: fees earned in the term (nanoevers), paid at the next close. */
  reward: bigint;
  banned: boolean;
}

/** Statistics and rewards of one term (only this chain's accounts). */
export interface TermLedger {
  term: number;
  /** N: blocks in the term (all blocks of the network's set). */
  blocks: number;
  stats: Map<string, WorkStats>;
  /** Statistics were accepted for this term ({@link ElectorModel.acceptStats}). */
  statsAccepted?: boolean;
}

export interface ElectorOptions {
  /** Chain id (workchain); -1 = masterchain. Default -1. */
  chainId?: number;
  /** Overrides of the seed params. Validated. */
  params?: Partial<ProtocolParams>;
  /** First term id. Default 1. */
  termId?: number;
  /** Start of the first term (unix s). Default 0; term ends lie on the grid start + k·TERM. */
  genesisTime?: number;
  /** Slashed delegations go to the informant (true, default) or are burned (false). */
  slashToInformant?: boolean;
  /**
   * Contract rule (docs/messages.md §4 "Implementation decisions"): a term closed without accepted
   * statistics renews and jails nobody (set members go back to Candidate unchanged). Default false:
   * the seed's rule, inactive = proposed 0.
   */
  statsRequired?: boolean;
  /**
   * Contract rule (docs/messages.md §4 "Validator state is derived"): a candidate that is a member of
   * the set in force is a Validator, also when it (re)nominates mid-term from Eligible or Jailed (an
   * expired member of a set kept by an empty election). Default false: the nomination gives Candidate.
   */
  setMembersAreValidators?: boolean;
  /** After a close the next end is the first grid point `genesis + k·TERM` after now (a late keeper skips terms). Default false: one TERM later. */
  skipMissedTerms?: boolean;
}

/** Result of a term close. */
export interface CloseResult {
  /** The closed term T. */
  term: number;
  /** Inactive validators of term T (this chain's accounts). */
  inactive: string[];
  /** The set in force for term T + 1 (the previous one when the election elected nobody). */
  validatorSet: Elected[];
  /** True when the election elected nobody and the previous set stays. */
  keptPrevious: boolean;
}

const METADATA_MAX_BYTES = 128;

/** One chain's elector: registry, work statistics, rewards and the term close. */
export class ElectorModel {
  readonly chainId: number;
  params: ProtocolParams;
  /** Current term id. */
  termId: number;
  /** Scheduled end (unix s) of the current term. */
  termEndsAt: number;
  /** Model clock (unix s). */
  now: number;
  /** The validator set in force (global set, in rank order). */
  validatorSet: Elected[] = [];
  /** Coins paid out of the registry, per receiver. */
  readonly credits = new Map<string, bigint>();
  /** Coins burned (reward remainder; slashes when slashToInformant = false). */
  burned = 0n;
  /** Coins that entered the registry: deposits + delegations + fees. */
  inflow = 0n;
  /** Recorded events, in order. */
  readonly events: ModelEvent[] = [];
  slashToInformant: boolean;
  readonly statsRequired: boolean;
  readonly skipMissedTerms: boolean;
  readonly setMembersAreValidators: boolean;

  private readonly accounts = new Map<string, Account>();
  private setHistory = new Map<number, Set<string>>();
  current: TermLedger;
  previous: TermLedger | null = null;
  private closing: { term: number; inactive: string[] } | null = null;

  constructor(opts: ElectorOptions = {}) {
    this.chainId = opts.chainId ?? -1;
    this.params = validateProtocolParams({ ...DEFAULT_PROTOCOL_PARAMS, ...(opts.params ?? {}) });
    this.termId = opts.termId ?? 1;
    const genesis = opts.genesisTime ?? 0;
    this.now = genesis;
    this.termEndsAt = genesis + this.params.term;
    this.slashToInformant = opts.slashToInformant ?? true;
    this.statsRequired = opts.statsRequired ?? false;
    this.skipMissedTerms = opts.skipMissedTerms ?? false;
    this.setMembersAreValidators = opts.setMembersAreValidators ?? false;
    this.current = { term: this.termId, blocks: 0, stats: new Map() };
    this.setHistory.set(this.termId, new Set());
  }

  // ---------------------------------------------------------------- clock and queries

  /** Moves the clock to `t` ≥ now (E_TIME_BACKWARDS otherwise). */
  setNow(t: number): void {
    if (!Number.isSafeInteger(t) || t < this.now) throw new ModelError("E_TIME_BACKWARDS", `time ${t} < now ${this.now}`);
    this.now = t;
  }

  /** Advances the clock by `dt` ≥ 0 seconds. */
  advance(dt: number): void {
    this.setNow(this.now + dt);
  }

  /** The account of `key`, or undefined when it never nominated. */
  account(key: string): Account | undefined {
    return this.accounts.get(key);
  }

  /** All accounts (snapshot). */
  allAccounts(): Account[] {
    return [...this.accounts.values()];
  }

  /** State of `key` ("Eligible" when unknown). */
  stateOf(key: string): Account["state"] {
    return this.accounts.get(key)?.state ?? "Eligible";
  }

  /** Accounts in state Candidate as election input (delegation = Σ delegations). */
  candidates(): Candidate[] {
    const out: Candidate[] = [];
    for (const a of this.accounts.values()) {
      if (a.state === "Candidate") out.push({ key: a.key, deposit: a.deposit, delegation: totalDelegation(a), order: a.order });
    }
    return out;
  }

  /** DDVS.md §4: the local eligible candidates' top MAX + 1 in rank order. */
  candidateReport(): Candidate[] {
    return rankEligible(this.candidates(), this.params).slice(0, this.params.maxValidators + 1);
  }

  /** Registered stake: Σ delegations of all accounts of this chain. */
  registeredStake(): bigint {
    let s = 0n;
    for (const a of this.accounts.values()) s += totalDelegation(a);
    return s;
  }

  /** Current delegation of `key` (0 when unknown). */
  delegationOf(key: string): bigint {
    const a = this.accounts.get(key);
    return a ? totalDelegation(a) : 0n;
  }

  /** Coins credited to `who` so far. */
  creditOf(who: string): bigint {
    return this.credits.get(who) ?? 0n;
  }

  /** True when `key` is in the set in force. */
  isValidator(key: string): boolean {
    return this.validatorSet.some((v) => v.key === key);
  }

  /** Coins held by the registry: deposits, delegations, unpaid rewards. */
  held(): bigint {
    let s = 0n;
    for (const a of this.accounts.values()) s += a.deposit + totalDelegation(a);
    for (const l of [this.current, this.previous]) if (l) for (const st of l.stats.values()) s += st.reward;
    return s;
  }

  /** inflow = held + Σcredits + burned. */
  conservation(): { inflow: bigint; held: bigint; credited: bigint; burned: bigint; ok: boolean } {
    let credited = 0n;
    for (const v of this.credits.values()) credited += v;
    const held = this.held();
    return { inflow: this.inflow, held, credited, burned: this.burned, ok: this.inflow === held + credited + this.burned };
  }

  // ---------------------------------------------------------------- registry operations

  private apply(key: string, ev: FsmEvent): TransitionResult {
    const acc = this.accounts.get(key) ?? newAccount(key);
    const r = transition(acc, ev, this.params);
    this.accounts.set(key, r.account);
    return r;
  }

  private credit(who: string, amount: bigint): void {
    if (amount === 0n) return;
    this.credits.set(who, (this.credits.get(who) ?? 0n) + amount);
  }

  private creditReturned(returned: ReadonlyMap<string, bigint>): bigint {
    let s = 0n;
    for (const [d, v] of returned) {
      this.credit(d, v);
      s += v;
    }
    return s;
  }

  /**
   * SELF_NOMINATE by `key` with `deposit` (added; 0 renews). Transitions 1, 7, renewal; fails
   * E_BANNED, E_IN_CUSTODY (8), E_METADATA_TOO_LONG (> 128 bytes).
   */
  selfNominate(key: string, deposit: bigint, metadata = ""): Account {
    assertKey(key);
    assertAmount(deposit, "deposit");
    if (Buffer.byteLength(metadata, "utf8") > METADATA_MAX_BYTES) throw new ModelError("E_METADATA_TOO_LONG", `metadata over ${METADATA_MAX_BYTES} bytes`);
    const r = this.apply(key, { type: "selfNominate", deposit, term: this.termId, order: this.now });
    if (this.setMembersAreValidators && r.account.state === "Candidate" && this.isValidator(key)) {
      r.account = { ...r.account, state: "Validator" };
      this.accounts.set(key, r.account);
    }
    this.inflow += deposit;
    this.events.push({
      kind: "nominated",
      key,
      deposit,
      totalDeposit: r.account.deposit,
      nominationEnd: r.account.nominationEnd,
      transition: r.transition as 1 | 7 | null,
    });
    return r.account;
  }

  /** DELEGATE `amount` from `delegator` to `key` (Candidate/Validator/Jailed). */
  delegate(delegator: string, key: string, amount: bigint): void {
    assertKey(key);
    if (!this.accounts.has(key)) throw new ModelError("E_NOT_CANDIDATE", `${key} is not a candidate`);
    this.apply(key, { type: "delegate", delegator, amount });
    this.inflow += amount;
    this.events.push({ kind: "delegated", key, delegator, amount });
  }

  /** REVOKE `amount` ≤ delegated; immediate in the registry (the set's voting power is unchanged). */
  revoke(delegator: string, key: string, amount: bigint): void {
    assertKey(key);
    if (!this.accounts.has(key)) throw new ModelError("E_INSUFFICIENT_DELEGATION", `${delegator} has no delegation to ${key}`);
    const r = this.apply(key, { type: "revoke", delegator, amount });
    this.creditReturned(r.returned);
    this.events.push({ kind: "revoked", key, delegator, amount });
  }

  /** Atomic revoke from `prev` + delegate to `next`: both checked before either applies. */
  redelegate(delegator: string, prev: string, next: string, amount: bigint): void {
    assertKey(prev, "prev");
    assertKey(next, "next");
    if (prev === next) throw new ModelError("E_INVALID_ARGUMENT", "prev and next are the same");
    const pa = this.accounts.get(prev);
    const na = this.accounts.get(next);
    if (!pa) throw new ModelError("E_INSUFFICIENT_DELEGATION", `${delegator} has no delegation to ${prev}`);
    if (!na) throw new ModelError("E_NOT_CANDIDATE", `${next} is not a candidate`);
    const r1 = transition(pa, { type: "revoke", delegator, amount }, this.params);
    const r2 = transition(na, { type: "delegate", delegator, amount }, this.params);
    this.accounts.set(prev, r1.account);
    this.accounts.set(next, r2.account);
    this.events.push({ kind: "revoked", key: prev, delegator, amount });
    this.events.push({ kind: "delegated", key: next, delegator, amount });
  }

  // ---------------------------------------------------------------- work statistics

  /**
   * Records one committed block of the current term: N += 1; for a local author proposed += 1,
   * missed += |set| − |signers|, reward += fee; for each local signer signed += 1.
   * Fails E_NOT_VALIDATOR (author or a signer outside the set), E_INVALID_BLOCK (signers' power not > 2/3).
   */
  recordBlock(b: { author: string; signers: readonly string[]; fee?: bigint }): void {
    const power = new Map(this.validatorSet.map((v) => [v.key, v.votingPower]));
    if (!power.has(b.author)) throw new ModelError("E_NOT_VALIDATOR", `author ${b.author} is not in the set`);
    const signers = new Set(b.signers);
    let signed = 0n;
    for (const s of signers) {
      const p = power.get(s);
      if (p === undefined) throw new ModelError("E_NOT_VALIDATOR", `signer ${s} is not in the set`);
      signed += p;
    }
    if (!isBlockValid(signed, totalVotingPower(this.validatorSet))) throw new ModelError("E_INVALID_BLOCK", "signers hold ≤ 2/3 of the voting power");
    const fee = assertAmount(b.fee ?? 0n, "fee");
    this.current.blocks += 1;
    const a = this.current.stats.get(b.author);
    if (a) {
      a.proposed += 1;
      a.missed += this.validatorSet.length - signers.size;
      a.reward += fee;
      this.inflow += fee;
    }
    for (const s of signers) {
      const st = this.current.stats.get(s);
      if (st) st.signed += 1;
    }
  }

  /** Adds fees earned by local validator `key` in the current term (nanoevers). */
  addFees(key: string, amount: bigint): void {
    assertAmount(amount, "amount");
    const st = this.current.stats.get(key);
    if (!st) throw new ModelError("E_NOT_VALIDATOR", `${key} is not a local validator of term ${this.current.term}`);
    st.reward += amount;
    this.inflow += amount;
  }

  /**
   * Replaces the current term's statistics (the submitTermStats path): N = `blocks` and, for each
   * listed local validator, proposed/missed/signed. Rewards are kept. Fails E_NOT_VALIDATOR, E_INVALID_ARGUMENT.
   */
  submitTermStats(blocks: number, stats: readonly { key: string; proposed: number; missed: number; signed: number }[]): void {
    if (!Number.isSafeInteger(blocks) || blocks < 0) throw new ModelError("E_INVALID_ARGUMENT", "blocks must be an integer ≥ 0");
    for (const s of stats) {
      if (!this.current.stats.has(s.key)) throw new ModelError("E_NOT_VALIDATOR", `${s.key} is not a local validator of term ${this.current.term}`);
      for (const f of ["proposed", "missed", "signed"] as const) {
        if (!Number.isSafeInteger(s[f]) || s[f] < 0) throw new ModelError("E_INVALID_ARGUMENT", `${f} must be an integer ≥ 0`, f);
      }
      if (s.signed > blocks || s.proposed > blocks) throw new ModelError("E_INVALID_ARGUMENT", "signed/proposed exceed blocks");
    }
    this.current.blocks = blocks;
    for (const s of stats) {
      const st = this.current.stats.get(s.key)!;
      st.proposed = s.proposed;
      st.missed = s.missed;
      st.signed = s.signed;
    }
  }

  /**
   * The submitTermStats path with its signature rule (DDVS.md §5): statistics of the current term,
   * after its end, signed by validators of the set in force holding more than 2/3 of its voting
   * power; the first accepted submission wins. Fails E_TERM_NOT_OVER, E_STATS_ALREADY_ACCEPTED,
   * E_INSUFFICIENT_SIGNATURES (signers' power × 3 ≤ total × 2, an empty set included), then as
   * {@link submitTermStats}.
   */
  acceptStats(blocks: number, stats: readonly { key: string; proposed: number; missed: number; signed: number }[], signers: readonly string[]): void {
    if (this.now < this.termEndsAt) throw new ModelError("E_TERM_NOT_OVER", `term ${this.termId} ends at ${this.termEndsAt}, now ${this.now}`);
    if (this.current.statsAccepted) throw new ModelError("E_STATS_ALREADY_ACCEPTED", `term ${this.termId} has statistics`);
    const keys = new Set(signers);
    const signed = this.validatorSet.filter((v) => keys.has(v.key)).reduce((a, v) => a + v.votingPower, 0n);
    if (!isBlockValid(signed, totalVotingPower(this.validatorSet))) throw new ModelError("E_INSUFFICIENT_SIGNATURES", "signers hold ≤ 2/3 of the voting power");
    this.submitTermStats(blocks, stats);
    this.current.statsAccepted = true;
  }

  // ---------------------------------------------------------------- double vote

  /**
   * A proven double vote by `criminal` in term `offenceTerm` (header checks: {@link isDoubleVote}).
   * Reported within one term (termId − offenceTerm ≤ 1) else E_REPORT_TOO_OLD; the criminal must be in
   * that term's set (E_NOT_VALIDATOR) and an account of this chain (E_UNKNOWN_ACCOUNT).
   * Effects: Banned; deposit and unpaid rewards (previous and current term) to the informant at once;
   * removed from the set mid-term; delegations returned minus floor(d·DELEGATOR_SLASH_RATE/1000) per
   * delegator, which goes to the informant (or is burned).
   */
  reportDoubleVote(r: { criminal: string; informant: string; offenceTerm: number }): void {
    assertKey(r.criminal, "criminal");
    if (!Number.isSafeInteger(r.offenceTerm) || r.offenceTerm > this.termId) throw new ModelError("E_INVALID_ARGUMENT", `offence term ${r.offenceTerm} is in the future`);
    if (this.termId - r.offenceTerm > 1) throw new ModelError("E_REPORT_TOO_OLD", `offence in term ${r.offenceTerm}, now term ${this.termId}`);
    if (!this.setHistory.get(r.offenceTerm)?.has(r.criminal)) throw new ModelError("E_NOT_VALIDATOR", `${r.criminal} was not in the set of term ${r.offenceTerm}`);
    if (!this.accounts.has(r.criminal)) throw new ModelError("E_UNKNOWN_ACCOUNT", `${r.criminal} is not an account of chain ${this.chainId}`);
    const res = this.apply(r.criminal, { type: "doubleVote" });
    let rewards = 0n;
    for (const l of [this.current, this.previous]) {
      const st = l?.stats.get(r.criminal);
      if (st) {
        rewards += st.reward;
        st.reward = 0n;
        st.banned = true;
      }
    }
    this.credit(r.informant, res.seized + rewards);
    let slashed = 0n;
    let returned = 0n;
    for (const [d, v] of res.returned) {
      const cut = (v * BigInt(this.params.delegatorSlashRate)) / 1000n;
      slashed += cut;
      returned += v - cut;
      this.credit(d, v - cut);
    }
    if (this.slashToInformant) this.credit(r.informant, slashed);
    else this.burned += slashed;
    this.events.push({ kind: "banned", key: r.criminal, informant: r.informant, seized: res.seized, rewards, slashed, returned });
    this.removeFromSet(r.criminal);
  }

  /** Removes `key` from the set in force (no-op when absent); used by the ban and by the network model. */
  removeFromSet(key: string): void {
    if (!this.isValidator(key)) return;
    this.validatorSet = this.validatorSet.filter((v) => v.key !== key);
    this.events.push({ kind: "removedFromSet", key, term: this.termId });
  }

  // ---------------------------------------------------------------- term close

  /**
   * Steps 1–7 of the term close of term T = termId (requires now ≥ termEndsAt, else E_TERM_NOT_OVER).
   * Returns this chain's candidate report (DDVS.md §4). Must be followed by {@link finishClose}.
   */
  prepareClose(): Candidate[] {
    if (this.closing) throw new ModelError("E_CLOSE_IN_PROGRESS", `term ${this.closing.term} is closing`);
    if (this.now < this.termEndsAt) throw new ModelError("E_TERM_NOT_OVER", `term ${this.termId} ends at ${this.termEndsAt}, now ${this.now}`);
    const T = this.termId;
    // 1. pay term T−1's rewards: penalty, then additional rewards; the rest burned
    if (this.previous) {
      const prev = this.previous;
      const input = [...prev.stats].map(([key, s]) => ({ key, reward: s.reward, signed: s.signed, proposed: s.proposed, missed: s.missed, banned: s.banned }));
      const res = distributeTermRewards(prev.blocks, input);
      for (const [key, amount] of res.paid) {
        if (amount > 0n) {
          this.credit(key, amount);
          this.events.push({ kind: "rewardPaid", key, term: prev.term, amount, base: res.base.get(key)!, additional: res.additional.get(key) ?? 0n });
        }
      }
      this.burned += res.burned;
      this.events.push({ kind: "rewardsBurned", term: prev.term, pool: res.pool, amount: res.burned });
    }
    // 2. current-term rewards become previous
    this.previous = this.current;
    this.current = { term: T + 1, blocks: 0, stats: new Map() };
    // 3. inactive: local validators of the set with no block in T
    const setKeys = this.validatorSet.map((v) => v.key).filter((k) => this.accounts.get(k)?.state === "Validator");
    const unjudged = this.statsRequired && !this.previous.statsAccepted;
    const inactive = unjudged ? [] : setKeys.filter((k) => (this.previous!.stats.get(k)?.proposed ?? 0) === 0);
    const active = unjudged ? [] : setKeys.filter((k) => !inactive.includes(k));
    // no statistics (statsRequired): nobody renewed or jailed, the members are candidates again, unchanged
    if (unjudged) for (const k of setKeys) this.accounts.set(k, { ...this.accounts.get(k)!, state: "Candidate" });
    // 4. renew the active ones (order = scheduled end of T)
    for (const k of active) {
      const r = this.apply(k, { type: "termEnd", term: T, worked: true, order: this.termEndsAt });
      this.events.push({ kind: "renewed", key: k, nominationEnd: r.account.nominationEnd, order: r.account.order });
    }
    // 5. expire candidates (and un-renewed validators) with nomination end ≤ T
    for (const a of [...this.accounts.values()]) {
      if ((a.state === "Candidate" || a.state === "Validator") && a.nominationEnd <= T) {
        const r = this.apply(a.key, { type: "expire", term: T });
        this.credit(a.key, r.refund);
        const returned = this.creditReturned(r.returned);
        this.events.push({ kind: "expired", key: a.key, refund: r.refund, returned });
      }
    }
    // 6. release prisoners with release term ≤ T
    for (const a of [...this.accounts.values()]) {
      if (a.state === "Jailed" && a.releaseAt <= T) {
        const r = this.apply(a.key, { type: "release", term: T });
        this.credit(a.key, r.refund);
        const returned = this.creditReturned(r.returned);
        this.events.push({ kind: "released", key: a.key, refund: r.refund, returned });
      }
    }
    // 7. jail the inactive validators still in the registry
    for (const k of inactive) {
      if (this.accounts.get(k)?.state !== "Validator") continue; // expired at step 5
      const r = this.apply(k, { type: "termEnd", term: T, worked: false, order: 0 });
      this.events.push({ kind: "jailed", key: k, custodyUntil: r.account.custodyUntil, releaseAt: r.account.releaseAt });
    }
    this.closing = { term: T, inactive };
    return this.candidateReport();
  }

  /**
   * Step 8 with the elected set (global, rank order). An empty set keeps the previous one in force
   * (its local members still Candidate become Validator again). Then term id + 1.
   */
  finishClose(set: readonly Elected[]): CloseResult {
    if (!this.closing) throw new ModelError("E_NO_CLOSE_IN_PROGRESS", "prepareClose first");
    const { term: T, inactive } = this.closing;
    const keptPrevious = set.length === 0;
    const next = keptPrevious ? this.validatorSet : [...set];
    for (const v of next) {
      const a = this.accounts.get(v.key);
      if (!a) continue; // validator of another chain
      if (a.state !== "Candidate") {
        if (keptPrevious) continue;
        throw new ModelError("E_NOT_CANDIDATE", `elected ${v.key} is ${a.state}`);
      }
    }
    if (keptPrevious) this.events.push({ kind: "electionEmpty", term: T });
    for (const v of next) {
      if (this.accounts.get(v.key)?.state !== "Candidate") continue;
      this.apply(v.key, { type: "elected" });
      if (!keptPrevious) this.events.push({ kind: "elected", key: v.key, votingPower: v.votingPower });
    }
    this.validatorSet = next;
    this.termId = T + 1;
    this.termEndsAt += this.params.term;
    while (this.skipMissedTerms && this.termEndsAt <= this.now) this.termEndsAt += this.params.term;
    this.current = { term: this.termId, blocks: 0, stats: new Map() };
    for (const v of next) {
      if (this.accounts.has(v.key)) this.current.stats.set(v.key, { proposed: 0, missed: 0, signed: 0, reward: 0n, banned: false });
    }
    this.setHistory.set(this.termId, new Set(next.map((v) => v.key)));
    this.setHistory.delete(this.termId - 2);
    this.closing = null;
    this.events.push({ kind: "termClosed", term: T, setSize: next.length, totalPower: totalVotingPower(next) });
    return { term: T, inactive, validatorSet: next, keptPrevious };
  }

  /** Whole close of one chain alone: steps 1–7, local election, step 8. */
  closeTerm(): CloseResult {
    this.prepareClose();
    const { elected } = electDetailed(this.candidates(), this.params);
    return this.finishClose(elected);
  }

  /** Applies a committed config change (already validated by the caller). */
  setParams(p: ProtocolParams): void {
    this.params = validateProtocolParams({ ...p });
  }
}

/** A signed block header of DDVS.md §5 (signatures are checked outside the model). */
export interface BlockHeader {
  networkId: number;
  termId: number;
  height: bigint;
  round: number;
  blockHash: string;
}

/** True when the two headers prove a double vote: same (networkId, termId, height, round), different hash. */
export function isDoubleVote(h1: BlockHeader, h2: BlockHeader): boolean {
  return h1.networkId === h2.networkId && h1.termId === h2.termId && h1.height === h2.height && h1.round === h2.round && h1.blockHash !== h2.blockHash;
}
