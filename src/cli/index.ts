/** The `ddvs` command line: one program, one subcommand per concern. */
import { Command } from "commander";
import { nodeCommand } from "./node";
import { electCommand } from "./elect";
import { demoCommand } from "./demo";
import { deployCommand } from "./deploy";
import { statusCommand } from "./status";
import { keeperCommand } from "./keeper";
import { validatorCommand } from "./validator";
import { stakerCommand } from "./staker";
import { CliError } from "./errors";
import { ModelError } from "../model";

export function program(): Command {
  return new Command("ddvs")
    .description("DDVS — Distributed Dynamic Validator Set for Everscale")
    .addCommand(nodeCommand())
    .addCommand(electCommand())
    .addCommand(demoCommand())
    .addCommand(deployCommand())
    .addCommand(statusCommand())
    .addCommand(keeperCommand())
    .addCommand(validatorCommand())
    .addCommand(stakerCommand());
}

export async function main(argv = process.argv): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (e) {
    if (e instanceof CliError || e instanceof ModelError) {
      process.stderr.write(`ddvs: ${e.message}\n`);
      process.exit(e instanceof CliError ? e.exitCode : 2);
    }
    // any other failure (network, I/O): one line, exit 1; the stack only with DDVS_DEBUG=1
    const err = e as Error;
    process.stderr.write(`ddvs: ${err?.message ?? String(e)}\n`);
    if (process.env.DDVS_DEBUG && err?.stack) process.stderr.write(err.stack + "\n");
    process.exit(1);
  }
}

if (require.main === module) void main().then(() => process.exit(process.exitCode ?? 0));
