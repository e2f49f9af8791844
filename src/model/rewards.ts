/**
 * Term rewards: disloyalty penalty and additional-reward redistribution
 * (codechain-rules.md "Work statistics and rewards"; seed "Validator Reward").
 *
 * Amounts are bigint nanoevers; counts (signed, proposed, missed, blocks) are integers.
 */
import { ModelError } from "./types";

/** Penalty factor (a, b) for S signed of N blocks, or null for "reward 0" (3S < N). */
export function penaltyFactor(signed: number, blocks: number): [bigint, bigint] | null {
  checkCounts(signed, blocks);
  const S = BigInt(signed);
  const N = BigInt(blocks);
  if (3n * S >= 2n * N) return [3n, 7n];
  if (2n * S >= N) return [48n, -23n];
  if (3n * S >= N) return [6n, -2n];
  return null;
}

function checkCounts(signed: number, blocks: number): void {
  if (!Number.isSafeInteger(blocks) || blocks < 0) throw new ModelError("E_INVALID_ARGUMENT", `blocks: expected an integer ≥ 0, got ${blocks}`, "blocks");
  if (!Number.isSafeInteger(signed) || signed < 0 || signed > blocks) {
    throw new ModelError("E_INVALID_ARGUMENT", `signed: expected an integer in 0..blocks (${blocks}), got ${signed}`, "signed");
  }
}

/**
 * The reward kept after the disloyalty penalty: `floor(R·(a·S + b·N) / (10·N))` with (a, b) from
 * {@link penaltyFactor}; 0 when 3S < N. `R − penalty(R, S, N)` goes to the pool.
 * With N = 0 (no block in the term) nothing can be measured and R is returned unchanged.
 * Monotone non-decreasing in S; penalty(R, N, N) = R.
 */
export function penalty(R: bigint, signed: number, blocks: number): bigint {
  if (typeof R !== "bigint" || R < 0n) throw new ModelError("E_INVALID_AMOUNT", `R: expected a bigint ≥ 0, got ${String(R)}`, "R");
  checkCounts(signed, blocks);
  if (blocks === 0) return R;
  const f = penaltyFactor(signed, blocks);
  if (f === null) return 0n;
  const [a, b] = f;
  const num = R * (a * BigInt(signed) + b * BigInt(blocks));
  return num / (10n * BigInt(blocks)); // num ≥ 0 here, so bigint division is floor
}

/** Per-validator work input of the additional-reward step. */
export interface AdditionalRewardInput {
  key: string;
  /** Blocks proposed in the term. */
  proposed: number;
  /** Signatures (precommits) the validator failed to collect as proposer. */
  missed: number;
  /** Banned meanwhile: excluded. */
  banned: boolean;
}

/** Exact comparison of missed/proposed fractions (proposed > 0), by cross multiplication. */
export function compareMissRate(a: { missed: number; proposed: number }, b: { missed: number; proposed: number }): number {
  const l = BigInt(a.missed) * BigInt(b.proposed);
  const r = BigInt(b.missed) * BigInt(a.proposed);
  return l < r ? -1 : l > r ? 1 : 0;
}

/**
 * Groups the diligent validators (proposed > 0, not banned) by the exact fraction missed/proposed,
 * ascending. Inside a group members are sorted by key (the order does not affect amounts).
 */
