/**
 * `ddvs elect --candidates FILE [--params FILE] [--onchain] --json`
 *
 * Runs the election rule (codechain-rules.md "Election") on a JSON candidate list
 * `[{ "key": "<64 hex>", "deposit": "<nanoevers>", "delegation": "<nanoevers>", "order": <int> }]`
 * with params `{ maxValidators, minValidators, delegationThreshold, minDeposit }` (defaults: the
 * seed's constants) and prints `{ "elected": [ { "key", "votingPower" } ] }` in rank order.
 * Without --onchain it uses the TypeScript reference (src/model/election.ts).
 */
import fs from "fs";
import { Command } from "commander";
import { elect, parseCandidates, parseElectionParams } from "../model";
import { CliError } from "./errors";

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new CliError(`cannot read ${what} file ${file}: ${(e as Error).message}`);
  }
}

export function electCommand(): Command {
  return new Command("elect")
    .description("run the DDVS election rule on a candidate list (reference model, or the contracts with --onchain)")
    .requiredOption("--candidates <file>", "JSON list of candidates")
    .option("--params <file>", "JSON election parameters (default: the seed's constants)")
    .option("--onchain", "compute it with the deployed DElectorConfig on the embedded network", false)
    .option("--json", "print JSON (the default output of this command)", true)
    .action((opts: { candidates: string; params?: string; onchain: boolean }) => {
      const candidates = parseCandidates(readJson(opts.candidates, "candidates"));
      const params = parseElectionParams(opts.params ? readJson(opts.params, "params") : {});
      if (opts.onchain) throw new CliError("--onchain needs the DElectorConfig contract, which is not built yet (issue 4)");
      const elected = elect(candidates, params).map((e) => ({ key: e.key, votingPower: e.votingPower.toString() }));
      process.stdout.write(JSON.stringify({ elected }, null, 2) + "\n");
    });
}
