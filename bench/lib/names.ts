/** Function id → "Contract.function" for the DDVS contracts (from build/*.abi.json), to label measured transactions. */
import { functionId, loadAbi } from "../../src/toolchain/abi";
import { abiOf } from "./suite";

let table: Map<number, string> | undefined;

export function functionName(id: number | undefined): string {
  if (id === undefined) return "transfer";
  if (!table) {
    table = new Map();
    for (const c of ["DePoolWallet", "DePoolRoot", "DElectorConfig"]) {
      for (const f of loadAbi(abiOf(c)).functions) table.set(functionId(f), `${c}.${f.name}`);
    }
  }
  return table.get(id) ?? `0x${id.toString(16)}`;
}
