/**
 * The election (codechain-rules.md "Election", steps 1–6; seed "Election").
 *
 * Amounts are bigint nanoevers; keys 64-char lowercase hex (so string order = numeric order).
 */
import { Candidate, Elected, ElectionParams, ModelError, validateElectionParams } from "./types";

/**
 * Total ranking order (step 2): delegation desc, deposit desc, order desc (more recent first),
 * key asc. Returns < 0 when `a` ranks above `b`, 0 only for the same key.
 */
export function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.delegation !== b.delegation) return a.delegation > b.delegation ? -1 : 1;
  if (a.deposit !== b.deposit) return a.deposit > b.deposit ? -1 : 1;
  if (a.order !== b.order) return a.order > b.order ? -1 : 1;
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return 0;
}

/** Returns a new array of the candidates in rank order (best first). Does not filter. */
export function rankCandidates(cands: readonly Candidate[]): Candidate[] {
  return [...cands].sort(compareCandidates);
}

/** Step 1: deposit ≥ minDeposit and delegation > 0. */
export function isEligible(c: Candidate, params: Pick<ElectionParams, "minDeposit">): boolean {
  return c.deposit >= params.minDeposit && c.delegation > 0n;
}

/** Eligible candidates (step 1) in rank order (step 2). Throws E_DUPLICATE_KEY on repeated keys. */
export function rankEligible(cands: readonly Candidate[], params: Pick<ElectionParams, "minDeposit">): Candidate[] {
  const seen = new Set<string>();
  for (const c of cands) {
    if (seen.has(c.key)) throw new ModelError("E_DUPLICATE_KEY", `candidate ${c.key} appears twice`, "key");
    seen.add(c.key);
  }
  return rankCandidates(cands.filter((c) => isEligible(c, params)));
}

/** Detailed result of an election, for explanations and tests. */
export interface ElectionOutcome {
  /** Eligible candidates in rank order (steps 1–2). */
  ranked: Candidate[];
  /** The top MAX (step 3). */
  top: Candidate[];
  /** The first dropout (rank MAX, 0-based), if any. */
  dropout: Candidate | null;
  /** The validators, in rank order; [] = nobody, the caller keeps the previous set (step 6). */
  elected: Elected[];
}

/** Runs steps 1–6 and returns every intermediate result. */
export function electDetailed(cands: readonly Candidate[], params: ElectionParams): ElectionOutcome {
  validateElectionParams(params);
  const ranked = rankEligible(cands, params); // steps 1, 2
  const top = ranked.slice(0, params.maxValidators); // step 3
  const dropout = ranked.length > params.maxValidators ? ranked[params.maxValidators] : null;
  const minSeats = Math.min(params.minValidators, top.length); // step 4
  const chosen = top.filter(
    (c, i) =>
      i < minSeats || // step 4: first min(MIN, n) whatever ties/threshold say
      ((dropout === null || c.delegation !== dropout.delegation) && c.delegation >= params.delegationThreshold), // step 5
  );
  return { ranked, top, dropout, elected: chosen.map((c) => ({ key: c.key, votingPower: c.delegation })) };
}

/**
 * The election: validators in rank order with votingPower = delegation.
 * Returns [] when nobody is eligible (step 6: the caller keeps the previous set).
 * The result is always a prefix of `rankEligible(cands)`, of size ≤ MAX and ≥ min(MIN, eligible).
 */
export function elect(cands: readonly Candidate[], params: ElectionParams): Elected[] {
  return electDetailed(cands, params).elected;
}

/** Sum of voting powers of a set. */
export function totalVotingPower(set: readonly Elected[]): bigint {
  return set.reduce((s, v) => s + v.votingPower, 0n);
}
