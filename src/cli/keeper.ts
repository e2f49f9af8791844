/**
 * `ddvs keeper [--once] [--interval S] [--state FILE] [--account N] [--stats DIR] [network options]`:
 * ends terms on every chain when due (src/keeper/keeper.ts). `--once`: one pass, prints what it
 * sent, exits; otherwise loops every S seconds until SIGINT/SIGTERM. `--stats DIR` submits
 * `DIR/term-<T>.json` (`{ "stats": "<boc>", "signatures": [[key, {r, s}], …] }`) before closing T.
 * Each pass also resumes paused root jobs (Slash / Return / Ban) with `resumeJob` (3 EVER each),
 * spending at most `--max-resume EVER` per pass (default 30).
 * Safe to run twice or to restart after a crash (docs/cli.md).
 */
import fs from "fs";
import path from "path";
import { Command, Option } from "commander";
import Table from "cli-table3";
import { DEFAULT_MAX_RESUME_VALUE, Keeper, KeeperAction } from "../keeper/keeper";
import { LockliftKeeperChain, TermStatsInput } from "../keeper/chain";
import { ensureAccount, keystoreKey } from "../ops/accounts";
import { REPO_ROOT } from "../ops/network";
import { action, amountArg, context, NetOpts, output, withAccount, withNetwork } from "./common";

export function actionsTable(actions: KeeperAction[]): string {
  if (actions.length === 0) return "nothing due";
  const t = new Table({ head: ["chain", "term", "action", "result"], style: { head: [], border: [] } });
  for (const a of actions) t.push([String(a.chain), String(a.termId), actionName(a), actionResult(a)]);
  return t.toString();
}

function actionName(a: KeeperAction): string {
  if (a.kind === "resumeJob") return `resumeJob ${a.root}`;
  if (a.kind === "error") return a.root ? `${a.action} ${a.root}` : a.action;
  return a.kind;
}

function actionResult(a: KeeperAction): string {
  if (a.kind === "error") return a.message;
  if (a.kind === "resumeJob") return `sent ${Number(BigInt(a.value)) / 1e9} EVER (job ${a.jobId} paused at ${a.processed} wallets)`;
  return "sent";
}

/** Reads `dir/term-<T>.json` for a stats source (undefined when absent). */
export function statsFromDir(dir: string) {
  return (termId: number): TermStatsInput | undefined => {
    const f = path.join(dir, `term-${termId}.json`);
    return fs.existsSync(f) ? (JSON.parse(fs.readFileSync(f, "utf8")) as TermStatsInput) : undefined;
  };
}

export function keeperCommand(): Command {
  return withAccount(withNetwork(new Command("keeper")))
    .description("end terms on every chain when due (idempotent; --once or loop)")
    .option("--once", "one pass, then exit")
    .addOption(new Option("--interval <seconds>", "seconds between passes in loop mode").default("30"))
    .addOption(new Option("--state <file>", "keeper state file (default .ddvs/<network>.keeper.json)"))
    .addOption(new Option("--stats <dir>", "directory of term statistics to submit (term-<T>.json)"))
    .addOption(new Option("--max-resume <ever>", "most EVER one pass spends on resumeJob for paused root jobs (default 30)").argParser(amountArg("--max-resume")))
    .option("--json", "print actions as JSON")
    .action(
      action(async (opts: NetOpts & { once?: boolean; interval: string; state?: string; stats?: string; maxResume?: bigint }) => {
        const maxResumeValue = opts.maxResume ?? DEFAULT_MAX_RESUME_VALUE;
        const ctx = await context(opts);
        const suite = ctx.suite();
        const me = await ensureAccount(ctx.net, "keeper", await keystoreKey(ctx.net, Number(opts.account ?? 1)), { minBalance: 100n * 1_000_000_000n });
        const chain = new LockliftKeeperChain(ctx.net, suite, me.address, opts.stats ? statsFromDir(opts.stats) : undefined);
        const keeper = new Keeper(chain, { stateFile: opts.state ?? path.join(REPO_ROOT, ".ddvs", `${ctx.net.name}.keeper.json`), maxResumeValue, log: (l) => ctx.progress.info(l) });
        if (opts.once) {
          const actions = await keeper.tick();
          output(opts, { actions }, () => actionsTable(actions));
          if (actions.some((a) => a.kind === "error")) process.exitCode = 3;
          return;
        }
        const ac = new AbortController();
        for (const s of ["SIGINT", "SIGTERM"] as const) process.once(s, () => ac.abort());
        await keeper.run(Number(opts.interval), ac.signal, (actions) => {
          if (actions.length) output(opts, { actions }, () => actionsTable(actions));
        });
      }),
    );
}
