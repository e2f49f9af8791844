/**
 * Multi-chain model: one {@link ElectorModel} per chain (-1 = masterchain, plus workchains),
 * candidate reports merged by the masterchain (DDVS.md §4) and cross-chain config voting (DDVS.md §6).
 *
 * Simplifications (exact for the compared quantities, see docs/model.md): messages are delivered
 * synchronously unless a chain is listed as late; the validator-set proposal produced by the
 * masterchain is applied directly (every elector finds it consistent with its own report).
 */
import { ElectorModel, CloseResult } from "./chain";
import { elect, rankCandidates, rankEligible } from "./election";
import { Candidate, DEFAULT_PROTOCOL_PARAMS, Elected, ElectionParams, ModelError, ProtocolParams, validateProtocolParams } from "./types";

/** Local report of one chain: its eligible candidates' top MAX + 1 in rank order. */
export function localReport(cands: readonly Candidate[], params: ElectionParams): Candidate[] {
  return rankEligible(cands, params).slice(0, params.maxValidators + 1);
}

/**
 * Masterchain merge: the union of the reports (a missing report, `undefined`, counts as empty), in
 * rank order. Throws E_DUPLICATE_KEY when a key is reported by two chains.
 */
export function mergeReports(reports: ReadonlyMap<number, readonly Candidate[] | undefined>): Candidate[] {
  const all: Candidate[] = [];
  const seen = new Set<string>();
  for (const rep of reports.values()) {
    for (const c of rep ?? []) {
      if (seen.has(c.key)) throw new ModelError("E_DUPLICATE_KEY", `${c.key} reported twice`);
      seen.add(c.key);
      all.push(c);
    }
  }
  return rankCandidates(all);
}

/** Election on merged reports. */
export function electFromReports(reports: ReadonlyMap<number, readonly Candidate[] | undefined>, params: ElectionParams): Elected[] {
  return elect(mergeReports(reports), params);
}

/** Config parameters changeable by vote. */
export type ConfigParamName = keyof ProtocolParams;

/** A config change; `value` bigint for amounts, number otherwise (converted as needed). */
export interface ConfigChange {
  param: ConfigParamName;
  value: bigint | number;
}

export interface ProposalId {
  originChain: number;
  seq: number;
}

export type ProposalStatus = "open" | "committed" | "aborted";

export interface Proposal {
  id: ProposalId;
  change: ConfigChange;
  /** Unix s; the proposal is open while now < expiresAt. */
  expiresAt: number;
  status: ProposalStatus;
  /** Voter key → weight counted (the voter's delegation when it voted) and its vote. */
  votes: Map<string, { yes: boolean; weight: bigint }>;
  yesStake: bigint;
  noStake: bigint;
}

/** "originChain:seq". */
export function proposalKey(id: ProposalId): string {
  return `${id.originChain}:${id.seq}`;
}

const AMOUNT_PARAMS: ReadonlySet<ConfigParamName> = new Set<ConfigParamName>(["delegationThreshold", "minDeposit"]);

/** Applies `change` to `params` and validates the result (E_INVALID_PARAM, E_UNKNOWN_PARAM). */
export function applyChange(params: ProtocolParams, change: ConfigChange): ProtocolParams {
  if (!(change.param in DEFAULT_PROTOCOL_PARAMS)) throw new ModelError("E_UNKNOWN_PARAM", `unknown parameter ${String(change.param)}`, "param");
  let value: bigint | number;
  if (AMOUNT_PARAMS.has(change.param)) {
    if (typeof change.value === "bigint") value = change.value;
    else if (Number.isSafeInteger(change.value)) value = BigInt(change.value);
    else throw new ModelError("E_INVALID_PARAM", `${change.param}: not an integer`, change.param);
  } else {
    if (typeof change.value === "number") value = change.value;
    else if (change.value <= BigInt(Number.MAX_SAFE_INTEGER) && change.value >= 0n) value = Number(change.value);
    else throw new ModelError("E_INVALID_PARAM", `${change.param}: out of range`, change.param);
  }
  return validateProtocolParams({ ...params, [change.param]: value } as ProtocolParams);
}

export interface NetworkOptions {
  /** Chain ids; must include -1. Default [-1, 0]. */
  chains?: number[];
  params?: Partial<ProtocolParams>;
  genesisTime?: number;
  termId?: number;
  slashToInformant?: boolean;
}

