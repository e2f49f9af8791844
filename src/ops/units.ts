/**
 * Amount formatting and parsing for the CLI and reports.
 * Amounts are bigint nanoevers (1 EVER = 10^9); strings in JSON are decimal nanoevers.
 */
export const NANO = 1_000_000_000n;

/** `1234567890123n` → `"1,234.567890123"` (EVER, thousands separated, trailing zeros trimmed). */
export function formatEver(nano: bigint, opts: { decimals?: number } = {}): string {
  const neg = nano < 0n;
  const a = neg ? -nano : nano;
  const int = (a / NANO).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  let frac = (a % NANO).toString().padStart(9, "0");
  if (opts.decimals !== undefined) frac = frac.slice(0, opts.decimals);
  frac = frac.replace(/0+$/, "");
  return (neg ? "-" : "") + int + (frac ? "." + frac : "");
}

/**
 * Parses an amount given on the command line: `"12.5"` / `"12.5ever"` (EVER) or `"12500000000n"` /
 * `"12500000000nano"` (nanoevers). Throws on anything else (negative, more than 9 decimals, junk).
 */
export function parseEver(s: string): bigint {
  const t = s.trim().toLowerCase();
  const nano = /^([0-9]+)(n|nano)$/.exec(t);
  if (nano) return BigInt(nano[1]);
  const m = /^([0-9]+)(?:\.([0-9]{1,9}))?(?:ever)?$/.exec(t);
  if (!m) throw new Error(`not an amount: ${JSON.stringify(s)} (use EVER like 12.5, or nanoevers like 12500000000n)`);
  return BigInt(m[1]) * NANO + BigInt((m[2] ?? "").padEnd(9, "0") || "0");
}

/** 64 lowercase hex chars of a uint256 given as bigint, decimal or hex string. */
export function keyHex(k: bigint | string): string {
  const v = typeof k === "bigint" ? k : BigInt(k.startsWith("0x") || /^[0-9]+$/.test(k) ? k : "0x" + k);
  return v.toString(16).padStart(64, "0");
}
