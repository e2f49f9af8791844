/**
 * `ddvs demo [--json FILE] [--limit N] [--slash-rate PERMILLE] [--quiet]` (= `npm run demo`): the main job on the embedded
 * network — suite on −1, 0, 1, 2; the 187 real p34 validators; five term closes with elections,
 * a downtime jail, a double-vote ban with the delegator slash, unlock/withdraw, the
 * MAX_NUM_OF_VALIDATORS 30 → 100 proposal, block fees as rewards paid one term later, stakers' claims.
 * Prints a table per term, the rewards, the ban and the conservation line; `--json FILE` writes the report
 * (src/ops/report.ts). Exit 0 only when the report is complete and consistent (reference election
 * agrees, lost = 0, every scenario step took effect).
 */
import fs from "fs";
import { Command, Option } from "commander";
import { runDemo } from "../ops/demo";
import { makeProgress } from "../ops/progress";
import { conservationLine, proposalsTable, termsTable } from "../ops/report";
import { banLines, rewardsLines } from "../ops/demo/text";
import { CliError } from "./errors";
import { action, parseIntOption } from "./common";

export function demoCommand(): Command {
  return new Command("demo")
    .description("run the DDVS main job on the embedded network with the real Everscale validator set")
    .addOption(new Option("--json <file>", "write the JSON report to FILE"))
    .addOption(new Option("--limit <n>", "load only the first N real validators (default: all 187)").argParser(parseIntOption("--limit", 1, 187)))
    .addOption(new Option("--slash-rate <permille>", "DELEGATOR_SLASH_RATE of the demo's suite, per mille (default 100)").argParser(parseIntOption("--slash-rate", 0, 1000)))
    .addOption(new Option("--quiet", "no progress lines"))
    .action(
      action(async (opts: { json?: string; limit?: number; slashRate?: number; quiet?: boolean }) => {
        const progress = makeProgress({ quiet: opts.quiet });
        const res = await runDemo({ limit: opts.limit, delegatorSlashRate: opts.slashRate, progress });
        const r = res.report;
        const out: string[] = [];
        out.push(`DDVS demo: ${r.validatorsLoaded} validators of ${r.source} on chains ${r.chains.join(", ")}`);
        out.push(termsTable(r.terms, res.extras));
        if (r.proposals.length) out.push(proposalsTable(r.proposals));
        out.push(...rewardsLines(res.rewardPools, res.claims));
        if (res.ban) out.push(...banLines(res.ban));
        for (const n of res.notes) out.push(`note: ${n}`);
        for (const p of res.problems) out.push(`problem: ${p}`);
        out.push(conservationLine(r.conservation));
        out.push(`wall time ${res.seconds.toFixed(1)} s`);
        process.stdout.write(out.join("\n") + "\n");
        if (opts.json) fs.writeFileSync(opts.json, JSON.stringify(r, null, 2) + "\n");
        if (res.problems.length || res.notes.length) throw new CliError(`demo incomplete: ${res.problems.length} problem(s), ${res.notes.length} note(s)`, 4);
      }),
    );
}
