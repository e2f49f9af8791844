/**
 * Options and output shared by the network commands: `--network NAME`, `--endpoint URL`,
 * `--suite FILE`, `--json`, `--quiet`; JSON on stdout with `--json`, aligned tables otherwise;
 * progress on stderr; contract failures as `ddvs: <call> failed: <ERROR_NAME> (<code>) — <doc>`.
 */
import { Command, Option } from "commander";
import Table from "cli-table3";
import { openNetwork, OpenNetwork } from "../ops/network";
import { defaultSuitePath, loadSuite, SuiteFile } from "../ops/suite";
import { makeProgress, Progress } from "../ops/progress";
import { ContractError } from "../ops/errors";
import { CliError } from "./errors";
import { parseEver } from "../ops/units";

export interface NetOpts {
  network?: string;
  endpoint?: string;
  suite?: string;
  json?: boolean | string;
  quiet?: boolean;
  account?: string;
}

/** Exit code of a contract error (the named error is on stderr). */
export const EXIT_CONTRACT = 3;

/** Adds the common network options to a command. */
export function withNetwork(cmd: Command): Command {
  return cmd
    .addOption(new Option("--network <name>", "locklift network of locklift.config.ts (default: the embedded network `locklift`)"))
    .addOption(new Option("--endpoint <url>", "JSON-RPC endpoint of a running `ddvs node` (docs/node.md)"))
    .addOption(new Option("--suite <file>", "suite file written by `ddvs deploy` (default .ddvs/<network>.suite.json)"))
    .addOption(new Option("--quiet", "no progress lines on stderr"));
}

/** Adds `--account N`: the keystore key whose EverWallet signs (default 1). */
/** An `--amount`-style option in EVER ("1.5") → nanoevers; a malformed one is a CliError (exit 2). */
export function parseAmountOption(v: string): bigint {
  try {
    return parseEver(v);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

/** A subcommand that acts for an account on a network, with `--json`. */
export function accountSubcommand(name: string, desc: string): Command {
  return withAccount(withNetwork(new Command(name))).description(desc).option("--json", "print JSON");
}

export function withAccount(cmd: Command): Command {
  return cmd.addOption(new Option("--account <n>", "keystore key index of the signing EverWallet (locklift.config.ts keys)").default("1"));
}

export interface Ctx {
  net: OpenNetwork;
  progress: Progress;
  suite(): SuiteFile;
}

export async function context(opts: NetOpts): Promise<Ctx> {
  const progress = makeProgress({ quiet: opts.quiet || opts.json === true });
  let net: OpenNetwork;
  try {
    net = await openNetwork({ network: opts.network, endpoint: opts.endpoint });
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  return {
    net,
    progress,
    suite: () => {
      try {
        return loadSuite(opts.suite ?? defaultSuitePath(net.name));
      } catch (e) {
        throw new CliError((e as Error).message);
      }
    },
  };
}

/** Prints `json` (with --json) or the human text. */
export function output(opts: NetOpts, json: unknown, human: () => string): void {
  if (opts.json === true) process.stdout.write(JSON.stringify(json, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2) + "\n");
  else process.stdout.write(human() + "\n");
}

/** A two-column key/value table. */
export function kvTable(rows: [string, string][]): string {
  const t = new Table({ style: { head: [], border: [] } });
  for (const r of rows) t.push(r);
  return t.toString();
}

/** Turns a ContractError into a CliError (named error, exit code 3); rethrows the rest. */
export function mapContractError(e: unknown): never {
  if (e instanceof ContractError) throw new CliError(e.message, EXIT_CONTRACT);
  throw e;
}

/** Wraps an async action: contract errors become named CLI errors. */
export function action<A extends unknown[]>(fn: (...a: A) => Promise<void>): (...a: A) => Promise<void> {
  return async (...a: A) => {
    try {
      await fn(...a);
    } catch (e) {
      mapContractError(e);
    }
    // locklift keeps timers (subscriptions, polling) alive: leave once the command is done
    process.exit(process.exitCode ?? 0);
  };
}

/** Parses a comma-separated list of chain ids. */
export function parseChains(s: string): number[] {
  const ids = s.split(",").map((x) => Number(x.trim()));
  if (ids.length === 0 || ids.some((x) => !Number.isInteger(x) || x < -1 || x > 127)) throw new CliError(`bad chain list ${JSON.stringify(s)}: expected e.g. -1,0,1,2`);
  if (!ids.includes(-1) && ids.length > 1) throw new CliError("a multi-chain suite needs the masterchain -1");
  return [...new Set(ids)];
}
