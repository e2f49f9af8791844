import { expect } from "chai";
import { signVerify } from "@ton/crypto";
import { Cell } from "@ton/core";
import { ProposerSchedule } from "../../../src/model/proposer";
import { loadRealValidatorSet, weightsToStakes } from "../../../src/network/p34";
import { simulateTerm, withSimKeys } from "../../../src/simulator";
import { key, makeSet } from "./helpers";

const FEE = 1_000_000_000n;
const base = { networkId: 7, termId: 3, feePerBlock: FEE, seed: 42 };

describe("simulator/simulateTerm", () => {
  it("all online: every slot commits at view 0, order follows the schedule, Σproposed = blocks", () => {
    const vals = makeSet([300n, 200n, 100n]);
    const r = simulateTerm({ ...base, validators: vals, blocks: 12 });
    expect(r.blocks).to.equal(12);
    // spec example: A 300, B 200, C 100 → A, A, B, A, B, C, repeat
    const [A, B, C] = [key(1), key(2), key(3)];
    expect(r.chain.map(b => b.author)).to.deep.equal([A, A, B, A, B, C, A, A, B, A, B, C]);
    const sched = new ProposerSchedule(vals);
    for (const b of r.chain) {
      expect(b.view).to.equal(0);
      expect(b.signers).to.equal(3);
      expect(b.author).to.equal(sched.current());
      sched.onBlock(b.author);
    }
    let sum = 0;
    for (const v of vals) {
      const s = r.stats.get(v.key)!;
      sum += s.proposed;
      expect(s.signed).to.equal(12);
      expect(s.missed).to.equal(0);
      expect(s.fees).to.equal(FEE * BigInt(s.proposed));
    }
    expect(sum).to.equal(12);
    expect(r.signatures.size).to.equal(3);
    expect(r.statsAccepted).to.equal(true);
  });

  it("one offline validator: proposed 0, signed 0; its views pass to the next in priority", () => {
    const vals = makeSet([300n, 250n, 250n, 200n, 100n]);
    const off = key(2);
    const r = simulateTerm({ ...base, validators: vals, blocks: 40, offline: new Set([off]) });
    expect(r.blocks).to.equal(40); // 250 of 1100 offline < 1/3
    expect(r.stats.get(off)).to.deep.equal({ proposed: 0, missed: 0, signed: 0, fees: 0n });
    const sched = new ProposerSchedule(vals);
    let passed = 0;
    for (const b of r.chain) {
      const expected = sched.current() === off ? sched.proposerForView(1) : sched.current();
      if (sched.current() === off) passed++;
      expect(b.author).to.equal(expected);
      expect(b.view).to.equal(sched.current() === off ? 1 : 0);
      expect(b.signers).to.equal(4);
      sched.onBlock(b.author);
    }
    expect(passed).to.be.greaterThan(0);
    for (const v of vals.filter(v => v.key !== off)) {
      const s = r.stats.get(v.key)!;
      expect(s.signed).to.equal(40);
      expect(s.missed).to.equal(s.proposed); // one absent signer per block
    }
    expect(r.signatures.has(off)).to.equal(false);
    expect(r.signatures.size).to.equal(4);
  });

  it("more than 1/3 of the power offline → 0 blocks, stats not acceptable", () => {
    const vals = makeSet([300n, 200n, 100n, 100n]);
    const r = simulateTerm({ ...base, validators: vals, blocks: 20, offline: new Set([key(1)]) }); // 300/700
    expect(r.blocks).to.equal(0);
    expect(r.chain).to.have.length(0);
    for (const s of r.stats.values()) expect(s).to.deep.equal({ proposed: 0, missed: 0, signed: 0, fees: 0n });
    expect(r.statsAccepted).to.equal(false);
    expect(r.encoded.cell.hash().equals(r.encoded.hash)).to.equal(true);
  });

  it("exactly 1/3 offline → 0 blocks (the > 2/3 rule is strict)", () => {
    const vals = makeSet([100n, 100n, 100n]);
    const r = simulateTerm({ ...base, validators: vals, blocks: 5, offline: new Set([key(3)]) });
    expect(r.blocks).to.equal(0);
    expect(r.statsAccepted).to.equal(false);
  });

  it("miss rates: missed counts the absent precommits, signed ≤ blocks", () => {
    const vals = makeSet([100n, 100n, 100n, 100n, 100n, 100n, 100n]);
    const r = simulateTerm({ ...base, validators: vals, blocks: 200, missRate: new Map([[key(7), 0.5], [key(6), 0.2]]) });
    expect(r.blocks).to.equal(200); // 5 of 7 always sign: 5/7 > 2/3
    const missedTotal = [...r.stats.values()].reduce((a, s) => a + s.missed, 0);
    expect(missedTotal).to.equal(r.chain.reduce((a, b) => a + (7 - b.signers), 0));
    const s7 = r.stats.get(key(7))!;
    expect(s7.signed).to.be.lessThan(200).and.greaterThan(s7.proposed + 50);
    for (const k of [1, 2, 3, 4, 5]) expect(r.stats.get(key(k))!.signed).to.equal(200);
    // a missed precommit can sink a block below 2/3 → a later view of the same slot commits
    const tight = simulateTerm({ ...base, validators: makeSet([100n, 100n, 100n, 100n]), blocks: 100, missRate: new Map([[key(4), 0.5], [key(3), 0.5]]) });
    expect(tight.chain.some(b => b.view > 0)).to.equal(true);
    for (const b of tight.chain) expect(b.signers).to.be.greaterThanOrEqual(3);
  });

  it("the statistics signatures verify against the cell hash (ed25519, hash signed as is)", () => {
    const vals = makeSet([300n, 200n, 100n, 50n]);
    const r = simulateTerm({ ...base, validators: vals, blocks: 10, offline: new Set([key(4)]) });
    const hash = Cell.fromBase64(r.encoded.boc).hash();
    expect(hash.equals(r.encoded.hash)).to.equal(true);
    for (const v of vals.slice(0, 3)) {
      const s = r.signatures.get(v.key)!;
      expect(s.signature).to.have.length(64);
      expect(signVerify(hash, s.signature, v.signingKey.publicKey)).to.equal(true);
      expect(signVerify(hash, s.signature, vals[3].signingKey.publicKey)).to.equal(false);
    }
    expect(r.signerPower).to.equal(600n);
    expect(r.totalPower).to.equal(650n);
  });

  it("is deterministic by seed", () => {
    const vals = makeSet([100n, 90n, 80n, 70n, 60n, 50n]);
    const mr = new Map([[key(2), 0.3], [key(5), 0.6], [key(6), 0.6]]);
    const a = simulateTerm({ ...base, validators: vals, blocks: 150, missRate: mr });
    const b = simulateTerm({ ...base, validators: vals, blocks: 150, missRate: mr });
    const c = simulateTerm({ ...base, validators: vals, blocks: 150, missRate: mr, seed: 43 });
    expect(a.encoded.boc).to.equal(b.encoded.boc);
    expect(a.chain).to.deep.equal(b.chain);
    expect([...a.signatures.values()].map(s => s.r)).to.deep.equal([...b.signatures.values()].map(s => s.r));
    expect(c.encoded.boc).to.not.equal(a.encoded.boc);
  });

  it("rejects bad input", () => {
    const vals = makeSet([100n, 100n]);
    expect(() => simulateTerm({ ...base, validators: vals, blocks: 1, offline: new Set([key(9)]) })).to.throw(/not in the set/);
    expect(() => simulateTerm({ ...base, validators: vals, blocks: 1, missRate: new Map([[key(1), 2]]) })).to.throw(/\[0, 1\]/);
    expect(() => simulateTerm({ ...base, validators: [...vals, vals[0]], blocks: 1 })).to.throw(/duplicate/);
    expect(() => simulateTerm({ ...base, validators: vals, blocks: -1 })).to.throw();
  });

  it("runs the real 187-validator set (p34 keys, scaled stakes) with a few validators down", () => {
    const set = loadRealValidatorSet();
    const stakes = weightsToStakes(set.validators);
    const vals = withSimKeys(
      set.validators.map((v, i) => ({ key: v.publicKey, delegation: stakes[i], deposit: 10_000n * 1_000_000_000n })),
      7,
    );
    const offline = new Set(vals.slice(0, 10).map(v => v.key));
    const r = simulateTerm({ ...base, validators: vals, blocks: 300, offline, missRate: new Map([[vals[20].key, 0.1]]) });
    expect(r.blocks).to.equal(300);
    for (const k of offline) expect(r.stats.get(k)!.proposed).to.equal(0);
    expect(r.signatures.size).to.equal(177);
    expect(r.statsAccepted).to.equal(true);
    expect([...r.stats.values()].reduce((a, s) => a + s.proposed, 0)).to.equal(300);
  });
});
