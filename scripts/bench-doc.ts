/**
 * Renders the measured tables of docs/performance.md from bench/results.json, so the document never
 * holds a number by hand: every block between `<!-- bench:<name> -->` and `<!-- /bench:<name> -->` is
 * regenerated. `--against <git rev>` adds the "before → now" table (block `changes`) against that
 * revision's results.json (rows that moved by 1% or more). `--check` exits 1 if the document is not what the results give (no write).
 *
 *   npm run bench:doc [-- --against <rev>] [-- --check]
 */
import { execFileSync } from "child_process";
import { readFileSync, writeFileSync } from "fs";
import { Command } from "commander";

type Row = { gas?: number; fees?: string; maxTxGas?: number; minTxGas?: number; txs?: number; messages?: number; hops?: number; cells?: number; error?: string };
type Results = Record<string, Record<string, Row>> & { _meta?: Record<string, unknown> };

const DOC = "docs/performance.md";
const fmt = (n: number | undefined) => (n === undefined ? "—" : n.toLocaleString("en-US"));
const pct = (a?: number, b?: number) => (a && b !== undefined ? `${b >= a ? "+" : "−"}${Math.abs(((b - a) / a) * 100).toFixed(1)}%` : "—");
const ever = (f?: string) => (f === undefined ? "—" : (Number(BigInt(f)) / 1e9).toFixed(3));
const cell = (r?: Row, field: keyof Row = "gas") => (r === undefined ? "—" : r.error ? "error" : fmt(r[field] as number | undefined));

