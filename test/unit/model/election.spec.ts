import { expect } from "chai";
import fc from "fast-check";
import { Candidate, ElectionParams, elect, electDetailed, keyOf, rankCandidates, rankEligible, ModelError } from "../../../src/model";

/** Vectors of codechain-rules.md "Election": min 3, max 5, threshold 1000, min deposit 10000 unless said. */
const P: ElectionParams = { maxValidators: 5, minValidators: 3, delegationThreshold: 1000n, minDeposit: 10000n };
const c = (i: number, delegation: bigint, deposit = 10000n, order = 0): Candidate => ({ key: keyOf(i), delegation, deposit, order });
const keys = (xs: { key: string }[]) => xs.map((x) => x.key);

describe("model/election: rank order", () => {
  it("ranks by delegation desc, deposit desc, order desc, key asc", () => {
    const cs = [c(1, 100n, 10n, 1), c(2, 200n, 10n, 1), c(3, 100n, 20n, 1), c(4, 100n, 10n, 5), c(5, 100n, 10n, 1)];
    expect(keys(rankCandidates(cs))).to.deep.equal([keyOf(2), keyOf(3), keyOf(4), keyOf(1), keyOf(5)]);
  });
  it("does not mutate its input and is independent of input order", () => {
    const cs = [c(3, 1n), c(1, 1n), c(2, 1n)];
    const copy = [...cs];
    const r1 = rankCandidates(cs);
    expect(cs).to.deep.equal(copy);
    expect(keys(rankCandidates([...cs].reverse()))).to.deep.equal(keys(r1));
  });
  it("rejects duplicate keys", () => {
    expect(() => elect([c(1, 5000n), c(1, 4000n)], P)).to.throw(ModelError).with.property("code", "E_DUPLICATE_KEY");
  });
});

describe("model/election: codechain-rules vectors", () => {
  it("max 3: 5000, 4900, 4800, 4700 → first three", () => {
    const cs = [c(1, 5000n), c(2, 4900n), c(3, 4800n), c(4, 4700n)];
    const e = elect(cs, { ...P, maxValidators: 3 });
    expect(keys(e)).to.deep.equal([keyOf(1), keyOf(2), keyOf(3)]);
    expect(e.map((v) => v.votingPower)).to.deep.equal([5000n, 4900n, 4800n]);
  });
  it("max 4: 5000, 4900, 4800, 900 → first three (900 under the threshold after the MIN seats)", () => {
    const cs = [c(1, 5000n), c(2, 4900n), c(3, 4800n), c(4, 900n)];
    expect(keys(elect(cs, { ...P, maxValidators: 4 }))).to.deep.equal([keyOf(1), keyOf(2), keyOf(3)]);
  });
  it("deposit short: 5000×3 + one with deposit 9999 → the three; the fourth after depositing more", () => {
    const three = [c(1, 5000n), c(2, 5000n), c(3, 5000n)];
    expect(keys(elect([...three, c(4, 4000n, 9999n)], P))).to.have.members([keyOf(1), keyOf(2), keyOf(3)]).and.have.length(3);
    expect(keys(elect([...three, c(4, 4000n, 10000n)], P))).to.deep.equal([keyOf(1), keyOf(2), keyOf(3), keyOf(4)]);
  });
  it("tie at the cut, min 2, max 3: 5000, 4900, 4800, 4800 → 5000, 4900", () => {
    const cs = [c(1, 5000n), c(2, 4900n), c(3, 4800n), c(4, 4800n)];
    const d = electDetailed(cs, { ...P, minValidators: 2, maxValidators: 3 });
    expect(d.dropout!.delegation).to.equal(4800n);
    expect(keys(d.elected)).to.deep.equal([keyOf(1), keyOf(2)]);
  });
  it("tie inside MIN, min 3, max 3: the 4800 with the larger deposit is elected", () => {
    const cs = [c(1, 5000n), c(2, 4900n), c(3, 4800n, 10000n), c(4, 4800n, 20000n)];
    expect(keys(elect(cs, { ...P, minValidators: 3, maxValidators: 3 }))).to.deep.equal([keyOf(1), keyOf(2), keyOf(4)]);
  });
  it("all tied, min 2, max 3: 4000×5 → the two most recent nominations", () => {
    const cs = [c(1, 4000n, 10000n, 10), c(2, 4000n, 10000n, 50), c(3, 4000n, 10000n, 30), c(4, 4000n, 10000n, 40), c(5, 4000n, 10000n, 20)];
    expect(keys(elect(cs, { ...P, minValidators: 2, maxValidators: 3 }))).to.deep.equal([keyOf(2), keyOf(4)]);
  });
});

