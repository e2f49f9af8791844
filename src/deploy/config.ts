/** DElectorConfig constructor arguments: the config tuple (docs/messages.md §1, ids 1–18) and chain list. */

const EVER = 1_000_000_000n;

/** Config params 1–18 in the constructor's tuple order; amounts in nanoevers, periods in seconds/terms. */
export interface ElectorConfig {
  term: number;
  nominationExpiration: number;
  custodyPeriod: number;
  releasePeriod: number;
  maxValidators: number;
  minValidators: number;
  delegationThreshold: bigint;
  minDeposit: bigint;
  delegatorSlashRate: number;
  slashToInformant: boolean;
  minLockPeriod: number;
  maxLockPeriod: number;
  minUnlockPeriod: number;
  maxUnlockPeriod: number;
  maxCommission: number;
  minStake: bigint;
  reportTimeout: number;
  maxProposalDuration: number;
}

/** The defaults of docs/messages.md §1. */
export const DEFAULT_CONFIG: Readonly<ElectorConfig> = Object.freeze({
  term: 3600,
  nominationExpiration: 24,
  custodyPeriod: 24,
  releasePeriod: 240,
  maxValidators: 30,
  minValidators: 4,
  delegationThreshold: 100_000n * EVER,
  minDeposit: 10_000n * EVER,
  delegatorSlashRate: 0,
  slashToInformant: true,
  minLockPeriod: 0,
  maxLockPeriod: 31_536_000,
  minUnlockPeriod: 7_200,
  maxUnlockPeriod: 2_592_000,
  maxCommission: 1000,
  minStake: EVER,
  reportTimeout: 300,
  maxProposalDuration: 604_800,
});

/** The config tuple as nekoton tokens (numbers as decimal strings). */
export function configTokens(c: ElectorConfig): Record<string, string | boolean> {
  return Object.fromEntries(Object.entries(c).map(([k, v]) => [k, typeof v === "boolean" ? v : String(v)]));
}

/** ABI `map(int8,bool)` tokens of a chain list. */
export function chainsTokens(chains: readonly number[]): [number, boolean][] {
  return chains.map((c) => [c, true]);
}
