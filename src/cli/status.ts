/**
 * `ddvs status [--suite FILE] [--network NAME | --endpoint URL] [--json]`: per chain the term,
 * phase, term end, validator set size and voting power, registered stake, accounts and reward
 * pool (amounts in EVER in the table, nanoevers in JSON).
 */
import { Command } from "commander";
import Table from "cli-table3";
import { elector } from "../ops/contracts";
import { formatEver } from "../ops/units";
import { networkNow } from "../ops/time";
import { action, context, NetOpts, output, withNetwork } from "./common";

export const PHASES = ["Running", "Closing", "AwaitingSet"];

export interface ChainStatus {
  chain: number;
  elector: string;
  termId: number;
  termEndsAt: number;
  phase: string;
  setSize: number;
  totalVotingPower: string;
  registeredStake: string;
  accounts: number;
  rewardPool: string;
}

/** Renders chain statuses as an aligned table (`now` = network time, unix seconds). */
export function statusTable(rows: ChainStatus[], now: number): string {
  const t = new Table({
    head: ["chain", "term", "phase", "ends in (s)", "set", "voting power (EVER)", "registered (EVER)", "accounts", "reward pool (EVER)"],
    colAligns: ["right", "right", "left", "right", "right", "right", "right", "right", "right"],
    style: { head: [], border: [] },
  });
  for (const r of rows)
    t.push([String(r.chain), String(r.termId), r.phase, String(r.termEndsAt - now), String(r.setSize), formatEver(BigInt(r.totalVotingPower), { decimals: 3 }), formatEver(BigInt(r.registeredStake), { decimals: 3 }), String(r.accounts), formatEver(BigInt(r.rewardPool), { decimals: 3 })]);
  return t.toString();
}

export function statusCommand(): Command {
  return withNetwork(new Command("status"))
    .description("show every chain's term, phase, validator set and stake")
    .option("--json", "print JSON")
    .action(
      action(async (opts: NetOpts) => {
        const ctx = await context(opts);
        const suite = ctx.suite();
        const rows: ChainStatus[] = [];
        for (const c of suite.chains) {
          const e = elector(suite.electors[String(c)]);
          const [t, set, reg, pool] = await Promise.all([e.getters.getCurrentTerm({}).run(), e.getters.getValidatorSet({}).run(), e.getters.getRegisteredStake({}).run(), e.getters.getRewardPool({}).run()]);
          rows.push({
            chain: c,
            elector: suite.electors[String(c)],
            termId: Number(t.termId),
            termEndsAt: Number(t.termEndsAt),
            phase: PHASES[Number(t.phase)] ?? String(t.phase),
            setSize: set.set.length,
            totalVotingPower: String(set.totalVotingPower),
            registeredStake: String(reg.registeredStake),
            accounts: Number(reg.accountCount),
            rewardPool: String(pool.pool),
          });
        }
        const now = networkNow(ctx.net);
        output(opts, { network: ctx.net.name, now, chains: rows }, () => statusTable(rows, now));
      }),
    );
}
