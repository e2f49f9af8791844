/**
 * `npm run test:node [-- <suite or file>...] [-- <more locklift test args>]`
 *
 * Runs the chain test suite against a real `ddvs node`: starts the node as a child process
 * on a free port with a fresh temporary data folder, runs
 * `locklift test --disable-build --network node --tests <specs>` with DDVS_NODE_URL pointing at
 * it, then stops the node and deletes the folder. Default: every spec under test/chain
 * except those that reach into the embedded network's executor (./node-suite.ts; they are
 * listed, and run only in `npm run test:chain`). Exit code: locklift's (1 if the node does
 * not start). Needs `npm run build` first, like `npm run test:chain`.
 *
 * Options (before any locklift arguments):
 *   --keep          keep the data folder (printed) for inspection
 *   --node-log      pass the node's informational lines through to stderr
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnNode } from "../src/node/spawn";
import { selectNodeSuite } from "./node-suite";

const REPO = path.resolve(__dirname, "..");
const HELPERS = "test/helpers/index.ts";

async function main(argv: string[]): Promise<number> {
  const keep = argv.includes("--keep");
  const nodeLog = argv.includes("--node-log");
  const rest = argv.filter(a => a !== "--keep" && a !== "--node-log");
  const targets = rest.filter(a => !a.startsWith("-"));
  const extra = rest.filter(a => a.startsWith("-"));
  const { run, embeddedOnly } = selectNodeSuite(REPO, targets.length ? targets : ["test/chain"]);
  for (const [spec, via] of Object.entries(embeddedOnly)) {
    process.stderr.write(`test:node: not on the node (reaches into the embedded executor via ${via}): ${spec}\n`);
  }
  if (run.length === 0) {
    process.stderr.write("test:node: no spec to run on the node\n");
    return 1;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ddvs-test-node-"));
  const node = await spawnNode(["--port", "0", "--data", dir, ...(nodeLog ? [] : ["--quiet"])]);
  if (nodeLog) node.child.stderr!.pipe(process.stderr);
  const url = `${node.url}/rpc`;
  process.stderr.write(`test:node: ddvs node at ${url}, data ${dir}\n`);
  try {
    // test/helpers first: its import installs the node support (fast confirmations,
    // locklift.testing.increaseTime -> ddvs_increaseTime) for every spec, also for specs
    // that never import the helpers themselves
    const args = ["test", "--disable-build", "--network", "node", "--tests", HELPERS, ...run, ...extra];
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(path.join(REPO, "node_modules", ".bin", "locklift"), args, {
        cwd: REPO,
        stdio: "inherit",
        env: { ...process.env, DDVS_NODE_URL: url },
      });
      child.once("error", reject);
      child.once("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0)));
    });
    return code;
  } finally {
    const { code } = await node.stop("SIGTERM");
    if (code !== 0) process.stderr.write(`test:node: the node exited with code ${code}:\n${node.stderr()}\n`);
    if (keep) process.stderr.write(`test:node: data folder kept: ${dir}\n`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  code => process.exit(code),
  e => {
    process.stderr.write(`test:node: ${(e as Error)?.stack ?? e}\n`);
    process.exit(1);
  },
);
