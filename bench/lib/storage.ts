/**
 * Direct account-storage access for the benchmarks' bulk state (N = 10,000): reads a contract's
 * storage as its ABI `fields` (build/<Name>.abi.json) and writes it back, packed by nekoton exactly
 * as the ABI lays it out — layout-agnostic: whatever the fields are, the data cell is their ABI
 * encoding, as the contracts' generated `<C>_Storage` load()/save() read and write it.
 *
 * `readFields` → plain nekoton tokens (maps as `[key, value][]`, numbers as decimal strings);
 * `writeFields` replaces the committed account's data (balance, code, last transaction kept) and
 * refreshes the account's storage statistics (cells, bits) so storage fees stay honest.
 */
import * as nt from "nekoton-wasm";
import { Address } from "locklift";
import { beginCell, Cell, loadShardAccount, storeShardAccount } from "@ton/core";
import { executor } from "./executor";

/* eslint-disable @typescript-eslint/no-explicit-any */

function fieldsOf(abi: string): nt.AbiParam[] {
  return JSON.parse(abi).fields as nt.AbiParam[];
}

async function shardAccount(address: Address | string) {
  const boc = await executor()._getAccount(address.toString());
  if (!boc) throw new Error(`storage: no account at ${address}`);
  const sa = loadShardAccount(Cell.fromBase64(boc).beginParse());
  const state = sa.account?.storage.state;
  if (!sa.account || state?.type !== "active" || !state.state.data) throw new Error(`storage: ${address} is not an active contract`);
  return { sa, state: state.state };
}

/** The contract's storage at `address` decoded with its ABI `fields`. */
export async function readFields(abi: string, address: Address | string): Promise<Record<string, any>> {
  const { state } = await shardAccount(address);
  return nt.unpackFromCell(fieldsOf(abi), state.data!.toBoc().toString("base64"), false, "2.4") as Record<string, any>;
}

/** Distinct cells and bits of a tree (the account's storage statistics). */
function usage(roots: Cell[]): { cells: bigint; bits: bigint } {
  const seen = new Set<string>();
  let bits = 0;
  const walk = (c: Cell) => {
    const h = c.hash().toString("hex");
    if (seen.has(h)) return;
    seen.add(h);
    bits += c.bits.length;
    c.refs.forEach(walk);
  };
  roots.forEach(walk);
  return { cells: BigInt(seen.size), bits: BigInt(bits) };
}

/** Replaces the storage of `address` with `fields` packed by its ABI. Returns the new data hash. */
export async function writeFields(abi: string, address: Address | string, fields: Record<string, any>): Promise<string> {
  const { sa, state } = await shardAccount(address);
  const packed = nt.packIntoCell(fieldsOf(abi), fields as nt.TokensObject, "2.4");
  const data = Cell.fromBase64(packed.boc);
  state.data = data;
  const used = usage([state.code!, data]);
  const st = sa.account!.storageStats as any;
  st.used = { ...st.used, cells: used.cells, bits: used.bits };
  const boc = beginCell().store(storeShardAccount(sa)).endCell().toBoc().toString("base64");
  executor()._setAccount1(address.toString(), boc);
  return packed.hash;
}

/** The data cell hash of `address` (for round-trip checks). */
export async function dataHash(address: Address | string): Promise<string> {
  const { state } = await shardAccount(address);
  return state.data!.hash().toString("hex");
}
