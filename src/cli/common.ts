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

/**
 * Bad command-line input: `ddvs: <option>: <what> (BAD_ARGUMENT)`, exit 1, before any network is
 * opened (option parsers run while commander reads the arguments). BAD_ARGUMENT is code 111 of
 * docs/errors.md ("an argument is out of its documented range").
 */
export function badArgument(option: string, what: string): CliError {
  return new CliError(`${option}: ${what} (BAD_ARGUMENT)`, EXIT_BAD_INPUT);
}

/** Exit code of bad input, a missing suite or a network error. */
export const EXIT_BAD_INPUT = 1;

/**
 * An amount option parser (commander `argParser`): EVER (`1.5`, `1.5ever`) or nanoevers
 * (`1500000000n`) → bigint nanoevers; anything else is {@link badArgument}.
 */
export function amountArg(option = "--amount"): (v: string) => bigint {
  return (v: string) => {
    try {
      return parseEver(v);
    } catch (e) {
      throw badArgument(option, (e as Error).message);
    }
  };
}

/** `--amount`-style value → nanoevers (see {@link amountArg}). */
export function parseAmountOption(v: string | bigint, option = "--amount"): bigint {
  return typeof v === "bigint" ? v : amountArg(option)(v);
}

/** An integer option parser in [min, max] (decimal digits only). */
export function parseIntOption(option: string, min: number, max: number): (v: string) => number {
  return (v: string) => {
    const n = /^-?[0-9]+$/.test(v.trim()) ? Number(v.trim()) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) throw badArgument(option, `expected an integer in ${min}..${max}, got ${JSON.stringify(v)}`);
    return n;
  };
}

/** A contract address option parser: `<workchain>:<64 hex>`. */
export function addressArg(option: string): (v: string) => string {
  return (v: string) => {
    const t = v.trim();
    if (!/^-?[0-9]{1,3}:[0-9a-fA-F]{64}$/.test(t)) throw badArgument(option, `expected an address <workchain>:<64 hex>, got ${JSON.stringify(v)}`);
    return t.toLowerCase();
  };
}

/** A 256-bit key option parser: 64 hex chars (`0x` allowed) → 64 lowercase hex. */
export function keyArg(option: string): (v: string) => string {
  return (v: string) => {
    const t = v.trim().toLowerCase().replace(/^0x/, "");
    if (!/^[0-9a-f]{64}$/.test(t)) throw badArgument(option, `expected 64 hex chars, got ${JSON.stringify(v)}`);
    return t;
  };
}

/** A non-negative integer of any size (decimal) → its decimal string. */
export function uintArg(option: string): (v: string) => string {
  return (v: string) => {
    if (!/^[0-9]+$/.test(v.trim())) throw badArgument(option, `expected a non-negative integer, got ${JSON.stringify(v)}`);
    return BigInt(v.trim()).toString();
  };
}

/** Adds `--account N`: the keystore key whose EverWallet signs (default 1). */

/** A subcommand that acts for an account on a network, with `--json`. */
export function accountSubcommand(name: string, desc: string): Command {
  return withAccount(withNetwork(new Command(name))).description(desc).option("--json", "print JSON");
}

export function withAccount(cmd: Command): Command {
  return cmd.addOption(new Option("--account <n>", "keystore key index of the signing EverWallet (locklift.config.ts keys)").default("1").argParser((v) => String(parseIntOption("--account", 0, 1_000_000)(v))));
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

/**
 * Turns a ContractError into a CliError (named error, exit code 3) and a getter on an address
 * without a contract into a named bad input; rethrows the rest (printed as one line by main).
 */
export function mapContractError(e: unknown): never {
  if (e instanceof ContractError) throw new CliError(e.message, EXIT_CONTRACT);
  const msg = (e as Error)?.message ?? String(e);
  if (/Account not found|account (does not exist|not deployed)/i.test(msg)) throw new CliError(`no deployed contract at an address given (${msg}) (BAD_ARGUMENT)`, EXIT_BAD_INPUT);
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
