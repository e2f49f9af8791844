/** Values for any ABI parameter list, for tests that need *some* well-formed call (e.g. every function of a contract). */
import { AbiParam, parseType, AbiType } from "../../src/toolchain/abi";

const EMPTY_CELL = "te6ccgEBAQEAAgAAAA==";

/** A well-formed nekoton token for an ABI type: zeros, empty collections, `address` for addresses. */
export function sampleValue(t: AbiType, p: AbiParam, address: string): unknown {
  switch (t.kind) {
    case "uint":
    case "int":
    case "varuint":
    case "varint":
      return "0";
    case "bool":
      return false;
    case "address":
      return address;
    case "cell":
      return EMPTY_CELL;
    case "bytes":
    case "string":
      return "";
    case "optional":
      return null;
    case "map":
    case "array":
      return [];
    case "ref":
      return sampleValue(t.inner, t.innerParam, address);
    case "tuple":
      return sampleTokens(t.components, address);
  }
}

export function sampleTokens(params: AbiParam[], address: string): Record<string, unknown> {
  return Object.fromEntries(params.map((p) => [p.name, sampleValue(parseType(p), p, address)]));
}
