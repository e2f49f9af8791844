/**
 * Wallet/root coin accounting (DDVS.md §2 staking flow, §5 slashing) and the root's reward
 * accumulator.
 *
 * Units: amounts bigint nanoevers, time unix seconds, rates per mille.
 *
 * A wallet holds `free`, `pending[root]` (stake requested, not yet answered), `locked[root]`
 * ({amount, lockUntil}) and `unlocking` entries ({root, amount, releaseAt}). Coins stay in the wallet;
 * only withdrawals (to the owner) and slashes take them out. Claimed root rewards come in.
 *
 * Rules:
 * - stake: free → pending[root]; the root answers lock (pending → locked, lockUntil = max(old lockUntil,
 *   now + lockPeriod)) or reject (pending → free).
 * - unlock(amount): locked → unlocking with releaseAt = max(lockUntil, now) + unlockPeriod.
 * - settle: unlocking entries with releaseAt ≤ now become free (withdraw settles first).
 * - withdraw: only free coins, after settling.
 * - slash(root, rate): floor(x·rate/1000) of each locked position and of each unlocking entry of that root.
 * - returnAll(root): the root became Eligible/Banned: its locked positions become free at once.
 * - rewards: the validator takes floor(R·commission/1000); the rest is distributed lazily by an
 *   accumulator scaled by ACC_PRECISION = 10^18 (reward per locked nanoever). Flooring leftovers
 *   ("dust") stay in the root and are accounted exactly in scaled units (dustScaled).
 *
 * Conservation ({@link StakingModel.checkConservation}):
 *   Σ wallets(free + pending + locked + unlocking) + withdrawn + slashed = deposited + rewardsClaimed
 *   rewardsIn = commissionPaid + rewardsClaimed + Σ roots rewardBalance
 *   per root: rewardBalance·P = Σ positions (owedScaled + locked·(acc − snapshot)) + dustScaled
 */
import { ModelError } from "./types";

/** Precision of the reward-per-stake accumulator. */
export const ACC_PRECISION = 10n ** 18n;

export interface LockPosition {
  amount: bigint;
  lockUntil: number;
}

export interface UnlockingEntry {
  root: string;
  amount: bigint;
  releaseAt: number;
}

export interface Wallet {
  owner: string;
  free: bigint;
  pending: Map<string, bigint>;
  locked: Map<string, LockPosition>;
  unlocking: UnlockingEntry[];
}

/** A root's staking policy. */
export interface RootPolicy {
  /** LOCK_PERIOD of this root, seconds. */
  lockPeriod: number;
  /** Unlock period, seconds. */
  unlockPeriod: number;
  /** Minimum accepted stake, nanoevers. */
  minStake: bigint;
  /** Maximum total locked, nanoevers; 0 = unlimited. */
  capacity: bigint;
  /** Validator commission, per mille 0..1000. */
  commission: number;
  /** False when the root is Eligible or Banned: stakes are rejected. */
  active: boolean;
}

interface RewardPosition {
  snapshot: bigint;
  owedScaled: bigint;
}

export interface RootState extends RootPolicy {
  id: string;
  totalLocked: bigint;
  /** Reward per locked nanoever, scaled by ACC_PRECISION. */
  acc: bigint;
  /** Reward coins held by the root for stakers (owed + dust). */
  rewardBalance: bigint;
  /** Undistributed flooring remainder, scaled by ACC_PRECISION. */
  dustScaled: bigint;
  rewardsIn: bigint;
  commissionPaid: bigint;
  positions: Map<string, RewardPosition>;
}

export type StakeAnswer = { locked: true; lockUntil: number } | { locked: false; reason: string };

function fail(code: string, msg: string): never {
  throw new ModelError(code, msg);
}

function positive(a: bigint, field = "amount"): bigint {
  if (typeof a !== "bigint" || a <= 0n) fail("E_INVALID_AMOUNT", `${field} must be a positive bigint`);
  return a;
}

/** The coin accounting of all wallets and roots. Every failing call throws and changes nothing. */
export class StakingModel {
  readonly wallets = new Map<string, Wallet>();
  readonly roots = new Map<string, RootState>();
  now = 0;
  deposited = 0n;
  withdrawn = 0n;
  slashed = 0n;
  rewardsClaimed = 0n;

  constructor(now = 0) {
    this.now = now;
  }