/** Result of a network-wide term close. */
export interface NetworkCloseResult {
  term: number;
  /** Reports as received by the masterchain (undefined = missing by the deadline). */
  reports: Map<number, Candidate[] | undefined>;
  merged: Candidate[];
  /** Elected set ([] = nobody, previous kept). */
  elected: Elected[];
  perChain: Map<number, CloseResult>;
}

/** The whole network: electors per chain, reports, config voting. */
export class NetworkModel {
  readonly electors = new Map<number, ElectorModel>();
  readonly proposals = new Map<string, Proposal>();
  /** Per chain: proposal keys applied (a change applies exactly once per chain). */
  readonly applied = new Map<number, Set<string>>();
  private nextSeq = new Map<number, number>();
  private home = new Map<string, number>();
  now: number;

  constructor(opts: NetworkOptions = {}) {
    const chains = opts.chains ?? [-1, 0];
    if (!chains.includes(-1)) throw new ModelError("E_INVALID_ARGUMENT", "the chain list must include the masterchain -1");
    if (new Set(chains).size !== chains.length) throw new ModelError("E_INVALID_ARGUMENT", "duplicate chain id");
    this.now = opts.genesisTime ?? 0;
    for (const c of chains) {
      this.electors.set(
        c,
        new ElectorModel({ chainId: c, params: opts.params, genesisTime: opts.genesisTime, termId: opts.termId, slashToInformant: opts.slashToInformant }),
      );
      this.applied.set(c, new Set());
      this.nextSeq.set(c, 1);
    }
  }

  /** The elector of `chainId` (E_UNKNOWN_CHAIN). */
  elector(chainId: number): ElectorModel {
    const e = this.electors.get(chainId);
    if (!e) throw new ModelError("E_UNKNOWN_CHAIN", `no chain ${chainId}`);
    return e;
  }

  get master(): ElectorModel {
    return this.elector(-1);
  }

  /** Params (identical on every chain). */
  get params(): ProtocolParams {
    return this.master.params;
  }

  get termId(): number {
    return this.master.termId;
  }

  /** The set in force (identical on every chain). */
  get validatorSet(): Elected[] {
    return this.master.validatorSet;
  }

  /** Moves every chain's clock to `t` and aborts expired proposals. */
  setNow(t: number): void {
    for (const e of this.electors.values()) e.setNow(t);
    this.now = t;
    this.tick();
  }

  /** Home chain of a validator key, or undefined. */
  homeOf(key: string): number | undefined {
    return this.home.get(key);
  }

  private homeElector(key: string): ElectorModel {
    const c = this.home.get(key);
    if (c === undefined) throw new ModelError("E_UNKNOWN_ACCOUNT", `${key} has no account`);
    return this.elector(c);
  }

  /** SELF_NOMINATE on `chainId`; a key lives on one chain only (E_KEY_ON_OTHER_CHAIN). */
  selfNominate(chainId: number, key: string, deposit: bigint, metadata = ""): void {
    const h = this.home.get(key);
    if (h !== undefined && h !== chainId) throw new ModelError("E_KEY_ON_OTHER_CHAIN", `${key} lives on chain ${h}`);
    const e = this.elector(chainId);
    e.selfNominate(key, deposit, metadata);
    this.home.set(key, chainId);
  }

  delegate(delegator: string, key: string, amount: bigint): void {
    this.homeElector(key).delegate(delegator, key, amount);
  }

  revoke(delegator: string, key: string, amount: bigint): void {
    this.homeElector(key).revoke(delegator, key, amount);
  }

  /** A block of the network's set: counted by every chain (N), stats on the home chains. */
  recordBlock(b: { author: string; signers: readonly string[]; fee?: bigint }): void {
    for (const e of this.electors.values()) e.recordBlock(b);
  }

  /** Double vote: handled by the criminal's home chain, removed from the set on every chain. */
  reportDoubleVote(r: { criminal: string; informant: string; offenceTerm: number }): void {
    this.homeElector(r.criminal).reportDoubleVote(r);
    for (const e of this.electors.values()) e.removeFromSet(r.criminal);
  }

  /** Σ registered stake over all chains (the denominator of config votes). */
  registeredStake(): bigint {
    let s = 0n;
    for (const e of this.electors.values()) s += e.registeredStake();
    return s;
  }

