/**
 * `npm run bench` (options in BENCH_ARGS="--max N --only stake|term|slash|proposal"): gas and fees of every DDVS operation
 * on the embedded network, at growing N (docs/performance.md). Prints a markdown table and writes
 * bench/results.json. Numbers come only from executed transactions; a failed measurement is
 * recorded as `error`.
 */
import path from "path";
import { ResultBook } from "../bench/lib/report";
import { stakeSeries } from "../bench/scenarios/staking";
import { termCloseSeries } from "../bench/scenarios/term";
import { proposalSeries } from "../bench/scenarios/proposal";
import { slashSeries } from "../bench/scenarios/slash";

/** Options come from BENCH_ARGS (locklift run takes no script arguments): "--max 1000 --only term". */
function arg(name: string, def: string): string {
  const argv = (process.env.BENCH_ARGS ?? "").split(/\s+/);
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : def;
}

async function main() {
  const max = Number(arg("max", "10000"));
  const only = arg("only", "all");
  const book = new ResultBook();
  const t0 = Date.now();
  const out = path.resolve(__dirname, "../bench/results.json");
  // results are written after every step, so a long run that is stopped keeps what it measured
  const log = (s: string) => {
    book.write(out, { _meta: { partial: true, max, only, date: new Date().toISOString() } });
    console.error(`[bench ${((Date.now() - t0) / 1000).toFixed(0)}s] ${s}`);
  };
  if (only === "all" || only === "stake") {
    for (const n of [10, 100, 1000, 10000].filter((x) => x <= max)) {
      log(`stake series N=${n}`);
      await book.record("stakeSeries", n, async () => (await stakeSeries(book, n), {})).catch(() => undefined);
      if (!book.results.stakeSeries[String(n)].error) delete book.results.stakeSeries[String(n)];
    }
  }
  if (only === "all" || only === "term") {
    for (const n of [10, 100, 400, 1000, 10000].filter((x) => x <= max)) {
      // the standalone close (chain list {0}) is the comparison; it is not run at 10,000
      for (const mode of n <= 1000 ? (["network", "standalone"] as const) : (["network"] as const)) {
        log(`term close N=${n} (${mode})`);
        const key = `termCloseSetup ${mode}`;
        await book.record(key, n, async () => (await termCloseSeries(book, n, mode), {}));
        if (!book.results[key][String(n)].error) delete book.results[key][String(n)];
      }
    }
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
  console.log(book.table());
  console.log(`\nwall time ${wall.toFixed(1)} s`);
  book.write(out, { _meta: { wallSeconds: wall, max, only, date: new Date().toISOString() } });
}

main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
