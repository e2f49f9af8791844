/** Entry of `npm run fuzz` (run by locklift; options in FUZZ_ARGS, set by scripts/fuzz.ts). */
import { LAST_SEQUENCES, runFuzz, STATS, PROF } from "./run";

const argv = (process.env.FUZZ_ARGS ?? "").split(/\s+/);
function arg(name: string, def: number): number {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : def;
}
/** `--path P`: replays the shrunk counterexample fast-check printed (with the same --seed, --ops). */
const path = argv.indexOf("--path") >= 0 ? argv[argv.indexOf("--path") + 1] : undefined;

async function main() {
  const opts = { runs: arg("runs", 100), seed: arg("seed", Date.now() % 2 ** 31), opsPerRun: arg("ops", 100), wallets: arg("wallets", 3), roots: arg("roots", 2), verbose: arg("verbose", 0) > 0, path, progressEvery: 50 };
  console.log(`fuzz: ${JSON.stringify(opts)}`);
  const t0 = Date.now();
  const total = await runFuzz(opts);
  console.log(`fuzz: ops by outcome ${JSON.stringify(Object.fromEntries([...STATS].sort()))}`);
  console.log(`fuzz: time split ms ${JSON.stringify(Object.fromEntries(Object.entries(PROF).map(([k, v]) => [k, Math.round(v)])))}`);
  console.log(`fuzz: ${total} ops in ${LAST_SEQUENCES} sequences passed, 0 lost (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(String(e?.message ?? e));
    // fast-check keeps the property's own error (the first difference with the model) as the cause
    if (e?.cause) console.error(`failing step: ${String(e.cause?.message ?? e.cause)}`);
    process.exit(1);
  });
