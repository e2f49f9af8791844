/**
 * Direct account-storage access for the benchmarks' bulk state (N = 10,000): reads a contract's
 * storage as its ABI `fields` (build/<Name>.abi.json) and writes it back, packed by nekoton exactly
 * as the ABI lays it out — layout-agnostic: whatever the fields are, the data cell is their ABI
 * encoding, as the contracts' generated `<C>_Storage` load()/save() read and write it.
 *
 * One difference from nekoton's packing is handled generically: a map value that is a tuple whose
 * ABI maximum exceeds one cell (e.g. two 591-bit addresses) is stored by the contracts as one
 * compact cell in the value's ref (the generated `Cell<T>`, actual sizes), where nekoton's ABI 2.4
 * packing splits it at the fixed-layout maximum. `writeFields` re-encodes such maps with the values
 * packed at their actual sizes and splices them into the packed storage (`readFields` checks that
 * decoding and packing again gives the same data cell before anything is written).
 *
 * `readFields` → plain nekoton tokens (maps as `[key, value][]`, numbers as decimal strings);
 * `writeFields` replaces the committed account's data (balance, code, last transaction kept) and
 * refreshes the account's storage statistics (cells, bits) so storage fees stay honest.
 */
import * as nt from "nekoton-wasm";
import { Address } from "locklift";
import { beginCell, Builder, Cell, Dictionary, DictionaryKey, loadShardAccount, storeShardAccount } from "@ton/core";
import { executor } from "../../src/dev/executor";
import { maxSize, parseType } from "../../src/toolchain/abi";

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

/**
 * The contract's storage at `address` decoded with its ABI `fields`. Throws when packing the decoded
 * fields again does not give the same data cell (the contract's layout is not its ABI's: writing
 * storage would change more than the entries added).
 */
export async function readFields(abi: string, address: Address | string): Promise<Record<string, any>> {
  const { state } = await shardAccount(address);
  const fields = nt.unpackFromCell(fieldsOf(abi), state.data!.toBoc().toString("base64"), false, "2.4") as Record<string, any>;
  if (!packStorage(abi, fields).hash().equals(state.data!.hash())) throw new Error(`storage: ${address} does not round-trip through its ABI fields`);
  return fields;
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

function dictKey(t: any): DictionaryKey<any> {
  if (t.kind === "address") return Dictionary.Keys.Address();
  if (t.kind === "uint") return Dictionary.Keys.BigUint(t.bits);
  return Dictionary.Keys.BigInt(t.bits);
}

function keyOf(t: any, k: string): any {
  if (t.kind === "address") return require("@ton/core").Address.parse(k);
  return BigInt(k);
}

/** Map fields whose tuple values the contracts store compactly (ABI maximum over one cell). */
function compactMaps(fields: nt.AbiParam[]): { param: nt.AbiParam; type: any }[] {
  return fields
    .map((param) => ({ param, type: parseType(param as never) as any }))
    .filter(({ type }) => type.kind === "map" && type.value.kind === "tuple" && maxSize(type.value).bits > 1023);
}

/** The dictionary root of a map with compact (actual-size, one-cell) tuple values in refs. */
function compactDict(type: any, entries: [string, any][]): Cell {
  const dict = Dictionary.empty(dictKey(type.key), Dictionary.Values.Cell());
  for (const [k, v] of entries) dict.set(keyOf(type.key, k), Cell.fromBase64(nt.packIntoCell(type.value.components, v, "2.1").boc));
  return beginCell().storeDictDirect(dict).endCell();
}

/** `root` with every subtree of hash `from` replaced by `to`. */
function replaceSubtree(root: Cell, from: Buffer, to: Cell): Cell {
  if (root.hash().equals(from)) return to;
  if (root.refs.length === 0) return root;
  const refs = root.refs.map((r) => replaceSubtree(r, from, to));
  if (refs.every((r, i) => r === root.refs[i])) return root;
  const b: Builder = beginCell().storeBits(root.bits);
  refs.forEach((r) => b.storeRef(r));
  return b.endCell({ exotic: root.isExotic });
}

/** Packs `tokens` as the contract stores them (ABI fields, compact map values). */
export function packStorage(abi: string, tokens: Record<string, any>): Cell {
  const fields = fieldsOf(abi);
  let data = Cell.fromBase64(nt.packIntoCell(fields, tokens as nt.TokensObject, "2.4").boc);
  for (const { param, type } of compactMaps(fields)) {
    const entries = tokens[param.name] as [string, any][];
    if (!entries?.length) continue;
    const nekoton = Cell.fromBase64(nt.packIntoCell([param], { [param.name]: entries } as nt.TokensObject, "2.4").boc).refs[0];
    data = replaceSubtree(data, nekoton.hash(), compactDict(type, entries));
  }
  return data;
}

/** Replaces the storage of `address` with `fields` packed as the contract stores them. Returns the new data hash. */
export async function writeFields(abi: string, address: Address | string, fields: Record<string, any>): Promise<string> {
  const { sa, state } = await shardAccount(address);
  const data = packStorage(abi, fields);
  state.data = data;
  const used = usage([state.code!, data]);
  const st = sa.account!.storageStats as any;
  st.used = { ...st.used, cells: used.cells, bits: used.bits };
  const boc = beginCell().store(storeShardAccount(sa)).endCell().toBoc().toString("base64");
  executor()._setAccount1(address.toString(), boc);
  return data.hash().toString("hex");
}

/** The data cell hash of `address` (for round-trip checks). */
export async function dataHash(address: Address | string): Promise<string> {
  const { state } = await shardAccount(address);
  return state.data!.hash().toString("hex");
}
