/**
 * Generates Tolk declarations from a contract's ABI 2.4 JSON, so hand-written Tolk only
 * handles behaviour:
 *
 * - `const <C>_ID_<fn>`: function ids (ABI rule, see abi.ts).
 * - `struct (0xID) <C>_<Fn>`: the internal message body of each function (opcode = id),
 *   laid out in the ABI cell chain; when it spans several cells, the continuation cells
 *   `<C>_<Fn>_1..` hang off the last ref (`next`), and a flat `<C>_<Fn>_Args` with
 *   `.args()` / `.toMsg()` converts between the flat and the wire shapes.
 * - `struct <C>_<Fn>_Ext`: the parameters of a signed external call (after the header and
 *   function id), with the external layout (591 + 64 + 32 + 32 bits reserved in the root).
 * - `type <C>_Message`: the union of all internal messages, for `lazy` + `match`.
 * - `struct (0xID) <C>_Ev<Name>`: events, emitted as external out messages.
 * - `struct <C>_Storage` with `load()` / `save()` matching the ABI `fields` (nekoton's
 *   storage encoding), plus `<C>_initialData(...)` and `<C>_address(...)` computing the
 *   StateInit of a canonical instance from its static (`init: true`) fields.
 */
import { AbiParam, AbiType, ContractAbi, eventId, functionId, isLargeOptional, mapValueInRef, parseType, signatureType } from "./abi";
import { EXTERNAL_HEADER_BITS, FUNCTION_ID_BITS, Leaf, flatten, layoutCells } from "./layout";

const KEYWORDS = new Set(
  "fun val var return if else while do repeat match struct type enum import const global true false null lazy mutate get asm builtin try catch throw assert break continue self tolk redef as is in contract".split(" "),
);
export const ident = (n: string) => (KEYWORDS.has(n) ? `${n}_` : n);
const pascal = (n: string) => n.replace(/^_+/, "").replace(/^./, (c) => c.toUpperCase());
const hex = (n: number) => "0x" + n.toString(16).padStart(8, "0");

interface Ctx {
  c: string;
  out: string[];
  tuples: Map<string, string>; // struct name -> signature
}

/** Registers the struct for a tuple param and returns its name. */
function tupleStruct(ctx: Ctx, p: AbiParam, owner: string, nullable = false): string {
  // in storage, a tuple that is not set at deploy holds ABI defaults: addresses may be addr_none
  const sig = signatureType({ ...p, type: "tuple" }) + (nullable ? "/storage" : "");
  let name = `${ctx.c}_${pascal(p.name)}${nullable ? "Stored" : ""}`;
  const seen = ctx.tuples.get(name);
  if (seen !== undefined && seen !== sig) name = `${ctx.c}_${pascal(owner)}${pascal(p.name)}`;
  if (ctx.tuples.get(name) === sig) return name;
  ctx.tuples.set(name, sig);
  const fields = (p.components ?? []).map((f) => `    ${ident(f.name)}: ${tolkType(ctx, parseType(f), f, owner, nullable)};`);
  ctx.out.push(`/// ABI tuple ${p.name}: ${sig}\nstruct ${name} {\n${fields.join("\n")}\n}\n`);
  return name;
}

/** Tolk type of an ABI type encoded inline (the ABI and Tolk serializations coincide). */
export function tolkType(ctx: Ctx, t: AbiType, p: AbiParam, owner: string, nullableAddress: boolean): string {
  switch (t.kind) {
    case "uint":
      return t.bits <= 256 ? `uint${t.bits}` : `bits${t.bits}`;
    case "int":
      return `int${t.bits}`;
    case "bool":
      return "bool";
    case "address":
      // serialized with LDMSGADDR/STSLICE (contracts/lib/everscale.tolk); in storage it may hold addr_none
      return "MsgAddress";
    case "cell":
    case "bytes":
    case "string":
      return "cell";
    case "varuint":
      return t.size === 16 ? "coins" : "varuint32";
    case "varint":
      return `varint${t.size}`;
    case "optional": {
      if (t.inner.kind === "address") return "OptMsgAddress";
      const inner = tolkType(ctx, t.inner, t.innerParam, owner, false);
      return isLargeOptional(t) ? `Cell<${inner}>?` : `${inner}?`;
    }
    case "ref": {
      // a tuple too big for one cell is laid out in its own cell chain, as nekoton packs it
      if (refSpansCells(t)) return `Cell<${refChain(ctx, t, owner)}>`;
      return `Cell<${tolkType(ctx, t.inner, t.innerParam, owner, false)}>`;
    }
    case "map": {
      const k = t.key.kind === "address" ? "address" : tolkType(ctx, t.key, p, owner, false);
      const v = tolkType(ctx, t.value, t.valueParam, owner, false);
      return `map<${k}, ${mapValueInRef(t.key, t.value) ? `Cell<${v}>` : v}>`;
    }
    case "array": {
      const v = tolkType(ctx, t.item, t.itemParam, owner, false);
      const item = mapValueInRef({ kind: "uint", bits: 32 }, t.item) ? `Cell<${v}>` : v;
      const name = `${ctx.c}_Array_${item.replace(/[^A-Za-z0-9]+/g, "_").replace(/_+$/, "")}`;
      if (!ctx.tuples.has(name)) {
        ctx.tuples.set(name, item);
        ctx.out.push(`/// ABI ${t.item.kind === "tuple" ? "tuple" : t.itemParam.type}[]: uint32 length, then a dictionary uint32 index -> item\nstruct ${name} {\n    length: uint32;\n    items: map<uint32, ${item}>;\n}\n`);
      }
      return name;
    }
    case "tuple":
      return tupleStruct(ctx, p, owner, nullableAddress);
  }
}

