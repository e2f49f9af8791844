/** ABI 2.4 rules of the toolchain, checked against the ABI specification's own examples. */
import { expect } from "chai";
import fs from "fs";
import path from "path";
import * as nt from "nekoton-wasm";
import { AbiParam, functionId, eventId, maxSize, parseType, mapValueInRef, isLargeOptional } from "../../../src/toolchain/abi";
import { layoutCells, EXTERNAL_HEADER_BITS, FUNCTION_ID_BITS } from "../../../src/toolchain/layout";
import { errorsMarkdown, loadErrorRegistry } from "../../../src/toolchain/errors";
import { findForbiddenInstructions } from "../../../src/toolchain/compat";

const p = (name: string, type: string, components?: AbiParam[]): AbiParam => ({ name, type, components });
const names = (cells: ReturnType<typeof layoutCells>) => cells.map((c) => c.map((l) => l.path.join(".")));

describe("toolchain: ABI ids", () => {
  it("function id is the first 32 bits of sha256 of the signature, top bit cleared (spec sample)", () => {
    // spec: sha256("func(int64,bool)(uint32)v2") = 0x1354f2c8...
    expect(functionId({ name: "func", inputs: [p("a", "int64"), p("b", "bool")], outputs: [p("r", "uint32")] })).to.equal(0x1354f2c8);
  });

  it("function and event ids agree with nekoton for tuples, maps, arrays and optionals", () => {
    const inputs = [p("m", "map(uint32,tuple)", [p("x", "uint64"), p("y", "address")]), p("t", "tuple[]", [p("a", "bool")]), p("o", "optional(cell)")];
    const abi = { "ABI version": 2, version: "2.4", header: ["time", "expire"], functions: [{ name: "f", inputs, outputs: [] }], events: [{ name: "E", inputs }], fields: [] };
    const body = nt.encodeInternalInput(JSON.stringify(abi), "f", { m: [], t: [], o: null });
    const { Cell } = require("@ton/core");
    expect(Cell.fromBase64(body).beginParse().loadUint(32)).to.equal(functionId(abi.functions[0]));
    expect(eventId(abi.events[0])).to.be.a("number").and.to.be.below(2 ** 31);
  });
});

describe("toolchain: fixed cell layout (ABI 2.2+)", () => {
  it("f(address a, address b): two cells", () => {
    expect(names(layoutCells([p("a", "address"), p("b", "address")], FUNCTION_ID_BITS))).to.deep.equal([["a"], ["b"]]);
  });
  it("four maps fit one cell", () => {
    const ps = ["a", "b", "c", "d"].map((n) => p(n, "map(uint256,uint256)"));
    expect(names(layoutCells(ps, FUNCTION_ID_BITS))).to.deep.equal([["a", "b", "c", "d"]]);
  });
  it("four strings and a uint32 fit one cell (all remaining fit by max size)", () => {
    const ps = [..."abcd"].map((n) => p(n, "string")).concat([p("e", "uint32")]);
    expect(names(layoutCells(ps, FUNCTION_ID_BITS))).to.deep.equal([["a", "b", "c", "d", "e"]]);
  });
  it("four strings and four uint256: three cells [a b c] [d e f g] [h]", () => {
    const ps = [..."abcd"].map((n) => p(n, "string")).concat([..."efgh"].map((n) => p(n, "uint256")));
    expect(names(layoutCells(ps, FUNCTION_ID_BITS))).to.deep.equal([["a", "b", "c"], ["d", "e", "f", "g"], ["h"]]);
  });
  it("external f(address, address) with time+expire headers: header alone in the root, then one address per cell", () => {
    expect(names(layoutCells([p("a", "address"), p("b", "address")], EXTERNAL_HEADER_BITS + FUNCTION_ID_BITS))).to.deep.equal([[], ["a"], ["b"]]);
  });
  it("tuples count as the sequence of their components", () => {
    const t = p("s", "tuple", [p("x", "uint24"), p("y", "address")]);
    expect(names(layoutCells([p("a", "address"), t], FUNCTION_ID_BITS))).to.deep.equal([["a", "s.x"], ["s.y"]]);
  });
  it("max sizes and the large-optional and map-value-in-ref rules", () => {
    expect(maxSize(parseType(p("x", "varuint16")))).to.deep.equal({ bits: 124, refs: 0 });
    expect(maxSize(parseType(p("x", "uint8[]")))).to.deep.equal({ bits: 33, refs: 1 });
    expect(maxSize(parseType(p("x", "optional(uint32)")))).to.deep.equal({ bits: 33, refs: 0 });
    const big = parseType(p("x", "optional(tuple)", [p("a", "uint256"), p("b", "uint256"), p("c", "uint256"), p("d", "uint256")]));
    expect(big.kind === "optional" && isLargeOptional(big)).to.equal(true);
    expect(mapValueInRef({ kind: "uint", bits: 256 }, parseType(p("v", "tuple", [p("a", "address"), p("b", "address")])))).to.equal(true);
    expect(mapValueInRef({ kind: "uint", bits: 32 }, { kind: "uint", bits: 64 })).to.equal(false);
  });
});

describe("toolchain: generated tables and the VM gate", () => {
  it("docs/errors.md is generated from contracts/errors.json and is current", () => {
    const root = path.resolve(__dirname, "../../..");
    const reg = loadErrorRegistry(path.join(root, "contracts/errors.json"));
    expect(fs.readFileSync(path.join(root, "docs/errors.md"), "utf8")).to.equal(errorsMarkdown(reg));
  });
  it("flags TVM 11/12-only instructions and names the procedure", () => {
    const fift = ["PROGRAM{", "  foo PROC:<{", "    LDMSGADDR", "    LDSTDADDR", "    HASHCU", "  }>", "  bar PROCINLINE:<{", "    NEWC HASHBU", "  }>"].join("\n");
    expect(findForbiddenInstructions(fift)).to.deep.equal([
      { instruction: "LDSTDADDR", proc: "foo" },
      { instruction: "HASHBU", proc: "bar" },
    ]);
  });
});
