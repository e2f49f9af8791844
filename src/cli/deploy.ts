/**
 * `ddvs deploy [--chains -1,0,1,2] [--suite FILE] [--network NAME | --endpoint URL] [--json]`:
 * deploys one DElectorConfig per chain with the seed's constants and writes the suite file that
 * the other commands read. On the embedded network the suite lives only as long as the process:
 * use `--endpoint` of a running `ddvs node` for a persistent one.
 */
import { Command, Option } from "commander";
import { deploySuite } from "../ops/deploy";
import { defaultSuitePath, saveSuite } from "../ops/suite";
import { action, context, kvTable, NetOpts, output, parseChains, withNetwork } from "./common";

export function deployCommand(): Command {
  return withNetwork(new Command("deploy"))
    .description("deploy the DDVS electors (one per chain) and write the suite file")
    .addOption(new Option("--chains <list>", "chain ids, masterchain included").default("-1,0,1,2"))
    .option("--json", "print the suite as JSON")
    .action(
      action(async (opts: NetOpts & { chains: string }) => {
        const chains = parseChains(opts.chains);
        const ctx = await context(opts);
        const suite = await deploySuite({ network: ctx.net.name, chains, progress: ctx.progress });
        const file = opts.suite ?? defaultSuitePath(ctx.net.name);
        saveSuite(file, suite);
        output(opts, { suiteFile: file, ...suite }, () =>
          kvTable([["suite file", file], ["network", suite.network], ["networkId", String(suite.networkId)], ...suite.chains.map((c) => [`elector ${c}`, suite.electors[String(c)]] as [string, string])]),
        );
      }),
    );
}