function table(head: string[], rows: string[][], alignFirst = true): string {
  const sep = head.map((_, i) => (i === 0 && alignFirst ? "---" : "---:"));
  return [head, sep, ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

const STAKE_ROWS = [
  "deployRoot", "selfNominate", "deployWallet", "deposit", "stake", "unlock", "withdraw", "claimRewards", "stakeHopMax",
  "stakeHop DePoolWallet.stake", "stakeHop DePoolRoot.requestStake", "stakeHop DElectorConfig.delegate", "stakeHop DePoolWallet.lock",
  "unlockHop DePoolWallet.unlock", "unlockHop DePoolRoot.revoke", "unlockHop DElectorConfig.revoke", "unlockHop DePoolWallet.unlocked",
];

function stakeTable(r: Results): string {
  const rows = STAKE_ROWS.map((op) => {
    const big = r[`${op} [3334 candidates]`]?.["10000"];
    return [op, cell(r[op]?.["10"]), cell(r[op]?.["100"]), cell(r[op]?.["1000"]), cell(big), cell(r[op]?.["10000"]), pct(r[op]?.["10"]?.gas, big?.gas)];
  });
  return table(["operation (Σ gas of the tree)", "N=10", "N=100", "N=1000", "N=10,000 (3,334 candidates)", "N=10,000", "10 → 10,000 (3,334)"], rows);
}

function termTable(r: Results): string {
  const Ns = ["10", "100", "400", "1000", "10000"];
  const ops = Object.keys(r).filter((k) => /^(termClose|endTerm wc|submitTermStats$|reportDoubleVote)/.test(k) && !k.includes("[") && !/Elected|signers|transfer|Standalone/.test(k));
  const standalone = Object.keys(r).filter((k) => /^termCloseStandalone/.test(k) && !/Elected|transfer/.test(k));
  const rows = [...ops, ...standalone].map((op) => [op, ...Ns.map((n) => cell(r[op]?.[n]))]);
  rows.push(["termClose fees (EVER)", ...Ns.map((n) => ever(r.termClose?.[n]?.fees))]);
  return table(["term close (Σ gas)", ...Ns.map((n) => `N=${Number(n).toLocaleString("en-US")}`)], rows);
}

function slashTable(r: Results): string {
  const W = ["100", "1000"];
  const rows: [string, string, keyof Row][] = [
    ["slashFirstBatch (onBan) gas", "slashFirstBatch (onBan)", "gas"], ["slashBatch minTxGas", "slashBatch", "minTxGas"],
    ["slashBatch gas (largest)", "slashBatch", "gas"], ["slashBatch txs", "slashBatch", "txs"], ["slashBatchTree gas", "slashBatchTree", "gas"],
    ["slashJob gas", "slashJob", "gas"], ["slashJob txs", "slashJob", "txs"],
  ];
  return table(["slash (Ban job, JOB_BATCH 50)", ...W.map((w) => `W=${Number(w).toLocaleString("en-US")}`)], rows.map(([label, op, f]) => [label, ...W.map((w) => cell(r[op]?.[w], f))]));
}

function proposalTable(r: Results): string {
  const C = ["2", "4", "8"];
  const fields: (keyof Row)[] = ["gas", "maxTxGas", "txs", "messages", "hops"];
  const rows = fields.map((f) => [String(f), ...C.map((c) => cell(r.proposalCommit?.[c], f))]);
  rows.push(["fees (EVER)", ...C.map((c) => ever(r.proposalCommit?.[c]?.fees))]);
  return table(["proposalCommit", ...C.map((c) => `C=${c}`)], rows);
}

function crossCheckTable(r: Results): string {
  const rows = Object.keys(r).filter((k) => k.endsWith(" [storage]") && !/Elected|signers|transfer|·/.test(k)).flatMap((k) => {
    const op = k.slice(0, -" [storage]".length);
    return Object.keys(r[k]).map((n) => [`${op} N=${n}`, cell(r[op]?.[n]), cell(r[k][n]), pct(r[op]?.[n]?.gas, r[k][n]?.gas)]);
  });
  return table(["cross-check", "messages-built", "storage-built", "difference"], rows);
}

function cellsTable(r: Results): string {
  const rows: string[][] = [];
  for (const op of ["electorCells nominated", "electorCells ranked wc0"]) {
    const entries = Object.entries(r[op] ?? {}).map(([n, m]) => [Number(n), m.cells] as const).filter(([, c]) => c !== undefined).sort((x, y) => x[0] - y[0]);
    entries.forEach(([n, c], i) => {
      const prev = entries[i - 1];
      const slope = prev ? ((c! - prev[1]!) / (n - prev[0])).toFixed(1) : "—";
      rows.push([op, fmt(n), fmt(c), slope]);
    });
  }
  return table(["elector storage", "candidates on the chain", "cells", "cells per added candidate"], rows);
}

function changesTable(before: Results, now: Results): string {
  const rows: string[][] = [];
  for (const op of Object.keys(now)) {
    if (op === "_meta" || op.includes("[")) continue;
    const Ns = Object.keys(now[op]).filter((n) => {
      const a = before[op]?.[n]?.gas;
      const b = now[op][n]?.gas;
      return a !== undefined && a > 0 && b !== undefined && Math.abs(b - a) >= a / 100; // under 1%: dictionary depth
    });
    if (Ns.length === 0) continue;
    const col = (f: (n: string) => string) => Ns.map(f).join(" / ");
    rows.push([op, col((n) => Number(n).toLocaleString("en-US")), col((n) => fmt(before[op][n].gas)), col((n) => fmt(now[op][n].gas)), col((n) => pct(before[op][n].gas, now[op][n].gas))]);
  }
  return table(["Σ gas (rows that moved ≥ 1%)", "N", "before", "now", "change"], rows);
}

function main(): void {
  const opts = new Command().option("--against <rev>", "git revision whose bench/results.json is 'before'").option("--check", "exit 1 if the document differs").parse().opts();
  const r: Results = JSON.parse(readFileSync("bench/results.json", "utf8"));
  const blocks: Record<string, string> = {
    stake: stakeTable(r), cells: cellsTable(r), term: termTable(r), slash: slashTable(r), proposal: proposalTable(r), crosscheck: crossCheckTable(r),
  };
  if (opts.against) blocks.changes = changesTable(JSON.parse(execFileSync("git", ["show", `${opts.against}:bench/results.json`], { encoding: "utf8" })), r);
  let doc = readFileSync(DOC, "utf8");
  for (const [name, body] of Object.entries(blocks)) {
    const re = new RegExp(`(<!-- bench:${name} -->)[\\s\\S]*?(<!-- /bench:${name} -->)`);
    if (!re.test(doc)) {
      if (name === "changes") continue;
      throw new Error(`${DOC} has no block <!-- bench:${name} --> … <!-- /bench:${name} -->`);
    }
    doc = doc.replace(re, `$1\n${body}\n$2`);
  }
  const current = readFileSync(DOC, "utf8");
  if (opts.check) {
    if (doc !== current) {
      console.error(`${DOC} is not what bench/results.json gives: run npm run bench:doc`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(DOC, doc);
  console.log(`${DOC}: ${Object.keys(blocks).length} tables from bench/results.json (${r._meta?.date ?? "undated"})`);
}

main();