  /**
   * Term close of the whole network: every chain runs steps 1–7 and reports; the masterchain merges the
   * reports of chains not listed in `late` (late = missing = empty), elects, and every chain applies the
   * set (step 8; nobody elected → previous set kept).
   */
  closeTerm(opts: { late?: number[] } = {}): NetworkCloseResult {
    const late = new Set(opts.late ?? []);
    const term = this.termId;
    const reports = new Map<number, Candidate[] | undefined>();
    for (const [c, e] of this.electors) {
      const rep = e.prepareClose();
      reports.set(c, late.has(c) ? undefined : rep);
    }
    const merged = mergeReports(reports);
    const elected = elect(merged, this.params);
    const perChain = new Map<number, CloseResult>();
    for (const [c, e] of this.electors) perChain.set(c, e.finishClose(elected));
    return { term, reports, merged, elected, perChain };
  }

  // ---------------------------------------------------------------- config voting

  /**
   * A proposal broadcast by `originChain`'s elector. The change is validated against the current config
   * (E_INVALID_PARAM / E_UNKNOWN_PARAM); `expiresAt` must be in the future (E_INVALID_ARGUMENT).
   */
  propose(originChain: number, change: ConfigChange, expiresAt: number): ProposalId {
    this.elector(originChain);
    applyChange(this.params, change);
    if (!Number.isSafeInteger(expiresAt) || expiresAt <= this.now) throw new ModelError("E_INVALID_ARGUMENT", "expiresAt must be in the future");
    const seq = this.nextSeq.get(originChain)!;
    this.nextSeq.set(originChain, seq + 1);
    const id = { originChain, seq };
    this.proposals.set(proposalKey(id), { id, change, expiresAt, status: "open", votes: new Map(), yesStake: 0n, noStake: 0n });
    return id;
  }

  /** The proposal `id` (E_UNKNOWN_PROPOSAL). */
  proposal(id: ProposalId): Proposal {
    const p = this.proposals.get(proposalKey(id));
    if (!p) throw new ModelError("E_UNKNOWN_PROPOSAL", `no proposal ${proposalKey(id)}`);
    return p;
  }

  /**
   * Vote of validator `voterKey` (must be in the set in force, E_NOT_VALIDATOR), weight = its current
   * delegation. Duplicate votes are ignored ("duplicate"). Commits as soon as yes-stake·2 > registered
   * stake; a change that became invalid meanwhile aborts (E_INVALID_PARAM is not thrown, status "aborted").
   * Fails E_PROPOSAL_CLOSED when not open (expired proposals are aborted first).
   */
  vote(id: ProposalId, voterKey: string, yes: boolean): "counted" | "duplicate" | "committed" | "aborted" {
    this.tick();
    const p = this.proposal(id);
    if (p.status !== "open") throw new ModelError("E_PROPOSAL_CLOSED", `proposal ${proposalKey(id)} is ${p.status}`);
    if (!this.validatorSet.some((v) => v.key === voterKey)) throw new ModelError("E_NOT_VALIDATOR", `${voterKey} is not a validator`);
    if (p.votes.has(voterKey)) return "duplicate";
    const weight = this.homeElector(voterKey).delegationOf(voterKey);
    p.votes.set(voterKey, { yes, weight });
    if (yes) p.yesStake += weight;
    else p.noStake += weight;
    if (p.yesStake * 2n > this.registeredStake()) {
      let next: ProtocolParams;
      try {
        next = applyChange(this.params, p.change);
      } catch {
        p.status = "aborted";
        return "aborted";
      }
      p.status = "committed";
      for (const c of this.electors.keys()) this.deliverCommit(c, id, next);
      return "committed";
    }
    return "counted";
  }

  /**
   * Delivers commit(id) to chain `chainId`: applies the change once; a replay returns false.
   * Fails E_PROPOSAL_CLOSED when the proposal is not committed.
   */
  deliverCommit(chainId: number, id: ProposalId, next?: ProtocolParams): boolean {
    const p = this.proposal(id);
    if (p.status !== "committed") throw new ModelError("E_PROPOSAL_CLOSED", `proposal ${proposalKey(id)} is ${p.status}`);
    const done = this.applied.get(chainId);
    if (!done) throw new ModelError("E_UNKNOWN_CHAIN", `no chain ${chainId}`);
    const k = proposalKey(id);
    if (done.has(k)) return false;
    const e = this.elector(chainId);
    e.setParams(next ?? applyChange(e.params, p.change));
    done.add(k);
    return true;
  }

  /** Aborts open proposals with expiresAt ≤ now; returns their ids. */
  tick(): ProposalId[] {
    const out: ProposalId[] = [];
    for (const p of this.proposals.values()) {
      if (p.status === "open" && p.expiresAt <= this.now) {
        p.status = "aborted";
        out.push(p.id);
      }
    }
    return out;
  }
}

