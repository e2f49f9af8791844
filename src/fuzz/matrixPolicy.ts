/**
 * What docs/messages.md says about each function, as the bad-input matrix needs it: who may call
 * (caller kind), the error a forged sender gets, the documented minimum value, and which address
 * parameters must not be on the masterchain. Functions missing here get the defaults of
 * `policyOf` (restricted caller → NOT_AUTHORIZED, no documented minimum), so a new ABI function is
 * covered by the matrix at once; its rows fail until its behaviour matches.
 *
 * Values in nanoevers; `minValue` is the smallest value the docs require (a state-independent
 * part where the docs give a formula).
 */
export type CallerKind = "anyone" | "owner" | "wallet" | "root" | "elector" | "peer" | "self" | "rootWithPosition";

export interface FunctionPolicy {
  caller: CallerKind;
  /** error name(s) a forged sender gets (errors.json, "|"-separated alternatives); default NOT_AUTHORIZED */
  forgedError?: string;
  /** documented minimum attached value, nanoevers (below it: LOW_VALUE) */
  minValue?: bigint;
  /** address parameters that must not be on −1 (WRONG_WORKCHAIN) */
  notMasterchain?: string[];
  /** the function is only accepted on the masterchain elector (others: NOT_MASTERCHAIN) */
  masterchainOnly?: boolean;
  /** the function may not be called on the masterchain (WRONG_WORKCHAIN) */
  notOnMasterchain?: boolean;
  /**
   * a self-only continuation whose body carries the contract's own progress data after the ABI
   * parameters (docs/messages.md §4 continueClose): trailing bits are its format, so the
   * extraBits class does not apply (only the contract itself can send it: forgedSender covers it)
   */
  tail?: boolean;
}

const E = 1_000_000_000n;
const ev = (x: number) => BigInt(Math.round(x * 1e9));

export const POLICY: Record<string, Record<string, FunctionPolicy>> = {
  DePoolWallet: {
    constructor: { caller: "anyone" as CallerKind, minValue: ev(0.2) },
    deposit: { caller: "anyone", minValue: ev(0.05) },
    stake: { caller: "owner", minValue: 1n * E, notMasterchain: ["root"] },
    unlock: { caller: "owner", minValue: ev(0.5), notMasterchain: ["root"] },
    withdraw: { caller: "owner", minValue: ev(0.1) },
    claimRewards: { caller: "owner", minValue: ev(0.5), notMasterchain: ["root"] },
    redelegate: { caller: "owner", minValue: ev(1.5), notMasterchain: ["fromRoot", "toRoot"] },
    lock: { caller: "rootWithPosition", forgedError: "NO_PENDING" },
    rejectStake: { caller: "rootWithPosition", forgedError: "NO_PENDING" },
    unlocked: { caller: "rootWithPosition", forgedError: "NO_REVOKING|UNKNOWN_POSITION" },
    reward: { caller: "rootWithPosition", forgedError: "UNKNOWN_POSITION" },
    slash: { caller: "rootWithPosition", forgedError: "UNKNOWN_POSITION" },
    returnStake: { caller: "rootWithPosition", forgedError: "UNKNOWN_POSITION" },
    redelegated: { caller: "rootWithPosition", forgedError: "NO_REDELEGATION" },
    redelegateRejected: { caller: "rootWithPosition", forgedError: "NO_REDELEGATION" },
  },
  DePoolRoot: {
    constructor: { caller: "elector" as CallerKind },
    deployWallet: { caller: "anyone", minValue: ev(0.5) },
    requestStake: { caller: "wallet", minValue: ev(0.5) },
    revoke: { caller: "wallet", minValue: ev(0.3) },
    redelegate: { caller: "wallet", minValue: 1n * E },
    claimReward: { caller: "wallet", minValue: ev(0.3) },
    selfNominate: { caller: "owner", minValue: 1n * E },
    setCommission: { caller: "owner", minValue: ev(0.1) },
    withdrawDeposit: { caller: "owner", minValue: ev(0.1) },
    withdrawCommission: { caller: "owner", minValue: ev(0.1) },
    propose: { caller: "owner", minValue: 1n * E },
    vote: { caller: "owner", minValue: ev(0.5) },
    resumeJob: { caller: "anyone", minValue: 3n * E },
    continueJob: { caller: "self" },
    onNominated: { caller: "elector" },
    onStateChanged: { caller: "elector" },
    onReward: { caller: "elector" },
    onBan: { caller: "elector" },
    slashDelegators: { caller: "elector" },
    acceptRedelegation: { caller: "elector" },
    redelegationResult: { caller: "elector" },
  },
  DElectorConfig: {
    constructor: { caller: "anyone" as CallerKind },
    deployRoot: { caller: "anyone", minValue: 2n * E, notOnMasterchain: true },
    nominate: { caller: "root", minValue: ev(0.3) },
    delegate: { caller: "root", minValue: ev(0.1) },
    revoke: { caller: "root", minValue: ev(0.1) },
    redelegate: { caller: "root", minValue: ev(0.5) },
    propose: { caller: "root", minValue: ev(0.5) },
    vote: { caller: "root", minValue: ev(0.3) },
    endTerm: { caller: "anyone", minValue: 1n * E },
    continueClose: { caller: "self", tail: true },
    finalizeElection: { caller: "anyone", minValue: ev(0.5), masterchainOnly: true },
    submitTermStats: { caller: "anyone", minValue: 1n * E },
    reportDoubleVote: { caller: "anyone", minValue: 1n * E },
    depositRewards: { caller: "anyone", minValue: ev(0.05) },
    candidateReport: { caller: "peer", masterchainOnly: true },
    submitProposal: { caller: "peer", masterchainOnly: true },
    proposal: { caller: "peer" },
    tally: { caller: "peer" },
    commit: { caller: "peer" },
    abort: { caller: "peer" },
    flushTally: { caller: "anyone", minValue: ev(0.5) },
    expireProposal: { caller: "anyone", minValue: ev(0.5) },
  },
};

/** The policy of `contract.fn`, with defaults for functions the table does not list yet. */
export function policyOf(contract: string, fn: string): FunctionPolicy & { listed: boolean } {
  const p = POLICY[contract]?.[fn];
  return p ? { ...p, listed: true } : { caller: "owner", listed: false };
}
