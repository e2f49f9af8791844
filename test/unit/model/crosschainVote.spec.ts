import { expect } from "chai";
import fc from "fast-check";
import { commitDecision, proposalMessages, OriginView } from "../../../src/model";

const view = (o: Partial<OriginView>): OriginView => ({
  chains: [-1, 0, 1, 2], origin: -1, originYes: 0n, originStake: 0n, tallies: new Map(), lastKnownStake: new Map(), ...o,
});

describe("model: cross-chain config vote (origin's commit rule, message counts)", () => {
  it("49.9 % of the registered stake does not commit, 50.1 % does", () => {
    const acks = new Map([[0, { yes: 0n, total: 499n }], [1, { yes: 0n, total: 2n }], [2, { yes: 0n, total: 499n }]]);
    const at499 = new Map(acks).set(0, { yes: 499n, total: 499n });
    expect(commitDecision(view({ tallies: at499 }))).to.deep.equal({ yes: 499n, total: 1000n, commit: false });
    const at501 = new Map(at499).set(1, { yes: 2n, total: 2n });
    expect(commitDecision(view({ tallies: at501 }))).to.deep.equal({ yes: 501n, total: 1000n, commit: true });
  });

  it("exactly half is not a majority; no stake never commits", () => {
    expect(commitDecision(view({ tallies: new Map([[0, { yes: 500n, total: 500n }], [1, { yes: 0n, total: 500n }]]) })).commit).to.equal(false);
    expect(commitDecision(view({})).commit).to.equal(false);
  });

  it("a chain that has not tallied counts its last known stake with no yes", () => {
    const tallies = new Map([[0, { yes: 600n, total: 600n }]]);
    expect(commitDecision(view({ tallies, lastKnownStake: new Map([[2, 700n]]) }))).to.deep.equal({ yes: 600n, total: 1300n, commit: false });
    expect(commitDecision(view({ tallies, lastKnownStake: new Map([[2, 500n]]) })).commit).to.equal(true);
  });

  it("the origin's own votes and stake count", () => {
    expect(commitDecision(view({ origin: 0, chains: [-1, 0], originYes: 10n, originStake: 10n, lastKnownStake: new Map([[-1, 5n]]) }))).to.deep.equal({ yes: 10n, total: 15n, commit: true });
  });

  it("messages per proposal: 3C + 1 with one voter on one chain (measured on chain for C = 2, 3, 4)", () => {
    expect([2, 3, 4, 8].map((c) => proposalMessages(c, 1, 1).total)).to.deep.equal([7, 10, 13, 25]);
    expect(proposalMessages(4, 2, 2)).to.deep.equal({ propose: 1, submitProposal: 1, proposal: 3, tally: 5, vote: 2, commit: 3, total: 15 });
    expect(() => proposalMessages(0, 0, 0)).to.throw(RangeError);
  });

  it("property: linear in C (O(chains)) for a fixed number of votes and vote tallies", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 50 }), (c, v) => {
      const t = Math.min(v, c - 1);
      expect(proposalMessages(c + 1, v, t).total - proposalMessages(c, v, t).total).to.equal(3);
    }));
  });
});
