/**
 * Human lines of `ddvs demo` besides the tables (src/ops/report.ts): the reward pools' totals and
 * the stakers' claims, and the double vote's seizures (deposit, rewards, each delegator's slash).
 * Amounts in EVER (formatEver); exact nanoevers are in the JSON report.
 */
import { formatEver } from "../units";
import type { PoolTotals, Claim } from "./rewards";
import type { BanOutcome } from "./scenario";

const short = (s: string) => (s.includes(":") ? s.slice(0, 10) + "…" : s.slice(0, 8) + "…");

/** `rewards: fees deposited … = pool … + reserved … + paid to roots … + burned …; claimed … by N stakers`. */
export function rewardsLines(p: PoolTotals, claims: readonly (Claim & { termId: number })[]): string[] {
  const f = (n: bigint) => formatEver(n);
  const claimed = claims.reduce((a, c) => a + c.amount, 0n);
  const out = [`rewards: fees deposited ${f(p.deposited)} = pool ${f(p.pool)} + reserved ${f(p.reserved)} + paid to roots ${f(p.paid)} + burned ${f(p.burned)} EVER`];
  out.push(`claims: ${claims.length} staker(s) claimed ${f(claimed)} EVER`);
  for (const c of claims) out.push(`  term ${c.termId}: ${c.staker} claimed ${f(c.amount)} EVER from the root of ${short(c.validator)} (wallet ${short(c.wallet.toString())})`);
  return out;
}

/** The ban: who, what went to the informant, and every delegator's slash. */
export function banLines(b: BanOutcome): string[] {
  const f = (n: bigint) => formatEver(n);
  const dest = b.toInformant ? "to the informant" : "burned";
  const out = [
    `double vote: ${short(b.validator)} on chain ${b.chain} banned in term ${b.termId}; deposit ${f(b.deposit)} EVER and unpaid rewards ${f(b.rewards)} EVER to the informant`,
    `delegator slash: DELEGATOR_SLASH_RATE ${b.ratePerMille} ‰, ${dest}:`,
  ];
  for (const d of b.delegators) out.push(`  ${d.staker} (wallet ${short(d.wallet)}): locked ${f(d.locked)} + unlocking ${f(d.unlocking)} EVER, slashed ${f(d.slashed)} EVER`);
  if (b.delegators.length === 0) out.push("  (no delegators)");
  return out;
}
