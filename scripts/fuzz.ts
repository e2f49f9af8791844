/**
 * `npm run fuzz -- --runs N --seed S [--ops K] [--wallets W] [--roots R]`: long model-based fuzz
 * runs (test/fuzz/run.ts) on the embedded network. A failure prints the shrunk sequence and the
 * seed/path that replays it.
 */
import { spawnSync } from "child_process";
import path from "path";

const root = path.resolve(__dirname, "..");
const r = spawnSync("npx", ["locklift", "run", "--disable-build", "--network", "locklift", "-s", "test/fuzz/main.ts"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, FUZZ_ARGS: process.argv.slice(2).join(" ") },
});
process.exit(r.status ?? 1);
