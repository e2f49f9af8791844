/** The `ddvs` command line: one program, one subcommand per concern. */
import { Command } from "commander";
import { nodeCommand } from "./node";
import { electCommand } from "./elect";
import { CliError } from "./errors";
import { ModelError } from "../model";

export function program(): Command {
  return new Command("ddvs")
    .description("DDVS — Distributed Dynamic Validator Set for Everscale")
    .addCommand(nodeCommand())
    .addCommand(electCommand());
}

export async function main(argv = process.argv): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (e) {
    if (e instanceof CliError || e instanceof ModelError) {
      process.stderr.write(`ddvs: ${e.message}\n`);
      process.exit(e instanceof CliError ? e.exitCode : 2);
    }
    throw e;
  }
}

if (require.main === module) void main();
