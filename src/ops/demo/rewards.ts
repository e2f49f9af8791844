/**
 * The demo's reward path (codechain-rules.md "Work statistics and rewards"; docs/messages.md §4
 * `depositRewards`, `submitTermStats`, `endTerm` step 1; §2 `claimRewards`):
 *
 * 1. the simulator credits each committed block's fee to its author; per workchain, Σ fees of its
 *    local set members go into that chain's elector with `depositRewards` (the keeper's wallet
 *    pays, standing in for the block fees the chain collected);
 * 2. the signed statistics reserve those fees at `submitTermStats`; the next close pays them to
 *    the roots after the penalty curve (additional rewards, the rest burned);
 * 3. a few stakers claim from their roots (`DePoolWallet.claimRewards` → `reward`).
 *
 * Amounts in nanoevers. Reads are getters in parallel (READ_CONCURRENCY).
 */
import type { Address } from "locklift";
import type { ValidatorStats } from "../../simulator";
import { dwallet, root as rootAt, Elector } from "../contracts";
import { mapLimit, perOwner, READ_CONCURRENCY } from "../pool";
import type { InstalledSet } from "./read";
import { VALUE } from "./setup";
import type { DemoStake, DemoWorld } from "./world";

/** Σ over the workchain electors of `getRewardPool` (nanoevers). */
export interface PoolTotals {
  pool: bigint;
  reserved: bigint;
  deposited: bigint;
  paid: bigint;
  burned: bigint;
}

/** Reads every workchain elector's reward pool and sums them. */
export async function readPools(workchainElectors: readonly Elector[]): Promise<PoolTotals> {
  const rs = await mapLimit(workchainElectors, READ_CONCURRENCY, (e) => e.getters.getRewardPool({}).run());
  const t: PoolTotals = { pool: 0n, reserved: 0n, deposited: 0n, paid: 0n, burned: 0n };
  for (const r of rs) for (const k of Object.keys(t) as (keyof PoolTotals)[]) t[k] += BigInt(r[k]);
  return t;
}

/** Σ simulated fees per workchain: each set member's fees go to its home chain (nanoevers). */
export function feesByChain(stats: ReadonlyMap<string, ValidatorStats>, members: InstalledSet["members"]): Map<number, bigint> {
  const out = new Map<number, bigint>();
  for (const [key, s] of stats) {
    const m = members.get(key);
    if (!m || s.fees === 0n) continue;
    out.set(m.chainId, (out.get(m.chainId) ?? 0n) + s.fees);
  }
  return out;
}

/**
 * Deposits each chain's fees into its elector's pool (`depositRewards`, value = amount + 1 EVER,
 * the change returns to the keeper). `send` checks the cascade (a refusal is the caller's note).
 * Returns Σ deposited.
 */
export async function depositFees(
  w: DemoWorld,
  fees: ReadonlyMap<number, bigint>,
  send: (label: string, fn: () => Promise<import("locklift").Transaction>) => Promise<boolean>,
): Promise<bigint> {
  let total = 0n;
  // one sender (the keeper's wallet): one message at a time
  for (const [chain, amount] of [...fees].sort((a, b) => a[0] - b[0])) {
    const e = w.electors.get(chain)!;
    const ok = await send(`DElectorConfig.depositRewards on ${chain}`, () =>
      e.methods.depositRewards({ amount: amount.toString(), remainingGasTo: w.keeper.address }).send({ from: w.keeper.address, amount: (amount + VALUE.depositRewardsExtra).toString(), bounce: true }),
    );
    if (ok) total += amount;
  }
  return total;
}

/** One staker's claim: the root, the wallet and what reached the wallet (nanoevers). */
export interface Claim {
  staker: string;
  wallet: Address;
  root: Address;
  validator: string;
  amount: bigint;
}

/** Σ `getTotals` of the given wallets, by wallet address. */
export async function walletTotals(wallets: readonly Address[]): Promise<Map<string, { slashed: bigint; rewards: bigint }>> {
  const rs = await mapLimit(wallets, READ_CONCURRENCY, (a) => dwallet(a).getters.getTotals({}).run());
  return new Map(wallets.map((a, i) => [a.toString(), { slashed: BigInt(rs[i].slashed), rewards: BigInt(rs[i].rewards) }]));
}

/**
 * The `count` stakes with the largest pending reward (`DePoolRoot.getStake.pendingReward`) among
 * `stakes`, at most one per staker; each staker claims from that root (`claimRewards`). Returns
 * the claims with the amount each wallet received (`getTotals.rewards` delta).
 */
export async function claimSome(
  w: DemoWorld,
  stakes: readonly DemoStake[],
  count: number,
  send: (label: string, fn: () => Promise<import("locklift").Transaction>) => Promise<boolean>,
): Promise<Claim[]> {
  const pending = await mapLimit(stakes, READ_CONCURRENCY, async (st) => BigInt((await rootAt(st.root).getters.getStake({ wallet: st.wallet }).run()).pendingReward));
  const ranked = stakes.map((st, i) => ({ st, p: pending[i] })).filter((x) => x.p > 0n).sort((a, b) => (b.p > a.p ? 1 : b.p < a.p ? -1 : 0));
  const chosen: DemoStake[] = [];
  for (const { st } of ranked) {
    if (chosen.length >= count) break;
    if (!chosen.some((c) => c.staker === st.staker)) chosen.push(st);
  }
  if (chosen.length === 0) return [];
  const before = await walletTotals(chosen.map((c) => c.wallet));
  const sent = await perOwner(chosen, (st) => st.staker, (st) =>
    send("DePoolWallet.claimRewards", () => dwallet(st.wallet).methods.claimRewards({ root: st.root }).send({ from: st.staker.address, amount: VALUE.claim.toString(), bounce: true })),
  );
  const after = await walletTotals(chosen.map((c) => c.wallet));
  return chosen
    .map((st, i) => ({ st, ok: sent[i] }))
    .filter((x) => x.ok)
    .map(({ st }) => ({
      staker: st.staker.name,
      wallet: st.wallet,
      root: st.root,
      validator: st.validator.key,
      amount: after.get(st.wallet.toString())!.rewards - before.get(st.wallet.toString())!.rewards,
    }));
}
