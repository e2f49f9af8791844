/**
 * Message-level model of the cross-chain config vote (DDVS.md §6; docs/crosschain.md): what the
 * origin elector knows (its own local yes and registered stake, the latest tally of every other
 * chain, the last known stake of chains that have not tallied yet), the commit rule, and the number
 * of messages a proposal costs. Independent of the contracts; the chain tests check the same numbers.
 */

/** A chain's latest tally for one proposal, as the origin holds it. */
export interface ChainTally {
  yes: bigint;
  total: bigint;
}

/** What the origin elector knows about one proposal. */
export interface OriginView {
  /** chain list (the origin included) */
  chains: readonly number[];
  origin: number;
  /** the origin's own yes-stake and registered stake */
  originYes: bigint;
  originStake: bigint;
  /** latest tally per chain (a later tally replaces the earlier one) */
  tallies: ReadonlyMap<number, ChainTally>;
  /** last known registered stake of each chain (from its last candidate report or tally) */
  lastKnownStake: ReadonlyMap<number, bigint>;
}

/** Σ yes and Σ total over the chain list, and whether Σ yes · 2 > Σ total (> 0). */
export function commitDecision(v: OriginView): { yes: bigint; total: bigint; commit: boolean } {
  let yes = 0n;
  let total = 0n;
  for (const c of v.chains) {
    if (c === v.origin) {
      yes += v.originYes;
      total += v.originStake;
    } else {
      const t = v.tallies.get(c);
      if (t) {
        yes += t.yes;
        total += t.total;
      } else {
        total += v.lastKnownStake.get(c) ?? 0n;
      }
    }
  }
  return { yes, total, commit: total > 0n && yes * 2n > total };
}

/** Elector messages of one config proposal: see docs/messages.md §7. */
export interface ProposalMessages {
  propose: number;
  submitProposal: number;
  proposal: number;
  /** acknowledgements (C − 1) + vote tallies */
  tally: number;
  vote: number;
  commit: number;
  total: number;
}

/**
 * Messages of a proposal that commits, with `chains` chains (origin −1), `votes` root votes and
 * `voteTallies` tallies sent because of votes (one per chain whose members all voted, or per flush).
 */
export function proposalMessages(chains: number, votes: number, voteTallies: number): ProposalMessages {
  if (!Number.isInteger(chains) || chains < 1) throw new RangeError("chains must be a positive integer");
  const peers = chains - 1;
  const m = { propose: 1, submitProposal: 1, proposal: peers, tally: peers + voteTallies, vote: votes, commit: peers };
  return { ...m, total: m.propose + m.submitProposal + m.proposal + m.tally + m.vote + m.commit };
}
