/**
 * The few places where a contract reads or writes an ABI layout by hand for gas (the elector's
 * delegate/revoke hot path and report walk: contracts/DElectorConfig/accountraw.tolk, registry.tolk
 * emitDelegationEvent, ranking.tolk rankingRemoveAt) against the ABI they copy. If the ABI changes, this fails before any
 * chain test decodes a wrong value.
 */
import { expect } from "chai";
import fs from "fs";
import path from "path";

const abi = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../contracts/DElectorConfig.abi.json"), "utf8"));
const source = (f: string) => fs.readFileSync(path.join(__dirname, "../../../contracts/DElectorConfig", f), "utf8");
const FIXED_BITS: Record<string, number> = { uint8: 8, uint32: 32, uint64: 64 };

describe("toolchain: hand-written layouts agree with the ABI (DElectorConfig hot path)", () => {
  const accounts = abi.fields.find((f: { name: string }) => f.name === "accounts");

  it("accounts value: state uint8 · deposit · delegation (varuint16) lead; the rest starts with fixed fields up to order, then the identity ref (root first)", () => {
    const c = accounts.components as { name: string; type: string; components?: { name: string; type: string }[] }[];
    expect(c.slice(0, 3).map((x) => `${x.name}:${x.type}`)).to.deep.equal(["state:uint8", "deposit:varuint16", "delegation:varuint16"]);
    const orderAt = c.findIndex((x) => x.name === "order");
    const before = c.slice(3, orderAt);
    for (const x of before) expect(FIXED_BITS[x.type], `${x.name} has a fixed width`).to.be.a("number");
    const offset = before.reduce((a, x) => a + FIXED_BITS[x.type], 0);
    expect(c[orderAt].type).to.equal("uint64");
    // accountRestOrder: `(offset + 64) PLDU` then the low 64 bits
    expect(source("accountraw.tolk")).to.match(new RegExp(`"${offset + 64} PLDU" "64 MODPOW2#"`));
    // the first ref of the value is the identity, whose first field is the root (identityRootIs)
    const refs = c.filter((x) => x.type.startsWith("ref("));
    expect(refs[0].name).to.equal("identity");
    expect(refs[0].components![0]).to.deep.equal({ name: "root", type: "address" });
  });

  it("identity cell: root (addr_std: 2 + 1 + 8 bits before its account id) then signingKey uint256 (ROOT_ID_OFFSET)", () => {
    const identity = (accounts.components as { name: string; components?: { name: string; type: string }[] }[]).find((x) => x.name === "identity")!;
    expect(identity.components!.map((x) => `${x.name}:${x.type}`)).to.deep.equal(["root:address", "signingKey:uint256"]);
    expect(source("accountraw.tolk")).to.include(`const ROOT_ID_OFFSET = ${2 + 1 + 8}`);
  });

  it("ranking bucket: key uint256, then the ties map (no ref when empty: rankingRemoveAt's single-key test)", () => {
    const ranking = abi.fields.find((f: { name: string }) => f.name === "ranking");
    expect(ranking.type).to.equal("map(uint224,tuple)");
    expect(ranking.components.map((x: { name: string; type: string }) => `${x.name}:${x.type}`)).to.deep.equal(["key:uint256", "ties:map(uint256,bool)"]);
    const r = source("ranking.tolk");
    expect(r).to.include('"224 PUSHINT" "DICTUDELGET"');
    expect(r).to.include("(v!.preloadUint(256) == key) & (v!.remainingRefsCount() == 0)");
  });

  it("Delegated and Revoked carry the same inputs (one emitDelegationEvent writes both)", () => {
    const ev = (n: string) => abi.events.find((e: { name: string }) => e.name === n).inputs;
    expect(ev("Delegated")).to.deep.equal(ev("Revoked"));
    expect(ev("Delegated").map((x: { type: string }) => x.type)).to.deep.equal(["uint256", "varuint16", "varuint16"]);
    expect(source("registry.tolk")).to.include(".storeUint(key, 256).storeCoins(amount).storeCoins(delegation)");
  });
});
