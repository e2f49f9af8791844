/**
 * `npm run bench` (options in BENCH_ARGS="--max N --only stake|term|slash|proposal --seed S"): gas and fees of every DDVS operation
 * on the embedded network, at growing N (docs/performance.md). Prints a markdown table and writes
 * bench/results.json. Numbers come only from executed transactions; a failed measurement is
 * recorded as `error`. Every owner, key pair and synthetic entry comes from the seed (default
 * DEFAULT_SEED, bench/lib/seed.ts), recorded in `_meta.seed`: the same build and seed give the same gas.
 */
import path from "path";
import { spawnSync } from "child_process";
import { ResultBook } from "../bench/lib/report";
import { DEFAULT_SEED, setSeed } from "../bench/lib/seed";
import { Build, stakeSeries } from "../bench/scenarios/staking";
import { termCloseSeries } from "../bench/scenarios/term";
import { proposalSeries } from "../bench/scenarios/proposal";
import { slashSeries } from "../bench/scenarios/slash";

/** Largest N whose bulk state is built by real messages (above: written into storage). */
const MESSAGES_MAX = 400;

/** Options come from BENCH_ARGS (locklift run takes no script arguments): "--max 1000 --only term". */
function arg(name: string, def: string): string {
  const argv = (process.env.BENCH_ARGS ?? "").split(/\s+/);
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : def;
}

async function main() {
  const max = Number(arg("max", "10000"));
  const only = arg("only", "all");
  const seed = arg("seed", DEFAULT_SEED);
  setSeed(seed);
  const book = new ResultBook();
  const t0 = Date.now();
  const out = path.resolve(__dirname, "../bench/results.json");
  // results are written after every step, so a long run that is stopped keeps what it measured
  const log = (s: string) => {
    book.write(out, { _meta: { partial: true, max, only, seed, date: new Date().toISOString() } });
    console.error(`[bench ${((Date.now() - t0) / 1000).toFixed(0)}s] ${s}`);
  };
  // bulk state: real messages up to MESSAGES_MAX, written into storage above (docs/performance.md);
  // one storage-built series at a messages-built N is recorded as "<op> [storage]" (the cross-check)
  const build = (n: number): Build => (n <= MESSAGES_MAX ? "messages" : "storage");
  const step = async (what: string, key: string, n: number, fn: () => Promise<void>) => {
    log(what);
    await book.record(key, n, async () => (await fn(), {}));
    if (!book.results[key][String(n)].error) delete book.results[key][String(n)];
  };
  if (only === "all" || only === "stake") {
    for (const n of [10, 100, 1000, 10000].filter((x) => x <= max)) {
      await step(`stake series N=${n} (${build(n)})`, "stakeSetup", n, () => stakeSeries(book, n, build(n)));
    }
    if (max >= 10000) {
      // 10,000 candidates exceed one elector's account-state limit (param 43): 10,000 stakers with
      // the candidates of one chain of three (docs/performance.md)
      await step("stake series N=10000 stakers, 3334 candidates (storage)", "stakeSetup [3334 candidates]", 10000, () => stakeSeries(book.view(" [3334 candidates]"), 10000, "storage", 3334));
    }
    await step("stake series N=100 (storage, cross-check)", "stakeSetup [storage]", 100, () => stakeSeries(book.view(" [storage]"), 100, "storage"));
  }
  if (only === "all" || only === "term") {
    for (const n of [10, 100, 400, 1000, 10000].filter((x) => x <= max)) {
      // the standalone close (chain list {0}) is the comparison; it is not run at 10,000
      for (const mode of n <= 1000 ? (["network", "standalone"] as const) : (["network"] as const)) {
        await step(`term close N=${n} (${mode}, ${build(n)})`, `termCloseSetup ${mode}`, n, () => termCloseSeries(book, n, mode, build(n)));
      }
    }
    if (max >= 400) await step("term close N=400 (network, storage, cross-check)", "termCloseSetup [storage]", 400, () => termCloseSeries(book.view(" [storage]"), 400, "network", "storage"));
  }
  if (only === "all" || only === "slash") {
    for (const w of [100, 1000].filter((x) => x <= Math.max(max, 100))) {
      log(`slash W=${w}`);
      await book.record("slashSetup", w, async () => (await slashSeries(book, w), {}));
      if (!book.results.slashSetup[String(w)].error) delete book.results.slashSetup[String(w)];
    }
  }
  if (only === "all" || only === "proposal") {
    for (const c of [2, 4, 8]) {
      log(`proposal C=${c}`);
      await book.record("proposalSetup", c, async () => (await proposalSeries(book, c), {}));
      if (!book.results.proposalSetup[String(c)].error) delete book.results.proposalSetup[String(c)];
    }
  }
  for (const k of Object.keys(book.results)) if (Object.keys(book.results[k]).length === 0) delete book.results[k];
  const wall = (Date.now() - t0) / 1000;
  const demo = only === "all" ? demoWallSeconds() : undefined;
  console.log(book.table());
  console.log(`\nwall time ${wall.toFixed(1)} s${demo === undefined ? "" : `; demo (npm run demo) ${demo.toFixed(1)} s`}`);
  book.write(out, { _meta: { wallSeconds: wall, demoWallSeconds: demo, max, only, seed, bulk: { messages: `N <= ${MESSAGES_MAX}, slash wallets, proposal validators`, storage: `N > ${MESSAGES_MAX} (top 40 per chain and the measured accounts by messages)` }, date: new Date().toISOString() } });
}

/**
 * Wall time of the main job (`node bin/ddvs demo`, its own process and embedded network), seconds;
 * recorded as `_meta.demoWallSeconds` (issue 7: "plus the demo's wall time"). Throws when the demo fails.
 */
function demoWallSeconds(): number {
  console.error("[bench] timing the demo (node bin/ddvs demo)");
  const t = Date.now();
  const r = spawnSync(process.execPath, [path.resolve(__dirname, "../bin/ddvs"), "demo"], { cwd: path.resolve(__dirname, ".."), stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error(`the demo exited with ${r.status}`);
  return (Date.now() - t) / 1000;
}

main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