/** Default value (ABI 2.4 "Default values for parameter types") as a Tolk expression. */
function defaultValue(ctx: Ctx, t: AbiType, p: AbiParam, owner: string, nullable = true): string {
  switch (t.kind) {
    case "uint":
    case "int":
    case "varuint":
    case "varint":
      return "0";
    case "bool":
      return "false";
    case "address":
      return "addressNone()";
    case "cell":
    case "bytes":
    case "string":
      return "createEmptyCell()";
    case "optional":
      return "null";
    case "map":
      return "createEmptyMap()";
    case "array":
      return "{ length: 0, items: createEmptyMap() }";
    case "ref":
      if (refSpansCells(t) && t.inner.kind === "tuple") {
        const base = refChain(ctx, t, owner);
        const comps = t.inner.components.map((c) => `${ident(c.name)}: ${defaultValue(ctx, parseType(c), c, owner, false)}`).join(", ");
        return `(${base}_Args { ${comps} } as ${base}_Args).toMsg().toCell()`;
      }
      return `(${defaultValue(ctx, t.inner, t.innerParam, owner, false)} as ${tolkType(ctx, t.inner, t.innerParam, owner, false)}).toCell()`;
    case "tuple": {
      const name = tupleStruct(ctx, p, owner, nullable);
      return `${name} { ${t.components.map((c) => `${ident(c.name)}: ${defaultValue(ctx, parseType(c), c, owner, nullable)}`).join(", ")} }`;
    }
  }
}

/** `ref(tuple)` whose components do not fit one cell (fixed layout): it gets its own cell chain. */
function refSpansCells(t: AbiType): boolean {
  return t.kind === "ref" && t.inner.kind === "tuple" && layoutCells(t.inner.components, 0).length > 1;
}

/**
 * Wire structs of a `ref(tuple)` spanning cells: `<C>_<Name>` (first cell, `next` link),
 * `<C>_<Name>_1..`, the flat `<C>_<Name>_Args` and `.args()` / `.toMsg()`. Returns the base name.
 */
function refChain(ctx: Ctx, t: AbiType, owner: string): string {
  if (t.kind !== "ref" || t.inner.kind !== "tuple") throw new Error("refChain: not a ref(tuple)");
  const base = `${ctx.c}_${pascal(t.innerParam.name)}`;
  if (!ctx.tuples.has(base)) {
    ctx.tuples.set(base, "ref-chain");
    chain(ctx, base, null, t.inner.components, 0, owner, false, `ABI ref(tuple) ${t.innerParam.name}, laid out in its own cell chain`);
  }
  return base;
}

interface CellField {
  name: string;
  type: string;
  /** expression reading this wire field from the flat value `self` */
  fromFlat: string;
}

/**
 * Generates the wire structs of a parameter list laid out from `usedBits`, named
 * `base` (root, with optional opcode) and `base_1..n`; returns whether it spans cells.
 * When it does, also generates the flat `<base>_Args` and the converters.
 */
