import { expect } from "chai";
import { Cell } from "@ton/core";
import { signVerify } from "@ton/crypto";
import { decodeHeader, encodeHeader, joinSignature, makeDoubleVote } from "../../../src/simulator";
import { makeSet } from "./helpers";

describe("simulator/doubleVote", () => {
  const [v] = makeSet([100n]);
  const args = { networkId: 5, termId: 9, height: 123456789012n, round: 2, validator: v };

  it("header: one cell of 416 plain bits in the fixed field order", () => {
    const h = encodeHeader({ networkId: 1, termId: 2, height: 3, round: 4, blockHash: 0xabcn });
    expect(h.bits.length).to.equal(416);
    expect(h.refs).to.have.length(0);
    const s = h.beginParse();
    expect([s.loadUint(32), s.loadUint(32), s.loadUintBig(64), s.loadUint(32), s.loadUintBig(256)]).to.deep.equal([1, 2, 3n, 4, 0xabcn]);
    expect(encodeHeader({ networkId: 1, termId: 2, height: 3, round: 4, blockHash: Buffer.from("0abc".padStart(64, "0"), "hex") }).hash().equals(h.hash())).to.equal(true);
  });

  it("two different headers sharing (networkId, termId, height, round), both signed by the key", () => {
    const dv = makeDoubleVote(args);
    expect(dv.header1).to.not.equal(dv.header2);
    expect(dv.blockHash1).to.not.equal(dv.blockHash2);
    const h1 = decodeHeader(dv.header1);
    const h2 = decodeHeader(dv.header2);
    for (const h of [h1, h2]) {
      expect(h.networkId).to.equal(5);
      expect(h.termId).to.equal(9);
      expect(h.height).to.equal(123456789012n);
      expect(h.round).to.equal(2);
    }
    expect(h1.blockHash).to.equal(dv.blockHash1);
    expect(h2.blockHash).to.equal(dv.blockHash2);
    const c1 = Cell.fromBase64(dv.header1);
    const c2 = Cell.fromBase64(dv.header2);
    expect(c1.hash().equals(dv.hash1)).to.equal(true);
    expect(c2.hash().equals(dv.hash2)).to.equal(true);
    expect(dv.sig1).to.have.length(64);
    expect(signVerify(c1.hash(), dv.sig1, v.signingKey.publicKey)).to.equal(true);
    expect(signVerify(c2.hash(), dv.sig2, v.signingKey.publicKey)).to.equal(true);
    expect(signVerify(c2.hash(), dv.sig1, v.signingKey.publicKey)).to.equal(false);
    expect(joinSignature(dv.rs1.r, dv.rs1.s).equals(dv.sig1)).to.equal(true);
    expect(joinSignature(dv.rs2.r, dv.rs2.s).equals(dv.sig2)).to.equal(true);
    expect(dv.key).to.equal(v.key);
  });

  it("is deterministic with a seed and random without one", () => {
    expect(makeDoubleVote({ ...args, seed: 1 })).to.deep.equal(makeDoubleVote({ ...args, seed: 1 }));
    expect(makeDoubleVote({ ...args, seed: 1 }).header1).to.not.equal(makeDoubleVote({ ...args, seed: 2 }).header1);
    expect(makeDoubleVote(args).header1).to.not.equal(makeDoubleVote(args).header1);
  });
});
