import { expect } from "chai";
import fc from "fast-check";
import { ProposerSchedule, isBlockValid, ModelError } from "../../../src/model";

const V = (key: string, delegation: bigint, deposit = 0n) => ({ key, delegation, deposit });

describe("model/proposer: priority rule", () => {
  it("spec example: A 300, B 200, C 100 all online → A, A, B, A, B, C, then repeat", () => {
    const s = new ProposerSchedule([V("C", 100n), V("A", 300n), V("B", 200n)]);
    const seq: string[] = [];
    for (let i = 0; i < 18; i++) {
      const p = s.current();
      seq.push(p);
      s.onBlock(p);
    }
    expect(seq.join("")).to.equal("AABABC".repeat(3));
  });
  it("weights follow the rule: author −m, validators ranked above it −2m, saturating at 0", () => {
    const s = new ProposerSchedule([V("A", 300n), V("B", 200n), V("C", 100n)]);
    expect(s.minDelegation).to.equal(100n);
    s.onBlock("C"); // A, B above C lose 200 each; C loses 100
    expect(s.priorities()).to.deep.equal([
      { key: "A", weight: 100n },
      { key: "B", weight: 0n },
      { key: "C", weight: 0n },
    ]);
    s.onBlock("A");
    // all zero → reset to delegations
    expect(s.priorities().map((p) => p.weight)).to.deep.equal([300n, 200n, 100n]);
  });
  it("sorts ties by delegation, then deposit, then key (all descending)", () => {
    const s = new ProposerSchedule([V("a", 100n, 1n), V("b", 100n, 2n), V("c", 100n, 2n)]);
    expect(s.priorities().map((p) => p.key)).to.deep.equal(["c", "b", "a"]);
  });
  it("proposer for view v is list[v % n]", () => {
    const s = new ProposerSchedule([V("A", 300n), V("B", 200n), V("C", 100n)]);
    expect([0, 1, 2, 3, 4].map((v) => s.proposerForView(v))).to.deep.equal(["A", "B", "C", "A", "B"]);
  });
  it("an offline head loses priority when another validator authors the block", () => {
    const s = new ProposerSchedule([V("A", 300n), V("B", 200n), V("C", 100n)]);
    s.onBlock(s.proposerForView(1)); // A offline, B proposes in view 1: A loses 200, B loses 100
    // all at 100 → ordered by delegation
    expect(s.priorities()).to.deep.equal([
      { key: "A", weight: 100n },
      { key: "B", weight: 100n },
      { key: "C", weight: 100n },
    ]);
  });
  it("remove() drops a banned validator for good", () => {
    const s = new ProposerSchedule([V("A", 300n), V("B", 200n), V("C", 100n)]);
    s.remove("C");
    expect(s.minDelegation).to.equal(200n);
    const seq: string[] = [];
    for (let i = 0; i < 10; i++) {
      seq.push(s.current());
      s.onBlock(s.current());
    }
    expect(seq).to.not.include("C");
  });
  it("rejects unknown authors, empty or zero-delegation sets", () => {
    const s = new ProposerSchedule([V("A", 1n)]);
    expect(() => s.onBlock("Z")).to.throw(ModelError).with.property("code", "E_NOT_VALIDATOR");
    expect(() => new ProposerSchedule([])).to.throw(ModelError).with.property("code", "E_EMPTY_SET");
    expect(() => new ProposerSchedule([V("A", 0n)])).to.throw(ModelError).with.property("code", "E_INVALID_AMOUNT");
  });
  it("with all online, proposals over a full cycle are proportional to delegation (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 5 }), (mults) => {
        const vs = mults.map((m, i) => V(`k${i}`, BigInt(m) * 100n));
        const s = new ProposerSchedule(vs);
        const counts = new Map<string, number>();
        // one full cycle (until the reset) has Σ ceil(d/m) blocks when all are online; each validator
        // proposes ceil(d/m) of them
        const m = Math.min(...mults);
        const share = mults.map((x) => Math.ceil(x / m));
        const total = share.reduce((a, b) => a + b, 0);
        const weightsAtStart = JSON.stringify(s.priorities().map((p) => [p.key, p.weight.toString()]));
        for (let i = 0; i < total; i++) {
          const p = s.current();
          counts.set(p, (counts.get(p) ?? 0) + 1);
          s.onBlock(p);
        }
        expect(JSON.stringify(s.priorities().map((p) => [p.key, p.weight.toString()]))).to.equal(weightsAtStart);
        share.forEach((n, i) => expect(counts.get(`k${i}`)).to.equal(n));
      }),
      { numRuns: 100, examples: [[[3, 2, 1]]] },
    );
  });
});

describe("model/proposer: block validity", () => {
  it("needs strictly more than 2/3 of the voting power", () => {
    expect(isBlockValid(200n, 300n)).to.equal(false);
    expect(isBlockValid(201n, 300n)).to.equal(true);
    expect(isBlockValid(2n, 3n)).to.equal(false);
    expect(isBlockValid(3n, 3n)).to.equal(true);
  });
});
