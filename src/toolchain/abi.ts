/**
 * Everscale ABI 2.4 model: parameter types, signature strings, function/event ids and the
 * per-type maximum sizes used by the fixed cell layout (ABI 2.2+ "Fixed layout concepts").
 *
 * Everything the contracts and the TypeScript side need to agree on is derived from the
 * contract's `<Name>.abi.json`; nothing here is specific to one contract.
 */
import { createHash } from "crypto";

export interface AbiParam {
  name: string;
  type: string;
  components?: AbiParam[];
  init?: boolean;
}
export interface AbiFunction {
  name: string;
  inputs: AbiParam[];
  outputs: AbiParam[];
  id?: string;
}
export interface AbiEvent {
  name: string;
  inputs: AbiParam[];
  id?: string;
}
export interface AbiGetter {
  name: string;
  inputs: AbiParam[];
  outputs: AbiParam[];
}
export interface ContractAbi {
  "ABI version": number;
  version: string;
  header: string[];
  functions: AbiFunction[];
  events: AbiEvent[];
  getters?: AbiGetter[];
  fields: AbiParam[];
  data?: unknown[];
}

/** Parsed ABI type. */
export type AbiType =
  | { kind: "uint"; bits: number }
  | { kind: "int"; bits: number }
  | { kind: "bool" }
  | { kind: "address" }
  | { kind: "cell" }
  | { kind: "bytes" }
  | { kind: "string" }
  | { kind: "varuint"; size: 16 | 32 }
  | { kind: "varint"; size: 16 | 32 }
  | { kind: "optional"; inner: AbiType; innerParam: AbiParam }
  | { kind: "map"; key: AbiType; value: AbiType; valueParam: AbiParam }
  | { kind: "array"; item: AbiType; itemParam: AbiParam }
  | { kind: "tuple"; components: AbiParam[] }
  | { kind: "ref"; inner: AbiType; innerParam: AbiParam };

/** Splits "map(uint32,tuple)" into its top-level comma-separated arguments. */
function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of s) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Parses one ABI parameter's type (with its `components` for tuples). Throws on unknown types. */
export function parseType(param: AbiParam): AbiType {
  const t = param.type;
  if (t.endsWith("[]")) {
    const itemParam = { ...param, type: t.slice(0, -2) };
    return { kind: "array", item: parseType(itemParam), itemParam };
  }
  let m: RegExpMatchArray | null;
  if ((m = t.match(/^uint(\d+)$/))) return { kind: "uint", bits: Number(m[1]) };
  if ((m = t.match(/^int(\d+)$/))) return { kind: "int", bits: Number(m[1]) };
  if ((m = t.match(/^fixedbytes(\d+)$/))) return { kind: "uint", bits: Number(m[1]) * 8 };
  if (t === "bool") return { kind: "bool" };
  if (t === "address" || t === "address_std") return { kind: "address" };
  if (t === "cell") return { kind: "cell" };
  if (t === "bytes") return { kind: "bytes" };
  if (t === "string") return { kind: "string" };
  if (t === "varuint16" || t === "varuint32") return { kind: "varuint", size: Number(t.slice(7)) as 16 | 32 };
  if (t === "varint16" || t === "varint32") return { kind: "varint", size: Number(t.slice(6)) as 16 | 32 };
  if (t === "tuple") {
    if (!param.components) throw new Error(`tuple ${param.name} has no components`);
    return { kind: "tuple", components: param.components };
  }
  if ((m = t.match(/^optional\((.*)\)$/))) {
    const innerParam = { ...param, type: m[1] };
    return { kind: "optional", inner: parseType(innerParam), innerParam };
  }
  if ((m = t.match(/^ref\((.*)\)$/))) {
    const innerParam = { ...param, type: m[1] };
    return { kind: "ref", inner: parseType(innerParam), innerParam };
  }
  if ((m = t.match(/^map\((.*)\)$/))) {
    const [k, v] = splitArgs(m[1]);
    const key = parseType({ name: "key", type: k });
    if (!["uint", "int", "address"].includes(key.kind)) throw new Error(`map key type ${k} is not supported`);
    const valueParam = { ...param, type: v };
    return { kind: "map", key, value: parseType(valueParam), valueParam };
  }
  throw new Error(`unsupported ABI type "${t}" (parameter ${param.name})`);
}