describe("model/election: steps 1, 4, 6", () => {
  it("step 1: a candidate with no delegation is never elected, even below MIN", () => {
    expect(keys(elect([c(1, 5000n), c(2, 0n, 10n ** 9n)], P))).to.deep.equal([keyOf(1)]);
  });
  it("step 4: the MIN seats ignore the threshold", () => {
    expect(keys(elect([c(1, 10n), c(2, 5n), c(3, 1n), c(4, 999n, 9999n)], P))).to.deep.equal([keyOf(1), keyOf(2), keyOf(3)]);
  });
  it("step 5: a candidate exactly at the threshold is elected", () => {
    expect(keys(elect([c(1, 5000n), c(2, 4000n), c(3, 3000n), c(4, 1000n), c(5, 999n)], P))).to.deep.equal([keyOf(1), keyOf(2), keyOf(3), keyOf(4)]);
  });
  it("step 6: nobody eligible → []", () => {
    expect(elect([], P)).to.deep.equal([]);
    expect(elect([c(1, 5000n, 1n), c(2, 0n)], P)).to.deep.equal([]);
  });
  it("validates params", () => {
    expect(() => elect([], { ...P, minValidators: 6 })).to.throw(ModelError).with.property("code", "E_INVALID_PARAM");
  });
});

describe("model/election: properties", () => {
  const arbParams = fc
    .record({ max: fc.integer({ min: 1, max: 8 }), min: fc.integer({ min: 1, max: 8 }), thr: fc.bigInt({ min: 1n, max: 60n }), dep: fc.bigInt({ min: 1n, max: 30n }) })
    .map(({ max, min, thr, dep }): ElectionParams => ({ maxValidators: Math.max(max, min), minValidators: Math.min(max, min), delegationThreshold: thr, minDeposit: dep }));
  const arbCands = fc
    .array(fc.record({ delegation: fc.bigInt({ min: 0n, max: 50n }), deposit: fc.bigInt({ min: 0n, max: 40n }), order: fc.integer({ min: 0, max: 5 }) }), { maxLength: 16 })
    .map((xs) => xs.map((x, i) => ({ key: keyOf(1000 - i), ...x })));

  it("output = a prefix of the eligible ranking, size ≤ MAX, ≥ min(MIN, eligible), votingPower = delegation", () => {
    fc.assert(
      fc.property(arbCands, arbParams, (cands, p) => {
        const ranked = rankEligible(cands, p);
        const e = elect(cands, p);
        expect(keys(e)).to.deep.equal(keys(ranked.slice(0, e.length)));
        expect(e.length).to.be.at.most(p.maxValidators);
        expect(e.length).to.be.at.least(Math.min(p.minValidators, ranked.length));
        for (let i = 0; i < e.length; i++) expect(e[i].votingPower).to.equal(ranked[i].delegation);
        // beyond the MIN seats every validator satisfies step 5
        const d = ranked.length > p.maxValidators ? ranked[p.maxValidators].delegation : null;
        for (let i = Math.min(p.minValidators, ranked.length); i < e.length; i++) {
          expect(e[i].votingPower >= p.delegationThreshold && e[i].votingPower !== d).to.equal(true);
        }
      }),
      { numRuns: 500 },
    );
  });
  it("is deterministic under input permutation", () => {
    fc.assert(
      fc.property(arbCands, arbParams, fc.nat(), (cands, p, seed) => {
        const shuffled = [...cands].sort((a, b) => ((a.key.charCodeAt(63) * (seed + 7)) % 13) - ((b.key.charCodeAt(63) * (seed + 7)) % 13));
        expect(elect(shuffled, p)).to.deep.equal(elect(cands, p));
      }),
      { numRuns: 200 },
    );
  });
});