  /** Moves the clock forward (E_TIME_BACKWARDS). */
  setNow(t: number): void {
    if (!Number.isSafeInteger(t) || t < this.now) fail("E_TIME_BACKWARDS", `time ${t} < now ${this.now}`);
    this.now = t;
  }

  /** Registers a root with its policy. */
  addRoot(id: string, policy: Partial<RootPolicy> = {}): RootState {
    if (this.roots.has(id)) fail("E_ROOT_EXISTS", `root ${id} exists`);
    const p: RootPolicy = { lockPeriod: 0, unlockPeriod: 0, minStake: 1n, capacity: 0n, commission: 0, active: true, ...policy };
    if (!Number.isSafeInteger(p.lockPeriod) || p.lockPeriod < 0 || !Number.isSafeInteger(p.unlockPeriod) || p.unlockPeriod < 0) fail("E_INVALID_PARAM", "periods must be integers ≥ 0");
    if (!Number.isSafeInteger(p.commission) || p.commission < 0 || p.commission > 1000) fail("E_INVALID_PARAM", "commission must be per mille 0..1000");
    if (p.minStake < 0n || p.capacity < 0n) fail("E_INVALID_PARAM", "minStake/capacity must be ≥ 0");
    const r: RootState = { ...p, id, totalLocked: 0n, acc: 0n, rewardBalance: 0n, dustScaled: 0n, rewardsIn: 0n, commissionPaid: 0n, positions: new Map() };
    this.roots.set(id, r);
    return r;
  }

  root(id: string): RootState {
    return this.roots.get(id) ?? fail("E_UNKNOWN_ROOT", `no root ${id}`);
  }

  wallet(owner: string): Wallet {
    return this.wallets.get(owner) ?? fail("E_UNKNOWN_WALLET", `no wallet of ${owner}`);
  }

  /** Sets whether the root accepts stakes (false = Eligible/Banned). */
  setRootActive(id: string, active: boolean): void {
    this.root(id).active = active;
  }

  /** Owner deposits coins: free += amount (creates the wallet). */
  deposit(owner: string, amount: bigint): void {
    positive(amount);
    let w = this.wallets.get(owner);
    if (!w) {
      w = { owner, free: 0n, pending: new Map(), locked: new Map(), unlocking: [] };
      this.wallets.set(owner, w);
    }
    w.free += amount;
    this.deposited += amount;
  }

  /** stake(root, amount): free → pending[root]. E_INSUFFICIENT_FREE, E_UNKNOWN_ROOT. */
  stake(owner: string, rootId: string, amount: bigint): void {
    positive(amount);
    const w = this.wallet(owner);
    this.root(rootId);
    if (w.free < amount) fail("E_INSUFFICIENT_FREE", `free ${w.free} < ${amount}`);
    w.free -= amount;
    w.pending.set(rootId, (w.pending.get(rootId) ?? 0n) + amount);
  }

  private takePending(w: Wallet, rootId: string, amount: bigint): void {
    const p = w.pending.get(rootId) ?? 0n;
    if (p < amount) fail("E_NO_PENDING", `pending ${p} < ${amount}`);
    if (p === amount) w.pending.delete(rootId);
    else w.pending.set(rootId, p - amount);
  }

  private settleReward(r: RootState, owner: string, lockedAmount: bigint): RewardPosition {
    let pos = r.positions.get(owner);
    if (!pos) {
      pos = { snapshot: r.acc, owedScaled: 0n };
      r.positions.set(owner, pos);
    }
    pos.owedScaled += lockedAmount * (r.acc - pos.snapshot);
    pos.snapshot = r.acc;
    return pos;
  }

  /** The root's answer "lock": pending → locked, lockUntil = max(old, now + lockPeriod). */
  acceptStake(owner: string, rootId: string, amount: bigint): number {
    positive(amount);
    const w = this.wallet(owner);
    const r = this.root(rootId);
    this.takePending(w, rootId, amount);
    const cur = w.locked.get(rootId) ?? { amount: 0n, lockUntil: 0 };
    this.settleReward(r, owner, cur.amount);
    const lockUntil = Math.max(cur.lockUntil, this.now + r.lockPeriod);
    w.locked.set(rootId, { amount: cur.amount + amount, lockUntil });
    r.totalLocked += amount;
    return lockUntil;
  }

  /** The root's answer "reject" (or a bounce): pending → free. */
  rejectStake(owner: string, rootId: string, amount: bigint): void {
    positive(amount);
    const w = this.wallet(owner);
    this.takePending(w, rootId, amount);
    w.free += amount;
  }

