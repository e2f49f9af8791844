/**
 * `ddvs node`: a persistent local Everscale node (embedded Tycho executor + JSON-RPC).
 *
 *   ddvs node [--port 9877] [--host 127.0.0.1] [--data .ddvs-node] [--chains -1,0,1,2] [--reset]
 *
 * Prints `ddvs node listening on http://HOST:PORT` on stdout once it serves; stops cleanly
 * (snapshot, unlock) on SIGINT / SIGTERM. See docs/node.md.
 */
import { Command, InvalidArgumentError } from "commander";
import { startNode, parseChains, NodeStartError } from "../node/server";
import { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT, GIVER } from "../node/defaults";

function portArg(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("a port number 0-65535 (0 = any free port)");
  return n;
}

function chainsArg(v: string): number[] {
  try {
    return parseChains(v);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

export function nodeCommand(): Command {
  return new Command("node")
    .description("run a persistent local Everscale node (JSON-RPC for locklift / everscale-standalone-client `jrpc`)")
    .option("--port <n>", "TCP port (0 = any free port)", portArg, DEFAULT_PORT)
    .option("--host <addr>", "address to bind; loopback unless you mean it", DEFAULT_HOST)
    .option("--data <dir>", "data folder (created when missing)", DEFAULT_DATA_DIR)
    .option("--chains <list>", "workchains of a new chain, e.g. -1,0,1,2 (default -1,0,1,2)", chainsArg)
    .option("--reset", "delete the data folder first and start a fresh chain", false)
    .option("--quiet", "no informational lines on stderr", false)
    .option("--check-signatures", "check ed25519 signatures in transactions (off by default, as in locklift's embedded network)", false)
    .action(async (opts: { port: number; host: string; data: string; chains?: number[]; reset: boolean; quiet: boolean; checkSignatures: boolean }) => {
      const log = opts.quiet ? () => undefined : (l: string) => process.stderr.write(`[ddvs node] ${l}\n`);
      if (!LOOPBACK.has(opts.host)) log(`WARNING: listening on ${opts.host}, not loopback: anyone who can reach it can use the giver`);
      let node;
      try {
        node = await startNode({
          host: opts.host,
          port: opts.port,
          dataDir: opts.data,
          chains: opts.chains,
          reset: opts.reset,
          checkSignatures: opts.checkSignatures,
          log,
        });
      } catch (e) {
        if (e instanceof NodeStartError) {
          process.stderr.write(`ddvs node: error: ${e.message}\n`);
          process.exitCode = 1;
          return;
        }
        throw e;
      }
      process.stdout.write(`ddvs node listening on ${node.url}\n`);
      log(`data folder ${node.chain.dataDir}, workchains ${node.chain.meta.chains.join(",")}`);
      log(`giver ${GIVER.address} (EverWallet, development key in docs/node.md)`);
      let stopping = false;
      const stop = (sig: string) => {
        if (stopping) process.exit(130); // second signal: leave now (the log is already durable)
        stopping = true;
        log(`${sig}: stopping`);
        node!.close().then(
          () => process.exit(0),
          e => {
            process.stderr.write(`ddvs node: error while stopping: ${(e as Error).message}\n`);
            process.exit(1);
          },
        );
      };
      process.on("SIGINT", () => stop("SIGINT"));
      process.on("SIGTERM", () => stop("SIGTERM"));
    });
}
