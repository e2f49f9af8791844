/**
 * Driving `ddvs` commands against a node from tests: run a command as a user would (child
 * process, `--endpoint`, `--json`), and the development accounts those commands sign with.
 */
import { spawn } from "child_process";
import * as path from "path";
import { standalone } from "../../../src/node/client";

const BIN = path.resolve(__dirname, "../../../bin/ddvs");
/** locklift's development phrase and HD path (the keys `--account N` of the `node` network). */
const DEV_PHRASE = "maze turn choose industry beauty sweet panther valve double report upset mother";
const DEV_PATH = (i: number) => `m/44'/396'/0'/0/${i}`;

export type DdvsResult = { code: number | null; stdout: string; stderr: string; json?: any };

export class DdvsCommandError extends Error {
  constructor(
    readonly args: string[],
    readonly result: DdvsResult,
  ) {
    super(`ddvs ${args.join(" ")} exited ${result.code}: ${result.stderr.trim().split("\n").slice(-3).join(" | ")}`);
  }
}

/**
 * Runs `ddvs <args> --endpoint <endpoint> --suite <suite> --json --quiet` and parses its JSON
 * stdout. Rejects with DdvsCommandError on a non-zero exit (the error has stderr).
 */
export function ddvs(args: string[], net: { endpoint: string; suite: string }): Promise<DdvsResult> {
  const full = [...args, "--endpoint", net.endpoint, "--suite", net.suite, "--json", "--quiet"];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...full], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", d => (stdout += d));
    child.stderr.on("data", d => (stderr += d));
    child.once("error", reject);
    child.once("exit", code => {
      const result: DdvsResult = { code, stdout, stderr };
      if (code !== 0) return reject(new DdvsCommandError(args, result));
      try {
        result.json = JSON.parse(stdout);
      } catch {
        return reject(new DdvsCommandError(args, { ...result, stderr: `stdout is not JSON: ${stdout.slice(0, 200)}` }));
      }
      resolve(result);
    });
  });
}

/** Key pair (hex) and EverWallet address of development account `i` (`--account i`). */
export async function devAccount(i: number): Promise<{ publicKey: string; secretKey: string; address: string }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { deriveBip39Phrase } = require("everscale-crypto") as { deriveBip39Phrase(p: string, path: string): { publicKey: string; secretKey: string } };
  const keys = deriveBip39Phrase(DEV_PHRASE, DEV_PATH(i));
  const account = await standalone.EverWalletAccount.fromPubkey({ publicKey: keys.publicKey });
  return { ...keys, address: account.address.toString() };
}