  /**
   * The root decides by its policy: inactive → reject E_ROOT_INACTIVE; amount < minStake → E_STAKE_TOO_SMALL;
   * over capacity → E_ROOT_FULL; else lock.
   */
  resolveStake(owner: string, rootId: string, amount: bigint): StakeAnswer {
    positive(amount);
    const w = this.wallet(owner);
    const r = this.root(rootId);
    if ((w.pending.get(rootId) ?? 0n) < amount) fail("E_NO_PENDING", `pending < ${amount}`);
    let reason: string | null = null;
    if (!r.active) reason = "E_ROOT_INACTIVE";
    else if (amount < r.minStake) reason = "E_STAKE_TOO_SMALL";
    else if (r.capacity > 0n && r.totalLocked + amount > r.capacity) reason = "E_ROOT_FULL";
    if (reason) {
      this.rejectStake(owner, rootId, amount);
      return { locked: false, reason };
    }
    return { locked: true, lockUntil: this.acceptStake(owner, rootId, amount) };
  }

  /** unlock(root, amount): locked → unlocking, releaseAt = max(lockUntil, now) + unlockPeriod. */
  unlock(owner: string, rootId: string, amount: bigint): number {
    positive(amount);
    const w = this.wallet(owner);
    const r = this.root(rootId);
    const cur = w.locked.get(rootId);
    if (!cur || cur.amount < amount) fail("E_INSUFFICIENT_LOCKED", `locked ${cur?.amount ?? 0n} < ${amount}`);
    this.settleReward(r, owner, cur.amount);
    const releaseAt = Math.max(cur.lockUntil, this.now) + r.unlockPeriod;
    if (cur.amount === amount) w.locked.delete(rootId);
    else w.locked.set(rootId, { amount: cur.amount - amount, lockUntil: cur.lockUntil });
    w.unlocking.push({ root: rootId, amount, releaseAt });
    r.totalLocked -= amount;
    return releaseAt;
  }

  /** Unlocking entries with releaseAt ≤ now become free; returns the amount settled. */
  settle(owner: string): bigint {
    const w = this.wallet(owner);
    let s = 0n;
    w.unlocking = w.unlocking.filter((u) => {
      if (u.releaseAt <= this.now) {
        s += u.amount;
        return false;
      }
      return true;
    });
    w.free += s;
    return s;
  }

  /** Coins the owner could withdraw now (free + released unlocking). */
  withdrawable(owner: string): bigint {
    const w = this.wallet(owner);
    return w.unlocking.reduce((s, u) => (u.releaseAt <= this.now ? s + u.amount : s), w.free);
  }

  /** withdraw(amount): settles, then sends free coins to the owner. E_INSUFFICIENT_FREE. */
  withdraw(owner: string, amount: bigint): void {
    positive(amount);
    if (this.withdrawable(owner) < amount) fail("E_INSUFFICIENT_FREE", `withdrawable < ${amount}`);
    this.settle(owner);
    const w = this.wallet(owner);
    w.free -= amount;
    this.withdrawn += amount;
  }

  /**
   * Slashes floor(x·rate/1000) of every locked position and every unlocking entry on `rootId`
   * (rate per mille 0..1000). Returns the total slashed (to the informant or burned, outside the model).
   */
  slash(rootId: string, ratePerMille: number): bigint {
    const r = this.root(rootId);
    if (!Number.isSafeInteger(ratePerMille) || ratePerMille < 0 || ratePerMille > 1000) fail("E_INVALID_PARAM", "rate must be per mille 0..1000");
    const rate = BigInt(ratePerMille);
    let total = 0n;
    for (const w of this.wallets.values()) {
      const lp = w.locked.get(rootId);
      if (lp) {
        const cut = (lp.amount * rate) / 1000n;
        if (cut > 0n) {
          this.settleReward(r, w.owner, lp.amount);
          lp.amount -= cut;
          r.totalLocked -= cut;
          total += cut;
          if (lp.amount === 0n) w.locked.delete(rootId);
        }
      }
      for (const u of w.unlocking) {
        if (u.root !== rootId) continue;
        const cut = (u.amount * rate) / 1000n;
        u.amount -= cut;
        total += cut;
      }
      w.unlocking = w.unlocking.filter((u) => u.amount > 0n);
    }
    this.slashed += total;
    return total;
  }

