/**
 * ABI 2.2+ fixed cell layout: which parameters go into which cell of the chain.
 *
 * Rule (ever-abi "Encoding of function ID and its arguments"): parameters are laid out in
 * order, each counted at its maximum size; tuples count as the sequence of their components.
 * If the current parameter and all the following ones fit the current cell (1023 bits,
 * 4 refs), they all go there. Otherwise the parameter goes into the current cell only if it
 * fits while leaving one ref free for the link to the next cell; else a new cell starts.
 * The link to the next cell is the last ref of each cell but the last.
 */
import { AbiParam, AbiType, maxSize, parseType } from "./abi";

/** One leaf parameter (tuples flattened) with the path of tuple names that contains it. */
export interface Leaf {
  path: string[];
  param: AbiParam;
  type: AbiType;
}

export function flatten(params: AbiParam[], path: string[] = []): Leaf[] {
  const out: Leaf[] = [];
  for (const p of params) {
    const t = parseType(p);
    if (t.kind === "tuple") out.push(...flatten(t.components, [...path, p.name]));
    else out.push({ path: [...path, p.name], param: p, type: t });
  }
  return out;
}

/**
 * Splits `params` into cells. `usedBits` are taken in the first cell before the first
 * parameter (32 for a function id; 591+64+32+32 for a signed external with time/expire).
 * Returns the leaves of each cell in order.
 */
export function layoutCells(params: AbiParam[], usedBits: number): Leaf[][] {
  const leaves = flatten(params);
  const cells: Leaf[][] = [[]];
  let bits = usedBits;
  let refs = 0;
  for (let i = 0; i < leaves.length; i++) {
    const rest = leaves.slice(i).map((l) => maxSize(l.type));
    const restBits = rest.reduce((a, s) => a + s.bits, 0);
    const restRefs = rest.reduce((a, s) => a + s.refs, 0);
    if (bits + restBits <= 1023 && refs + restRefs <= 4) {
      cells[cells.length - 1].push(...leaves.slice(i));
      return cells;
    }
    const s = rest[0];
    if (!(bits + s.bits <= 1023 && refs + s.refs <= 3)) {
      cells.push([]);
      bits = 0;
      refs = 0;
    }
    cells[cells.length - 1].push(leaves[i]);
    bits += s.bits;
    refs += s.refs;
  }
  return cells;
}

/** Header bits reserved in the root cell of a signed external message with `time` and `expire`. */
export const EXTERNAL_HEADER_BITS = 591 + 64 + 32;
export const FUNCTION_ID_BITS = 32;
