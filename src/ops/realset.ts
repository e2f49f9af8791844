/**
 * The demo's validators: every key of config param 34 of the Everscale mainnet config
 * (docs/real-validators.md), its home workchain, its delegation and deposit, and a fresh
 * simulation signing key (docs/simulator.md). Amounts in nanoevers.
 *
 * Delegation = `floor(totalStake · w_i / W)`: proportional to the real weight, so validators
 * with equal real weights (the 34 capped at `max_stake_factor`) get exactly equal delegations
 * (weightsToStakes hands the rounding rest out one nanoever at a time, which would break those
 * ties by 1 nanoever; Σ here is below totalStake by < 187 nanoevers).
 */
import type { KeyPair } from "@ton/crypto";
import { loadRealValidatorSet, DEFAULT_TOTAL_STAKE } from "../network/p34";
import { simSigningKey } from "../simulator/keys";

export interface PlannedValidator {
  /** index in p34 (the first `main` = 100 are the masterchain validators) */
  index: number;
  /** the real p34 key, 64 hex */
  key: string;
  /** home workchain of its DePoolRoot */
  chain: number;
  /** total delegation its stakers lock, nanoevers */
  delegation: bigint;
  /** self-nomination deposit, nanoevers */
  deposit: bigint;
  /** simulation signing key (stands in for the unknown real secret) */
  signingKey: KeyPair;
  /** signingKey's public key as a uint256 hex */
  signingKeyHex: string;
  /** true for the 100 masterchain validators of the real set */
  main: boolean;
}

export interface ValidatorPlan {
  validators: PlannedValidator[];
  main: number;
  totalStake: bigint;
}

/**
 * The plan: validator i lives on workchain `workchains[i % n]`, deposit = `deposit` (default
 * 10,000 EVER = MIN_DEPOSIT, plus i nanoevers so no two deposits tie).
 */
export function planValidators(
  opts: { workchains?: number[]; totalStake?: bigint; deposit?: bigint; seed?: string | number; limit?: number } = {},
): ValidatorPlan {
  const set = loadRealValidatorSet();
  const wcs = opts.workchains ?? [0, 1, 2];
  const total = opts.totalStake ?? DEFAULT_TOTAL_STAKE;
  const W = set.validators.reduce((a, v) => a + v.weight, 0n);
  const base = opts.deposit ?? 10_000n * 1_000_000_000n;
  const list = set.validators.slice(0, opts.limit ?? set.validators.length);
  const validators = list.map((v, i) => {
    const signingKey = simSigningKey(v.publicKey, opts.seed ?? "ddvs-demo");
    return {
      index: v.index,
      key: v.publicKey,
      chain: wcs[i % wcs.length],
      delegation: (total * v.weight) / W,
      deposit: base + BigInt(i),
      signingKey,
      signingKeyHex: signingKey.publicKey.toString("hex"),
      main: v.index < set.main,
    };
  });
  return { validators, main: set.main, totalStake: total };
}