function chain(ctx: Ctx, base: string, opcode: number | null, params: AbiParam[], usedBits: number, owner: string, storage: boolean, doc: string): { multi: boolean; flat: string } {
  const cells = layoutCells(params, usedBits);
  const nullable = (p: AbiParam) => storage && !p.init;
  const typeOf = (p: AbiParam) => tolkType(ctx, parseType(p), p, owner, nullable(p));
  const leafCell = new Map<Leaf, number>();
  cells.forEach((leaves, i) => leaves.forEach((l) => leafCell.set(l, i)));
  const allLeaves = cells.flat();
  // whole top-level params: all their leaves in one cell
  const cellOf = (p: AbiParam): number | null => {
    const ls = allLeaves.filter((l) => l.path[0] === p.name);
    const set = new Set(ls.map((l) => leafCell.get(l)));
    return set.size === 1 ? [...set][0]! : null;
  };
  const fieldsPerCell: CellField[][] = cells.map(() => []);
  for (const p of params) {
    const k = cellOf(p);
    if (k !== null) fieldsPerCell[k].push({ name: ident(p.name), type: typeOf(p), fromFlat: `self.${ident(p.name)}` });
    else
      for (const l of flatten([p]))
        fieldsPerCell[leafCell.get(allLeaves.find((x) => x.path.join(".") === l.path.join("."))!)!].push({
          name: l.path.map(ident).join("_"),
          type: tolkType(ctx, l.type, l.param, owner, storage && !p.init),
          fromFlat: "self." + l.path.map(ident).join("."),
        });
  }
  const multi = cells.length > 1;
  const names = cells.map((_, i) => (i === 0 ? base : `${base}_${i}`));
  // emit from the last cell backwards so each `next` type is declared first (order does not matter to Tolk, but reads well)
  for (let i = cells.length - 1; i >= 0; i--) {
    const f = fieldsPerCell[i].map((x) => `    ${x.name}: ${x.type};`);
    if (i < cells.length - 1) f.push(`    next: Cell<${names[i + 1]}>;`);
    const prefix = i === 0 && opcode !== null ? `(${hex(opcode)}) ` : "";
    const d = i === 0 ? `/// ${doc}${multi ? ` (cell 1 of ${cells.length})` : ""}` : `/// ${doc} (cell ${i + 1} of ${cells.length})`;
    ctx.out.push(`${d}\nstruct ${prefix}${names[i]} {\n${f.join("\n")}\n}\n`);
  }
  if (!multi) return { multi, flat: base };
  const flat = `${base}_Args`;
  ctx.out.push(`/// ${doc}: all parameters, flat (in memory)\nstruct ${flat} {\n${params.map((p) => `    ${ident(p.name)}: ${typeOf(p)};`).join("\n")}\n}\n`);
  // flat -> wire
  const build = (i: number): string => {
    const parts = fieldsPerCell[i].map((x) => `${x.name}: ${x.fromFlat}`);
    if (i < cells.length - 1) parts.push(`next: ${build(i + 1)}.toCell()`);
    return `${names[i]} { ${parts.join(", ")} }`;
  };
  ctx.out.push(`fun ${flat}.toMsg(self): ${names[0]} {\n    return ${build(0)};\n}\n`);
  // wire -> flat
  const loads: string[] = [`    val c0 = self;`];
  for (let i = 1; i < cells.length; i++) loads.push(`    val c${i} = c${i - 1}.next.load();`);
  const readParam = (p: AbiParam, path: string[]): string => {
    const full = [...path, p.name];
    const t = parseType(p);
    if (path.length === 0) {
      const k = cellOf(p);
      if (k !== null) return `c${k}.${ident(p.name)}`;
    }
    if (t.kind === "tuple") {
      const name = tupleStruct(ctx, p, owner, storage && path.length === 0 ? !p.init : storage);
      return `${name} { ${t.components.map((c) => `${ident(c.name)}: ${readParam(c, full)}`).join(", ")} }`;
    }
    const leaf = allLeaves.find((l) => l.path.join(".") === full.join("."))!;
    return `c${leafCell.get(leaf)}.${full.map(ident).join("_")}`;
  };
  ctx.out.push(
    `fun ${names[0]}.args(self): ${flat} {\n${loads.join("\n")}\n    return { ${params.map((p) => `${ident(p.name)}: ${readParam(p, [])}`).join(", ")} };\n}\n`,
  );
  return { multi, flat };
}