export function groupByMissRate<T extends AdditionalRewardInput>(vals: readonly T[]): T[][] {
  const eligible = vals.filter((v) => !v.banned && v.proposed > 0);
  for (const v of eligible) {
    if (!Number.isSafeInteger(v.proposed) || !Number.isSafeInteger(v.missed) || v.missed < 0) {
      throw new ModelError("E_INVALID_ARGUMENT", `validator ${v.key}: proposed/missed must be integers ≥ 0`, "missed");
    }
  }
  eligible.sort((a, b) => compareMissRate(a, b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const groups: T[][] = [];
  for (const v of eligible) {
    const last = groups[groups.length - 1];
    if (last && compareMissRate(last[0], v) === 0) last.push(v);
    else groups.push([v]);
  }
  return groups;
}

/**
 * Redistributes `pool`: per group (ascending miss rate) r = floor(remaining/(size+1)); stop at r = 0;
 * each member gets r. What remains is burned. `paid` holds only members paid (> 0).
 * Invariant: Σpaid + burned = pool.
 */
export function additionalRewards(pool: bigint, vals: readonly AdditionalRewardInput[]): { paid: Map<string, bigint>; burned: bigint } {
  if (typeof pool !== "bigint" || pool < 0n) throw new ModelError("E_INVALID_AMOUNT", `pool: expected a bigint ≥ 0`, "pool");
  const keys = new Set<string>();
  for (const v of vals) {
    if (keys.has(v.key)) throw new ModelError("E_DUPLICATE_KEY", `validator ${v.key} appears twice`, "key");
    keys.add(v.key);
  }
  const paid = new Map<string, bigint>();
  let remain = pool;
  for (const group of groupByMissRate(vals)) {
    const r = remain / BigInt(group.length + 1);
    if (r === 0n) break;
    for (const v of group) {
      paid.set(v.key, r);
      remain -= r;
    }
  }
  return { paid, burned: remain };
}

/** Per-validator input of a whole term's reward distribution. */
export interface TermRewardInput {
  key: string;
  /** R: fees earned in the term, nanoevers. */
  reward: bigint;
  /** Blocks of the term the validator signed (S). */
  signed: number;
  proposed: number;
  missed: number;
  /** Banned meanwhile: gets 0, all its R goes to the pool, excluded from additional rewards. */
  banned: boolean;
}

/** Result of {@link distributeTermRewards}. */
export interface TermRewardResult {
  /** Final payout per validator (base + additional), every input key present (0 allowed). */
  paid: Map<string, bigint>;
  /** After the penalty (0 for banned). */
  base: Map<string, bigint>;
  /** From the additional-reward redistribution. */
  additional: Map<string, bigint>;
  /** Σ(R − base): the penalty pool. */
  pool: bigint;
  /** Burned remainder of the pool. */
  burned: bigint;
  /** ΣR. */
  totalReward: bigint;
  /** The conservation identity Σpaid + burned = ΣR (always true; checked on construction). */
  conserved: boolean;
}

/**
 * A whole term: penalty on each R (banned → 0), pool = Σ(R − base), additional rewards from the pool,
 * the rest burned. `blocks` = N, the number of blocks in the term.
 * Conservation: Σpaid + burned = ΣR (see {@link checkRewardConservation}).
 */
export function distributeTermRewards(blocks: number, vals: readonly TermRewardInput[]): TermRewardResult {
  const base = new Map<string, bigint>();
  let pool = 0n;
  let totalReward = 0n;
  for (const v of vals) {
    if (base.has(v.key)) throw new ModelError("E_DUPLICATE_KEY", `validator ${v.key} appears twice`, "key");
    const kept = v.banned ? (checkCounts(v.signed, blocks), 0n) : penalty(v.reward, v.signed, blocks);
    if (v.reward < 0n) throw new ModelError("E_INVALID_AMOUNT", `reward of ${v.key} is negative`, "reward");
    base.set(v.key, kept);
    pool += v.reward - kept;
    totalReward += v.reward;
  }
  const { paid: additional, burned } = additionalRewards(pool, vals);
  const paid = new Map<string, bigint>();
  for (const v of vals) paid.set(v.key, base.get(v.key)! + (additional.get(v.key) ?? 0n));
  const r: TermRewardResult = { paid, base, additional, pool, burned, totalReward, conserved: false };
  r.conserved = checkRewardConservation(r);
  if (!r.conserved) throw new ModelError("E_INTERNAL", "reward conservation violated");
  return r;
}

/** Σpaid + burned = ΣR. */
export function checkRewardConservation(r: TermRewardResult): boolean {
  let s = r.burned;
  for (const x of r.paid.values()) s += x;
  return s === r.totalReward;
}
