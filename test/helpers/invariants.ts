/**
 * The "no coin lost" identities (docs/architecture.md §3), checked to the nanoever.
 *
 * Root:   totalLocked = Σ stakes.locked; walletCount = |stakes|;
 *         rewardsIn = commissionPaid + commissionBalance + claimed + rewardBalance;
 *         rewardBalance·10^18 = Σ owedScaled + Σ locked·(acc − snapshot) + dustScaled.
 * Wallets (DDVS "no coin lost"): Σ(free + pending + locked + revoking + unlocking) + withdrawn
 *         + slashed = Σ deposits + Σ rewards, where free + committed = balance − WALLET_RESERVE
 *         − own fees; counted from each wallet's own counters (`getTotals`, positions).
 */
import { expect } from "chai";
import { Address, Contract } from "locklift";
import type { DePoolRootAbi, DePoolWalletAbi } from "../../build/factorySource";

const SCALE = 10n ** 18n;

export interface RootBooks {
  totalLocked: bigint;
  walletCount: number;
  unsyncedDelegation: bigint;
  acc: bigint;
  dustScaled: bigint;
  rewardBalance: bigint;
  commissionBalance: bigint;
  rewardsIn: bigint;
  commissionPaid: bigint;
  stakes: Map<string, { locked: bigint; lockUntil: number; unlockingUntil: number; rewardSnapshot: bigint; owedScaled: bigint }>;
}

/** Reads the root's books (totals, rewards, every stake entry). */
export async function rootBooks(root: Contract<DePoolRootAbi>): Promise<RootBooks> {
  const t = await root.getters.getStakeTotals({}).run();
  const r = await root.getters.getRewards({}).run();
  const { stakes } = await root.getters.getStakes({}).run();
  const map = new Map<string, RootBooks["stakes"] extends Map<string, infer V> ? V : never>();
  for (const [a, e] of stakes as unknown as [Address, Record<string, string>][]) {
    map.set(a.toString(), { locked: BigInt(e.locked), lockUntil: Number(e.lockUntil), unlockingUntil: Number(e.unlockingUntil), rewardSnapshot: BigInt(e.rewardSnapshot), owedScaled: BigInt(e.owedScaled) });
  }
  return {
    totalLocked: BigInt(t.totalLocked),
    walletCount: Number(t.walletCount),
    unsyncedDelegation: BigInt(t.unsyncedDelegation),
    acc: BigInt(r.accRewardPerStake),
    dustScaled: BigInt(r.dustScaled),
    rewardBalance: BigInt(r.rewardBalance),
    commissionBalance: BigInt(r.commissionBalance),
    rewardsIn: BigInt(r.rewardsIn),
    commissionPaid: BigInt(r.commissionPaid),
    stakes: map,
  };
}

/**
 * Checks the root's identities; `claimed` = Σ rewards paid to wallets (from RewardClaimed events
 * or the wallets' counters). Returns the books.
 */
export async function checkRootIdentities(root: Contract<DePoolRootAbi>, claimed: bigint): Promise<RootBooks> {
  const b = await rootBooks(root);
  let locked = 0n;
  let owed = 0n;
  for (const e of b.stakes.values()) {
    locked += e.locked;
    owed += e.owedScaled + e.locked * (b.acc - e.rewardSnapshot);
  }
  expect(b.totalLocked, "totalLocked = Σ locked").to.equal(locked);
  expect(b.walletCount, "walletCount = entries").to.equal(b.stakes.size);
  expect(b.rewardsIn, "rewardsIn = commissionPaid + commissionBalance + claimed + rewardBalance").to.equal(b.commissionPaid + b.commissionBalance + claimed + b.rewardBalance);
  expect(b.rewardBalance * SCALE, "rewardBalance·1e18 = Σ owed + dust").to.equal(owed + b.dustScaled);
  return b;
}

export interface WalletBooks {
  free: bigint;
  committed: bigint;
  balance: bigint;
  deposited: bigint;
  withdrawn: bigint;
  slashed: bigint;
  rewards: bigint;
}

/** A wallet's own counters (getDetails, getTotals). */
export async function walletBooks(wallet: Contract<DePoolWalletAbi>): Promise<WalletBooks> {
  const d = await wallet.getters.getDetails({}).run();
  const t = await wallet.getters.getTotals({}).run();
  return {
    free: BigInt(d.free),
    committed: BigInt(d.committed),
    balance: BigInt(d.balance),
    deposited: BigInt(t.deposited),
    withdrawn: BigInt(t.withdrawn),
    slashed: BigInt(t.slashed),
    rewards: BigInt(t.rewards),
  };
}

/**
 * DDVS "no coin lost" across wallets: Σ(free + committed) + withdrawn + slashed = Σ deposits +
 * Σ rewards − Σ fees the wallets paid from their own balance (`ownFees`, per wallet, from their
 * transactions). Committed = pending + locked + revoking + unlocking (+ redelegations).
 * Checked to the nanoever.
 */
export async function checkNoCoinLost(wallets: Contract<DePoolWalletAbi>[], ownFees: (w: Contract<DePoolWalletAbi>) => Promise<bigint>): Promise<void> {
  for (const w of wallets) {
    const b = await walletBooks(w);
    const fees = await ownFees(w);
    expect(b.free + b.committed + b.withdrawn + b.slashed, `wallet ${w.address}: free + committed + withdrawn + slashed = deposited + rewards − own fees`).to.equal(b.deposited + b.rewards - fees);
  }
}