/** Generates the whole Tolk file for one contract. */
export function generateTolk(contract: string, abi: ContractAbi, abiPath: string): string {
  const ctx: Ctx = { c: contract, out: [], tuples: new Map() };
  const head = [
    `// AUTO-GENERATED from ${abiPath} by scripts/build.ts — do not edit; edit the ABI instead.`,
    `tolk 1.3`,
    ``,
    `import "@contracts/lib/abi"`,
    `import "@contracts/lib/everscale"`,
    ``,
  ];
  const C = contract;
  const fields = abi.fields;
  // `_pubkey` is address-defining (`init: true`, as TVM Solidity's ABI 2.4 output has it):
  // nekoton packs it from `initParams._pubkey`, not from the deploy's publicKey argument.
  const expect = ["_pubkey:uint256", "_timestamp:uint64", "_constructorFlag:bool"];
  if (!fields[0]?.init) throw new Error(`${abiPath}: field _pubkey must be "init": true`);
  const got = fields.slice(0, 3).map((f) => `${f.name}:${f.type}`);
  if (expect.join() !== got.join()) throw new Error(`${abiPath}: fields must begin with ${expect.join(", ")}`);
  if (abi.version !== "2.4") throw new Error(`${abiPath}: ABI version must be "2.4"`);

  // functions
  const union: string[] = [];
  for (const f of abi.functions) {
    const id = functionId(f);
    const N = `${C}_${pascal(f.name)}`;
    ctx.out.push(`const ${C}_ID_${f.name} = ${hex(id)};\n`);
    const sig = `${f.name}(${f.inputs.map(signatureType).join(",")})(${f.outputs.map(signatureType).join(",")})v2`;
    chain(ctx, N, id, f.inputs, FUNCTION_ID_BITS, f.name, false, `internal call ${sig}`);
    union.push(N);
    chain(ctx, `${N}_Ext`, null, f.inputs, EXTERNAL_HEADER_BITS + FUNCTION_ID_BITS, f.name, false, `parameters of the signed external call ${sig}`);
  }
  if (union.length) ctx.out.push(`/// Every internal message of ${C}, for \`lazy\` + \`match\`.\ntype ${C}_Message = ${union.join(" | ")};\n`);

  // events
  for (const e of abi.events) {
    const id = eventId(e);
    ctx.out.push(`const ${C}_EVENT_${e.name} = ${hex(id)};\n`);
    chain(ctx, `${C}_Ev${pascal(e.name)}`, id, e.inputs, FUNCTION_ID_BITS, e.name, false, `event ${e.name}(${e.inputs.map(signatureType).join(",")})v2`);
  }

  // storage
  const st = chain(ctx, `${C}_StorageWire`, null, fields, 0, "storage", true, `storage of ${C} (ABI fields)`);
  const flatFields = fields.map((p) => `    ${ident(p.name)}: ${tolkType(ctx, parseType(p), p, "storage", !p.init)};`);
  ctx.out.push(`/// Storage of ${C}: the ABI \`fields\`, flat.\nstruct ${C}_Storage {\n${flatFields.join("\n")}\n}\n`);
  if (st.multi) {
    ctx.out.push(`fun ${C}_Storage.load(): ${C}_Storage {\n    val w = ${C}_StorageWire.fromCell(contract.getData()).args();\n    return { ${fields.map((f) => `${ident(f.name)}: w.${ident(f.name)}`).join(", ")} };\n}\n`);
    ctx.out.push(`fun ${C}_Storage.toDataCell(self): cell {\n    val w: ${C}_StorageWire_Args = { ${fields.map((f) => `${ident(f.name)}: self.${ident(f.name)}`).join(", ")} };\n    return w.toMsg().toCell();\n}\n`);
  } else {
    ctx.out.push(`fun ${C}_Storage.load(): ${C}_Storage {\n    val w = ${C}_StorageWire.fromCell(contract.getData());\n    return { ${fields.map((f) => `${ident(f.name)}: w.${ident(f.name)}`).join(", ")} };\n}\n`);
    ctx.out.push(`fun ${C}_Storage.toDataCell(self): cell {\n    val w: ${C}_StorageWire = { ${fields.map((f) => `${ident(f.name)}: self.${ident(f.name)}`).join(", ")} };\n    return w.toCell();\n}\n`);
  }
  ctx.out.push(`fun ${C}_Storage.save(self) {\n    contract.setData(self.toDataCell());\n}\n`);
  // initial data of a canonical instance from its static fields
  const statics = fields.filter((f, i) => f.init && i > 0);
  const sArgs = statics.map((f) => `${ident(f.name)}: ${tolkType(ctx, parseType(f), f, "storage", false)}`);
  const init = fields.map((f, i) => {
    if (i === 0) return `_pubkey: pubkey`;
    if (f.init) return `${ident(f.name)}: ${ident(f.name)}`;
    return `${ident(f.name)}: ${defaultValue(ctx, parseType(f), f, "storage")}`;
  });
  const params = ["pubkey: uint256", ...sArgs].join(", ");
  const names = ["pubkey", ...statics.map((f) => ident(f.name))].join(", ");
  ctx.out.push(
    `/// Initial data of a ${C} as nekoton packs it: \`_pubkey\`, static fields, ABI defaults for the rest.\nfun ${C}_initialData(${params}): cell {\n    val s: ${C}_Storage = { ${init.join(", ")} };\n    return s.toDataCell();\n}\n`,
  );
  ctx.out.push(
    `/// Address of the ${C} with this code and these static fields in \`workchain\`.\nfun ${C}_address(workchain: int, code: cell, ${params}): address {\n    return makeAddress(workchain, stateInitHash(code, ${C}_initialData(${names})));\n}\n`,
  );
  ctx.out.push(
    `/// StateInit of the ${C} with this code and these static fields.\nfun ${C}_stateInit(code: cell, ${params}): ContractState {\n    return { code, data: ${C}_initialData(${names}) };\n}\n`,
  );
  return head.join("\n") + ctx.out.join("\n");
}
