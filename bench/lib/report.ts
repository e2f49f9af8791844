/**
 * Benchmark results: aggregation of measured transactions, the markdown table printed to stdout
 * and bench/results.json (`{ "<operation>": { "<N>": { gas, fees } } }`; proposal rows carry
 * `messages` and `hops` instead of gas; a failed measurement carries `error` and no numbers).
 * Gas in gas units (compute phase), fees in nanoevers (decimal string).
 */
import fs from "fs";
import { TxRecord } from "./executor";

export interface Measurement {
  gas?: number;
  fees?: string;
  /** largest single transaction's gas of the measured tree */
  maxTxGas?: number;
  /** smallest single transaction's gas (constant-per-batch checks) */
  minTxGas?: number;
  /** transactions in the measured tree */
  txs?: number;
  messages?: number;
  hops?: number;
  /** distinct cells of an account's storage (state-size checks) */
  cells?: number;
  /** why there is no number (the operation failed or is not built) */
  error?: string;
}
export type Results = Record<string, Record<string, Measurement>>;

/** Σ gas, Σ fees, max single-transaction gas and count of a set of transactions. */
export function summarize(txs: TxRecord[]): Required<Pick<Measurement, "gas" | "fees" | "maxTxGas" | "txs">> {
  return {
    gas: txs.reduce((s, t) => s + t.gas, 0),
    fees: txs.reduce((s, t) => s + t.fees, 0n).toString(),
    maxTxGas: txs.reduce((m, t) => Math.max(m, t.gas), 0),
    txs: txs.length,
  };
}

/** Throws when a transaction of the tree failed (non-zero exit or aborted): such numbers are not a measurement. */
export function assertClean(txs: TxRecord[], what: string): void {
  const failed = (t: TxRecord) =>
    t.exitCode !== undefined ? (t.exitCode !== 0 && t.exitCode !== 1) || t.aborted : t.aborted && t.functionId !== undefined && !t.bounced;
  const bad = txs.filter(failed);
  if (bad.length) {
    const b = bad[0];
    throw new Error(`${what}: transaction on ${b.account} (fn 0x${(b.functionId ?? 0).toString(16)}) exited ${b.exitCode}${b.aborted ? ` (aborted, action ${b.actionResult})` : ""}`);
  }
}

export class ResultBook {
  readonly results: Results = {};

  set(op: string, n: number | string, m: Measurement): void {
    (this.results[op] ??= {})[String(n)] = m;
  }

  /** A view recording every operation as `<op><suffix>` into this book (e.g. a cross-check series). */
  view(suffix: string): ResultBook {
    const parent = this;
    const v = Object.create(this) as ResultBook;
    v.set = (op, n, m) => parent.set(`${op}${suffix}`, n, m);
    return v;
  }

  /** Runs `fn`; on error records `error` instead of numbers (never a made-up value). */
  async record(op: string, n: number | string, fn: () => Promise<Measurement>): Promise<void> {
    try {
      this.set(op, n, await fn());
    } catch (e) {
      this.set(op, n, { error: (e as Error).message.split("\n")[0].slice(0, 200) });
    }
  }

  /** Markdown table: one row per (operation, N). */
  table(): string {
    const lines = ["| operation | N | gas (Σ tree) | max tx gas | txs | fees (EVER) | msgs/hops |", "|---|---:|---:|---:|---:|---:|---|"];
    for (const [op, byN] of Object.entries(this.results)) {
      for (const [n, m] of Object.entries(byN)) {
        if (m.error) {
          lines.push(`| ${op} | ${n} | — | — | — | — | error: ${m.error.replace(/\|/g, "/")} |`);
          continue;
        }
        const fees = m.fees !== undefined ? (Number(BigInt(m.fees)) / 1e9).toFixed(6) : "—";
        const mh = m.messages !== undefined ? `${m.messages} / ${m.hops}` : "";
        const mx = m.minTxGas !== undefined ? `${m.minTxGas}–${m.gas}` : m.maxTxGas ?? "—";
        lines.push(`| ${op} | ${n} | ${m.gas ?? "—"} | ${mx} | ${m.txs ?? "—"} | ${fees} | ${mh} |`);
      }
    }
    return lines.join("\n");
  }

  write(file: string, extra: Record<string, unknown> = {}): void {
    fs.writeFileSync(file, JSON.stringify({ ...this.results, ...extra }, null, 2) + "\n");
  }
}
