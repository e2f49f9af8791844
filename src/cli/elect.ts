/**
 * `ddvs elect --candidates FILE [--params FILE] [--onchain] --json`
 *
 * Runs the election rule (codechain-rules.md "Election") on a JSON candidate list
 * `[{ "key": "<64 hex>", "deposit": "<nanoevers>", "delegation": "<nanoevers>", "order": <int> }]`
 * with params `{ maxValidators, minValidators, delegationThreshold, minDeposit }` (defaults: the
 * seed's constants) and prints `{ "elected": [ { "key", "votingPower" } ] }` in rank order.
 * Without --onchain it uses the TypeScript reference (src/model/election.ts); with it the deployed
 * contracts on the embedded network compute it (src/ops/electOnchain.ts; exit 3 with the contract
 * error's name when a call fails).
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
    .option("--quiet", "no progress lines (with --onchain)")
    .action(async (opts: { candidates: string; params?: string; onchain: boolean; quiet?: boolean }) => {
      const candidates = parseCandidates(readJson(opts.candidates, "candidates"));
      const params = parseElectionParams(opts.params ? readJson(opts.params, "params") : {});
      let result = elect(candidates, params);
      if (opts.onchain) {
        // lazily: the reference path needs no network
        const { openNetwork } = await import("../ops/network");
        const { electOnchain } = await import("../ops/electOnchain");
        const { makeProgress } = await import("../ops/progress");
        const { ContractError } = await import("../ops/errors");
        try {
          result = await electOnchain(await openNetwork(), candidates, params, { progress: makeProgress({ quiet: opts.quiet }) });
        } catch (e) {
          if (e instanceof ContractError) throw new CliError(e.message, 3);
          throw e;
        }
      }
      const elected = result.map((e) => ({ key: e.key, votingPower: e.votingPower.toString() }));
      process.stdout.write(JSON.stringify({ elected }, null, 2) + "\n");
      if (opts.onchain) process.exit(0);
    });
}
