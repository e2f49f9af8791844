/**
 * Elector-level fuzz operations (issue 8): a root owner's nomination top-up / renewal, a refused
 * deposit withdrawal, term statistics signed by a random subset of the set (accepted above 2/3 of
 * the voting power, refused at or below) and the term close with its election. Each one is applied
 * to the reference model (src/model ElectorModel: registry, FSM, election) and to the deployed
 * contracts (test/fuzz/world.ts); the runner then compares the elector's getters with the model.
 *
 * Units: nanoevers (bigint), seconds; `r` indexes the world's roots; bit i of a mask = root i.
 */
import fc from "fast-check";
import { ElectorModel, ModelError, StakingModel } from "../../src/model";
import { EVER } from "../../bench/lib/suite";

export type ElectorOp =
  | { kind: "nominate"; r: number; deposit: bigint }
  | { kind: "withdrawDeposit"; r: number }
  | { kind: "stats"; signers: number; worked: number }
  | { kind: "endTerm" }
  | { kind: "doubleVote"; r: number };

/** Blocks of every submitted term (each listed validator signed all of them). */
export const STATS_BLOCKS = 10;

/** Weighted arbitraries of the elector-level ops over `roots` roots. */
export function electorArbs(roots: number): { arbitrary: fc.Arbitrary<ElectorOp>; weight: number }[] {
  const r = fc.nat({ max: roots - 1 });
  const mask = fc.nat({ max: 2 ** roots - 1 });
  return [
    { arbitrary: fc.record({ kind: fc.constant("nominate" as const), r, deposit: fc.bigInt({ min: 0n, max: 3n }).map((x) => x * EVER) }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant("withdrawDeposit" as const), r }), weight: 1 },
    // signers: often every root (accepted when the set is not empty), else a random subset
    { arbitrary: fc.record({ kind: fc.constant("stats" as const), signers: fc.oneof(fc.constant(2 ** roots - 1), mask), worked: mask }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant("endTerm" as const) }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant("doubleVote" as const), r }), weight: 1 },
  ];
}

/** The statistics an op submits: every member of the model's set, `proposed` 1 when its bit is in `worked`. */
export function statsOf(em: ElectorModel, keys: string[], op: { worked: number }): { key: string; proposed: number; missed: number; signed: number }[] {
  return em.validatorSet.map((v) => ({ key: v.key, proposed: (op.worked >> keys.indexOf(v.key)) & 1, missed: 0, signed: STATS_BLOCKS }));
}

/** Signers of a stats op: the roots whose bit is set (members of the set or not). */
export function signersOf(keys: string[], op: { signers: number }): string[] {
  return keys.filter((_, i) => (op.signers >> i) & 1);
}

/**
 * Applies `op` to the elector model (`keys[r]` = root r's validator key) and, for a ban, to the
 * staking model (`m`, roots "r0".."rN"); ops that need the term's end (stats, endTerm) come after the
 * world's clock moved there. Throws ModelError when refused. `deposits[r]` tracks what root r's
 * owner may withdraw (refunded deposits).
 */
export function applyElectorModel(em: ElectorModel, m: StakingModel, keys: string[], op: ElectorOp, deposits: bigint[]): void {
  switch (op.kind) {
    case "doubleVote":
      // evidence of the current term, signed by the root's signing key; the informant is outside the model
      em.reportDoubleVote({ criminal: keys[op.r], informant: "informant", offenceTerm: em.termId });
      returnStakes(m, `r${op.r}`, em.params.delegatorSlashRate);
      deposits[op.r] = 0n; // the root's whole deposit (a withdrawable leftover too) goes to the informant
      return;
    case "nominate":
      em.selfNominate(keys[op.r], op.deposit);
      m.setRootActive(`r${op.r}`, true); // Candidate again: takes stakes
      return;
    case "withdrawDeposit": {
      const a = em.account(keys[op.r]);
      if (a && a.state !== "Eligible") throw modelRefusal("E_DEPOSIT_LOCKED");
      if (deposits[op.r] === 0n) throw modelRefusal("E_NOTHING_TO_WITHDRAW");
      deposits[op.r] = 0n;
      return;
    }
    case "stats":
      em.acceptStats(STATS_BLOCKS, statsOf(em, keys, op), signersOf(keys, op));
      return;
    case "endTerm": {
      const before = keys.map((k) => em.account(k)!);
      em.closeTerm();
      // an expired (or released) root is Eligible: its deposit is refunded to it (withdrawable) and
      // its Return job gives every stake back at once (rate 0)
      keys.forEach((k, r) => {
        if (before[r].state !== "Eligible" && em.account(k)!.state === "Eligible") {
          deposits[r] += before[r].deposit;
          returnStakes(m, `r${r}`, 0);
        }
      });
      return;
    }
  }
}

/**
 * A root's Ban job (rate = DELEGATOR_SLASH_RATE) or Return job (rate 0) (docs/messages.md §3 onBan,
 * onStateChanged; §2 returnStake): every wallet settles first (released coins are not slashable),
 * then locked and unreleased unlocking coins on the root lose floor(x·rate/1000) each and the rest
 * is free at once; the root takes no stakes until it is a candidate again.
 */
function returnStakes(m: StakingModel, root: string, ratePerMille: number): void {
  for (const owner of m.wallets.keys()) m.settle(owner);
  m.slash(root, ratePerMille);
  m.returnAll(root);
  for (const w of m.wallets.values()) {
    for (const u of w.unlocking.filter((x) => x.root === root)) w.free += u.amount;
    w.unlocking = w.unlocking.filter((x) => x.root !== root);
  }
  m.setRootActive(root, false);
}

function modelRefusal(code: string): ModelError {
  return new ModelError(code, "refused by the model");
}
