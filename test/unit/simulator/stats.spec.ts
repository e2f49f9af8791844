import { expect } from "chai";
import { Cell } from "@ton/core";
import { signVerify } from "@ton/crypto";
import * as nt from "nekoton-wasm";
import {
  decodeTermStats,
  encodeTermStats,
  joinSignature,
  signaturesToTokens,
  signTermStats,
  TERM_SIGNATURES_ABI,
  TERM_STATS_ABI,
  TermStats,
} from "../../../src/simulator";
import { key, makeSet } from "./helpers";

describe("simulator/stats: term statistics cell (ABI 2.4)", () => {
  const big = "ff".repeat(32);
  const t: TermStats = {
    networkId: 4294967295,
    termId: 12,
    blocks: 3600,
    stats: new Map([
      [key(1), { proposed: 1800, missed: 3, signed: 3600, fees: 1800n * 1_000_000_000n }],
      [key(2), { proposed: 0, missed: 0, signed: 0, fees: 0n }],
      [big, { proposed: 1800, missed: 0, signed: 3599, fees: 2n ** 127n + 5n }],
    ]),
  };

  it("TERM_STATS_ABI is the fixed parameter list", () => {
    expect(TERM_STATS_ABI.map(p => `${p.name}:${p.type}`)).to.deep.equal([
      "networkId:uint32",
      "termId:uint32",
      "blocks:uint32",
      "stats:map(uint256,tuple)",
    ]);
    expect(TERM_STATS_ABI[3].components!.map(p => `${p.name}:${p.type}`)).to.deep.equal([
      "proposed:uint32",
      "missed:uint32",
      "signed:uint32",
      "fees:uint128",
    ]);
  });

  it("encode → decode (nekoton unpackFromCell) round trip; hash = representation hash", () => {
    const e = encodeTermStats(t);
    expect(e.hash.equals(Cell.fromBase64(e.boc).hash())).to.equal(true);
    expect(e.hash.toString("hex")).to.equal(nt.packIntoCell(TERM_STATS_ABI, (nt.unpackFromCell(TERM_STATS_ABI, e.boc, false, "2.4")), "2.4").hash);
    const d = decodeTermStats(e.boc);
    expect(d.networkId).to.equal(t.networkId);
    expect(d.termId).to.equal(12);
    expect(d.blocks).to.equal(3600);
    expect(new Map([...d.stats].sort())).to.deep.equal(new Map([...t.stats].sort()));
  });

  it("layout: 3 × uint32 then the map as a maybe-ref (HashmapE 256)", () => {
    const s = encodeTermStats(t).cell.beginParse();
    expect([s.loadUint(32), s.loadUint(32), s.loadUint(32)]).to.deep.equal([4294967295, 12, 3600]);
    expect(s.loadBit()).to.equal(true);
    expect(s.remainingBits).to.equal(0);
    expect(s.remainingRefs).to.equal(1);
    // an empty map is a single 0 bit
    const empty = encodeTermStats({ networkId: 1, termId: 1, blocks: 0, stats: new Map() }).cell;
    expect(empty.bits.length).to.equal(97);
  });

  it("the encoding does not depend on map insertion order", () => {
    const rev: TermStats = { ...t, stats: new Map([...t.stats].reverse()) };
    expect(encodeTermStats(rev).boc).to.equal(encodeTermStats(t).boc);
  });

  it("signatures: ed25519 over the hash, r/s halves, ABI map(uint256, tuple(r, s))", () => {
    const vals = makeSet([10n, 20n, 30n]);
    const e = encodeTermStats(t);
    const sigs = signTermStats(e.hash, vals);
    expect([...sigs.keys()]).to.deep.equal(vals.map(v => v.key));
    for (const v of vals) {
      const s = sigs.get(v.key)!;
      expect(signVerify(e.hash, s.signature, v.signingKey.publicKey)).to.equal(true);
      expect(joinSignature(s.r, s.s).equals(s.signature)).to.equal(true);
      expect(s.r).to.equal(BigInt("0x" + s.signature.subarray(0, 32).toString("hex")));
      expect(s.s).to.equal(BigInt("0x" + s.signature.subarray(32).toString("hex")));
    }
    const tokens = signaturesToTokens(sigs);
    const packed = nt.packIntoCell([TERM_SIGNATURES_ABI], { signatures: tokens }, "2.4");
    const back = nt.unpackFromCell([TERM_SIGNATURES_ABI], packed.boc, false, "2.4") as {
      signatures: [string, { r: string; s: string }][];
    };
    const m = new Map(back.signatures.map(([k, v]) => [BigInt(k).toString(16).padStart(64, "0"), joinSignature(BigInt(v.r), BigInt(v.s))]));
    for (const v of vals) expect(m.get(v.key)!.equals(sigs.get(v.key)!.signature)).to.equal(true);
  });

  it("rejects a hash that is not 32 bytes", () => {
    expect(() => signTermStats(Buffer.alloc(31), makeSet([1n]))).to.throw(/32 bytes/);
  });
});
