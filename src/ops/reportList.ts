/**
 * The candidate report list (docs/messages.md §4 "Report list"; contracts/DElectorConfig/reportlist.tolk):
 * the `candidates` cell of `candidateReport` and the elector's `myReport` field.
 *
 *   list    = empty cell | spine cell
 *   spine   = 0 bits; ref 0 = a segment, ref 1 (absent on the last) = the next spine cell
 *   segment = entry cell (992 bits): delegation uint80, deposit uint80, order uint64, validatorKey uint256,
 *             signingKey uint256, rootId uint256; ref 0 (absent on the segment's last entry) = next entry
 *
 * Entries in rank order (delegation, deposit, order descending; key ascending). The root address is
 * `chainId:rootId` (the reporting chain). One decoder for the demo reader, the tests and the bench.
 */
import { beginCell, Cell } from "@ton/core";

/** One entry. Keys and rootId as 64 lowercase hex digits, amounts in nanoevers. */
export interface ReportListEntry {
  key: string;
  deposit: bigint;
  delegation: bigint;
  order: number;
  signingKey: string;
  rootId: string;
}

/** Bits of one entry cell. */
export const ENTRY_BITS = 992;

const hex = (v: bigint) => v.toString(16).padStart(64, "0");

/** Decodes a list cell (a `Cell` or a base64 BOC, as nekoton returns `cell` values). Throws on a malformed list. */
export function decodeReportList(list: Cell | string): ReportListEntry[] {
  const root = typeof list === "string" ? Cell.fromBase64(list) : list;
  const out: ReportListEntry[] = [];
  let spine: Cell | undefined = root.refs.length ? root : undefined;
  if (root.bits.length !== 0 || root.refs.length > 2) throw new Error("report list: bad spine cell");
  while (spine) {
    if (spine.bits.length !== 0 || spine.refs.length < 1 || spine.refs.length > 2) throw new Error("report list: bad spine cell");
    let entry: Cell | undefined = spine.refs[0];
    while (entry) {
      if (entry.bits.length !== ENTRY_BITS || entry.refs.length > 1) throw new Error("report list: bad entry cell");
      const s = entry.beginParse();
      const delegation = s.loadUintBig(80);
      const deposit = s.loadUintBig(80);
      const order = Number(s.loadUintBig(64));
      const key = hex(s.loadUintBig(256));
      const signingKey = hex(s.loadUintBig(256));
      const rootId = hex(s.loadUintBig(256));
      out.push({ key, deposit, delegation, order, signingKey, rootId });
      entry = entry.refs[0];
    }
    spine = spine.refs[1];
  }
  return out;
}

/**
 * Encodes entries (taken in the given order, not sorted) as a list, `segment` entries per segment
 * (the contract uses REPORT_BATCH = 64). For tests: crafted, garbled and out-of-order lists.
 */
export function encodeReportList(entries: readonly ReportListEntry[], segment = 64): Cell {
  if (entries.length === 0) return beginCell().endCell();
  const segments: Cell[] = [];
  for (let i = 0; i < entries.length; i += segment) {
    let next: Cell | undefined;
    for (const e of entries.slice(i, i + segment).reverse()) {
      const b = beginCell().storeUint(e.delegation, 80).storeUint(e.deposit, 80).storeUint(e.order, 64)
        .storeUint(BigInt(`0x${e.key}`), 256).storeUint(BigInt(`0x${e.signingKey}`), 256).storeUint(BigInt(`0x${e.rootId}`), 256);
      if (next) b.storeRef(next);
      next = b.endCell();
    }
    segments.push(next!);
  }
  let spine: Cell | undefined;
  for (const seg of segments.reverse()) {
    const b = beginCell().storeRef(seg);
    if (spine) b.storeRef(spine);
    spine = b.endCell();
  }
  return spine!;
}