/** Canonical type string used in signatures: tuples expand to "(T1,T2)". */
export function signatureType(param: AbiParam): string {
  const t = param.type;
  if (t.startsWith("tuple")) {
    const inner = `(${(param.components ?? []).map(signatureType).join(",")})`;
    return inner + t.slice("tuple".length);
  }
  const m = t.match(/^(optional|ref)\((tuple)\)(.*)$/);
  if (m) return `${m[1]}((${(param.components ?? []).map(signatureType).join(",")}))${m[3]}`;
  const mm = t.match(/^map\(([^,]+),tuple\)(.*)$/);
  if (mm) return `map(${mm[1]},(${(param.components ?? []).map(signatureType).join(",")}))${mm[2]}`;
  return t;
}

function sha256_32(s: string): number {
  return createHash("sha256").update(s).digest().readUInt32BE(0);
}

/** Function id (ABI rule): first 32 bits of sha256("name(inputs)(outputs)v2"), top bit cleared for inputs. */
export function functionId(f: AbiFunction): number {
  if (f.id !== undefined) return Number(f.id);
  const sig = `${f.name}(${f.inputs.map(signatureType).join(",")})(${f.outputs.map(signatureType).join(",")})v2`;
  return sha256_32(sig) & 0x7fffffff;
}

/** Event id: first 32 bits of sha256("Name(inputs)v2"), top bit cleared. */
export function eventId(e: AbiEvent): number {
  if (e.id !== undefined) return Number(e.id);
  return sha256_32(`${e.name}(${e.inputs.map(signatureType).join(",")})v2`) & 0x7fffffff;
}

export interface MaxSize {
  bits: number;
  refs: number;
}

/** Max bit/ref size of one ABI type (tuples are sums: they are flattened by the layout). */
export function maxSize(t: AbiType): MaxSize {
  switch (t.kind) {
    case "uint":
    case "int":
      return { bits: t.bits, refs: 0 };
    case "bool":
      return { bits: 1, refs: 0 };
    case "address":
      return { bits: 591, refs: 0 };
    case "cell":
    case "bytes":
    case "string":
    case "ref":
      return { bits: 0, refs: 1 };
    case "varuint":
    case "varint":
      return { bits: t.size === 16 ? 124 : 253, refs: 0 };
    case "map":
      return { bits: 1, refs: 1 };
    case "array":
      return { bits: 33, refs: 1 };
    case "optional":
      return isLargeOptional(t) ? { bits: 1, refs: 1 } : { bits: 1 + maxSize(t.inner).bits, refs: maxSize(t.inner).refs };
    case "tuple":
      return t.components.map((c) => maxSize(parseType(c))).reduce((a, b) => ({ bits: a.bits + b.bits, refs: a.refs + b.refs }), { bits: 0, refs: 0 });
  }
}

/** ABI: optional(T) is large (stored in a ref) if maxBits(T) + 1 > 1023 or maxRefs(T) >= 4. */
export function isLargeOptional(t: { inner: AbiType }): boolean {
  const s = maxSize(t.inner);
  return s.bits + 1 > 1023 || s.refs >= 4;
}

/** Key length in bits of a map key type. */
export function keyBits(k: AbiType): number {
  if (k.kind === "address") return 267;
  if (k.kind === "uint" || k.kind === "int") return k.bits;
  throw new Error(`bad key ${k.kind}`);
}

/** ABI: a map/array value is stored in the leaf if 12 + len(key) + maxValueBits <= 1023, else in a ref. */
export function mapValueInRef(key: AbiType, value: AbiType): boolean {
  return 12 + keyBits(key) + maxSize(value).bits > 1023;
}

export function loadAbi(json: string): ContractAbi {
  const abi = JSON.parse(json) as ContractAbi;
  abi.functions = (abi.functions ?? []).map((f) => ({ ...f, inputs: f.inputs ?? [], outputs: f.outputs ?? [] }));
  abi.events = (abi.events ?? []).map((e) => ({ ...e, inputs: e.inputs ?? [] }));
  abi.getters = (abi.getters ?? []).map((g) => ({ ...g, inputs: g.inputs ?? [], outputs: g.outputs ?? [] }));
  abi.fields = abi.fields ?? [];
  abi.header = abi.header ?? [];
  return abi;
}