  /** The root became Eligible/Banned: every locked position on it becomes free at once. Returns the total. */
  returnAll(rootId: string): bigint {
    const r = this.root(rootId);
    let total = 0n;
    for (const w of this.wallets.values()) {
      const lp = w.locked.get(rootId);
      if (!lp) continue;
      this.settleReward(r, w.owner, lp.amount);
      w.locked.delete(rootId);
      w.free += lp.amount;
      r.totalLocked -= lp.amount;
      total += lp.amount;
    }
    return total;
  }

  /**
   * The root receives reward R: commission floor(R·c/1000) to the validator, the rest to the locked
   * stakers via the accumulator (all of it to dust when nothing is locked).
   */
  reward(rootId: string, R: bigint): { commission: bigint; distributed: bigint } {
    positive(R, "R");
    const r = this.root(rootId);
    const commission = (R * BigInt(r.commission)) / 1000n;
    const rest = R - commission;
    r.rewardsIn += R;
    r.commissionPaid += commission;
    r.rewardBalance += rest;
    const scaled = rest * ACC_PRECISION;
    if (r.totalLocked === 0n) {
      r.dustScaled += scaled;
      return { commission, distributed: 0n };
    }
    const delta = scaled / r.totalLocked;
    r.acc += delta;
    r.dustScaled += scaled - delta * r.totalLocked;
    return { commission, distributed: rest };
  }

  /** Reward claimable now by `owner` from `rootId` (floor of the scaled amount). */
  pendingReward(owner: string, rootId: string): bigint {
    const r = this.root(rootId);
    const pos = r.positions.get(owner);
    const locked = this.wallets.get(owner)?.locked.get(rootId)?.amount ?? 0n;
    const owed = (pos?.owedScaled ?? 0n) + locked * (r.acc - (pos?.snapshot ?? r.acc));
    return owed / ACC_PRECISION;
  }

  /** Claims the owner's reward from `rootId` into free; the sub-nanoever remainder stays owed. */
  claim(owner: string, rootId: string): bigint {
    const w = this.wallet(owner);
    const r = this.root(rootId);
    const pos = this.settleReward(r, owner, w.locked.get(rootId)?.amount ?? 0n);
    const pay = pos.owedScaled / ACC_PRECISION;
    pos.owedScaled -= pay * ACC_PRECISION;
    r.rewardBalance -= pay;
    w.free += pay;
    this.rewardsClaimed += pay;
    return pay;
  }

  /** Total coins in a wallet. */
  walletTotal(owner: string): bigint {
    const w = this.wallet(owner);
    let s = w.free;
    for (const v of w.pending.values()) s += v;
    for (const v of w.locked.values()) s += v.amount;
    for (const u of w.unlocking) s += u.amount;
    return s;
  }

  /** All conservation identities; `ok` when every one holds. */
  checkConservation(): { ok: boolean; walletsLhs: bigint; walletsRhs: bigint; rewardsOk: boolean; scaledOk: boolean; lockedOk: boolean } {
    let inWallets = 0n;
    for (const w of this.wallets.values()) inWallets += this.walletTotal(w.owner);
    const walletsLhs = inWallets + this.withdrawn + this.slashed;
    const walletsRhs = this.deposited + this.rewardsClaimed;
    let rewardsIn = 0n;
    let commission = 0n;
    let balance = 0n;
    let scaledOk = true;
    let lockedOk = true;
    for (const r of this.roots.values()) {
      rewardsIn += r.rewardsIn;
      commission += r.commissionPaid;
      balance += r.rewardBalance;
      let owed = r.dustScaled;
      let locked = 0n;
      for (const w of this.wallets.values()) {
        const lp = w.locked.get(r.id)?.amount ?? 0n;
        locked += lp;
        const pos = r.positions.get(w.owner);
        owed += (pos?.owedScaled ?? 0n) + lp * (r.acc - (pos?.snapshot ?? r.acc));
      }
      if (owed !== r.rewardBalance * ACC_PRECISION) scaledOk = false;
      if (locked !== r.totalLocked) lockedOk = false;
    }
    const rewardsOk = rewardsIn === commission + this.rewardsClaimed + balance;
    return { ok: walletsLhs === walletsRhs && rewardsOk && scaledOk && lockedOk, walletsLhs, walletsRhs, rewardsOk, scaledOk, lockedOk };
  }
}
